// The user's calendar. Busy time comes from Calendar's REST freeBusy through UrlFetchApp, so it can travel
// in the same fetchAll as the HubSpot reads (one round trip for both); holds are CalendarApp events on the
// user's own calendar with no guests, so no invitation can ever be sent.
// https://developers.google.com/calendar/api/v3/reference/freebusy/query
import type { Call, HttpResponse } from '../core/http';
import type { CalendarPort } from '../core/ports';
import type { BusyEvent, Slot } from '../core/slots';
import { disabledApiMessage } from './google-api-errors';

export const FREEBUSY_URL = 'https://www.googleapis.com/calendar/v3/freeBusy';
export const HOLD_TAG = 'prospector.hold';

export class GoogleCalendar implements CalendarPort {
  constructor(private readonly oauthToken: () => string) {}

  busy(from: number, to: number): Call<BusyEvent[]> {
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

  /** The zone of the user's calendar: where the poller, which has no event object, learns it. */
  timeZone(): string {
    return CalendarApp.getDefaultCalendar().getTimeZone();
  }

  hold(slot: Slot, title: string, description: string): string {
    const event = CalendarApp.getDefaultCalendar().createEvent(
      title,
      new Date(slot.start),
      new Date(slot.end),
      {
        description,
      },
    );
    event.setTag(HOLD_TAG, String(slot.start));
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

function parseFreeBusy(response: HttpResponse | undefined): BusyEvent[] {
  const disabled = disabledApiMessage(response);
  if (disabled) throw new CalendarUnavailable(disabled);
  if (!response || response.status !== 200) {
    throw new CalendarUnavailable(`Google Calendar answered ${response ? response.status : 'nothing'}`);
  }
  let body: { calendars?: Record<string, { busy?: { start: string; end: string }[]; errors?: unknown[] }> };
  try {
    body = JSON.parse(response.body);
  } catch {
    throw new CalendarUnavailable('Google Calendar sent an unreadable answer');
  }
  const primary = body.calendars && body.calendars.primary;
  if (!primary || (primary.errors && primary.errors.length)) {
    throw new CalendarUnavailable('Your primary calendar could not be read');
  }
  return (primary.busy || [])
    .map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) }))
    .filter((b) => Number.isFinite(b.start) && Number.isFinite(b.end) && b.end > b.start);
}
