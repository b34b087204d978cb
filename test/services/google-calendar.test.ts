// GoogleCalendar's busy read against the workbench's Calendar REST fake (events.list and freeBusy answered
// from one calendar state), so the parse meets Google's shapes, not shapes written for the test.
import { googleApis } from '../../tools/workbench/google-apis';
import { eventsListResponse } from '../../tools/workbench/calendar-events-api';
import { createCalendarState } from '../../tools/workbench/fakes/calendar';
import type { CalendarEventState } from '../../tools/workbench/fakes/calendar';
import { createMailboxState } from '../../tools/workbench/fakes/gmail';
import { GoogleCalendar } from '../../src/services/google-calendar';
import type { HttpPort } from '../../src/core/http';
import { runCall } from '../../src/core/http';
import type { BusyEvent } from '../../src/core/slots';

const OWNER = 'alex@northwind.example';
const FROM = Date.parse('2026-03-09T00:00:00Z');
const TO = Date.parse('2026-03-16T00:00:00Z');

function busyOf(events: CalendarEventState[], tentativeIsBusy: boolean, zone = 'America/Los_Angeles') {
  const calendar = createCalendarState({ ownerEmail: OWNER, timeZone: zone, events });
  const apis = googleApis({
    mailbox: createMailboxState({ userEmail: OWNER, threads: [] }),
    calendar,
    now: () => FROM,
  });
  const urls: string[] = [];
  const http: HttpPort = {
    fetchAll: (requests) =>
      requests.map((r) => {
        urls.push(r.url);
        const answer = apis({ url: r.url, method: r.method, headers: r.headers || {}, body: r.payload });
        return { status: answer.status, headers: {}, body: answer.body };
      }),
  };
  const busy = runCall(
    http,
    new GoogleCalendar(
      () => 'token',
      () => tentativeIsBusy,
    ).busy(FROM, TO),
  );
  return { busy, urls };
}

const at = (iso: string) => Date.parse(iso);
const event = (over: Partial<CalendarEventState>): CalendarEventState => ({
  id: 'e1@google.com',
  title: 'Meeting',
  start: at('2026-03-10T17:00:00Z'),
  end: at('2026-03-10T18:00:00Z'),
  ...over,
});

describe('GoogleCalendar.busy', () => {
  it('reads free/busy when tentative counts as busy (one request)', () => {
    const { busy, urls } = busyOf([event({ myResponse: 'tentative' })], true);
    expect(urls).toEqual(['https://www.googleapis.com/calendar/v3/freeBusy']);
    expect(busy).toEqual([{ start: at('2026-03-10T17:00:00Z'), end: at('2026-03-10T18:00:00Z') }]);
  });

  it('reads events.list, with the user answer, when tentative is not busy (one request)', () => {
    const { busy, urls } = busyOf(
      [
        event({ id: 'a@google.com', myResponse: 'tentative' }),
        event({
          id: 'b@google.com',
          myResponse: 'needsAction',
          start: at('2026-03-11T17:00:00Z'),
          end: at('2026-03-11T18:00:00Z'),
        }),
        event({
          id: 'c@google.com',
          myResponse: 'accepted',
          start: at('2026-03-12T17:00:00Z'),
          end: at('2026-03-12T18:00:00Z'),
        }),
        event({
          id: 'd@google.com',
          transparent: true,
          start: at('2026-03-12T19:00:00Z'),
          end: at('2026-03-12T20:00:00Z'),
        }),
      ],
      false,
    );
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(/^https:\/\/www\.googleapis\.com\/calendar\/v3\/calendars\/primary\/events\?/);
    expect(busy.map((b: BusyEvent) => [b.responseStatus, b.transparent])).toEqual([
      ['tentative', false],
      ['needsAction', false],
      ['accepted', false],
      ['owner', true],
    ]);
  });

  it('places an all-day event on its day in the calendar zone, not in UTC', () => {
    const { busy } = busyOf(
      [
        event({
          allDay: true,
          transparent: false,
          start: at('2026-03-13T08:00:00Z'),
          end: at('2026-03-14T08:00:00Z'),
        }),
      ],
      false,
    );
    // Midnight to midnight in Los Angeles (PDT since March 8).
    expect(busy).toEqual([
      {
        start: at('2026-03-13T07:00:00Z'),
        end: at('2026-03-14T07:00:00Z'),
        allDay: true,
        transparent: false,
        responseStatus: 'owner',
      },
    ]);
  });

  it('counts what one page could not hold as busy', () => {
    const calendar = createCalendarState({
      ownerEmail: OWNER,
      timeZone: 'UTC',
      events: [
        event({ id: 'a@google.com' }),
        event({ id: 'b@google.com', start: at('2026-03-11T17:00:00Z'), end: at('2026-03-11T18:00:00Z') }),
      ],
    });
    const params = new URLSearchParams({
      timeMin: '2026-03-09T00:00:00Z',
      timeMax: '2026-03-16T00:00:00Z',
      singleEvents: 'true',
      maxResults: '1',
    });
    const page = eventsListResponse(calendar, params) as { nextPageToken?: string; items: unknown[] };
    expect(page.items).toHaveLength(1);
    expect(page.nextPageToken).toBe('1');
    const busy = new GoogleCalendar(
      () => 'token',
      () => false,
    )
      .busy(FROM, TO)
      .parse([{ status: 200, headers: {}, body: JSON.stringify(page) }]);
    // The one event read, then everything from its start to the end of the window.
    expect(busy.map((b) => [new Date(b.start).toISOString(), new Date(b.end).toISOString()])).toEqual([
      ['2026-03-10T17:00:00.000Z', '2026-03-10T18:00:00.000Z'],
      ['2026-03-10T17:00:00.000Z', '2026-03-16T00:00:00.000Z'],
    ]);
  });
});

describe('events.list fake (Google shapes and rules)', () => {
  const calendar = createCalendarState({
    ownerEmail: OWNER,
    timeZone: 'UTC',
    events: [
      event({ myResponse: 'tentative' }),
      event({
        id: 'x@google.com',
        allDay: true,
        start: at('2026-03-12T00:00:00Z'),
        end: at('2026-03-13T00:00:00Z'),
      }),
    ],
  });
  const list = (params: Record<string, string>) => eventsListResponse(calendar, new URLSearchParams(params));

  it('returns the user answer as attendees[self], opaque by omission, all-day as date', () => {
    const page = list({ timeMin: '2026-03-09T00:00:00Z', singleEvents: 'true', orderBy: 'startTime' }) as {
      kind: string;
      timeZone: string;
      items: Array<Record<string, unknown>>;
    };
    expect(page.kind).toBe('calendar#events');
    expect(page.timeZone).toBe('UTC');
    expect(page.items[0]).toMatchObject({
      kind: 'calendar#event',
      status: 'confirmed',
      start: { dateTime: '2026-03-10T17:00:00+00:00', timeZone: 'UTC' },
      attendees: expect.arrayContaining([{ email: OWNER, self: true, responseStatus: 'tentative' }]),
    });
    expect(page.items[0]).not.toHaveProperty('transparency');
    expect(page.items[1]).toMatchObject({
      start: { date: '2026-03-12' },
      end: { date: '2026-03-13' },
      transparency: 'transparent',
    });
  });

  it('keeps only the fields asked for', () => {
    const page = list({ singleEvents: 'true', fields: 'items(start,attendees(responseStatus))' });
    expect(page).toEqual({
      items: [
        {
          start: { dateTime: '2026-03-10T17:00:00+00:00', timeZone: 'UTC' },
          attendees: [{ responseStatus: 'accepted' }, { responseStatus: 'tentative' }],
        },
        { start: { date: '2026-03-12' } },
      ],
    });
  });

  it('refuses orderBy=startTime without singleEvents, and an empty range', () => {
    expect(() => list({ orderBy: 'startTime' })).toThrow(
      'The requested ordering is not available for the particular query.',
    );
    expect(() => list({ timeMin: '2026-03-10T00:00:00Z', timeMax: '2026-03-10T00:00:00Z' })).toThrow(
      'The specified time range is empty.',
    );
    expect(() => list({ timeMin: '2026-03-10' })).toThrow('Invalid value for: timeMin');
  });
});
