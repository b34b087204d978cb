// Calendar REST events.list on the primary calendar, answered from the calendar fake's state: the add-on
// reads it when tentative events must not count as busy, because only events carry the user's answer.
// https://developers.google.com/calendar/api/v3/reference/events/list
// Modelled: timeMin (exclusive bound on an event's end) and timeMax (exclusive bound on its start), both
// RFC 3339 with an offset; singleEvents (recurrences expanded into instances); orderBy=startTime, which
// Google refuses without singleEvents; maxResults (default 250, never more than 2500 a page) with
// pageToken/nextPageToken; cancelled events left out (showDeleted is false by default); `fields`.
// Transparency is omitted when opaque and the user's answer is attendees[self].responseStatus, as Google
// returns them. https://developers.google.com/calendar/api/v3/reference/events#resource
import { zoneOffsetMs } from './fakes/ics';
import { badRequest, eventInstances, formatInstant, isTransparent, parseInstant } from './fakes/calendar';
import type { CalendarEventState, CalendarState, EventInstance } from './fakes/calendar';
import { partialResponse } from './partial-response';

const DEFAULT_PAGE = 250;
const MAX_PAGE = 2500;

export function eventsListResponse(state: CalendarState, params: URLSearchParams): unknown {
  const timeMin = params.has('timeMin') ? parseInstant('timeMin', params.get('timeMin') ?? '') : -8.64e15;
  const timeMax = params.has('timeMax') ? parseInstant('timeMax', params.get('timeMax') ?? '') : 8.64e15;
  if (timeMax <= timeMin) throw badRequest('timeRangeEmpty', 'The specified time range is empty.');
  const single = params.get('singleEvents') === 'true';
  const orderBy = params.get('orderBy');
  if (orderBy === 'startTime' && !single) {
    throw badRequest('badRequest', 'The requested ordering is not available for the particular query.');
  }
  const requested = Number(params.get('maxResults') || DEFAULT_PAGE);
  if (!Number.isInteger(requested) || requested < 1) {
    throw badRequest('invalid', `Invalid value for: maxResults: ${params.get('maxResults')}`);
  }
  const pageSize = Math.min(requested, MAX_PAGE);
  const offset = Number(params.get('pageToken') || 0);

  const window = { start: timeMin, end: timeMax };
  const instances: EventInstance[] = single
    ? eventInstances(state, window)
    : [...state.events, ...state.holds]
        .filter((e) => (e.recurrence && e.recurrence.length) || (e.start < timeMax && e.end > timeMin))
        .map((source) => ({ source, start: source.start, end: source.end }));
  const matching = instances.filter((i) => i.end > timeMin && i.start < timeMax);
  const page = matching.slice(offset, offset + pageSize);
  const body = {
    kind: 'calendar#events',
    etag: `"${state.events.length + state.holds.length}"`,
    summary: state.ownerEmail,
    updated: new Date(0).toISOString(),
    timeZone: state.timeZone,
    accessRole: 'owner',
    defaultReminders: [],
    ...(offset + pageSize < matching.length ? { nextPageToken: String(offset + pageSize) } : {}),
    items: page.map((i) => eventResource(state, i, single)),
  };
  return partialResponse(body, params.get('fields'));
}

function eventTime(ms: number, allDay: boolean | undefined, zone: string): Record<string, string> {
  if (!allDay) return { dateTime: formatInstant(ms, zone), timeZone: zone };
  return { date: new Date(ms + zoneOffsetMs(ms, zone)).toISOString().slice(0, 10) };
}

function eventResource(state: CalendarState, i: EventInstance, single: boolean): Record<string, unknown> {
  const e: CalendarEventState = i.source;
  const zone = e.timeZone ?? state.timeZone;
  const response = e.myResponse ?? 'owner';
  const organizer = response === 'owner' ? state.ownerEmail : 'organizer@elsewhere.example';
  const attendees =
    response === 'owner'
      ? (e.guests ?? []).length
        ? [
            { email: state.ownerEmail, self: true, organizer: true, responseStatus: 'accepted' },
            ...(e.guests ?? []).map((email) => ({ email, responseStatus: 'needsAction' })),
          ]
        : undefined
      : [
          { email: organizer, organizer: true, responseStatus: 'accepted' },
          { email: state.ownerEmail, self: true, responseStatus: response },
        ];
  const recurring = Boolean(e.recurrence && e.recurrence.length);
  const instanceSuffix =
    single && recurring ? `_${new Date(i.start).toISOString().replace(/[-:]|\.\d{3}/g, '')}` : '';
  return {
    kind: 'calendar#event',
    id: `${e.id
      .replace(/@.*$/, '')
      .replace(/[^a-v0-9]/gi, '')
      .toLowerCase()}${instanceSuffix}`,
    status: 'confirmed',
    summary: e.title,
    ...(e.description !== undefined ? { description: e.description } : {}),
    ...(e.location !== undefined ? { location: e.location } : {}),
    creator: { email: organizer, ...(response === 'owner' ? { self: true } : {}) },
    organizer: { email: organizer, ...(response === 'owner' ? { self: true } : {}) },
    start: eventTime(i.start, e.allDay, zone),
    end: eventTime(i.end, e.allDay, zone),
    ...(single && recurring ? { recurringEventId: e.id.replace(/@.*$/, '') } : {}),
    ...(!single && recurring ? { recurrence: e.recurrence } : {}),
    ...(isTransparent(e) ? { transparency: 'transparent' } : {}),
    iCalUID: e.id,
    ...(attendees ? { attendees } : {}),
    eventType: 'default',
  };
}
