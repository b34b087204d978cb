import { DEFAULT_SLOT_RULES, findFreeSlots, validateSlotRules } from '../../src/core/slots';
import type { BusyEvent, SlotRules } from '../../src/core/slots';
import { formatSlotRange, zonedParts, zonedToEpoch } from '../../src/core/time-zone';

const NEW_YORK = 'America/New_York';
const LONDON = 'Europe/London';
const MINUTE = 60_000;

/** Epoch ms of a local wall time written 'YYYY-MM-DD HH:MM'. */
function at(timeZone: string, wallTime: string): number {
  const [year, month, day, hour, minute] = wallTime.split(/[- :]/).map(Number);
  return zonedToEpoch({ year, month, day, hour, minute }, timeZone);
}

/** Slot starts as local 'YYYY-MM-DD HH:MM', so expectations read like a calendar. */
function wallTimes(slots: { start: number }[], timeZone: string): string[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  return slots.map(({ start }) => {
    const p = zonedParts(start, timeZone);
    return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
  });
}

function rules(overrides: Partial<SlotRules> = {}): SlotRules {
  return { ...DEFAULT_SLOT_RULES, timeZone: NEW_YORK, ...overrides };
}

/** Only Monday 2026-06-01 in the horizon, every slot that fits. */
const oneMonday = (overrides: Partial<SlotRules> = {}) =>
  rules({ horizonDays: 1, maxPerDay: 48, maxTotal: 48, minNoticeMinutes: 0, ...overrides });
const mondayMorning = at(NEW_YORK, '2026-06-01 07:00');

function event(from: string, to: string, extra: Partial<BusyEvent> = {}): BusyEvent {
  return { start: at(NEW_YORK, from), end: at(NEW_YORK, to), ...extra };
}

describe('findFreeSlots in a normal week', () => {
  it('offers the first slot of each working day, after the notice', () => {
    const now = at(NEW_YORK, '2026-06-01 08:00'); // Monday; notice 120 -> 10:00
    const slots = findFreeSlots(rules(), [], now);
    expect(wallTimes(slots, NEW_YORK)).toEqual([
      '2026-06-01 10:00',
      '2026-06-02 09:00',
      '2026-06-03 09:00',
      '2026-06-04 09:00',
      '2026-06-05 09:00',
    ]);
    for (const slot of slots) expect(slot.end - slot.start).toBe(30 * MINUTE);
  });

  it('skips weekends and stops at the horizon (today is day 0)', () => {
    const now = at(NEW_YORK, '2026-06-05 20:00'); // Friday evening
    const slots = findFreeSlots(rules({ horizonDays: 4, maxTotal: 10, maxPerDay: 1 }), [], now);
    expect(wallTimes(slots, NEW_YORK)).toEqual(['2026-06-08 09:00']); // Fri (past), Sat, Sun, Mon
  });

  it('keeps slots whole inside each window', () => {
    const slots = findFreeSlots(
      oneMonday({
        weeklyHours: { 1: [{ start: '16:00', end: '17:00' }], 2: [] },
        slotMinutes: 45,
        alignMinutes: 15,
      }),
      [],
      mondayMorning,
    );
    expect(wallTimes(slots, NEW_YORK)).toEqual(['2026-06-01 16:00', '2026-06-01 16:15']);
  });

  it('merges windows listed out of order on one day', () => {
    const weeklyHours = {
      1: [
        { start: '14:00', end: '15:00' },
        { start: '09:00', end: '10:00' },
      ],
    };
    const slots = findFreeSlots(oneMonday({ weeklyHours }), [], mondayMorning);
    expect(wallTimes(slots, NEW_YORK).map((t) => t.slice(11))).toEqual(['09:00', '09:30', '14:00', '14:30']);
  });
});

describe('busy time', () => {
  const morning = { 1: [{ start: '09:00', end: '12:00' }] };

  it('widens busy events by the buffers', () => {
    const busy = [event('2026-06-01 10:00', '2026-06-01 11:00')];
    const buffered = findFreeSlots(oneMonday({ weeklyHours: morning }), busy, mondayMorning);
    // Busy 09:50-11:10: 09:30 would end inside the buffer, 11:00 would start inside it.
    expect(wallTimes(buffered, NEW_YORK).map((t) => t.slice(11))).toEqual(['09:00', '11:30']);
    const unbuffered = findFreeSlots(
      oneMonday({ weeklyHours: morning, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 }),
      busy,
      mondayMorning,
    );
    expect(wallTimes(unbuffered, NEW_YORK).map((t) => t.slice(11))).toEqual([
      '09:00',
      '09:30',
      '11:00',
      '11:30',
    ]);
  });

  it('honours the minimum notice', () => {
    const now = at(NEW_YORK, '2026-06-01 09:05');
    const slots = findFreeSlots(oneMonday({ weeklyHours: morning, minNoticeMinutes: 120 }), [], now);
    expect(wallTimes(slots, NEW_YORK).map((t) => t.slice(11))).toEqual(['11:30']);
  });

  it('lets an opaque all-day event block its whole day, but not a transparent one', () => {
    const week = rules({ maxPerDay: 1, maxTotal: 10, horizonDays: 5 });
    const tuesday = event('2026-06-02 00:00', '2026-06-03 00:00', { allDay: true });
    expect(wallTimes(findFreeSlots(week, [tuesday], mondayMorning), NEW_YORK)).toEqual([
      '2026-06-01 09:00',
      '2026-06-03 09:00',
      '2026-06-04 09:00',
      '2026-06-05 09:00',
    ]);
    const holidayShownAsFree = { ...tuesday, transparent: true };
    expect(findFreeSlots(week, [holidayShownAsFree], mondayMorning)).toHaveLength(5);
  });

  it('blocks every local day an all-day event touches when its bounds come in another zone', () => {
    // Tuesday in UTC is Monday 20:00 to Tuesday 20:00 in New York.
    const utcTuesday: BusyEvent = {
      start: Date.parse('2026-06-02T00:00Z'),
      end: Date.parse('2026-06-03T00:00Z'),
    };
    const slots = findFreeSlots(
      rules({ maxPerDay: 1, maxTotal: 10, horizonDays: 5 }),
      [{ ...utcTuesday, allDay: true }],
      mondayMorning,
    );
    expect(wallTimes(slots, NEW_YORK)).toEqual(['2026-06-03 09:00', '2026-06-04 09:00', '2026-06-05 09:00']);
  });

  it('ignores declined events', () => {
    const busy = [event('2026-06-01 09:00', '2026-06-01 12:00', { responseStatus: 'declined' })];
    expect(findFreeSlots(oneMonday({ weeklyHours: morning }), busy, mondayMorning)).toHaveLength(6);
  });

  it('lets tentative and unanswered invitations block only when tentativeIsBusy', () => {
    const busy = [
      event('2026-06-01 09:00', '2026-06-01 10:00', { responseStatus: 'tentative' }),
      event('2026-06-01 11:00', '2026-06-01 12:00', { responseStatus: 'needsAction' }),
    ];
    const noBuffers = { weeklyHours: morning, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 };
    const cautious = findFreeSlots(oneMonday({ ...noBuffers, tentativeIsBusy: true }), busy, mondayMorning);
    expect(wallTimes(cautious, NEW_YORK).map((t) => t.slice(11))).toEqual(['10:00', '10:30']);
    const hopeful = findFreeSlots(oneMonday({ ...noBuffers, tentativeIsBusy: false }), busy, mondayMorning);
    expect(hopeful).toHaveLength(6);
  });

  it('treats accepted, owned and unlabelled events as busy', () => {
    const busy = [
      event('2026-06-01 09:00', '2026-06-01 10:00', { responseStatus: 'accepted' }),
      event('2026-06-01 10:00', '2026-06-01 11:00', { responseStatus: 'owner' }),
      event('2026-06-01 11:00', '2026-06-01 11:30'),
    ];
    const slots = findFreeSlots(
      oneMonday({ weeklyHours: morning, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 }),
      busy,
      mondayMorning,
    );
    expect(wallTimes(slots, NEW_YORK).map((t) => t.slice(11))).toEqual(['11:30']);
  });

  it('ignores events that end before they start', () => {
    const backwards = event('2026-06-01 11:00', '2026-06-01 09:00');
    expect(findFreeSlots(oneMonday({ weeklyHours: morning }), [backwards], mondayMorning)).toHaveLength(6);
  });

  it('treats slots already offered in this run as taken, without buffers', () => {
    const offered = [{ start: at(NEW_YORK, '2026-06-01 09:00'), end: at(NEW_YORK, '2026-06-01 09:30') }];
    const slots = findFreeSlots(oneMonday({ weeklyHours: morning }), [], mondayMorning, offered);
    expect(wallTimes(slots, NEW_YORK).map((t) => t.slice(11))).toEqual([
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
    ]);
  });
});

describe('how many slots, and where', () => {
  it('spreads slots across days before taking second slots', () => {
    const twoDays = { 1: [{ start: '09:00', end: '12:00' }], 2: [{ start: '13:00', end: '15:00' }] };
    const slots = findFreeSlots(
      rules({ weeklyHours: twoDays, horizonDays: 2, maxPerDay: 3, maxTotal: 5, minNoticeMinutes: 0 }),
      [],
      mondayMorning,
    );
    expect(wallTimes(slots, NEW_YORK)).toEqual([
      '2026-06-01 09:00',
      '2026-06-01 09:30',
      '2026-06-01 10:00',
      '2026-06-02 13:00',
      '2026-06-02 13:30',
    ]);
  });

  it('caps each day at maxPerDay even when fewer days than maxTotal have room', () => {
    const slots = findFreeSlots(rules({ maxPerDay: 2, maxTotal: 50, horizonDays: 3 }), [], mondayMorning);
    expect(wallTimes(slots, NEW_YORK)).toEqual([
      '2026-06-01 09:00',
      '2026-06-01 09:30',
      '2026-06-02 09:00',
      '2026-06-02 09:30',
      '2026-06-03 09:00',
      '2026-06-03 09:30',
    ]);
  });

  it('aligns starts to the quarter hour in local time', () => {
    const slots = findFreeSlots(
      oneMonday({ weeklyHours: { 1: [{ start: '09:10', end: '10:00' }] }, alignMinutes: 15 }),
      [],
      mondayMorning,
    );
    expect(wallTimes(slots, NEW_YORK).map((t) => t.slice(11))).toEqual(['09:15', '09:30']);
  });

  it('aligns to local time in a zone with a half-hour offset', () => {
    const kolkata = 'Asia/Kolkata';
    const slots = findFreeSlots(
      oneMonday({
        timeZone: kolkata,
        weeklyHours: { 1: [{ start: '09:00', end: '11:00' }] },
        alignMinutes: 60,
      }),
      [],
      at(kolkata, '2026-06-01 07:00'),
    );
    expect(wallTimes(slots, kolkata).map((t) => t.slice(11))).toEqual(['09:00', '10:00']);
  });
});

describe('across DST changes', () => {
  const everyWeekday = (start: string, end: string) => ({
    0: [{ start, end }],
    1: [{ start, end }],
    2: [{ start, end }],
    3: [{ start, end }],
    4: [{ start, end }],
    5: [{ start, end }],
    6: [{ start, end }],
  });

  it('keeps 09:00 New York at 09:00 local through the spring-forward week', () => {
    const now = at(NEW_YORK, '2026-03-05 20:00');
    const slots = findFreeSlots(rules({ maxPerDay: 1, maxTotal: 10 }), [], now);
    expect(slots.map((s) => new Date(s.start).toISOString())).toEqual([
      '2026-03-06T14:00:00.000Z', // Friday, EST
      '2026-03-09T13:00:00.000Z', // Monday, EDT
      '2026-03-10T13:00:00.000Z',
      '2026-03-11T13:00:00.000Z',
      '2026-03-12T13:00:00.000Z',
      '2026-03-13T13:00:00.000Z',
    ]);
  });

  it('skips the wall times that New York spring-forward removes', () => {
    const night = rules({
      weeklyHours: everyWeekday('01:00', '04:00'),
      horizonDays: 1,
      maxPerDay: 48,
      maxTotal: 48,
      minNoticeMinutes: 0,
    });
    const onSunday = findFreeSlots(night, [], at(NEW_YORK, '2026-03-08 00:00'));
    // 01:30 EST + 30 minutes is 03:00 EDT; 02:00 and 02:30 do not exist.
    expect(wallTimes(onSunday, NEW_YORK).map((t) => t.slice(11))).toEqual([
      '01:00',
      '01:30',
      '03:00',
      '03:30',
    ]);
    for (const slot of onSunday) expect(slot.end - slot.start).toBe(30 * MINUTE);
  });

  it('offers a repeated fall-back hour once, at its first occurrence (New York)', () => {
    const night = rules({
      weeklyHours: everyWeekday('00:00', '03:00'),
      horizonDays: 1,
      maxPerDay: 48,
      maxTotal: 48,
      minNoticeMinutes: 0,
    });
    const slots = findFreeSlots(night, [], at(NEW_YORK, '2026-11-01 00:00'));
    expect(slots.map((s) => new Date(s.start).toISOString().slice(11, 16))).toEqual([
      '04:00', // 00:00 EDT
      '04:30',
      '05:00', // 01:00 EDT
      '05:30', // 01:30 EDT, ends at 01:00 EST
      '07:00', // 02:00 EST
      '07:30', // 02:30 EST, ends at 03:00, the window's end
    ]);
  });

  it('handles both London changes', () => {
    const night = rules({
      timeZone: LONDON,
      weeklyHours: everyWeekday('00:00', '03:00'),
      horizonDays: 1,
      maxPerDay: 48,
      maxTotal: 48,
      minNoticeMinutes: 0,
    });
    const spring = findFreeSlots(night, [], at(LONDON, '2026-03-29 00:00'));
    expect(wallTimes(spring, LONDON).map((t) => t.slice(11))).toEqual(['00:00', '00:30', '02:00', '02:30']);
    const autumn = findFreeSlots(night, [], at(LONDON, '2026-10-25 00:00'));
    expect(autumn.map((s) => new Date(s.start).toISOString().slice(11, 16))).toEqual([
      '23:00', // 00:00 BST
      '23:30',
      '00:00', // 01:00 BST
      '00:30', // 01:30 BST
      '02:00', // 02:00 GMT
      '02:30',
    ]);
  });

  it('keeps London working hours on London time after the US has changed', () => {
    const london = rules({ timeZone: LONDON, maxPerDay: 1, maxTotal: 10 });
    const slots = findFreeSlots(london, [], at(LONDON, '2026-03-26 20:00'));
    expect(slots.map((s) => new Date(s.start).toISOString().slice(0, 16))).toEqual([
      '2026-03-27T09:00', // Friday, GMT
      '2026-03-30T08:00', // Monday, BST
      '2026-03-31T08:00',
      '2026-04-01T08:00',
      '2026-04-02T08:00',
      '2026-04-03T08:00',
    ]);
  });

  it('shows a 10:00 New York slot as 14:00 London while only the US has changed', () => {
    const start = at(NEW_YORK, '2026-03-09 10:00');
    const end = start + 30 * MINUTE;
    expect(formatSlotRange(start, end, NEW_YORK)).toBe('Mon, Mar 9, 10:00 – 10:30 AM EDT');
    expect(formatSlotRange(start, end, LONDON, 'en-GB')).toBe('Mon 9 Mar, 14:00 – 14:30 GMT');
    expect(formatSlotRange(start, end, LONDON)).toBe('Mon, Mar 9, 2:00 – 2:30 PM GMT');
    // Once the UK changes too, the gap is five hours again.
    const after = at(NEW_YORK, '2026-03-30 10:00');
    expect(formatSlotRange(after, after + 30 * MINUTE, LONDON, 'en-GB')).toBe(
      'Mon 30 Mar, 15:00 – 15:30 BST',
    );
    // And in the week of the US fall-back, London has already changed.
    const autumn = at(NEW_YORK, '2026-10-26 10:00');
    expect(formatSlotRange(autumn, autumn + 30 * MINUTE, NEW_YORK)).toBe('Mon, Oct 26, 10:00 – 10:30 AM EDT');
    expect(formatSlotRange(autumn, autumn + 30 * MINUTE, LONDON, 'en-GB')).toBe(
      'Mon 26 Oct, 14:00 – 14:30 GMT',
    );
  });

  it('blocks a whole 23-hour day for an all-day event on the spring-forward Sunday', () => {
    const sundays = rules({ weeklyHours: everyWeekday('00:00', '24:00'), maxPerDay: 48, maxTotal: 100 });
    const sunday = event('2026-03-08 00:00', '2026-03-09 00:00', { allDay: true });
    const slots = findFreeSlots(
      { ...sundays, horizonDays: 3, minNoticeMinutes: 0 },
      [sunday],
      at(NEW_YORK, '2026-03-07 00:00'),
    );
    const days = new Set(wallTimes(slots, NEW_YORK).map((t) => t.slice(0, 10)));
    expect([...days]).toEqual(['2026-03-07', '2026-03-09']);
    // Saturday keeps its whole day up to 24:00: buffers widen meetings, not all-day blocks.
    expect(wallTimes(slots, NEW_YORK).filter((t) => t.startsWith('2026-03-07'))).toHaveLength(48);
  });
});

describe('validateSlotRules', () => {
  it('accepts the defaults', () => {
    expect(validateSlotRules(rules())).toEqual([]);
    expect(validateSlotRules(rules({ weeklyHours: { 6: [{ start: '00:00', end: '24:00' }] } }))).toEqual([]);
  });

  it('explains each problem in words a user can act on', () => {
    const problems = validateSlotRules(
      rules({
        timeZone: 'New York',
        slotMinutes: 0,
        alignMinutes: 20,
        bufferBeforeMinutes: -5,
        minNoticeMinutes: 1.5,
        horizonDays: 0,
        maxTotal: 0,
        weeklyHours: {
          1: [
            { start: '9:00', end: '17:00' },
            { start: '12:00', end: '11:00' },
          ],
          2: [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
        },
      }),
    );
    expect(problems).toEqual([
      '"New York" is not a time zone name; use one like "America/New_York" or "Europe/London".',
      'Meeting length in minutes must be a whole number from 5 to 480.',
      'Meetings must start on the quarter hour, half hour or hour.',
      'The buffer before busy time in minutes must be a whole number from 0 to 240.',
      'The minimum notice in minutes must be a whole number from 0 to 43200.',
      'The number of days to search must be a whole number from 1 to 90.',
      'The number of slots offered must be a whole number from 1 to 100.',
      'Monday 9:00–17:00: write times as HH:MM, for example 09:00–17:00.',
      'Monday 12:00–11:00: the end must be after the start.',
      'Tuesday 11:00–13:00 overlaps 09:00–12:00.',
    ]);
  });

  it('flags a window too short for one meeting, and a week with no hours', () => {
    expect(validateSlotRules(rules({ weeklyHours: { 5: [{ start: '16:00', end: '16:15' }] } }))).toEqual([
      'Friday 16:00–16:15 is shorter than a 30-minute meeting.',
    ]);
    expect(validateSlotRules(rules({ weeklyHours: {} }))).toEqual([
      'No working hours are set: add at least one day with a start and end time.',
    ]);
    expect(validateSlotRules(rules({ weeklyHours: { 7: [] } as never }))).toEqual([
      'Working hours name an unknown weekday "7" (use 0 for Sunday to 6 for Saturday).',
      'No working hours are set: add at least one day with a start and end time.',
    ]);
  });

  it('makes findFreeSlots refuse rules it cannot follow', () => {
    expect(() => findFreeSlots(rules({ timeZone: 'Nowhere/Else' }), [], mondayMorning)).toThrow(
      /Slot rules are not valid: "Nowhere\/Else" is not a time zone name/,
    );
  });
});
