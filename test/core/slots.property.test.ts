import fc from 'fast-check';
import { findFreeSlots, validateSlotRules } from '../../src/core/slots';
import type { BusyEvent, DayWindow, Slot, SlotRules, Weekday, WeeklyHours } from '../../src/core/slots';
import { addLocalDays, zonedParts, zonedToEpoch } from '../../src/core/time-zone';
import type { LocalDate, ZonedParts } from '../../src/core/time-zone';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NEW_YORK = 'America/New_York';
const LONDON = 'Europe/London';
// 2026 DST changes (UTC) of each zone: a zone's own changes are where its bugs would hide. Every offset
// these zones have used lately is a multiple of 30 minutes (Kolkata +5:30, Lord Howe +10:30/+11),
// which the brute-force reference below relies on.
const CHANGES: Record<string, string[]> = {
  [NEW_YORK]: ['2026-03-08T07:00Z', '2026-11-01T06:00Z'],
  [LONDON]: ['2026-03-29T01:00Z', '2026-10-25T01:00Z'],
  'Australia/Sydney': ['2026-04-04T16:00Z', '2026-10-03T16:00Z'],
  'Australia/Lord_Howe': ['2026-04-04T15:00Z', '2026-10-03T15:30Z'],
  'America/Santiago': ['2026-04-05T03:00Z', '2026-09-06T04:00Z'],
  'Asia/Kolkata': [],
  UTC: [],
};
const OTHER_ZONES = Object.keys(CHANGES).filter((zone) => zone !== NEW_YORK && zone !== LONDON);
const ALL_CHANGES = Object.values(CHANGES).flat();

const timeZoneArb = fc.oneof(
  { arbitrary: fc.constantFrom(NEW_YORK, LONDON), weight: 3 },
  { arbitrary: fc.constantFrom(...OTHER_ZONES), weight: 1 },
);

/**
 * A clock reading some days before (or just after) a DST change, mostly the zone's own, so the
 * horizon spans it; or any time at all.
 */
function nowArb(timeZone: string, daysBefore: number): fc.Arbitrary<number> {
  const nearOneOf = (changes: string[]) =>
    fc
      .tuple(fc.constantFrom(...changes), fc.integer({ min: -daysBefore * DAY, max: DAY }))
      .map(([change, delta]) => Date.parse(change) + delta);
  const own = CHANGES[timeZone];
  return fc.oneof(
    { arbitrary: own.length > 0 ? nearOneOf(own) : nearOneOf(ALL_CHANGES), weight: 4 },
    { arbitrary: nearOneOf(ALL_CHANGES), weight: 1 },
    {
      arbitrary: fc.integer({ min: Date.parse('2000-01-01T00:00Z'), max: Date.parse('2040-01-01T00:00Z') }),
      weight: 1,
    },
  );
}

/** Up to two non-overlapping windows on a 5-minute grid, each long enough for one slot. */
function windowsArb(slotMinutes: number): fc.Arbitrary<DayWindow[]> {
  const clock = (fiveMinutes: number) =>
    `${String(Math.floor(fiveMinutes / 12)).padStart(2, '0')}:${String((fiveMinutes % 12) * 5).padStart(2, '0')}`;
  return fc.uniqueArray(fc.integer({ min: 0, max: 288 }), { maxLength: 4 }).map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const windows: DayWindow[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      if ((sorted[i + 1] - sorted[i]) * 5 >= slotMinutes) {
        windows.push({ start: clock(sorted[i]), end: clock(sorted[i + 1]) });
      }
    }
    return windows;
  });
}

function rulesArb(timeZone: string, maxHorizon: number): fc.Arbitrary<SlotRules> {
  return fc.constantFrom(15, 20, 30, 45, 60, 90).chain((slotMinutes) =>
    fc
      .record({
        weekWindows: fc.array(windowsArb(slotMinutes), { minLength: 7, maxLength: 7 }),
        alignMinutes: fc.constantFrom(15, 30, 60),
        bufferBeforeMinutes: fc.integer({ min: 0, max: 60 }),
        bufferAfterMinutes: fc.integer({ min: 0, max: 60 }),
        minNoticeMinutes: fc.integer({ min: 0, max: 2 * 24 * 60 }),
        horizonDays: fc.integer({ min: 1, max: maxHorizon }),
        maxPerDay: fc.integer({ min: 1, max: 6 }),
        maxTotal: fc.integer({ min: 1, max: 12 }),
        tentativeIsBusy: fc.boolean(),
      })
      .map(({ weekWindows, ...numbers }) => {
        const weeklyHours: WeeklyHours = {};
        weekWindows.forEach((windows, weekday) => {
          if (windows.length > 0) weeklyHours[weekday as Weekday] = windows;
        });
        if (Object.keys(weeklyHours).length === 0) weeklyHours[1] = [{ start: '09:00', end: '17:00' }];
        return { timeZone, weeklyHours, slotMinutes, ...numbers };
      }),
  );
}

type EventSpec =
  | { kind: 'timed'; offsetMinutes: number; jitterMs: number; minutes: number }
  | { kind: 'localAllDay' | 'utcAllDay'; dayOffset: number; days: number };

interface EventDraft {
  spec: EventSpec;
  responseStatus: BusyEvent['responseStatus'];
  transparent: boolean;
}

const statusArb = fc.constantFrom<BusyEvent['responseStatus']>(
  undefined,
  'accepted',
  'owner',
  'declined',
  'tentative',
  'needsAction',
);

const eventDraftArb: fc.Arbitrary<EventDraft> = fc.record({
  spec: fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant('timed' as const),
        offsetMinutes: fc.integer({ min: -24 * 60, max: 15 * 24 * 60 }),
        jitterMs: fc.integer({ min: 0, max: MINUTE - 1 }),
        minutes: fc.integer({ min: -30, max: 6 * 60 }),
      }),
      weight: 8,
    },
    {
      arbitrary: fc.record({
        kind: fc.constantFrom('localAllDay' as const, 'utcAllDay' as const),
        dayOffset: fc.integer({ min: -1, max: 15 }),
        days: fc.integer({ min: 1, max: 3 }),
      }),
      weight: 1,
    },
  ),
  responseStatus: statusArb,
  transparent: fc.boolean(),
});

function localMidnight(date: LocalDate, timeZone: string): number {
  return zonedToEpoch({ ...date, hour: 0, minute: 0 }, timeZone);
}

/** Turns generated drafts into events around `now`; all-day ones fall on local or on UTC midnights. */
function realise(drafts: EventDraft[], now: number, timeZone: string): BusyEvent[] {
  const today = zonedParts(now, timeZone);
  return drafts.map(({ spec, responseStatus, transparent }) => {
    const flags = { transparent, ...(responseStatus ? { responseStatus } : {}) };
    if (spec.kind === 'timed') {
      const start = now + spec.offsetMinutes * MINUTE + spec.jitterMs;
      return { start, end: start + spec.minutes * MINUTE, ...flags };
    }
    const first = addLocalDays(today, spec.dayOffset);
    const after = addLocalDays(first, spec.days);
    const bound = (date: LocalDate) =>
      spec.kind === 'localAllDay'
        ? localMidnight(date, timeZone)
        : Date.UTC(date.year, date.month - 1, date.day);
    return { start: bound(first), end: bound(after), allDay: true, ...flags };
  });
}

const excludeArb = fc.array(
  fc.record({
    offsetMinutes: fc.integer({ min: 0, max: 10 * 24 * 60 }),
    minutes: fc.constantFrom(15, 30, 60),
  }),
  { maxLength: 3 },
);

interface Scenario {
  rules: SlotRules;
  now: number;
  busy: BusyEvent[];
  exclude: Slot[];
  slots: Slot[];
}

function scenarioArb(maxHorizon: number, daysBefore: number): fc.Arbitrary<Scenario> {
  return timeZoneArb.chain((timeZone) =>
    fc
      .record({
        rules: rulesArb(timeZone, maxHorizon),
        now: nowArb(timeZone, daysBefore),
        drafts: fc.array(eventDraftArb, { maxLength: 25 }),
        excluded: excludeArb,
      })
      .map(({ rules, now, drafts, excluded }) => {
        const busy = realise(drafts, now, timeZone);
        const exclude = excluded.map(({ offsetMinutes, minutes }) => {
          const start = now + offsetMinutes * MINUTE;
          return { start, end: start + minutes * MINUTE };
        });
        return { rules, now, busy, exclude, slots: findFreeSlots(rules, busy, now, exclude) };
      }),
  );
}

// ---- an independent reading of the rules ---------------------------------------------------------

const dateKey = (date: LocalDate) => date.year * 10_000 + date.month * 100 + date.day;
const localDateKey = (epochMs: number, timeZone: string) => dateKey(zonedParts(epochMs, timeZone));

function clockMinutes(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return hours * 60 + minutes;
}

function blocks(event: BusyEvent, tentativeIsBusy: boolean): boolean {
  if (!(event.end > event.start) || event.transparent || event.responseStatus === 'declined') return false;
  return event.responseStatus === 'tentative' || event.responseStatus === 'needsAction'
    ? tentativeIsBusy
    : true;
}

/**
 * Why a slot collides with busy time, or null. All-day events own the local days they touch. The day
 * ranges are worked out once per scenario, as Intl calls dominate the cost of these tests.
 */
function collisionCheck({ rules, busy, exclude }: Omit<Scenario, 'slots'>): (slot: Slot) => string | null {
  const before = rules.bufferBeforeMinutes * MINUTE;
  const after = rules.bufferAfterMinutes * MINUTE;
  const counted = busy.filter((event) => blocks(event, rules.tentativeIsBusy));
  const timed = counted.filter((event) => !event.allDay);
  const allDays = counted
    .filter((event) => event.allDay)
    .map((event) => ({
      first: localDateKey(event.start, rules.timeZone),
      last: localDateKey(event.end - 1, rules.timeZone),
    }));
  return (slot) => {
    const hit = timed.find((event) => slot.start < event.end + after && slot.end > event.start - before);
    if (hit) return `busy ${JSON.stringify(hit)}`;
    const taken = exclude.find((other) => slot.start < other.end && slot.end > other.start);
    if (taken) return `excluded ${JSON.stringify(taken)}`;
    if (allDays.length === 0) return null;
    const firstDay = localDateKey(slot.start, rules.timeZone);
    const lastDay = localDateKey(slot.end - 1, rules.timeZone);
    const day = allDays.find(({ first, last }) => lastDay >= first && firstDay <= last);
    return day ? `all-day ${JSON.stringify(day)}` : null;
  };
}

/** The working window holding the slot: its start in local wall time, its end by the window's end instant. */
function holdingWindow(
  slot: Slot,
  rules: SlotRules,
  parts = zonedParts(slot.start, rules.timeZone),
): DayWindow | undefined {
  const startMinute = parts.hour * 60 + parts.minute;
  return (rules.weeklyHours[parts.weekday as Weekday] ?? []).find((window) => {
    const close = clockMinutes(window.end);
    if (clockMinutes(window.start) > startMinute || startMinute >= close) return false;
    const closeAt = zonedToEpoch(
      { ...parts, hour: Math.floor(close / 60), minute: close % 60 },
      rules.timeZone,
    );
    return slot.end <= closeAt;
  });
}

const RUNS = { numRuns: 1000 };

// Predicates return booleans (fast-check then prints the failing scenario): an expect() per slot costs
// more than the finder itself.
describe('findFreeSlots properties', () => {
  const scenarios = scenarioArb(14, 10);
  let slotsSeen = 0;

  it('accepts every generated rule set', () => {
    fc.assert(
      fc.property(scenarios, ({ rules }) => validateSlotRules(rules).length === 0),
      RUNS,
    );
  });

  it('never overlaps busy time widened by the buffers, all-day days or excluded slots', () => {
    fc.assert(
      fc.property(scenarios, (scenario) => {
        slotsSeen += scenario.slots.length;
        const collision = collisionCheck(scenario);
        return scenario.slots.every((slot) => collision(slot) === null);
      }),
      RUNS,
    );
    // Guards against a generator that only ever produces empty answers.
    expect(slotsSeen).toBeGreaterThan(1000);
  });

  it('puts every slot inside a working window of its local day, slotMinutes long', () => {
    fc.assert(
      fc.property(scenarios, ({ rules, slots }) =>
        slots.every(
          (slot) =>
            slot.end - slot.start === rules.slotMinutes * MINUTE && holdingWindow(slot, rules) !== undefined,
        ),
      ),
      RUNS,
    );
  });

  it('respects the notice and the horizon', () => {
    fc.assert(
      fc.property(scenarios, ({ rules, now, slots }) => {
        const lastDay = dateKey(addLocalDays(zonedParts(now, rules.timeZone), rules.horizonDays - 1));
        return slots.every(
          (slot) =>
            slot.start >= now + rules.minNoticeMinutes * MINUTE &&
            localDateKey(slot.start, rules.timeZone) <= lastDay,
        );
      }),
      RUNS,
    );
  });

  it('starts on local multiples of alignMinutes', () => {
    fc.assert(
      fc.property(scenarios, ({ rules, slots }) =>
        slots.every((slot) => {
          const parts = zonedParts(slot.start, rules.timeZone);
          return (
            slot.start % 1000 === 0 &&
            parts.second === 0 &&
            (parts.hour * 60 + parts.minute) % rules.alignMinutes === 0
          );
        }),
      ),
      RUNS,
    );
  });

  it('returns slots sorted, unique and within maxTotal and maxPerDay', () => {
    fc.assert(
      fc.property(scenarios, ({ rules, slots }) => {
        const perDay = new Map<number, number>();
        for (const slot of slots) {
          const key = localDateKey(slot.start, rules.timeZone);
          perDay.set(key, (perDay.get(key) ?? 0) + 1);
        }
        return (
          slots.length <= rules.maxTotal &&
          slots.every((slot, i) => i === 0 || slot.start > slots[i - 1].start) &&
          [...perDay.values()].every((count) => count <= rules.maxPerDay)
        );
      }),
      RUNS,
    );
  });
});

/**
 * Brute force over a short horizon: walk every 30-minute (or 15-minute) UTC instant, keep the first
 * occurrence of each aligned local wall time inside a window, check each against every event, then
 * spread. The fast finder must give exactly this, so it neither offers a bad slot nor misses a good one.
 */
function referenceSlots(scenario: Omit<Scenario, 'slots'>): Slot[] {
  const { rules, now } = scenario;
  const { timeZone } = rules;
  const grid = (rules.alignMinutes === 15 ? 15 : 30) * MINUTE;
  const today = zonedParts(now, timeZone);
  const dayKeys = Array.from({ length: rules.horizonDays }, (_, i) => dateKey(addLocalDays(today, i)));
  const slotsByDay = new Map<number, Slot[]>(dayKeys.map((key) => [key, []]));
  const collision = collisionCheck(scenario);
  const partsAt = new Map<number, ZonedParts>();
  const wallTime = (epochMs: number) => {
    let parts = partsAt.get(epochMs);
    if (!parts) partsAt.set(epochMs, (parts = zonedParts(epochMs, timeZone)));
    return `${dateKey(parts)} ${parts.hour}:${parts.minute}`;
  };
  const earliest = now + rules.minNoticeMinutes * MINUTE;
  for (let start = Math.ceil(earliest / grid) * grid; ; start += grid) {
    wallTime(start);
    const parts = partsAt.get(start) as ZonedParts;
    if (dateKey(parts) > dayKeys[dayKeys.length - 1]) break;
    const daySlots = slotsByDay.get(dateKey(parts));
    if (!daySlots || daySlots.length === rules.maxPerDay) continue;
    if ((parts.hour * 60 + parts.minute) % rules.alignMinutes !== 0) continue;
    const slot = { start, end: start + rules.slotMinutes * MINUTE };
    if (!holdingWindow(slot, rules, parts) || collision(slot) !== null) continue;
    // A wall time repeated by a fall-back change is offered only at its first occurrence.
    const repeated = [30 * MINUTE, HOUR].some((back) => wallTime(start - back) === wallTime(start));
    if (!repeated) daySlots.push(slot);
  }
  const byDay = dayKeys.map((key) => slotsByDay.get(key) ?? []);
  const chosen: Slot[] = [];
  for (let rank = 0; rank < rules.maxPerDay; rank++) {
    for (const daySlots of byDay) {
      if (rank < daySlots.length && chosen.length < rules.maxTotal) chosen.push(daySlots[rank]);
    }
  }
  return chosen.sort((a, b) => a.start - b.start);
}

describe('findFreeSlots against a brute-force reference', () => {
  it('gives exactly the slots the rules allow, across DST changes', () => {
    const iso = (slots: Slot[]) => slots.map((slot) => new Date(slot.start).toISOString()).join(',');
    fc.assert(
      fc.property(scenarioArb(2, 2), (scenario) => iso(scenario.slots) === iso(referenceSlots(scenario))),
      RUNS,
    );
  });
});
