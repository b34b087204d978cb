// The reviewer's checks on the demo's own card JSON (`npm run demo` runs fixtures/scenarios/default.json):
// the known contact's lead card leads with at most seven widgets before the first time to offer, has one
// "Create reply draft", icons, a collapsible section and a peek header; no card of the run shows two
// buttons with the same label.
import { runScenario } from '../../tools/workbench/run-scenario';
import type { Outcome } from '../../tools/workbench/outcome';
import { bundleCode, fixture } from '../workbench/run-fixture';
import type { Json } from './card-json';
import {
  hasCollapsibleSection,
  pressableLabels,
  repeatedLabels,
  usesIcons,
  widgetsBeforeFirstTime,
} from './card-rules';

jest.setTimeout(90_000);

let outcome: Outcome;
beforeAll(async () => {
  outcome = await runScenario(fixture('default'), await bundleCode());
});

function cardOf(label: RegExp): Json {
  const step = outcome.steps.find((s) => label.test(s.label));
  if (!step || !step.card) throw new Error(`No card for ${label}`);
  return step.card as Json;
}

describe("the demo's cards", () => {
  it('the known contact: the next step in the first screenful', () => {
    expect(outcome.errors).toEqual([]);
    const card = cardOf(/opens Sarah's email/);
    const before = widgetsBeforeFirstTime(card);
    expect(before).not.toBeNull();
    expect(before).toBeLessThanOrEqual(7);
    expect(pressableLabels(card).filter((l) => l === 'Create reply draft')).toHaveLength(1);
    expect(usesIcons(card)).toBe(true);
    expect(hasCollapsibleSection(card)).toBe(true);
    expect(card.peekCardHeader).toMatchObject({ title: 'Sarah Chen' });
  });

  it('no card shows two buttons with the same label', () => {
    const cards = outcome.steps
      .map((s) => s.card as Json | null)
      .filter((c): c is Json => !!c && !!c.sections);
    expect(cards.length).toBeGreaterThan(4);
    for (const card of cards)
      expect({ card: card.name, repeated: repeatedLabels(card) }).toEqual({ card: card.name, repeated: [] });
  });
});
