// Times to offer through the real bundle: a held time shows as held (and stays offered, ticked) on the lead
// card, right after holding and after a fresh lookup; a calendar with no free time in the horizon says
// when the first free time is, or names the whole range when the days after are full too.
import { ScenarioRunner } from '../../tools/workbench/runner';
import type { Scenario } from '../../tools/workbench/scenario';
import type { Json } from '../cards/card-json';
import { bundleCode, fixture } from './run-fixture';

jest.setTimeout(120_000);

async function withRunner(scenario: Scenario, body: (runner: ScenarioRunner) => void): Promise<void> {
  const runner = new ScenarioRunner(scenario, await bundleCode());
  try {
    body(runner);
  } finally {
    await runner.world.close();
  }
}

function timeItems(card: Json): Json[] {
  for (const section of card.sections)
    for (const w of section.widgets)
      if (w.selectionInput && w.selectionInput.name === 'slots') return w.selectionInput.items;
  return [];
}

function paragraphs(card: Json): string[] {
  return card.sections.flatMap((s: Json) =>
    s.widgets.filter((w: Json) => w.textParagraph).map((w: Json) => String(w.textParagraph.text)),
  );
}

/** The default world with one busy event from `from` to `to` (ISO), blocking every working hour between. */
function busyFrom(from: string, to: string): Scenario {
  const scenario = fixture('default');
  scenario.steps = [];
  scenario.calendarEvents.push({
    id: 'ev-offsite',
    title: 'Offsite',
    start: Date.parse(from),
    end: Date.parse(to),
  });
  return scenario;
}

describe('a held time', () => {
  it('shows as held and ticked right after holding, and again after a fresh lookup', async () => {
    await withRunner(busyFrom('2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z'), (runner) => {
      const opened = runner.step({ open: 'msg-sarah-demo' });
      const third = timeItems(opened.card as Json)[2];
      const held = runner.step({ press: 'Hold on calendar', choose: { slots: [String(third.value)] } });
      expect(held.error).toBeNull();
      expect(held.notification).toMatch(/^Held .* on your calendar\. No invitation was sent\.$/);
      const marked = (card: Json) =>
        timeItems(card)
          .filter((i) => / · held on your calendar$/.test(i.text))
          .map((i) => ({ value: i.value, selected: i.selected }));
      expect(marked(held.card as Json)).toEqual([{ value: third.value, selected: true }]);
      // Refresh looks everything up again: the hold is busy time now, yet still offered, marked held.
      const fresh = runner.step({ press: 'Refresh' });
      expect(marked(fresh.card as Json)).toEqual([{ value: third.value, selected: true }]);
      expect(timeItems(fresh.card as Json).filter((i) => i.value === third.value)).toHaveLength(1);
    });
  });
});

describe('no free time in the horizon', () => {
  it('says when the first free time is, from the days after it (no extra round trip)', async () => {
    // Busy from now (Tue Mar 10) to the end of Thu Mar 19: the horizon's working days are all taken.
    await withRunner(busyFrom('2026-03-10T00:00:00Z', '2026-03-24T04:00:00Z'), (runner) => {
      const opened = runner.step({ open: 'msg-sarah-demo' });
      expect(timeItems(opened.card as Json)).toEqual([]);
      // The same round trips as an open with free times: the open message, then the two fetchAlls.
      expect(opened.roundTrips.filter((c) => c.method === 'fetchAll')).toHaveLength(2);
      expect(opened.roundTrips).toHaveLength(6);
      const reason = paragraphs(opened.card as Json).find((p) => p.startsWith('No free time'));
      expect(reason).toMatch(
        /^No free time in your working hours from Tue, Mar 10 to .*\. The first free time is Tue, Mar 24, \d{1,2}:\d{2} [AP]M\.$/,
      );
    });
  });

  it('names the whole range when the days after the horizon are full too', async () => {
    await withRunner(busyFrom('2026-03-10T00:00:00Z', '2026-06-01T00:00:00Z'), (runner) => {
      const opened = runner.step({ open: 'msg-sarah-demo' });
      const reason = paragraphs(opened.card as Json).find((p) => p.startsWith('Your working hours'));
      expect(reason).toMatch(/^Your working hours are full from Tue, Mar 10 to \w{3}, \w{3} \d{1,2}\.$/);
    });
  });
});
