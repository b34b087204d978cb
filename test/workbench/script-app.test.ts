import {
  ADDON_FREQUENCY_MESSAGE,
  FakeScriptApp,
  periodMs,
  TOO_MANY_TRIGGERS_MESSAGE,
  TriggerRegistry,
  workbenchOAuthToken,
} from '../../tools/workbench/fakes/script-app';
import { CallLedger, SimClock } from '../../tools/workbench/runtime';

function setup(options: { addOn?: boolean; userEmail?: string } = {}) {
  const ledger = new CallLedger(new SimClock(Date.UTC(2025, 0, 6, 9)));
  const registry = new TriggerRegistry();
  const app = (userEmail = options.userEmail ?? 'ana@example.com') =>
    new FakeScriptApp({
      ledger,
      registry,
      userEmail,
      scriptId: 'script-123',
      scriptTimeZone: 'Europe/Berlin',
      addOn: options.addOn ?? true,
    });
  return { ledger, registry, app };
}

test('an hourly trigger is created, listed with its details, and survives into later executions', () => {
  const { registry, app } = setup();
  const trigger = app().newTrigger('pollSubmissions').timeBased().everyHours(1).nearMinute(15).create();
  expect(trigger.getHandlerFunction()).toBe('pollSubmissions');
  expect(trigger.getEventType()).toBe(app().EventType.CLOCK);
  expect(trigger.getTriggerSource()).toBe(app().TriggerSource.CLOCK);
  const [listed] = app().getProjectTriggers();
  expect(listed.getUniqueId()).toBe(trigger.getUniqueId());
  expect(registry.list()).toEqual([
    expect.objectContaining({
      handlerFunction: 'pollSubmissions',
      ownerEmail: 'ana@example.com',
      schedule: { kind: 'hours', every: 1, nearMinute: 15 },
      timeZone: 'Europe/Berlin',
    }),
  ]);
  expect(periodMs(registry.list()[0].schedule)).toBe(3_600_000);
});

test('daily triggers keep their hour; deleteTrigger removes exactly the one given', () => {
  const { registry, app } = setup();
  const daily = app().newTrigger('dailyDigest').timeBased().everyDays(1).atHour(7).create();
  app().newTrigger('pollSubmissions').timeBased().everyHours(2).create();
  expect(registry.list()[0].schedule).toEqual({ kind: 'days', every: 1, atHour: 7, nearMinute: undefined });
  app().deleteTrigger(daily);
  expect(
    app()
      .getProjectTriggers()
      .map((t) => t.getHandlerFunction()),
  ).toEqual(['pollSubmissions']);
});

test("a user may own 20 triggers in a script; the 21st is refused with Apps Script's message", () => {
  const { registry, app } = setup();
  for (let i = 0; i < 20; i++) app().newTrigger(`handler${i}`).timeBased().everyHours(1).create();
  expect(() => app().newTrigger('one-too-many').timeBased().everyHours(1).create()).toThrow(
    TOO_MANY_TRIGGERS_MESSAGE,
  );
  // The limit is per user: another user of the same script can still create theirs.
  app('bob@example.com').newTrigger('pollSubmissions').timeBased().everyHours(1).create();
  expect(registry.list()).toHaveLength(21);
  expect(app('bob@example.com').getProjectTriggers()).toHaveLength(1);
});

test('an add-on may not create a trigger that fires more often than hourly; a plain script may', () => {
  expect(() => setup({ addOn: true }).app().newTrigger('poll').timeBased().everyMinutes(30).create()).toThrow(
    ADDON_FREQUENCY_MESSAGE,
  );
  const plain = setup({ addOn: false });
  plain.app().newTrigger('poll').timeBased().everyMinutes(5).create();
  expect(plain.registry.list()[0].schedule).toEqual({ kind: 'minutes', every: 5 });
  expect(periodMs(plain.registry.list()[0].schedule)).toBe(300_000);
});

test('invalid schedules are refused', () => {
  const { app } = setup({ addOn: false });
  expect(() => app().newTrigger('poll').timeBased().everyMinutes(7)).toThrow(/1, 5, 10, 15 or 30/);
  expect(() => app().newTrigger('poll').timeBased().atHour(24)).toThrow('Invalid argument: atHour');
  expect(() => app().newTrigger('poll').timeBased().create()).toThrow(/needs a frequency/);
  expect(() => app().newTrigger('poll').forSpreadsheet()).toThrow(/not supported/);
});

test('a one-off trigger fires at the given time', () => {
  const { ledger, registry, app } = setup();
  app().newTrigger('retryLater').timeBased().after(90_000).create();
  const { schedule } = registry.list()[0];
  expect(schedule).toEqual({ kind: 'once', at: Date.UTC(2025, 0, 6, 9) + 90_000 });
  expect(periodMs(schedule)).toBeNull();
  expect(ledger.clock.now()).toBe(Date.UTC(2025, 0, 6, 9) + 150);
});

test('the OAuth token is the workbench token for the user, and the script id is the configured one', () => {
  const { app } = setup();
  expect(app().getOAuthToken()).toBe(workbenchOAuthToken('ana@example.com'));
  expect(workbenchOAuthToken('ana@example.com')).not.toBe(workbenchOAuthToken('bob@example.com'));
  expect(app().getScriptId()).toBe('script-123');
  expect(app().AuthMode.FULL).toBe('FULL');
});

test('creating, listing and deleting triggers are round trips; building one is not', () => {
  const { ledger, app } = setup();
  const builder = app().newTrigger('poll').timeBased().everyHours(1);
  expect(ledger.roundTrips()).toHaveLength(0);
  const trigger = builder.create();
  app().getProjectTriggers();
  app().deleteTrigger(trigger);
  expect(ledger.roundTrips().map((c) => [c.method, c.latencyMs])).toEqual([
    ['create', 150],
    ['getProjectTriggers', 80],
    ['deleteTrigger', 100],
  ]);
});
