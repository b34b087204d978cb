// The user's calendar. Busy time comes from Calendar's REST API through UrlFetchApp, so it can travel in
// the same fetchAll as the HubSpot reads (one round trip for both); holds are CalendarApp events on the
// user's own calendar with no guests, so no invitation can ever be sent.
//
// Busy time is read one of two ways, always as ONE request:
// - freeBusy, when tentative and unanswered invitations count as busy (the default): Google's own busy
//   periods, already merged; https://developers.google.com/calendar/api/v3/reference/freebusy/query
// - events.list, when the user says tentative is not busy: free/busy carries no response status, so the
//   events themselves are read (expanded, only the fields needed) and core/slots.ts decides what blocks
//   time from each one's transparency and the user's own answer (attendees[self].responseStatus);
//   https://developers.google.com/calendar/api/v3/reference/events/list
import type { Call, HttpResponse } from '../core/http';
import type { CalendarPort } from '../core/ports';
import type { BusyEvent, Slot } from '../core/slots';
import { disabledApiMessage } from './google-api-errors';
import { isValidTimeZone, zonedToEpoch } from '../core/time-zone';

export const FREEBUSY_URL = 'https://www.googleapis.com/calendar/v3/freeBusy';
export const PRIMARY_CALENDAR_URL = 'https://www.googleapis.com/calendar/v3/calendars/primary';
export const EVENTS_URL = `${PRIMARY_CALENDAR_URL}/events`;
/** events.list allows at most 2500 events a page; ten working days never come near it. */
const MAX_EVENTS = 2500;
const EVENT_FIELDS =
  'timeZone,nextPageToken,items(status,start,end,transparency,eventType,attendees(self,responseStatus))';

export class GoogleCalendar implements CalendarPort {
  constructor(
    private readonly oauthToken: () => string,
    /** The user's "tentative counts as busy" setting, read when a busy read is built. */
    private readonly tentativeIsBusy: () => boolean = () => true,
  ) {}

  busy(from: number, to: number): Call<BusyEvent[]> {
    return this.tentativeIsBusy() ? this.freeBusy(from, to) : this.events(from, to);
  }

  private events(from: number, to: number): Call<BusyEvent[]> {
    const query = [
      ['timeMin', new Date(from).toISOString()],
      ['timeMax', new Date(to).toISOString()],
      ['singleEvents', 'true'],
      ['orderBy', 'startTime'],
      ['maxResults', String(MAX_EVENTS)],
      ['fields', EVENT_FIELDS],
    ]
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&');
    return {
      requests: [
        {
          url: `${EVENTS_URL}?${query}`,
          method: 'get',
          headers: { Authorization: `Bearer ${this.oauthToken()}` },
        },
      ],
      parse: ([response]) => parseEvents(response, to),
    };
  }

  private freeBusy(from: number, to: number): Call<BusyEvent[]> {
    return {
      requests: [
        {
          url: FREEBUSY_URL,
          method: 'post',
          headers: { Authorization: `Bearer ${this.oauthToken()}` },
          payload: JSON.stringify({
            timeMin: new Date(from).toISOString(),
            timeMax: new Date(to).toISOString(),
            items: [{ id: 'primary' }],
          }),
        },
      ],
      parse: ([response]) => parseFreeBusy(response),
    };
  }

  /**
   * The primary calendar's zone (calendars.get, the same figure as CalendarApp's getTimeZone), as a request
   * that rides in the poller's first fetchAll. https://developers.google.com/calendar/api/v3/reference/calendars/get
   */
  zone(): Call<string> {
    return {
      requests: [
        {
          url: `${PRIMARY_CALENDAR_URL}?fields=timeZone`,
          method: 'get',
          headers: { Authorization: `Bearer ${this.oauthToken()}` },
        },
      ],
      parse: ([response]) => {
        const disabled = response ? disabledApiMessage(response) : null;
        if (disabled) throw new Error(disabled);
        if (!response || response.status !== 200)
          throw new Error(`Calendar answered ${response ? response.status : 'nothing'}`);
        const zone = String((JSON.parse(response.body) as { timeZone?: string }).timeZone || '');
        if (!isValidTimeZone(zone)) throw new Error(`Calendar gave no usable time zone (${zone})`);
        return zone;
      },
    };
  }

  /** The zone of the user's calendar: where the poller, which has no event object, learns it. */
  timeZone(): string {
    return CalendarApp.getDefaultCalendar().getTimeZone();
  }

  /**
   * One call: CalendarApp.createEvent writes to the default calendar directly (no getDefaultCalendar
   * first). The hold's start is kept in the user's store for its release, so the event needs no tag.
   */
  hold(slot: Slot, title: string, description: string): string {
    const event = CalendarApp.createEvent(title, new Date(slot.start), new Date(slot.end), { description });
    return event.getId();
  }
}

/** Deletes a hold whose title still starts with [Hold] (the user has not confirmed it); true if deleted. */
export function releaseUnconfirmedHold(eventId: string): boolean {
  const event = CalendarApp.getDefaultCalendar().getEventById(eventId);
  if (!event || !/^\[Hold\]/.test(event.getTitle())) return false;
  event.deleteEvent();
  return true;
}

export class CalendarUnavailable extends Error {}

/** The JSON of a 200 answer; a disabled API is named with its fix, anything else is "unavailable". */
function readJson<T>(response: HttpResponse | undefined): T {
  const disabled = disabledApiMessage(response);
  if (disabled) throw new CalendarUnavailable(disabled);
  if (!response || response.status !== 200) {
    throw new CalendarUnavailable(`Google Calendar answered ${response ? response.status : 'nothing'}`);
  }
  try {
    return JSON.parse(response.body) as T;
  } catch {
    throw new CalendarUnavailable('Google Calendar sent an unreadable answer');
  }
}

interface EventTime {
  date?: string;
  dateTime?: string;
}

interface EventsPage {
  timeZone?: string;
  nextPageToken?: string;
  items?: Array<{
    status?: string;
    start?: EventTime;
    end?: EventTime;
    transparency?: string;
    eventType?: string;
    attendees?: Array<{ self?: boolean; responseStatus?: string }>;
  }>;
}

const RESPONSES: ReadonlyArray<NonNullable<BusyEvent['responseStatus']>> = [
  'accepted',
  'declined',
  'tentative',
  'needsAction',
];

/** An all-day event's date ('2026-03-10') as the epoch of its midnight in the calendar's zone. */
function eventInstant(time: EventTime | undefined, zone: string): number {
  if (time && time.dateTime) return Date.parse(time.dateTime);
  const day = time && time.date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(time.date) : null;
  if (!day) return NaN;
  const local = { year: +day[1], month: +day[2], day: +day[3], hour: 0, minute: 0 };
  return zonedToEpoch(local, zone);
}

function parseEvents(response: HttpResponse | undefined, to: number): BusyEvent[] {
  const page = readJson<EventsPage>(response);
  const zone = page.timeZone && isValidTimeZone(page.timeZone) ? page.timeZone : 'UTC';
  const busy: BusyEvent[] = [];
  for (const item of page.items || []) {
    if (item.status === 'cancelled' || item.eventType === 'workingLocation') continue;
    const self = (item.attendees || []).find((a) => a.self);
    const answer = self && RESPONSES.find((r) => r === self.responseStatus);
    busy.push({
      start: eventInstant(item.start, zone),
      end: eventInstant(item.end, zone),
      allDay: Boolean(item.start && item.start.date),
      transparent: item.transparency === 'transparent',
      responseStatus: answer || 'owner',
    });
  }
  const events = busy.filter((b) => Number.isFinite(b.start) && Number.isFinite(b.end) && b.end > b.start);
  // A calendar too full for one page: what was not read counts as busy rather than free.
  if (page.nextPageToken && events.length) {
    events.push({ start: Math.max(...events.map((e) => e.start)), end: to, responseStatus: 'owner' });
  }
  return events;
}

function parseFreeBusy(response: HttpResponse | undefined): BusyEvent[] {
  const body = readJson<{
    calendars?: Record<string, { busy?: { start: string; end: string }[]; errors?: unknown[] }>;
  }>(response);
  const primary = body.calendars && body.calendars.primary;
  if (!primary || (primary.errors && primary.errors.length)) {
    throw new CalendarUnavailable('Your primary calendar could not be read');
  }
  return (primary.busy || [])
    .map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) }))
    .filter((b) => Number.isFinite(b.start) && Number.isFinite(b.end) && b.end > b.start);
}
