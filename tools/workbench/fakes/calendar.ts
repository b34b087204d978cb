// In-memory CalendarApp and the Calendar REST freeBusy endpoint for the workbench, over one primary calendar.
// Holds the add-on creates become busy time; invitations (guests, sendInvites) are refused and recorded.
// Reference: https://developers.google.com/apps-script/reference/calendar
import type { CallLedger, SimClock } from '../runtime';
import { latencyOf } from '../latency';
import type { DraftOnlyViolation } from './gmail';
import type { CalendarEventState, MyResponse } from './calendar-event';
import { expandRecurrence, wallClockToEpoch, zoneOffsetMs, type Window } from './ics';

type CalendarApp = GoogleAppsScript.Calendar.CalendarApp;
type Calendar = GoogleAppsScript.Calendar.Calendar;
type CalendarEvent = GoogleAppsScript.Calendar.CalendarEvent;
type EventGuest = GoogleAppsScript.Calendar.EventGuest;

export type { CalendarEventState, MyResponse };

export interface CalendarState {
  /** The primary calendar's id: the user's address. */
  ownerEmail: string;
  timeZone: string;
  events: CalendarEventState[];
  /** Events the add-on created; they are busy time like any other. */
  holds: CalendarEventState[];
  violations: DraftOnlyViolation[];
  seq?: number;
}

export function createCalendarState(init: {
  ownerEmail: string;
  timeZone: string;
  events?: CalendarEventState[];
}): CalendarState {
  return {
    ownerEmail: init.ownerEmail,
    timeZone: init.timeZone,
    events: init.events ?? [],
    holds: [],
    violations: [],
  };
}

export function isTransparent(event: CalendarEventState): boolean {
  return event.transparent ?? event.allDay === true;
}

/**
 * Busy unless shown as available or declined. Tentative and unanswered invitations still block time, as in
 * Google Calendar; the CalDAV convention agrees (NEEDS-ACTION and TENTATIVE are busy-tentative, DECLINED
 * free: https://docs.oracle.com/cd/E19566-01/819-4655/gbiru/index.html).
 */
export function isBusy(event: CalendarEventState): boolean {
  return !isTransparent(event) && event.myResponse !== 'declined';
}

/** One occurrence of an event: a series yields one per repetition. */
export interface EventInstance {
  source: CalendarEventState;
  start: number;
  end: number;
}

/** Every occurrence overlapping the window, recurrences expanded, ordered by start. */
export function eventInstances(state: CalendarState, window: Window): EventInstance[] {
  const out: EventInstance[] = [];
  for (const source of [...state.events, ...state.holds]) {
    if (source.recurrence && source.recurrence.length > 0) {
      for (const o of expandRecurrence(source, source.timeZone ?? state.timeZone, window))
        out.push({ source, ...o });
    } else if (source.start < window.end && source.end > window.start) {
      out.push({ source, start: source.start, end: source.end });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

const SERVICE = 'CalendarApp';

const TRANSPARENCY = { OPAQUE: 'OPAQUE', TRANSPARENT: 'TRANSPARENT' } as const;
const GUEST_STATUS = { INVITED: 'INVITED', MAYBE: 'MAYBE', NO: 'NO', OWNER: 'OWNER', YES: 'YES' } as const;
const STATUS_OF: Record<MyResponse, keyof typeof GUEST_STATUS> = {
  accepted: 'YES',
  declined: 'NO',
  tentative: 'MAYBE',
  needsAction: 'INVITED',
  owner: 'OWNER',
};

/** Runtime values of the Apps Script enums; their typings are ambient enums with no values of their own. */
function enumValue<T>(value: string): T {
  return value as unknown as T;
}

/** Fakes stand in for the real interfaces; members outside the modelled subset are simply absent. */
function asReal<T>(fake: object): T {
  return fake as T;
}

class CalendarStore {
  constructor(
    readonly state: CalendarState,
    readonly ledger: CallLedger,
    readonly clock: SimClock,
  ) {}

  charge(method: string): void {
    this.ledger.charge(SERVICE, method, latencyOf(SERVICE, method));
  }

  getEvents(startTime: Date, endTime: Date, options?: { [key: string]: unknown }): CalendarEvent[] {
    this.charge('getEvents');
    const unknown = Object.keys(options ?? {}).filter((k) => k !== 'max');
    if (unknown.length > 0)
      throw new Error(`Calendar fake: getEvents option '${unknown[0]}' is not modelled`);
    const found = eventInstances(this.state, { start: startTime.getTime(), end: endTime.getTime() });
    const max = typeof options?.max === 'number' ? options.max : found.length;
    return found.slice(0, max).map((i) => asReal<CalendarEvent>(new FakeCalendarEvent(this, i)));
  }

  /**
   * "Events are returned if they start during the given day, end during the day, or encompass the day.
   * Note that only the date portion of the Date object is used [...] The date is interpreted as midnight
   * that day to midnight the next day in the calendar's time zone."
   * (https://developers.google.com/apps-script/reference/calendar/calendar#geteventsfordaydate)
   */
  getEventsForDay(date: Date, options?: { [key: string]: unknown }): CalendarEvent[] {
    const zone = this.state.timeZone;
    const local = new Date(date.getTime() + zoneOffsetMs(date.getTime(), zone));
    const day = { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
    const start = wallClockToEpoch(day, zone);
    const next = new Date(Date.UTC(day.year, day.month - 1, day.day + 1));
    const end = wallClockToEpoch(
      { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() },
      zone,
    );
    return this.getEvents(new Date(start), new Date(end), options);
  }

  /** Only holds on the user's own calendar: guests or invitations would email other people. */
  createEvent(
    title: string,
    startTime: Date,
    endTime: Date,
    options?: { [key: string]: unknown },
  ): CalendarEvent {
    this.charge('createEvent');
    const guests = String(options?.guests ?? '').trim();
    if (guests !== '' || options?.sendInvites === true) {
      this.state.violations.push({
        method: 'CalendarApp.createEvent',
        at: this.clock.now(),
        execution: this.ledger.execution?.id ?? 0,
      });
      throw new Error('draft-only violation: calendar invitations are not allowed');
    }
    const start = startTime.getTime();
    const end = endTime.getTime();
    if (!(start < end)) throw new Error('Event start date must be before event end date.');
    const n = (this.state.seq ?? 0) + 1;
    this.state.seq = n;
    const hold: CalendarEventState = {
      id: `hold${n.toString(16).padStart(8, '0')}@google.com`,
      title,
      start,
      end,
      transparent: false,
      myResponse: 'owner',
      description: typeof options?.description === 'string' ? options.description : undefined,
      location: typeof options?.location === 'string' ? options.location : undefined,
      tags: {},
      createdAt: this.clock.now(),
    };
    this.state.holds.push(hold);
    return asReal<CalendarEvent>(new FakeCalendarEvent(this, { source: hold, start, end }));
  }

  getEventById(iCalId: string): CalendarEvent {
    this.charge('getEventById');
    const source = [...this.state.events, ...this.state.holds].find((e) => e.id === iCalId);
    // Apps Script answers null for an unknown id.
    if (!source) return null as unknown as CalendarEvent;
    return asReal<CalendarEvent>(
      new FakeCalendarEvent(this, { source, start: source.start, end: source.end }),
    );
  }
}

export class FakeCalendarApp implements Pick<
  CalendarApp,
  | 'EventTransparency'
  | 'GuestStatus'
  | 'getDefaultCalendar'
  | 'getEvents'
  | 'createEvent'
  | 'getEventById'
  | 'getTimeZone'
  | 'getId'
  | 'getName'
  | 'getCalendarById'
  | 'getAllCalendars'
  | 'getAllOwnedCalendars'
  | 'getCalendarsByName'
  | 'getOwnedCalendarById'
  | 'getOwnedCalendarsByName'
  | 'getDescription'
  | 'isMyPrimaryCalendar'
  | 'isOwnedByMe'
  | 'getEventsForDay'
> {
  readonly EventTransparency = TRANSPARENCY as unknown as typeof GoogleAppsScript.Calendar.EventTransparency;
  readonly GuestStatus = GUEST_STATUS as unknown as typeof GoogleAppsScript.Calendar.GuestStatus;
  private readonly store: CalendarStore;

  constructor(state: CalendarState, ledger: CallLedger, clock: SimClock) {
    this.store = new CalendarStore(state, ledger, clock);
  }

  getDefaultCalendar(): Calendar {
    this.store.charge('getDefaultCalendar');
    return asReal<Calendar>(new FakeCalendar(this.store));
  }

  getEvents(startTime: Date, endTime: Date, options?: { [key: string]: unknown }): CalendarEvent[] {
    return this.store.getEvents(startTime, endTime, options);
  }

  createEvent(
    title: string,
    startTime: Date,
    endTime: Date,
    options?: { [key: string]: unknown },
  ): CalendarEvent {
    return this.store.createEvent(title, startTime, endTime, options);
  }

  getEventById(iCalId: string): CalendarEvent {
    return this.store.getEventById(iCalId);
  }

  getEventsForDay(date: Date, options?: { [key: string]: unknown }): CalendarEvent[] {
    return this.store.getEventsForDay(date, options);
  }

  getTimeZone(): string {
    this.store.charge('getTimeZone');
    return this.store.state.timeZone;
  }

  getId(): string {
    return this.store.state.ownerEmail;
  }

  /** CalendarApp's own getters are the default calendar's. */
  getName(): string {
    return this.store.state.ownerEmail;
  }
  getDescription(): string {
    return '';
  }
  isMyPrimaryCalendar(): boolean {
    return true;
  }
  isOwnedByMe(): boolean {
    return true;
  }

  // The world holds the user's primary calendar only: its id is the user's address, as in Google Calendar.
  // https://developers.google.com/apps-script/reference/calendar/calendar-app#getcalendarbyidid : "null if
  // the calendar does not exist, if the user cannot access it, or if the user is not subscribed to it".
  getCalendarById(id: string): Calendar {
    this.store.charge('getCalendarById');
    return (this.primaryIf(String(id) === this.store.state.ownerEmail) ?? null) as Calendar;
  }

  /** Calendars the user owns or is subscribed to (#getallcalendars). */
  getAllCalendars(): Calendar[] {
    this.store.charge('getAllCalendars');
    return [asReal<Calendar>(new FakeCalendar(this.store))];
  }

  getAllOwnedCalendars(): Calendar[] {
    this.store.charge('getAllOwnedCalendars');
    return [asReal<Calendar>(new FakeCalendar(this.store))];
  }

  /** "Names are not case-sensitive" (#getcalendarsbynamename). */
  getCalendarsByName(name: string): Calendar[] {
    this.store.charge('getCalendarsByName');
    return this.byName(name);
  }

  getOwnedCalendarById(id: string): Calendar {
    this.store.charge('getOwnedCalendarById');
    return (this.primaryIf(String(id) === this.store.state.ownerEmail) ?? null) as Calendar;
  }

  getOwnedCalendarsByName(name: string): Calendar[] {
    this.store.charge('getOwnedCalendarsByName');
    return this.byName(name);
  }

  private byName(name: string): Calendar[] {
    const calendar = this.primaryIf(String(name).toLowerCase() === this.store.state.ownerEmail.toLowerCase());
    return calendar ? [calendar] : [];
  }

  private primaryIf(condition: boolean): Calendar | undefined {
    return condition ? asReal<Calendar>(new FakeCalendar(this.store)) : undefined;
  }
}

export class FakeCalendar implements Pick<
  Calendar,
  | 'getId'
  | 'getName'
  | 'getDescription'
  | 'getTimeZone'
  | 'isMyPrimaryCalendar'
  | 'isOwnedByMe'
  | 'getEvents'
  | 'getEventsForDay'
  | 'createEvent'
  | 'getEventById'
> {
  constructor(private readonly store: CalendarStore) {}

  /** Settings fetched with the calendar are local. */
  getId(): string {
    return this.store.state.ownerEmail;
  }
  getName(): string {
    return this.store.state.ownerEmail;
  }
  getTimeZone(): string {
    return this.store.state.timeZone;
  }
  /** The primary calendar has no description unless the user writes one. */
  getDescription(): string {
    return '';
  }
  isMyPrimaryCalendar(): boolean {
    return true;
  }
  isOwnedByMe(): boolean {
    return true;
  }
  getEvents(startTime: Date, endTime: Date, options?: { [key: string]: unknown }): CalendarEvent[] {
    return this.store.getEvents(startTime, endTime, options);
  }
  createEvent(
    title: string,
    startTime: Date,
    endTime: Date,
    options?: { [key: string]: unknown },
  ): CalendarEvent {
    return this.store.createEvent(title, startTime, endTime, options);
  }
  getEventById(iCalId: string): CalendarEvent {
    return this.store.getEventById(iCalId);
  }
  getEventsForDay(date: Date, options?: { [key: string]: unknown }): CalendarEvent[] {
    return this.store.getEventsForDay(date, options);
  }
}

export class FakeCalendarEvent implements Pick<
  CalendarEvent,
  | 'getId'
  | 'getTitle'
  | 'getDescription'
  | 'getLocation'
  | 'getStartTime'
  | 'getEndTime'
  | 'isAllDayEvent'
  | 'getAllDayStartDate'
  | 'getAllDayEndDate'
  | 'getMyStatus'
  | 'getTransparency'
  | 'getGuestList'
  | 'isRecurringEvent'
  | 'isOwnedByMe'
  | 'getTag'
  | 'getAllTagKeys'
  | 'setTag'
  | 'deleteTag'
  | 'deleteEvent'
  | 'getDateCreated'
  | 'getLastUpdated'
  | 'getOriginalCalendarId'
  | 'getGuestByEmail'
  | 'setTitle'
  | 'setDescription'
  | 'setLocation'
  | 'setTime'
  | 'setTransparency'
> {
  constructor(
    private readonly store: CalendarStore,
    private readonly instance: EventInstance,
  ) {}

  private get source(): CalendarEventState {
    return this.instance.source;
  }

  getId(): string {
    return this.source.id;
  }
  getTitle(): string {
    return this.source.title;
  }
  getDescription(): string {
    return this.source.description ?? '';
  }
  getLocation(): string {
    return this.source.location ?? '';
  }
  getStartTime(): Date {
    return new Date(this.instance.start);
  }
  getEndTime(): Date {
    return new Date(this.instance.end);
  }
  isAllDayEvent(): boolean {
    return this.source.allDay === true;
  }
  getAllDayStartDate(): Date {
    if (!this.source.allDay) throw new Error('This is not an all-day event.');
    return new Date(this.instance.start);
  }
  getAllDayEndDate(): Date {
    if (!this.source.allDay) throw new Error('This is not an all-day event.');
    return new Date(this.instance.end);
  }
  getMyStatus(): GoogleAppsScript.Calendar.GuestStatus {
    return enumValue(GUEST_STATUS[STATUS_OF[this.source.myResponse ?? 'owner']]);
  }
  getTransparency(): GoogleAppsScript.Calendar.EventTransparency {
    return enumValue(isTransparent(this.source) ? TRANSPARENCY.TRANSPARENT : TRANSPARENCY.OPAQUE);
  }
  getGuestList(): EventGuest[] {
    return (this.source.guests ?? []).map((email) => asReal<EventGuest>(new FakeEventGuest(email)));
  }
  /** null when no guest has that address (calendar-event#getguestbyemailemail). */
  getGuestByEmail(email: string): EventGuest {
    const guest = (this.source.guests ?? []).find((g) => g.toLowerCase() === String(email).toLowerCase());
    return (guest === undefined ? null : asReal<EventGuest>(new FakeEventGuest(guest))) as EventGuest;
  }
  /** The world's events live on the user's primary calendar. */
  getOriginalCalendarId(): string {
    return this.store.state.ownerEmail;
  }
  /** The world does not record edits: an event was last updated when it was created. */
  getLastUpdated(): Date {
    return this.getDateCreated();
  }
  isRecurringEvent(): boolean {
    return (this.source.recurrence ?? []).length > 0;
  }
  isOwnedByMe(): boolean {
    return (this.source.myResponse ?? 'owner') === 'owner';
  }
  getDateCreated(): Date {
    return new Date(this.source.createdAt ?? this.source.start);
  }

  // Edits to the user's own copy of the event; each is a round trip. Guests are not touched, so no one is
  // notified (https://developers.google.com/apps-script/reference/calendar/calendar-event).
  setTitle(title: string): CalendarEvent {
    this.store.charge('setTitle');
    this.source.title = String(title);
    return asReal<CalendarEvent>(this);
  }
  setDescription(description: string): CalendarEvent {
    this.store.charge('setDescription');
    this.source.description = String(description);
    return asReal<CalendarEvent>(this);
  }
  setLocation(location: string): CalendarEvent {
    this.store.charge('setLocation');
    this.source.location = String(location);
    return asReal<CalendarEvent>(this);
  }
  /** A timed event's new start and end; the start must come before the end, as createEvent requires. */
  setTime(startTime: Date, endTime: Date): CalendarEvent {
    this.store.charge('setTime');
    if (this.isRecurringEvent())
      throw new Error('Calendar fake: moving one occurrence of a series is not modelled');
    const start = startTime.getTime();
    const end = endTime.getTime();
    if (!(start < end)) throw new Error('Event start date must be before event end date.');
    Object.assign(this.source, { start, end, allDay: false });
    Object.assign(this.instance, { start, end });
    return asReal<CalendarEvent>(this);
  }
  setTransparency(transparency: GoogleAppsScript.Calendar.EventTransparency): CalendarEvent {
    this.store.charge('setTransparency');
    const value = String(transparency);
    if (!(value in TRANSPARENCY)) throw new Error('Invalid argument: transparency');
    this.source.transparent = value === TRANSPARENCY.TRANSPARENT;
    return asReal<CalendarEvent>(this);
  }

  /** Tags come with the event: reading them is local; writing is a round trip. */
  getTag(key: string): string {
    return (this.source.tags?.[key] ?? null) as string;
  }
  getAllTagKeys(): string[] {
    return Object.keys(this.source.tags ?? {});
  }
  setTag(key: string, value: string): CalendarEvent {
    this.store.charge('setTag');
    this.source.tags = { ...this.source.tags, [key]: String(value) };
    return asReal<CalendarEvent>(this);
  }
  deleteTag(key: string): CalendarEvent {
    this.store.charge('deleteTag');
    const tags = { ...this.source.tags };
    delete tags[key];
    this.source.tags = tags;
    return asReal<CalendarEvent>(this);
  }

  deleteEvent(): void {
    this.store.charge('deleteEvent');
    if (this.isRecurringEvent())
      throw new Error('Calendar fake: deleting one occurrence of a series is not modelled');
    const { state } = this.store;
    for (const list of [state.holds, state.events]) {
      const index = list.indexOf(this.source);
      if (index !== -1) {
        list.splice(index, 1);
        return;
      }
    }
    throw new Error('Calendar fake: this event was already deleted');
  }
}

/** A guest of an event; the world records addresses only, and their answer is not modelled yet. */
export class FakeEventGuest implements Pick<
  EventGuest,
  'getEmail' | 'getName' | 'getAdditionalGuests' | 'getGuestStatus'
> {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  /** "the guest's name, or the guest's email address if the name is not available" (event-guest#getname). */
  getName(): string {
    return this.email;
  }
  getAdditionalGuests(): number {
    return 0;
  }
  getGuestStatus(): GoogleAppsScript.Calendar.GuestStatus {
    return enumValue<GoogleAppsScript.Calendar.GuestStatus>(GUEST_STATUS.INVITED);
  }
}

// ---- Google Calendar REST: POST https://www.googleapis.com/calendar/v3/freeBusy ---------------------------
// https://developers.google.com/calendar/api/v3/reference/freebusy/query

export interface FreeBusyRequest {
  timeMin?: string;
  timeMax?: string;
  timeZone?: string;
  items?: { id: string }[];
}

export interface FreeBusyResponse {
  kind: 'calendar#freeBusy';
  timeMin: string;
  timeMax: string;
  calendars: Record<
    string,
    { busy: { start: string; end: string }[]; errors?: { domain: string; reason: string }[] }
  >;
}

/** A request Google would answer with an HTTP error; body is Google's JSON error shape. */
export class CalendarApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: {
      error: { code: number; message: string; errors: { domain: string; reason: string; message: string }[] };
    },
  ) {
    super(body.error.message);
    this.name = 'CalendarApiError';
  }
}

export function badRequest(reason: string, message: string): CalendarApiError {
  return new CalendarApiError(400, {
    error: { code: 400, message, errors: [{ domain: 'calendar', reason, message }] },
  });
}

/** RFC 3339 with a mandatory offset, as the API requires for timeMin/timeMax. */
export function parseInstant(name: string, value: string | undefined): number {
  if (value === undefined || value === '') throw badRequest('required', `Missing ${name} parameter.`);
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value)
    ? Date.parse(value)
    : NaN;
  if (Number.isNaN(ms)) throw badRequest('invalid', `Invalid value for: ${name}: ${value}`);
  return ms;
}

export function formatInstant(ms: number, timeZone: string | undefined): string {
  if (!timeZone) return new Date(ms).toISOString().replace('.000Z', 'Z');
  const offset = zoneOffsetMs(ms, timeZone);
  const wall = new Date(ms + offset).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60_000;
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The freeBusy answer for the primary calendar ('primary' or the owner's address): busy periods merged and
 * clipped to the window, transparent and declined events left out. Other ids get a notFound error entry.
 */
export function freeBusyResponse(state: CalendarState, request: FreeBusyRequest): FreeBusyResponse {
  const timeMin = parseInstant('timeMin', request.timeMin);
  const timeMax = parseInstant('timeMax', request.timeMax);
  if (timeMax <= timeMin) throw badRequest('timeRangeEmpty', 'The specified time range is empty.');
  if (request.timeZone) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: request.timeZone });
    } catch {
      throw badRequest('invalid', `Invalid time zone definition for timeZone: ${request.timeZone}`);
    }
  }

  const merged: { start: number; end: number }[] = [];
  for (const i of eventInstances(state, { start: timeMin, end: timeMax })) {
    if (!isBusy(i.source)) continue;
    const start = Math.max(i.start, timeMin);
    const end = Math.min(i.end, timeMax);
    const last = merged[merged.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  const busy = merged.map((b) => ({
    start: formatInstant(b.start, request.timeZone),
    end: formatInstant(b.end, request.timeZone),
  }));

  const calendars: FreeBusyResponse['calendars'] = {};
  for (const { id } of request.items ?? []) {
    const mine = id === 'primary' || id.toLowerCase() === state.ownerEmail.toLowerCase();
    calendars[id] = mine ? { busy } : { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
  }
  return {
    kind: 'calendar#freeBusy',
    timeMin: new Date(timeMin).toISOString(),
    timeMax: new Date(timeMax).toISOString(),
    calendars,
  };
}
