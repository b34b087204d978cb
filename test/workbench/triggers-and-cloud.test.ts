// The add-on under the platform's rules: one trigger per user that also runs the daily upkeep, a refused
// trigger shown as a notice, and a disabled Google API named with its fix instead of an error card.
import { auditRows, queuedAuditEvents } from '../../tools/workbench/outcome';
import { ScenarioRunner } from '../../tools/workbench/runner';
import { triggerMinute } from '../../src/core/trigger-minute';
import { TRIGGERS_PER_USER_LIMIT } from '../../tools/workbench/fakes/script-app';
import { auditTypes, bundleCode, cardText as escapedText, fixture, run } from './run-fixture';

/** The card's text with the HTML escapes of text paragraphs undone. */
const cardText = (card: unknown) =>
  escapedText(card)
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

jest.setTimeout(60_000);

/**
 * A world whose user has not opened the homepage yet: the scenario setup's first visit (which installs
 * each user's trigger) is undone, so the test's own visit is the first.
 */
async function runner(mutate: (scenario: ReturnType<typeof fixture>) => void = () => undefined) {
  const scenario = fixture('default');
  scenario.steps = [];
  mutate(scenario);
  const r = new ScenarioRunner(scenario, await bundleCode());
  const user = scenario.user.email;
  for (const trigger of r.world.triggers.ownedBy(user)) r.world.triggers.remove(trigger.id);
  for (const key of ['trigger.interval', 'maintenance.lastRun']) r.world.properties.user(user).delete(key);
  r.world.properties.script.delete(`trigger.installed:${user}`);
  return r;
}

describe('one time-driven trigger per user', () => {
  it('the homepage installs it once; its run does the daily upkeep once a day besides the poll', async () => {
    const r = await runner();
    try {
      const user = r.scenario.user.email;
      // A user of the two-trigger version: a poll and a daily trigger, and the old bookkeeping key.
      for (const handlerFunction of ['pollSubmissions', 'dailyMaintenance']) {
        const schedule = { kind: 'hours' as const, every: 1 };
        r.world.triggers.add({
          handlerFunction,
          ownerEmail: user,
          schedule,
          timeZone: 'Etc/UTC',
          createdAt: 0,
        });
      }
      r.world.properties.user(user).set('poll.trigger', '60');
      r.step({ homepage: 'gmail' });
      r.step({ homepage: 'calendar' });
      expect(r.world.properties.user(user).get('poll.trigger')).toBeUndefined();
      const mine = r.world.triggers.ownedBy(user);
      expect(mine.map((t) => [t.handlerFunction, t.schedule])).toEqual([
        ['pollSubmissions', { kind: 'hours', every: 1, nearMinute: triggerMinute(user) }],
      ]);
      // Recorded for the team: colleagues cannot list each other's triggers.
      expect(r.world.properties.script.get(`trigger.installed:${user}`)).toBeTruthy();

      // The upkeep's day starts at the install; the trigger's runs do it once that day has passed.
      const upkeep = () => Number(r.world.properties.user(user).get('maintenance.lastRun'));
      const installed = upkeep();
      expect(installed).toBeGreaterThanOrEqual(r.scenario.now);
      expect(r.step({ poll: true }).error).toBeNull();
      r.step({ advance: '23h' });
      r.step({ poll: true });
      expect(upkeep()).toBe(installed);
      r.step({ advance: '1h' });
      const daily = r.world.clock.now();
      r.step({ poll: true });
      expect(upkeep()).toBeGreaterThanOrEqual(daily);
      const once = upkeep();
      r.step({ advance: '1h' });
      r.step({ poll: true });
      expect(upkeep()).toBe(once);
      // dailyMaintenance still runs on its own.
      expect(r.step({ trigger: 'dailyMaintenance' }).error).toBeNull();
    } finally {
      await r.world.close();
    }
  });

  it('with the poller off the trigger still does the upkeep but does not poll', async () => {
    const r = await runner((scenario) => {
      scenario.settings.shared = { ...scenario.settings.shared, pollerEnabled: false };
    });
    try {
      r.step({ homepage: 'gmail' });
      r.step({ advance: '25h' });
      const due = r.world.clock.now();
      const step = r.step({ poll: true });
      expect(step.returned).toMatchObject({ status: 'not_configured', drafted: 0 });
      expect(r.world.mailbox.drafts).toHaveLength(0);
      const upkeepAt = Number(r.world.properties.user(r.scenario.user.email).get('maintenance.lastRun'));
      expect(upkeepAt).toBeGreaterThanOrEqual(due);
    } finally {
      await r.world.close();
    }
  });

  it('a refused install is a notice and an audit row, not an error card', async () => {
    const r = await runner();
    try {
      const user = r.scenario.user.email;
      for (let i = 0; i < TRIGGERS_PER_USER_LIMIT; i++) {
        r.world.triggers.add({
          handlerFunction: `other${i}`,
          ownerEmail: user,
          schedule: { kind: 'days', every: 1 },
          timeZone: 'Etc/UTC',
          createdAt: 0,
        });
      }
      const step = r.step({ homepage: 'gmail' });
      expect(step.error).toBeNull();
      expect(cardText(step.card)).toMatch(
        /Google refused the trigger \((Exception: )?This script has too many triggers/,
      );
      expect(r.world.properties.script.get(`trigger.installed:${user}`)).toBeUndefined();
      // Recorded: on the sheet, or queued for the sheet owner's next drain.
      const rows = auditRows(r.world).rows.concat(
        queuedAuditEvents(r.world).map((e) => ['', '', e.id, e.type, e.actor, '', '', '', e.summary]),
      );
      expect(
        rows
          .filter((row) => row[3] === 'internal_error')
          .map((row) => row.join(' '))
          .join('\n'),
      ).toMatch(/Could not install .* time-driven trigger: (Exception: )?This script has too many triggers/);
    } finally {
      await r.world.close();
    }
  });

  it("tells an admin when the audit sheet's owner has no trigger, and stops once they have one", async () => {
    const r = await runner((s) => {
      s.settings.admins = [s.user.email];
    });
    try {
      r.world.properties.script.set('audit.owner', 'owner@northwind.example');
      expect(cardText(r.step({ homepage: 'gmail' }).card)).toMatch(
        /audit sheet's owner \(owner@northwind\.example\) has no Prospector trigger/,
      );
      r.world.properties.script.set('trigger.installed:owner@northwind.example', String(r.world.clock.now()));
      expect(cardText(r.step({ homepage: 'gmail' }).card)).not.toMatch(/has no Prospector trigger/);
    } finally {
      await r.world.close();
    }
  });
});

describe("Google's default Cloud project (fixtures/scenarios/default-cloud-project.json)", () => {
  it('the Calendar homepage and Test connection name each disabled API and its fix instead of failing', async () => {
    const outcome = await run(fixture('default-cloud-project'));
    const [home, , test] = outcome.steps;
    expect(outcome.steps.map((s) => s.error)).toEqual([null, null, null]);
    const text = cardText(home.card);
    expect(text).toMatch(/Google Calendar API is not enabled in this add-on's Google Cloud project/);
    expect(text).toContain(
      'https://console.developers.google.com/apis/api/calendar-json.googleapis.com/overview?project=123456789012',
    );
    expect(text).toMatch(/Your calendar can’t be read right now/);
    expect(text).toContain('Drafts to review');
    const note = test.notification || '';
    expect(note).toMatch(/^Connected to HubSpot account/);
    expect(note).toMatch(/Gmail API is not enabled/);
    expect(note).toMatch(/Google Calendar API is not enabled/);
    expect(auditTypes(outcome)).toContain('connector_error');
  });

  it('with a standard project (the default world) Test connection has nothing to add', async () => {
    const scenario = fixture('default');
    scenario.steps = [{ universal: 'Settings' }, { press: 'Test connection' }];
    const outcome = await run(scenario);
    expect(outcome.steps[1].notification).not.toMatch(/not enabled/);
  });
});
