// "Tentative counts as busy" (Settings > meeting rules) has its effect on the times the sidebar offers.
// A tentative invitation fills Tuesday's working day: counted as busy it hides Tuesday; not counted, Tuesday
// is offered, read through Calendar's events.list (free/busy carries no response status) in the same
// fetchAll as the HubSpot lookups, so the open costs no extra round trip.
import type { Scenario } from '../../tools/workbench/scenario';
import { cardText, fixture, run } from './run-fixture';

jest.setTimeout(60_000);

const TUESDAY = 'Tue, Mar 10';

/** The times the card offers, one row each (the card also names the day of the open email). */
function offered(card: unknown): string {
  const sections = (
    card as {
      sections: Array<{
        widgets: Array<{ selectionInput?: { name: string; items: Array<{ text: string }> } }>;
      }>;
    }
  ).sections;
  return sections
    .flatMap((s) => s.widgets)
    .filter((w) => w.selectionInput && w.selectionInput.name === 'slots')
    .flatMap((w) => w.selectionInput!.items.map((i) => i.text))
    .join('\n');
}

function world(tentativeIsBusy: boolean, myResponse: 'tentative' | 'accepted' = 'tentative'): Scenario {
  const scenario = fixture('default');
  scenario.calendarEvents.push({
    id: 'ev-maybe@google.com',
    title: 'Partner summit (maybe)',
    start: Date.parse('2026-03-10T13:00:00Z'), // 9:00 EDT
    end: Date.parse('2026-03-10T21:00:00Z'), // 17:00 EDT
    myResponse,
  });
  scenario.settings.user = {
    ...(scenario.settings.user || {}),
    slotRules: { tentativeIsBusy },
  };
  scenario.steps = [{ open: 'msg-sarah-demo' }];
  return scenario;
}

function calls(outcome: Awaited<ReturnType<typeof run>>): string[] {
  return outcome.steps[0].roundTrips.map((c) => `${c.service}.${c.method}`);
}

describe('tentative counts as busy', () => {
  it('yes: a tentative day offers no time (free/busy)', async () => {
    const outcome = await run(world(true));
    const text = cardText(outcome.steps[0].card);
    expect(text).toContain('Times to offer');
    expect(offered(outcome.steps[0].card)).not.toContain(TUESDAY);
  });

  it('no: the tentative day is offered, with the same round trips as free/busy', async () => {
    const busy = await run(world(true));
    const free = await run(world(false));
    expect(offered(free.steps[0].card)).toContain(TUESDAY);
    expect(calls(free)).toEqual(calls(busy));
  });

  it('no: an accepted event still blocks its time', async () => {
    const outcome = await run(world(false, 'accepted'));
    expect(offered(outcome.steps[0].card)).not.toContain(TUESDAY);
  });
});
