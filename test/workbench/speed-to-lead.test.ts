// Issue 17, speed to lead: the sidebar's own round trips find this rep's new leads, the banner's
// "Prepare drafts now" prepares them inside the card's time, exactly once whichever of the button and the
// hourly trigger runs first, and a colleague's leads never show on this rep's card.
import type { Outcome } from '../../tools/workbench/outcome';
import type { Scenario } from '../../tools/workbench/scenario';
import { cardText, fixture, run } from './run-fixture';

const ALEX = 'alex.rivera@northwind.example';
const SARAH = 'sarah.chen@acmelogistics.example';

function speedWorld(steps: Scenario['steps']): Scenario {
  const scenario = fixture('speed-to-lead');
  scenario.steps = steps;
  return scenario;
}

function draftsTo(outcome: Outcome, user: string): string[] {
  return outcome.drafts
    .filter((d) => d.user === user)
    .map((d) => d.to.replace(/.*</, '').replace('>', '').toLowerCase())
    .sort();
}

function markers(outcome: Outcome): string[] {
  return (outcome.hubspotRecords.notes as Array<{ properties: Record<string, string> }>)
    .map((r) => /prospector:([\w-]+)/.exec(JSON.stringify(r.properties))?.[1] || '?')
    .sort();
}

describe('speed to lead (fixtures/scenarios/speed-to-lead.json)', () => {
  let outcome: Outcome;
  beforeAll(async () => {
    outcome = await run(fixture('speed-to-lead'));
  });

  it('shows the banner on top of the card, within a cold open of at most 5 round trips beyond the first', () => {
    expect(outcome.errors).toEqual([]);
    const open = outcome.steps[0];
    const text = cardText(open.card);
    expect(text).toMatch(/1 new lead since 10:00\sAM — Acme Logistics/);
    expect(JSON.stringify(open.card)).toContain('Prepare drafts now');
    // The first open of the day also reads the team's settings (6); the leads add no round trip.
    expect(open.roundTrips.length).toBeLessThanOrEqual(6);
    expect(open.roundTrips.filter((r) => r.method === 'fetchAll')).toHaveLength(2);
  });

  it('prepares the drafts from the button, says so, and the next trigger prepares nothing twice', () => {
    const press = outcome.steps[1];
    expect(cardText(press.card)).toContain('1 draft prepared');
    expect(cardText(press.card)).not.toContain('new lead since');
    expect((outcome.steps[2].returned as { drafted: number }).drafted).toBe(0);
    expect(draftsTo(outcome, ALEX)).toContain(SARAH);
    expect(draftsTo(outcome, ALEX).filter((to) => to === SARAH)).toHaveLength(1);
    expect(new Set(markers(outcome)).size).toBe(markers(outcome).length);
  });

  it("never shows a colleague's leads: Sam sees Sam's, not Alex's", () => {
    const sam = cardText(outcome.steps[3].card);
    expect(sam).toContain('BrightPath Health');
    expect(sam).not.toContain('Acme Logistics');
    const alex = cardText(outcome.steps[0].card);
    expect(alex).not.toContain('BrightPath');
  });

  it("opens HubSpot's notification on the lead it names, and Prepare draft writes to the lead", () => {
    const notification = outcome.steps[5];
    const text = cardText(notification.card);
    expect(text).toContain('Dana Whitfield');
    expect(text).toContain('Harbor Freight Co');
    expect(text).not.toContain('notifications.hubspot.com');
    expect(JSON.stringify(notification.card)).toContain('Prepare draft');
    const dana = outcome.drafts.filter((d) => /dana\.whitfield@harborfreight\.example/.test(d.to));
    expect(dana).toHaveLength(1);
    expect(dana[0].reply).toBe(false);
    expect(dana[0].subject).not.toMatch(/form submission/i);
  });
});

describe('exactly once, whichever runs first', () => {
  it('the trigger first: the banner is gone, and the button still on screen prepares nothing again', async () => {
    const outcome = await run(
      speedWorld([
        { open: 'msg-jordan' },
        { poll: true },
        { press: 'Prepare drafts now' },
        { homepage: 'gmail' },
      ]),
    );
    expect(outcome.errors).toEqual([]);
    expect(cardText(outcome.steps[0].card)).toContain('Acme Logistics');
    expect((outcome.steps[1].returned as { drafted: number }).drafted).toBeGreaterThan(0);
    expect(cardText(outcome.steps[2].card)).toContain('No new draft was needed');
    expect(cardText(outcome.steps[3].card)).not.toMatch(/new leads? since/);
    expect(draftsTo(outcome, ALEX).filter((to) => to === SARAH)).toHaveLength(1);
    expect(new Set(markers(outcome)).size).toBe(markers(outcome).length);
  });

  it('the button first, with the trigger in the middle of it: one draft, one task, one note', async () => {
    const outcome = await run(
      speedWorld([
        { open: 'msg-jordan' },
        { press: 'Prepare drafts now', during: { poll: true }, afterCall: 4 },
        { poll: true },
      ]),
    );
    expect(draftsTo(outcome, ALEX).filter((to) => to === SARAH)).toHaveLength(1);
    expect(new Set(markers(outcome)).size).toBe(markers(outcome).length);
  });

  it('a homepage banner: Prepare drafts now from the homepage, then the trigger prepares nothing twice', async () => {
    const outcome = await run(
      speedWorld([
        { open: 'msg-jordan' },
        { homepage: 'gmail' },
        { press: 'Prepare drafts now' },
        { poll: true },
      ]),
    );
    expect(outcome.errors).toEqual([]);
    expect(cardText(outcome.steps[1].card)).toContain('Acme Logistics');
    expect(cardText(outcome.steps[2].card)).toContain('1 draft prepared');
    expect((outcome.steps[3].returned as { drafted: number }).drafted).toBe(0);
    expect(draftsTo(outcome, ALEX).filter((to) => to === SARAH)).toHaveLength(1);
  });
});
