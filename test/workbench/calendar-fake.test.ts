import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CallLedger, SimClock } from '../../tools/workbench/runtime';
import {
  CalendarApiError,
  createCalendarState,
  FakeCalendarApp,
  freeBusyResponse,
  type CalendarEventState,
  type CalendarState,
} from '../../tools/workbench/fakes/calendar';
import { loadIcs, wallClockToEpoch } from '../../tools/workbench/fakes/ics';

const ME = 'sam@seller.example';
const NY = 'America/New_York';
const at = (iso: string) => Date.parse(iso);

function world(events: CalendarEventState[] = []) {
  const clock = new SimClock(at('2024-03-01T12:00:00Z'));
  const ledger = new CallLedger(clock);
  const state: CalendarState = createCalendarState({ ownerEmail: ME, timeZone: NY, events });
  return { clock, ledger, state, calendarApp: new FakeCalendarApp(state, ledger, clock) };
}

function busyOf(state: CalendarState, timeMin: string, timeMax: string, timeZone?: string) {
  return freeBusyResponse(state, { timeMin, timeMax, timeZone, items: [{ id: 'primary' }] }).calendars.primary
    .busy;
}

describe('recurrence', () => {
  const weekly: CalendarEventState = {
    id: 'weekly@google.com',
    title: 'Pipeline review',
    start: at('2024-03-04T14:00:00Z'), // 09:00 EST
    end: at('2024-03-04T15:00:00Z'),
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;TZID=America/New_York:20240318T090000'],
  };

  it('expands a series on the wall clock of the calendar, across the DST change', () => {
    const { calendarApp } = world([weekly]);
    const events = calendarApp
      .getDefaultCalendar()
      .getEvents(new Date(at('2024-03-01T00:00:00Z')), new Date(at('2024-04-01T00:00:00Z')));
    expect(events.map((e) => e.getStartTime().toISOString())).toEqual([
      '2024-03-04T14:00:00.000Z',
      '2024-03-11T13:00:00.000Z', // still 09:00, now EDT
      '2024-03-25T13:00:00.000Z',
    ]);
    expect(events.every((e) => e.getId() === 'weekly@google.com' && e.isRecurringEvent())).toBe(true);
    expect(events[1].getEndTime().toISOString()).toBe('2024-03-11T14:00:00.000Z');
  });

  it('returns only occurrences overlapping the requested range, and busy time for each', () => {
    const { calendarApp, state } = world([weekly]);
    const events = calendarApp.getEvents(
      new Date(at('2024-03-11T13:30:00Z')),
      new Date(at('2024-03-20T00:00:00Z')),
    );
    expect(events.map((e) => e.getStartTime().toISOString())).toEqual(['2024-03-11T13:00:00.000Z']);
    expect(busyOf(state, '2024-03-10T00:00:00Z', '2024-03-12T00:00:00Z')).toEqual([
      { start: '2024-03-11T13:00:00Z', end: '2024-03-11T14:00:00Z' },
    ]);
  });
});

describe('free/busy', () => {
  const events: CalendarEventState[] = [
    {
      id: 'a',
      title: 'Accepted',
      start: at('2024-03-05T14:00:00Z'),
      end: at('2024-03-05T15:00:00Z'),
      myResponse: 'accepted',
    },
    { id: 'b', title: 'Overlaps a', start: at('2024-03-05T14:30:00Z'), end: at('2024-03-05T15:30:00Z') },
    {
      id: 'c',
      title: 'Declined',
      start: at('2024-03-05T16:00:00Z'),
      end: at('2024-03-05T17:00:00Z'),
      myResponse: 'declined',
    },
    {
      id: 'd',
      title: 'Free',
      start: at('2024-03-05T17:00:00Z'),
      end: at('2024-03-05T18:00:00Z'),
      transparent: true,
    },
    {
      id: 'e',
      title: 'Maybe',
      start: at('2024-03-05T19:00:00Z'),
      end: at('2024-03-05T20:00:00Z'),
      myResponse: 'tentative',
    },
    {
      id: 'f',
      title: 'Unanswered',
      start: at('2024-03-05T21:00:00Z'),
      end: at('2024-03-05T22:00:00Z'),
      myResponse: 'needsAction',
    },
    {
      id: 'g',
      title: 'Birthday',
      start: at('2024-03-06T05:00:00Z'),
      end: at('2024-03-07T05:00:00Z'),
      allDay: true,
    },
    {
      id: 'h',
      title: 'Vacation',
      start: at('2024-03-07T05:00:00Z'),
      end: at('2024-03-08T05:00:00Z'),
      allDay: true,
      transparent: false,
    },
  ];

  it('leaves out declined and transparent events, keeps tentative and unanswered, merges overlaps', () => {
    const { state } = world(events);
    expect(busyOf(state, '2024-03-05T00:00:00Z', '2024-03-09T00:00:00Z')).toEqual([
      { start: '2024-03-05T14:00:00Z', end: '2024-03-05T15:30:00Z' },
      { start: '2024-03-05T19:00:00Z', end: '2024-03-05T20:00:00Z' },
      { start: '2024-03-05T21:00:00Z', end: '2024-03-05T22:00:00Z' },
      { start: '2024-03-07T05:00:00Z', end: '2024-03-08T05:00:00Z' },
    ]);
  });

  it('treats all-day events as free unless marked busy, like Google Calendar', () => {
    const { calendarApp } = world(events);
    const [birthday, vacation] = calendarApp.getEvents(
      new Date(at('2024-03-06T05:00:00Z')),
      new Date(at('2024-03-08T05:00:00Z')),
    );
    expect(birthday.isAllDayEvent()).toBe(true);
    expect(birthday.getTransparency()).toBe(calendarApp.EventTransparency.TRANSPARENT);
    expect(vacation.getTransparency()).toBe(calendarApp.EventTransparency.OPAQUE);
    expect(birthday.getAllDayStartDate().toISOString()).toBe('2024-03-06T05:00:00.000Z');
  });

  it('clips to the window and answers in the requested zone', () => {
    const { state } = world(events);
    const response = freeBusyResponse(state, {
      timeMin: '2024-03-05T09:45:00-05:00',
      timeMax: '2024-03-05T10:15:00-05:00',
      timeZone: NY,
      items: [{ id: ME }, { id: 'someone@else.example' }],
    });
    expect(response).toEqual({
      kind: 'calendar#freeBusy',
      timeMin: '2024-03-05T14:45:00.000Z',
      timeMax: '2024-03-05T15:15:00.000Z',
      calendars: {
        [ME]: { busy: [{ start: '2024-03-05T09:45:00-05:00', end: '2024-03-05T10:15:00-05:00' }] },
        'someone@else.example': { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] },
      },
    });
  });

  it('answers a bad request with Google-style errors', () => {
    const { state } = world();
    const fail = (request: object) => {
      try {
        freeBusyResponse(state, request);
      } catch (e) {
        return e;
      }
      throw new Error('expected a CalendarApiError');
    };
    const empty = fail({ timeMin: '2024-03-05T10:00:00Z', timeMax: '2024-03-05T10:00:00Z', items: [] });
    expect(empty).toBeInstanceOf(CalendarApiError);
    expect((empty as CalendarApiError).status).toBe(400);
    expect((empty as CalendarApiError).body.error.errors[0].reason).toBe('timeRangeEmpty');
    expect((fail({ timeMax: '2024-03-05T10:00:00Z' }) as CalendarApiError).body.error.errors[0].reason).toBe(
      'required',
    );
    expect(
      (fail({ timeMin: '2024-03-05T10:00:00', timeMax: '2024-03-06T10:00:00Z' }) as Error).message,
    ).toContain('Invalid value for: timeMin');
  });
});

describe('holds and invitations', () => {
  it('refuses an event with guests or invitations and records the violation', () => {
    const { calendarApp, state } = world();
    const start = new Date(at('2024-03-05T15:00:00Z'));
    const end = new Date(at('2024-03-05T15:30:00Z'));
    expect(() => calendarApp.createEvent('Call', start, end, { guests: 'ada@acme.example' })).toThrow(
      'draft-only violation: calendar invitations are not allowed',
    );
    expect(() =>
      calendarApp.getDefaultCalendar().createEvent('Call', start, end, { sendInvites: true }),
    ).toThrow('draft-only violation');
    expect(state.violations.map((v) => v.method)).toEqual([
      'CalendarApp.createEvent',
      'CalendarApp.createEvent',
    ]);
    expect(state.holds).toEqual([]);
  });

  it('records a hold that becomes busy time, carries tags and can be deleted', () => {
    const { calendarApp, state, ledger } = world();
    const hold = calendarApp.createEvent(
      'Hold: call with Ada',
      new Date(at('2024-03-05T15:00:00Z')),
      new Date(at('2024-03-05T15:30:00Z')),
      { description: 'Prospector hold' },
    );
    hold.setTag('prospector', 'hold-1');
    expect(state.holds).toHaveLength(1);
    expect(state.holds[0]).toMatchObject({
      title: 'Hold: call with Ada',
      description: 'Prospector hold',
      tags: { prospector: 'hold-1' },
    });
    expect(busyOf(state, '2024-03-05T00:00:00Z', '2024-03-06T00:00:00Z')).toEqual([
      { start: '2024-03-05T15:00:00Z', end: '2024-03-05T15:30:00Z' },
    ]);

    const found = calendarApp.getEventById(hold.getId());
    expect(found.getTag('prospector')).toBe('hold-1');
    expect(found.getTag('missing')).toBeNull();
    expect(found.getMyStatus()).toBe(calendarApp.GuestStatus.OWNER);
    found.deleteEvent();
    expect(state.holds).toEqual([]);
    expect(calendarApp.getEventById(hold.getId())).toBeNull();
    expect(ledger.roundTrips().map((c) => c.method)).toEqual([
      'createEvent',
      'setTag',
      'getEventById',
      'deleteEvent',
      'getEventById',
    ]);
  });

  it('refuses an event that ends before it starts', () => {
    const { calendarApp } = world();
    const t = new Date(at('2024-03-05T15:00:00Z'));
    expect(() => calendarApp.createEvent('Backwards', t, t)).toThrow(
      'Event start date must be before event end date.',
    );
  });
});

describe('loading an .ics file', () => {
  const text = readFileSync(join(__dirname, '../../fixtures/calendars/dst-week.ics'), 'utf8');
  const loaded = loadIcs(text, {
    userEmail: ME,
    window: { start: at('2024-03-01T00:00:00Z'), end: at('2024-03-21T00:00:00Z') },
  });
  const byId = (id: string) => loaded.events.filter((e) => e.id === id);

  it('reads the calendar zone and expands RRULE with EXDATE and a moved occurrence, through VTIMEZONE', () => {
    expect(loaded.timeZone).toBe(NY);
    expect(byId('standup@example.com').map((e) => [new Date(e.start).toISOString(), e.title])).toEqual([
      ['2024-03-04T14:00:00.000Z', 'Team standup'],
      ['2024-03-11T13:00:00.000Z', 'Team standup'],
      ['2024-03-13T19:00:00.000Z', 'Team standup (moved)'],
      ['2024-03-18T13:00:00.000Z', 'Team standup'],
      ['2024-03-20T13:00:00.000Z', 'Team standup'],
    ]);
    expect(byId('standup@example.com')[0].myResponse).toBe('owner');
  });

  it('reads all-day dates, TRANSP, the user PARTSTAT and a TZID without VTIMEZONE', () => {
    expect(byId('holiday@example.com')).toEqual([
      expect.objectContaining({
        allDay: true,
        start: at('2024-03-08T05:00:00Z'),
        end: at('2024-03-09T05:00:00Z'),
        transparent: undefined,
      }),
    ]);
    expect(byId('offsite@example.com')[0]).toMatchObject({
      allDay: true,
      transparent: false,
      start: at('2024-03-14T04:00:00Z'),
    });
    expect(byId('declined@example.com')[0]).toMatchObject({
      myResponse: 'declined',
      guests: ['vendor@vendor.example'],
    });
    expect(byId('tentative@example.com')[0].myResponse).toBe('tentative');
    expect(byId('invite@example.com')[0].myResponse).toBe('needsAction');
    expect(byId('focus@example.com')[0].transparent).toBe(true);
    expect(byId('cancelled@example.com')).toEqual([]);
    expect(byId('berlin@example.com')[0].start).toBe(at('2024-03-11T15:00:00Z'));
  });

  it('feeds free/busy: only busy, not declined, not transparent', () => {
    const state = createCalendarState({ ownerEmail: ME, timeZone: NY, events: loaded.events });
    expect(busyOf(state, '2024-03-04T00:00:00Z', '2024-03-09T00:00:00Z')).toEqual([
      { start: '2024-03-04T14:00:00Z', end: '2024-03-04T14:30:00Z' },
      { start: '2024-03-05T17:00:00Z', end: '2024-03-05T18:00:00Z' },
      { start: '2024-03-07T14:00:00Z', end: '2024-03-07T15:00:00Z' },
    ]);
  });

  it('refuses an unknown time zone and a file that is not a calendar', () => {
    const bad = text.replace('TZID=Europe/Berlin', 'TZID=Mars/Olympus');
    expect(() =>
      loadIcs(bad, { userEmail: ME, window: { start: 0, end: at('2030-01-01T00:00:00Z') } }),
    ).toThrow("unknown time zone 'Mars/Olympus'");
    expect(() =>
      loadIcs('BEGIN:VEVENT\r\nEND:VEVENT', { userEmail: ME, window: { start: 0, end: 1 } }),
    ).toThrow('expected a VCALENDAR');
  });
});

describe('wall clock to instant', () => {
  it('moves a time skipped by DST forward and takes the first of a repeated time', () => {
    expect(wallClockToEpoch({ year: 2024, month: 3, day: 10, hour: 2, minute: 30 }, NY)).toBe(
      at('2024-03-10T07:30:00Z'),
    );
    expect(wallClockToEpoch({ year: 2024, month: 11, day: 3, hour: 1, minute: 30 }, NY)).toBe(
      at('2024-11-03T05:30:00Z'),
    );
    expect(wallClockToEpoch({ year: 2024, month: 7, day: 1, hour: 9 }, NY)).toBe(at('2024-07-01T13:00:00Z'));
  });
});

describe('costs', () => {
  it('charges getDefaultCalendar and getEvents; event getters are local', () => {
    const { calendarApp, ledger } = world([
      { id: 'x', title: 'X', start: at('2024-03-05T14:00:00Z'), end: at('2024-03-05T15:00:00Z') },
    ]);
    const [event] = calendarApp
      .getDefaultCalendar()
      .getEvents(new Date(at('2024-03-05T00:00:00Z')), new Date(at('2024-03-06T00:00:00Z')), { max: 5 });
    event.getTitle();
    event.getStartTime();
    event.getMyStatus();
    expect(ledger.roundTrips().map((c) => c.method)).toEqual(['getDefaultCalendar', 'getEvents']);
    expect(() => calendarApp.getEvents(new Date(0), new Date(1), { search: 'x' })).toThrow("option 'search'");
  });
});

describe("finding calendars (the world holds the primary calendar, whose id is the user's address)", () => {
  it('getCalendarById finds the primary calendar and answers null for any other id, as documented', () => {
    const { calendarApp, ledger } = world([
      {
        id: 'standup@google.com',
        title: 'Standup',
        start: at('2024-03-01T14:00:00Z'),
        end: at('2024-03-01T14:15:00Z'),
      },
    ]);
    const calendar = calendarApp.getCalendarById(ME);
    expect(calendar.getId()).toBe(ME);
    expect(calendar.isMyPrimaryCalendar()).toBe(true);
    expect(calendar.getEventById('standup@google.com').getTitle()).toBe('Standup');
    expect(calendar.getEventById('nope@google.com')).toBeNull();
    expect(calendarApp.getCalendarById('someone-else@seller.example')).toBeNull();
    expect(calendarApp.getOwnedCalendarById(ME).getName()).toBe(ME);
    expect(ledger.roundTrips().map((c) => c.method)).toEqual([
      'getCalendarById',
      'getEventById',
      'getEventById',
      'getCalendarById',
      'getOwnedCalendarById',
    ]);
  });

  it('getAllCalendars lists it; getCalendarsByName matches names without regard to case', () => {
    const { calendarApp } = world();
    expect(calendarApp.getAllCalendars().map((c) => c.getId())).toEqual([ME]);
    expect(calendarApp.getAllOwnedCalendars().map((c) => c.getId())).toEqual([ME]);
    expect(calendarApp.getCalendarsByName(ME.toUpperCase()).map((c) => c.getId())).toEqual([ME]);
    expect(calendarApp.getOwnedCalendarsByName('Holidays')).toEqual([]);
    expect(calendarApp.getName()).toBe(ME);
  });
});

it('an event names its calendar and finds a guest by address (null for a stranger)', () => {
  const { calendarApp } = world([
    {
      id: 'demo@google.com',
      title: 'Demo',
      start: at('2024-03-01T15:00:00Z'),
      end: at('2024-03-01T16:00:00Z'),
      guests: ['ada@acme.example'],
      myResponse: 'accepted',
      createdAt: at('2024-02-20T10:00:00Z'),
    },
  ]);
  const event = calendarApp.getEventById('demo@google.com');
  expect(event.getOriginalCalendarId()).toBe(ME);
  expect(event.getLastUpdated().toISOString()).toBe('2024-02-20T10:00:00.000Z');
  expect(event.getGuestByEmail('ADA@acme.example').getEmail()).toBe('ada@acme.example');
  expect(event.getGuestByEmail('ada@acme.example').getName()).toBe('ada@acme.example');
  expect(event.getGuestByEmail('bob@beta.example')).toBeNull();
  expect(calendarApp.isMyPrimaryCalendar() && calendarApp.isOwnedByMe()).toBe(true);
});

it("getEventsForDay takes the day of the date in the calendar's zone, midnight to midnight", () => {
  const { calendarApp } = world([
    // 23:30-00:30 New York time across midnight of 1 March: part of both days.
    {
      id: 'late@google.com',
      title: 'Late call',
      start: at('2024-03-02T04:30:00Z'),
      end: at('2024-03-02T05:30:00Z'),
    },
    {
      id: 'lunch@google.com',
      title: 'Lunch',
      start: at('2024-03-01T17:00:00Z'),
      end: at('2024-03-01T18:00:00Z'),
    },
    {
      id: 'next@google.com',
      title: 'Next day',
      start: at('2024-03-02T15:00:00Z'),
      end: at('2024-03-02T16:00:00Z'),
    },
  ]);
  // 02:00 UTC on 2 March is still 1 March (21:00) in New York; the time of day is ignored.
  const titles = (iso: string) =>
    calendarApp
      .getDefaultCalendar()
      .getEventsForDay(new Date(at(iso)))
      .map((e) => e.getTitle());
  expect(titles('2024-03-02T02:00:00Z')).toEqual(['Lunch', 'Late call']);
  expect(calendarApp.getEventsForDay(new Date(at('2024-03-02T12:00:00Z'))).map((e) => e.getTitle())).toEqual([
    'Late call',
    'Next day',
  ]);
  expect(() => calendarApp.getEventsForDay(new Date(at('2024-03-02T12:00:00Z')), { search: 'x' })).toThrow(
    /option 'search' is not modelled/,
  );
});

it("edits the user's own event (title, description, location, time, free/busy), each a round trip", () => {
  const { calendarApp, state, ledger } = world([
    {
      id: 'sync@google.com',
      title: 'Sync',
      start: at('2024-03-01T15:00:00Z'),
      end: at('2024-03-01T16:00:00Z'),
    },
  ]);
  const event = calendarApp.getEventById('sync@google.com');
  event
    .setTitle('Weekly sync')
    .setDescription('Agenda in the doc')
    .setLocation('Room 4')
    .setTime(new Date(at('2024-03-01T17:00:00Z')), new Date(at('2024-03-01T17:30:00Z')))
    .setTransparency(calendarApp.EventTransparency.TRANSPARENT);
  expect(event.getStartTime().toISOString()).toBe('2024-03-01T17:00:00.000Z');
  expect(state.events[0]).toMatchObject({
    title: 'Weekly sync',
    description: 'Agenda in the doc',
    location: 'Room 4',
    start: at('2024-03-01T17:00:00Z'),
    end: at('2024-03-01T17:30:00Z'),
    transparent: true,
  });
  expect(busyOf(state, '2024-03-01T00:00:00Z', '2024-03-02T00:00:00Z')).toEqual([]);
  expect(ledger.roundTrips().map((c) => c.method)).toEqual(
    expect.arrayContaining(['setTitle', 'setDescription', 'setLocation', 'setTime', 'setTransparency']),
  );
  expect(() =>
    event.setTime(new Date(at('2024-03-01T18:00:00Z')), new Date(at('2024-03-01T18:00:00Z'))),
  ).toThrow('Event start date must be before event end date.');
});
