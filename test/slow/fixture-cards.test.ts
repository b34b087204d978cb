// A slow sweep (npm run test:slow).
// The reviewer's rules over every card the fixtures produce (fixtures/scenarios/*.json and team/*.json),
// plus the cards the default world shows when a rep holds a time, tests the HubSpot connection and writes
// a draft to a known contact: no two buttons with one label, every icon with alt text no other icon on its
// card shares, one name for the times ("Times to offer"), and counts with their plural written out.
import { readdirSync } from 'fs';
import { join } from 'path';
import { runScenario } from '../../tools/workbench/run-scenario';
import { loadScenario } from '../../tools/workbench/scenario';
import type { Scenario } from '../../tools/workbench/scenario';
import { bundleCode, fixture } from '../workbench/run-fixture';
import type { Json } from '../cards/card-json';
import { altTextProblems, pluralProblems, repeatedLabels, vocabularyProblems } from '../cards/card-rules';

jest.setTimeout(180_000);

const DIR = join(__dirname, '..', '..', 'fixtures', 'scenarios');

function fixtureFiles(): string[] {
  const top = readdirSync(DIR).filter((f) => f.endsWith('.json'));
  const team = readdirSync(join(DIR, 'team'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => join('team', f));
  return top.concat(team);
}

/** The default world, walked through what the fixtures leave out. */
function moreOfTheDefault(): Scenario {
  const scenario = fixture('default');
  scenario.steps = [
    { open: 'msg-sarah-demo' },
    { press: 'Hold on calendar' },
    { press: 'Add HubSpot task' },
    { universal: 'Settings' },
    { press: 'Test connection' },
    { compose: { to: ['sarah.chen@acmelogistics.example'] } },
    { poll: true },
    { homepage: 'gmail' },
    { homepage: 'calendar' },
  ];
  return scenario;
}

const cards: Array<{ where: string; card: Json }> = [];

beforeAll(async () => {
  const code = await bundleCode();
  const worlds: Array<[string, Scenario]> = fixtureFiles().map((f) => [f, loadScenario(join(DIR, f))]);
  worlds.push(['default, walked further', moreOfTheDefault()]);
  for (const [name, scenario] of worlds) {
    const outcome = await runScenario(scenario, code);
    outcome.steps.forEach((step, i) => {
      const card = step.card as Json | null;
      if (card && card.sections) cards.push({ where: `${name} step ${i + 1} (${card.name})`, card });
    });
  }
});

describe('every card of the fixtures', () => {
  it('are many (the run drew them)', () => {
    expect(cards.length).toBeGreaterThan(40);
  });

  it('shows no two buttons with the same label', () => {
    const found = cards.map(({ where, card }) => ({ where, problems: repeatedLabels(card) }));
    expect(found.filter((f) => f.problems.length)).toEqual([]);
  });

  it('gives every icon alt text that no other icon on its card shares', () => {
    const found = cards.map(({ where, card }) => ({ where, problems: altTextProblems(card) }));
    expect(found.filter((f) => f.problems.length)).toEqual([]);
  });

  it('calls the times "Times to offer", never by an older name', () => {
    const found = cards.map(({ where, card }) => ({ where, problems: vocabularyProblems(card) }));
    expect(found.filter((f) => f.problems.length)).toEqual([]);
  });

  it('writes plurals out: "1 lead", "2 leads", never "2 lead(s)"', () => {
    const found = cards.map(({ where, card }) => ({ where, problems: pluralProblems(card) }));
    expect(found.filter((f) => f.problems.length)).toEqual([]);
  });
});
