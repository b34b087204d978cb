// iCalendar (RFC 5545) for the calendar fake: loads an .ics file into CalendarState events and expands
// recurrence rules, with ical.js doing the RRULE/EXDATE/RECURRENCE-ID work and Intl the IANA time zones.
import ICAL from 'ical.js';
import type { CalendarEventState, MyResponse } from './calendar-event';

type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalEvent = InstanceType<typeof ICAL.Event>;

export interface Window {
  start: number;
  end: number;
}

/** Offset of a zone from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time occurs in a zone. A time skipped by a DST jump moves forward by the jump,
 * as Google Calendar does; a repeated time takes its first occurrence.
 */
export function wallClockToEpoch(
  wall: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): number {
  const asUtc = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour ?? 0,
    wall.minute ?? 0,
    wall.second ?? 0,
  );
  const before = asUtc - zoneOffsetMs(asUtc - 86_400_000, timeZone);
  const after = asUtc - zoneOffsetMs(asUtc + 86_400_000, timeZone);
  const candidates = [before, after].filter((t) => t + zoneOffsetMs(t, timeZone) === asUtc);
  return candidates.length > 0 ? Math.min(...candidates) : before;
}

function isIanaZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * ical.js resolves a TZID through a VTIMEZONE of the same file; a TZID without one comes back floating with
 * its name kept, and is read here as an IANA zone. DATE values are midnight in the calendar's zone.
 */
function toEpoch(time: IcalTime, calendarZone: string): number {
  const wall = {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.hour,
    minute: time.minute,
    second: time.second,
  };
  if (time.isDate)
    return wallClockToEpoch({ year: time.year, month: time.month, day: time.day }, calendarZone);
  const zone = time.zone?.tzid;
  if (zone && zone !== 'floating') return time.toUnixTime() * 1000;
  const named = (time as { timezone?: string }).timezone;
  if (named) {
    if (!isIanaZone(named))
      throw new Error(`ics: unknown time zone '${named}' (no VTIMEZONE and not an IANA name)`);
    return wallClockToEpoch(wall, named);
  }
  return wallClockToEpoch(wall, calendarZone);
}

/** Guards against a rule that never leaves the window's past (e.g. FREQ=SECONDLY from 1970). */
const MAX_OCCURRENCES = 100_000;

interface Occurrence {
  start: number;
  end: number;
  allDay: boolean;
  /** The VEVENT that describes this occurrence: the master or a RECURRENCE-ID override. */
  item: IcalEvent;
}

function occurrences(event: IcalEvent, calendarZone: string, window: Window): Occurrence[] {
  const out: Occurrence[] = [];
  const push = (startDate: IcalTime, endDate: IcalTime, item: IcalEvent) => {
    const start = toEpoch(startDate, calendarZone);
    const end = toEpoch(endDate, calendarZone);
    if (start < window.end && end > window.start) out.push({ start, end, allDay: startDate.isDate, item });
  };
  if (!event.isRecurring()) {
    push(event.startDate, event.endDate, event);
    return out;
  }
  const iterator = event.iterator();
  for (let i = 0, next = iterator.next(); next; next = iterator.next(), i++) {
    if (i >= MAX_OCCURRENCES)
      throw new Error(`ics: more than ${MAX_OCCURRENCES} occurrences before the window ends`);
    if (toEpoch(next, calendarZone) >= window.end) break;
    const details = event.getOccurrenceDetails(next);
    push(details.startDate, details.endDate, details.item);
  }
  return out;
}

function mailto(value: unknown): string {
  return String(value ?? '')
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
}

const PARTSTAT: Record<string, MyResponse> = {
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  TENTATIVE: 'tentative',
  'NEEDS-ACTION': 'needsAction',
};

/** The user's answer: their ATTENDEE PARTSTAT, 'owner' when they organise it or are not listed. */
function responseOf(item: IcalEvent, userEmail: string): { myResponse: MyResponse; guests: string[] } {
  const user = userEmail.toLowerCase();
  const attendees = item.component.getAllProperties('attendee');
  const organizer = mailto(item.component.getFirstPropertyValue('organizer'));
  const mine = attendees.find((a) => mailto(a.getFirstValue()) === user);
  const guests = attendees.map((a) => mailto(a.getFirstValue())).filter((e) => e && e !== user);
  if (organizer === user || !mine) return { myResponse: 'owner', guests };
  const partstat = String(mine.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase();
  return { myResponse: PARTSTAT[partstat] ?? 'needsAction', guests };
}

function transparencyOf(item: IcalEvent): boolean | undefined {
  const transp = item.component.getFirstPropertyValue('transp');
  if (transp === null || transp === undefined) return undefined; // the calendar applies Google's default
  return String(transp).toUpperCase() === 'TRANSPARENT';
}

function isCancelled(item: IcalEvent): boolean {
  return String(item.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
}

export interface IcsLoadOptions {
  userEmail: string;
  /** Only occurrences overlapping this window are kept; recurrences are expanded within it. */
  window: Window;
  /** Zone for floating times and all-day dates; default the file's X-WR-TIMEZONE, else UTC. */
  timeZone?: string;
}

export interface IcsCalendar {
  /** X-WR-TIMEZONE of the file, if any. */
  timeZone: string | null;
  /** One state event per occurrence; occurrences of a series share the series' UID as id. */
  events: CalendarEventState[];
}

export function loadIcs(text: string, options: IcsLoadOptions): IcsCalendar {
  const root = new ICAL.Component(ICAL.parse(text));
  if (root.name !== 'vcalendar')
    throw new Error(`ics: expected a VCALENDAR, found ${root.name.toUpperCase()}`);
  const declaredZone = root.getFirstPropertyValue('x-wr-timezone');
  const fileZone = typeof declaredZone === 'string' && declaredZone ? declaredZone : null;
  const calendarZone = options.timeZone ?? fileZone ?? 'UTC';

  const vevents = root.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  const masters = vevents.filter((e) => !e.isRecurrenceException());
  for (const exception of vevents.filter((e) => e.isRecurrenceException())) {
    const master = masters.find((m) => m.uid === exception.uid);
    if (master) master.relateException(exception);
    else masters.push(exception); // an override whose series is not in the file stands alone
  }

  const events: CalendarEventState[] = [];
  for (const master of masters) {
    if (isCancelled(master)) continue;
    for (const o of occurrences(master, calendarZone, options.window)) {
      if (isCancelled(o.item)) continue;
      const { myResponse, guests } = responseOf(o.item, options.userEmail);
      events.push({
        id: master.uid,
        title: o.item.summary ?? '',
        start: o.start,
        end: o.end,
        allDay: o.allDay,
        transparent: transparencyOf(o.item),
        myResponse,
        guests,
        description: o.item.description ?? undefined,
        location: o.item.location ?? undefined,
      });
    }
  }
  events.sort((a, b) => a.start - b.start || a.end - b.end);
  return { timeZone: fileZone, events };
}

function icsDate(epochMs: number, timeZone: string, withTime: boolean): string {
  const wall = new Date(epochMs + zoneOffsetMs(epochMs, timeZone));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${pad(wall.getUTCFullYear(), 4)}${pad(wall.getUTCMonth() + 1)}${pad(wall.getUTCDate())}`;
  return withTime
    ? `${date}T${pad(wall.getUTCHours())}${pad(wall.getUTCMinutes())}${pad(wall.getUTCSeconds())}`
    : date;
}

/**
 * Occurrences of a state event with Calendar-API style `recurrence` lines (RRULE, EXDATE, RDATE), repeated
 * on the wall clock of `timeZone` so a 9:00 meeting stays at 9:00 across a DST change.
 */
export function expandRecurrence(
  event: Pick<CalendarEventState, 'start' | 'end' | 'allDay' | 'recurrence'>,
  timeZone: string,
  window: Window,
): { start: number; end: number }[] {
  const allDay = event.allDay === true;
  const value = allDay ? ';VALUE=DATE' : `;TZID=${timeZone}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'BEGIN:VEVENT',
    'UID:expansion',
    `DTSTART${value}:${icsDate(event.start, timeZone, !allDay)}`,
    `DTEND${value}:${icsDate(event.end, timeZone, !allDay)}`,
    ...(event.recurrence ?? []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  const vevent = new ICAL.Component(ICAL.parse(lines.join('\r\n'))).getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('ics: could not build the recurring event');
  return occurrences(new ICAL.Event(vevent), timeZone, window).map(({ start, end }) => ({ start, end }));
}
