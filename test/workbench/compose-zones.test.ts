// "Insert my free times" with a recipient HubSpot knows: each time in both zones, on the card and in the
// inserted text. The zone comes from the sidebar's memory when the rep opened the person's email lately,
// else from one contact read riding the calendar's own fetchAll; inserting makes no lookup at all.
import { ScenarioRunner } from '../../tools/workbench/runner';
import type { Json } from '../cards/card-json';
import { bundleCode, fixture } from './run-fixture';

jest.setTimeout(120_000);

const SARAH = 'sarah.chen@acmelogistics.example';

async function withRunner(body: (runner: ScenarioRunner) => void): Promise<void> {
  const scenario = fixture('default');
  scenario.steps = [];
  const runner = new ScenarioRunner(scenario, await bundleCode());
  try {
    body(runner);
  } finally {
    await runner.world.close();
  }
}

function timeTexts(card: Json): string[] {
  for (const section of card.sections)
    for (const w of section.widgets)
      if (w.selectionInput) return w.selectionInput.items.map((i: Json) => String(i.text));
  return [];
}

describe('compose: times in both zones', () => {
  it('looks the recipient up in the calendar’s fetchAll, shows London beside New York, inserts both', async () => {
    await withRunner((runner) => {
      const compose = runner.step({ compose: { to: [SARAH] } });
      expect(compose.error).toBeNull();
      expect(compose.roundTrips.filter((c) => c.method === 'fetchAll')).toHaveLength(1);
      const texts = timeTexts(compose.card as Json);
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts)
        expect(text).toMatch(/ London, their workday$|London, outside their workday$/);
      expect(JSON.stringify(compose.card)).toContain('Their time: London, from HubSpot.');
      const before = runner.world.hubspotRequests().length;
      const inserted = runner.step({ press: 'Insert times', choose: { slots: 1 } });
      expect(runner.world.hubspotRequests().length).toBe(before);
      // "Wed, Mar 11, 10:00 – 10:30 AM EDT (2:00 – 2:30 PM GMT for you)": the recipient reads their own zone.
      expect(inserted.insertedText).toMatch(/EDT \(.*GMT for you\)/);
    });
  });

  it('takes the zone from the sidebar’s memory after the rep opened their email: no HubSpot request', async () => {
    await withRunner((runner) => {
      runner.step({ open: 'msg-sarah-demo' });
      const before = runner.world.hubspotRequests().length;
      const compose = runner.step({ compose: { to: [SARAH] } });
      expect(runner.world.hubspotRequests().length).toBe(before);
      expect(timeTexts(compose.card as Json)[0]).toMatch(/London/);
    });
  });

  it('an unknown recipient, or none, gets the rep’s zone only', async () => {
    await withRunner((runner) => {
      for (const to of [['jordan.lee@newco.example'], []]) {
        const compose = runner.step({ compose: { to } });
        expect(compose.error).toBeNull();
        const texts = timeTexts(compose.card as Json);
        expect(texts.length).toBeGreaterThan(0);
        for (const text of texts) expect(text).not.toMatch(/their workday/);
      }
    });
  });
});
