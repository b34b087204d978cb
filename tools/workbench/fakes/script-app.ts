// ScriptApp fake: time-driven triggers, the OAuth token and the script's enums
// (https://developers.google.com/apps-script/reference/script/script-app). The trigger registry outlives
// executions; the workbench lists the triggers and fires them.
//
// Limits (https://developers.google.com/apps-script/guides/services/quotas and
// https://developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers): 20 triggers
// per user per script, with Apps Script's message; "add-ons can use a time-driven trigger at most once per
// hour", so an add-on's everyMinutes trigger is refused at create(). everyHours takes the hour intervals
// Apps Script offers for an hour timer (1, 2, 4, 6, 8 or 12; the reference lists no others). Apps Script's
// wording for these two refusals is not published, so both messages are the workbench's and cite the page.
// Enum values are their names as strings, so they compare equal across the vm boundary.
import { latencyOf } from '../latency';
import type { CallLedger } from '../runtime';

export const TRIGGERS_PER_USER_LIMIT = 20;
export const TOO_MANY_TRIGGERS_MESSAGE =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
export const ADDON_FREQUENCY_MESSAGE =
  'Workbench platform rule: add-ons can only create time-based triggers that run at most once per hour ' +
  '(everyMinutes is not allowed; https://developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers).';
/** The hour intervals an hour timer takes. */
export const ALLOWED_HOUR_INTERVALS = [1, 2, 4, 6, 8, 12];
export const HOUR_INTERVAL_MESSAGE =
  'Workbench platform rule: everyHours takes 1, 2, 4, 6, 8 or 12 ' +
  '(https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyHours(Integer)).';
/** ClockTriggerBuilder.everyMinutes accepts only these (the reference, everyMinutes(n)). */
const ALLOWED_MINUTE_INTERVALS = [1, 5, 10, 15, 30];

function enumOf<T>(...names: string[]): T {
  return Object.freeze(Object.fromEntries(names.map((name) => [name, name]))) as unknown as T;
}

const AuthMode = enumOf<typeof GoogleAppsScript.Script.AuthMode>(
  'NONE',
  'CUSTOM_FUNCTION',
  'LIMITED',
  'FULL',
);
const EventType = enumOf<typeof GoogleAppsScript.Script.EventType>(
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
);
const TriggerSource = enumOf<typeof GoogleAppsScript.Script.TriggerSource>(
  'SPREADSHEETS',
  'CLOCK',
  'FORMS',
  'DOCUMENTS',
  'CALENDAR',
);
const WeekDay = enumOf<typeof GoogleAppsScript.Base.Weekday>(
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
);

export type ClockSchedule =
  | { kind: 'minutes'; every: number }
  | { kind: 'hours'; every: number; nearMinute?: number }
  | { kind: 'days'; every: number; atHour?: number; nearMinute?: number }
  | { kind: 'weeks'; every: number; onWeekDay?: string; atHour?: number; nearMinute?: number }
  | { kind: 'once'; at: number };

export interface TriggerRecord {
  id: string;
  handlerFunction: string;
  /** Installable triggers run as the user who created them. */
  ownerEmail: string;
  schedule: ClockSchedule;
  timeZone: string;
  createdAt: number;
}

/** How often a repeating trigger fires, or null for a one-off. */
export function periodMs(schedule: ClockSchedule): number | null {
  const minute = 60_000;
  switch (schedule.kind) {
    case 'minutes':
      return schedule.every * minute;
    case 'hours':
      return schedule.every * 60 * minute;
    case 'days':
      return schedule.every * 24 * 60 * minute;
    case 'weeks':
      return schedule.every * 7 * 24 * 60 * minute;
    case 'once':
      return null;
  }
}

/** The script's installable triggers, across executions and users. */
export class TriggerRegistry {
  private readonly triggers: TriggerRecord[] = [];
  private nextId = 1;

  list(): TriggerRecord[] {
    return this.triggers.map((trigger) => ({ ...trigger }));
  }

  ownedBy(email: string): TriggerRecord[] {
    return this.list().filter((trigger) => trigger.ownerEmail === email);
  }

  add(trigger: Omit<TriggerRecord, 'id'>): TriggerRecord {
    const record = { ...trigger, id: `workbench-trigger-${this.nextId++}` };
    this.triggers.push(record);
    return { ...record };
  }

  remove(id: string): boolean {
    const index = this.triggers.findIndex((trigger) => trigger.id === id);
    if (index >= 0) this.triggers.splice(index, 1);
    return index >= 0;
  }
}

/** The token the fake's getOAuthToken returns; the UrlFetchApp fake accepts it for Google API URLs. */
export function workbenchOAuthToken(email: string): string {
  return `ya29.workbench.${Buffer.from(email, 'utf8').toString('base64url')}`;
}

class FakeTrigger implements GoogleAppsScript.Script.Trigger {
  constructor(readonly record: TriggerRecord) {}
  getHandlerFunction(): string {
    return this.record.handlerFunction;
  }
  getUniqueId(): string {
    return this.record.id;
  }
  getEventType(): GoogleAppsScript.Script.EventType {
    return EventType.CLOCK;
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return TriggerSource.CLOCK;
  }
  /** A clock trigger has no source document. */
  getTriggerSourceId(): string {
    return null as unknown as string;
  }
}

function invalid(message: string): Error {
  return new Error(`Invalid argument: ${message}`);
}

function wholeNumberIn(value: number, min: number, max: number, name: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(name);
  return value;
}

class FakeClockTriggerBuilder implements GoogleAppsScript.Script.ClockTriggerBuilder {
  private schedule: ClockSchedule | null = null;
  private atHourValue: number | undefined;
  private nearMinuteValue: number | undefined;
  private weekDay: string | undefined;
  private timeZone: string;

  constructor(
    private readonly app: FakeScriptApp,
    private readonly handlerFunction: string,
  ) {
    this.timeZone = app.options.scriptTimeZone;
  }

  everyMinutes(n: number): this {
    if (!ALLOWED_MINUTE_INTERVALS.includes(n)) throw invalid('everyMinutes can only be 1, 5, 10, 15 or 30');
    this.schedule = { kind: 'minutes', every: n };
    return this;
  }
  everyHours(n: number): this {
    if (!ALLOWED_HOUR_INTERVALS.includes(n)) throw new Error(HOUR_INTERVAL_MESSAGE);
    this.schedule = { kind: 'hours', every: n };
    return this;
  }
  everyDays(n: number): this {
    this.schedule = { kind: 'days', every: wholeNumberIn(n, 1, 366, 'everyDays') };
    return this;
  }
  everyWeeks(n: number): this {
    this.schedule = { kind: 'weeks', every: wholeNumberIn(n, 1, 52, 'everyWeeks') };
    return this;
  }
  atHour(hour: number): this {
    this.atHourValue = wholeNumberIn(hour, 0, 23, 'atHour');
    return this;
  }
  nearMinute(minute: number): this {
    this.nearMinuteValue = wholeNumberIn(minute, 0, 59, 'nearMinute');
    return this;
  }
  onWeekDay(day: GoogleAppsScript.Base.Weekday): this {
    this.weekDay = String(day);
    return this;
  }
  inTimezone(timezone: string): this {
    this.timeZone = timezone;
    return this;
  }
  after(durationMilliseconds: number): this {
    this.schedule = { kind: 'once', at: this.app.options.ledger.clock.now() + durationMilliseconds };
    return this;
  }
  at(date: GoogleAppsScript.Base.Date): this {
    this.schedule = { kind: 'once', at: date.getTime() };
    return this;
  }
  atDate(): this {
    throw new Error('ClockTriggerBuilder.atDate is not supported by the workbench');
  }
  onMonthDay(): this {
    throw new Error('ClockTriggerBuilder.onMonthDay is not supported by the workbench');
  }

  create(): FakeTrigger {
    const schedule = this.completeSchedule();
    return this.app.createTrigger(this.handlerFunction, schedule, this.timeZone);
  }

  private completeSchedule(): ClockSchedule {
    const schedule = this.schedule;
    if (!schedule) throw new Error('Invalid argument: a time-based trigger needs a frequency or a time');
    switch (schedule.kind) {
      case 'hours':
        return { ...schedule, nearMinute: this.nearMinuteValue };
      case 'days':
        return { ...schedule, atHour: this.atHourValue, nearMinute: this.nearMinuteValue };
      case 'weeks':
        return {
          ...schedule,
          onWeekDay: this.weekDay,
          atHour: this.atHourValue,
          nearMinute: this.nearMinuteValue,
        };
      default:
        return schedule;
    }
  }
}

class FakeTriggerBuilder implements GoogleAppsScript.Script.TriggerBuilder {
  constructor(
    private readonly app: FakeScriptApp,
    private readonly handlerFunction: string,
  ) {}

  timeBased(): FakeClockTriggerBuilder {
    return new FakeClockTriggerBuilder(this.app, this.handlerFunction);
  }
  forDocument(): never {
    throw new Error('Document triggers are not supported by the workbench');
  }
  forForm(): never {
    throw new Error('Form triggers are not supported by the workbench');
  }
  forSpreadsheet(): never {
    throw new Error('Spreadsheet triggers are not supported by the workbench');
  }
  forUserCalendar(): never {
    throw new Error('Calendar triggers are not supported by the workbench');
  }
}

export interface ScriptAppOptions {
  ledger: CallLedger;
  registry: TriggerRegistry;
  userEmail: string;
  scriptId: string;
  scriptTimeZone: string;
  /** Installed as a Workspace add-on: time-driven triggers may fire at most hourly. */
  addOn: boolean;
}

export class FakeScriptApp implements Pick<
  GoogleAppsScript.Script.ScriptApp,
  | 'AuthMode'
  | 'EventType'
  | 'TriggerSource'
  | 'WeekDay'
  | 'newTrigger'
  | 'getProjectTriggers'
  | 'deleteTrigger'
  | 'getOAuthToken'
  | 'getScriptId'
> {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;

  constructor(readonly options: ScriptAppOptions) {}

  private charge(method: string): void {
    this.options.ledger.charge('ScriptApp', method, latencyOf('ScriptApp', method));
  }

  newTrigger(functionName: string): FakeTriggerBuilder {
    return new FakeTriggerBuilder(this, String(functionName));
  }

  /** The current user's triggers in this project, as the reference says. */
  getProjectTriggers(): FakeTrigger[] {
    this.charge('getProjectTriggers');
    return this.options.registry.ownedBy(this.options.userEmail).map((record) => new FakeTrigger(record));
  }

  /** Triggers bound to a document, form or spreadsheet: Prospector has none. */
  getUserTriggers(): FakeTrigger[] {
    this.charge('getUserTriggers');
    return [];
  }

  deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
    this.charge('deleteTrigger');
    this.options.registry.remove(trigger.getUniqueId());
  }

  getOAuthToken(): string {
    return workbenchOAuthToken(this.options.userEmail);
  }

  getScriptId(): string {
    return this.options.scriptId;
  }

  createTrigger(handlerFunction: string, schedule: ClockSchedule, timeZone: string): FakeTrigger {
    this.charge('create');
    const { registry, userEmail, addOn, ledger } = this.options;
    if (addOn && schedule.kind === 'minutes') throw new Error(ADDON_FREQUENCY_MESSAGE);
    if (registry.ownedBy(userEmail).length >= TRIGGERS_PER_USER_LIMIT)
      throw new Error(TOO_MANY_TRIGGERS_MESSAGE);
    const record = registry.add({
      handlerFunction,
      ownerEmail: userEmail,
      schedule,
      timeZone,
      createdAt: ledger.clock.now(),
    });
    return new FakeTrigger(record);
  }
}
