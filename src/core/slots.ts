// Finds free meeting slots in the user's working hours. Pure: the caller passes the busy events (one
// free/busy read per run), the clock reading and the slots already offered in the same run.
import { addLocalDays, isValidTimeZone, weekdayOf, zonedParts, zonedToEpoch } from './time-zone';
import type { LocalDate } from './time-zone';

/** 'HH:MM' local time; end may be '24:00' and must be after start. */
export interface DayWindow {
  start: string;
  end: string;
}
/** 0 = Sunday */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export type WeeklyHours = Partial<Record<Weekday, DayWindow[]>>;

export interface SlotRules {
  /** The user's IANA zone; working hours are in it. */
  timeZone: string;
  weeklyHours: WeeklyHours;
  slotMinutes: number;
  /** Slot starts fall on local multiples of this (15, 30 or 60). */
  alignMinutes: number;
  /** Busy time is widened by these. */
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** A slot starts no earlier than now + notice. */
  minNoticeMinutes: number;
  /** Local days searched, today included: 10 means today and the next 9 days. */
  horizonDays: number;
  maxPerDay: number;
  maxTotal: number;
  tentativeIsBusy: boolean;
}

const nineToFive = (): DayWindow[] => [{ start: '09:00', end: '17:00' }];

export const DEFAULT_SLOT_RULES: Omit<SlotRules, 'timeZone'> = {
  weeklyHours: { 1: nineToFive(), 2: nineToFive(), 3: nineToFive(), 4: nineToFive(), 5: nineToFive() },
  slotMinutes: 30,
  alignMinutes: 30,
  bufferBeforeMinutes: 10,
  bufferAfterMinutes: 10,
  minNoticeMinutes: 120,
  horizonDays: 10,
  maxPerDay: 2,
  maxTotal: 5,
  tentativeIsBusy: true,
};

export interface BusyEvent {
  start: number;
  end: number;
  allDay?: boolean;
  transparent?: boolean;
  responseStatus?: 'accepted' | 'declined' | 'tentative' | 'needsAction' | 'owner';
}

export interface Slot {
  start: number;
  end: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ALIGNMENTS = [15, 30, 60];

/** Minutes since local midnight for 'HH:MM' ('24:00' only where an end is meant); NaN if malformed. */
function clockMinutes(text: unknown, isEnd: boolean): number {
  if (typeof text !== 'string') return NaN;
  if (isEnd && text === '24:00') return 24 * 60;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
}

function wholeNumberProblem(value: number, min: number, max: number, what: string): string[] {
  return Number.isInteger(value) && value >= min && value <= max
    ? []
    : [`${what} must be a whole number from ${min} to ${max}.`];
}

function dayProblems(dayName: string, windows: DayWindow[], slotMinutes: number): string[] {
  const problems: string[] = [];
  const wellFormed: { open: number; close: number; label: string }[] = [];
  for (const window of windows) {
    const open = clockMinutes(window?.start, false);
    const close = clockMinutes(window?.end, true);
    const label = `${window?.start}–${window?.end}`;
    if (Number.isNaN(open) || Number.isNaN(close)) {
      problems.push(`${dayName} ${label}: write times as HH:MM, for example 09:00–17:00.`);
    } else if (close <= open) {
      problems.push(`${dayName} ${label}: the end must be after the start.`);
    } else {
      if (close - open < slotMinutes) {
        problems.push(`${dayName} ${label} is shorter than a ${slotMinutes}-minute meeting.`);
      }
      wellFormed.push({ open, close, label });
    }
  }
  wellFormed.sort((a, b) => a.open - b.open);
  for (let i = 1; i < wellFormed.length; i++) {
    if (wellFormed[i].open < wellFormed[i - 1].close) {
      problems.push(`${dayName} ${wellFormed[i].label} overlaps ${wellFormed[i - 1].label}.`);
    }
  }
  return problems;
}

function weeklyHoursProblems(weeklyHours: WeeklyHours, slotMinutes: number): string[] {
  if (typeof weeklyHours !== 'object' || weeklyHours === null) {
    return ['Working hours are missing: add at least one day with a start and end time.'];
  }
  const problems: string[] = [];
  let windowCount = 0;
  for (const [key, windows] of Object.entries(weeklyHours)) {
    const dayName = WEEKDAY_NAMES[Number(key)];
    if (!/^[0-6]$/.test(key)) {
      problems.push(`Working hours name an unknown weekday "${key}" (use 0 for Sunday to 6 for Saturday).`);
    } else if (windows === undefined) {
      continue;
    } else if (!Array.isArray(windows)) {
      problems.push(`${dayName}: working hours must be a list of start and end times.`);
    } else {
      problems.push(...dayProblems(dayName, windows, slotMinutes));
      windowCount += windows.length;
    }
  }
  if (windowCount === 0)
    problems.push('No working hours are set: add at least one day with a start and end time.');
  return problems;
}

/** Messages a user understands; [] when the rules are usable. */
export function validateSlotRules(rules: SlotRules): string[] {
  return [
    ...(isValidTimeZone(rules.timeZone)
      ? []
      : [`"${rules.timeZone}" is not a time zone name; use one like "America/New_York" or "Europe/London".`]),
    ...wholeNumberProblem(rules.slotMinutes, 5, 480, 'Meeting length in minutes'),
    ...(ALIGNMENTS.includes(rules.alignMinutes)
      ? []
      : ['Meetings must start on the quarter hour, half hour or hour.']),
    ...wholeNumberProblem(rules.bufferBeforeMinutes, 0, 240, 'The buffer before busy time in minutes'),
    ...wholeNumberProblem(rules.bufferAfterMinutes, 0, 240, 'The buffer after busy time in minutes'),
    ...wholeNumberProblem(rules.minNoticeMinutes, 0, 30 * 24 * 60, 'The minimum notice in minutes'),
    ...wholeNumberProblem(rules.horizonDays, 1, 90, 'The number of days to search'),
    ...wholeNumberProblem(rules.maxPerDay, 1, 48, 'The number of slots per day'),
    ...wholeNumberProblem(rules.maxTotal, 1, 100, 'The number of slots offered'),
    ...(typeof rules.tentativeIsBusy === 'boolean' ? [] : ['Choose whether tentative events count as busy.']),
    ...weeklyHoursProblems(rules.weeklyHours, rules.slotMinutes),
  ];
}

/** The first index in [0, length) where `reached` holds; `reached` must be false, then true. */
function firstReached(length: number, reached: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (reached(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function blocksTime(event: BusyEvent, tentativeIsBusy: boolean): boolean {
  if (event.transparent || event.responseStatus === 'declined') return false;
  if (event.responseStatus === 'tentative' || event.responseStatus === 'needsAction') return tentativeIsBusy;
  return true;
}

/**
 * Busy time as sorted, merged intervals. An all-day event blocks each whole local day it touches, even
 * when the calendar gave its bounds in another zone; the buffers do not spill into the next day.
 */
function blockedIntervals(rules: SlotRules, busy: BusyEvent[], exclude: Slot[], midnights: number[]): Slot[] {
  const startOfDayAtOrBefore = (epochMs: number): number => {
    const next = firstReached(midnights.length, (i) => midnights[i] > epochMs);
    return next === 0 ? epochMs : midnights[next - 1];
  };
  const startOfDayAtOrAfter = (epochMs: number): number => {
    const next = firstReached(midnights.length, (i) => midnights[i] >= epochMs);
    return next === midnights.length ? epochMs : midnights[next];
  };
  const intervals: Slot[] = [];
  for (const event of busy) {
    if (!(event.end > event.start) || !blocksTime(event, rules.tentativeIsBusy)) continue;
    intervals.push(
      event.allDay
        ? { start: startOfDayAtOrBefore(event.start), end: startOfDayAtOrAfter(event.end) }
        : {
            start: event.start - rules.bufferBeforeMinutes * MINUTE_MS,
            end: event.end + rules.bufferAfterMinutes * MINUTE_MS,
          },
    );
  }
  // Slots offered to someone else in this run: taken, but not meetings, so no buffer.
  for (const slot of exclude) if (slot.end > slot.start) intervals.push({ start: slot.start, end: slot.end });
  intervals.sort((a, b) => a.start - b.start);
  const merged: Slot[] = [];
  for (const interval of intervals) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push(interval);
  }
  return merged;
}

function overlapsBlocked(blocked: Slot[], start: number, end: number): boolean {
  const first = firstReached(blocked.length, (i) => blocked[i].end > start);
  return first < blocked.length && blocked[first].start < end;
}

/** The instant of a local wall time on `date`, or null when a spring-forward gap skips it. */
function existingLocalTime(date: LocalDate, minuteOfDay: number, timeZone: string): number | null {
  const hour = Math.floor(minuteOfDay / 60);
  const minute = minuteOfDay % 60;
  const epochMs = zonedToEpoch({ ...date, hour, minute }, timeZone);
  const parts = zonedParts(epochMs, timeZone);
  return parts.day === date.day && parts.hour === hour && parts.minute === minute ? epochMs : null;
}

/**
 * Aligned slot starts on one local day, ascending. Most days and windows have no offset change, so
 * their times are plain arithmetic from one known instant; only a window that holds a DST change asks
 * Intl about each start. In a repeated (fall-back) hour each wall time is offered once, at its first
 * occurrence.
 */
function candidateStarts(
  rules: SlotRules,
  date: LocalDate,
  dayStart: number,
  nextDayStart: number,
): number[] {
  const { timeZone, alignMinutes } = rules;
  const slotMs = rules.slotMinutes * MINUTE_MS;
  const regularDay = nextDayStart - dayStart === DAY_MS;
  const instantOf = (minuteOfDay: number): number =>
    regularDay
      ? dayStart + minuteOfDay * MINUTE_MS
      : zonedToEpoch({ ...date, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 }, timeZone);
  const windows = rules.weeklyHours[weekdayOf(date) as Weekday] ?? [];
  const starts: number[] = [];
  for (const window of windows) {
    const open = clockMinutes(window.start, false);
    const close = clockMinutes(window.end, true);
    const first = Math.ceil(open / alignMinutes) * alignMinutes;
    const closeAt = instantOf(close);
    const firstAt = instantOf(first);
    const steady = closeAt - firstAt === (close - first) * MINUTE_MS;
    for (let minute = first; minute < close; minute += alignMinutes) {
      const start = steady
        ? firstAt + (minute - first) * MINUTE_MS
        : existingLocalTime(date, minute, timeZone);
      if (start === null) continue;
      if (start + slotMs > closeAt) break;
      starts.push(start);
    }
  }
  // Windows of a day do not overlap (validated), but may be listed in any order.
  return windows.length > 1 ? starts.sort((a, b) => a - b) : starts;
}

/** First slots of every day, then second slots, and so on: offers spread over days, not bunched. */
function spreadAcrossDays(slotsByDay: Slot[][], maxTotal: number): Slot[] {
  const chosen: Slot[] = [];
  const deepest = Math.max(0, ...slotsByDay.map((slots) => slots.length));
  for (let rank = 0; rank < deepest; rank++) {
    for (const slots of slotsByDay) {
      if (chosen.length === maxTotal) return chosen.sort((a, b) => a.start - b.start);
      if (rank < slots.length) chosen.push(slots[rank]);
    }
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/**
 * The instant each local date begins. "+24h" is only a guess, kept when the clock there reads 00:00 of
 * the next date (then no offset change lies between); otherwise zonedToEpoch works it out.
 */
function localMidnights(dates: LocalDate[], timeZone: string): number[] {
  const midnights: number[] = [];
  for (const date of dates) {
    const previous = midnights[midnights.length - 1];
    const guess = previous + DAY_MS;
    const there = previous === undefined ? undefined : zonedParts(guess, timeZone);
    const fits =
      there !== undefined &&
      there.day === date.day &&
      there.month === date.month &&
      there.year === date.year &&
      there.hour === 0 &&
      there.minute === 0 &&
      there.second === 0;
    midnights.push(fits ? guess : zonedToEpoch({ ...date, hour: 0, minute: 0 }, timeZone));
  }
  return midnights;
}

/**
 * Free slots from today (local) through the horizon, sorted and unique. Throws when the rules are not
 * valid: check them with validateSlotRules where the user can fix them.
 */
export function findFreeSlots(
  rules: SlotRules,
  busy: BusyEvent[],
  now: number,
  exclude: Slot[] = [],
): Slot[] {
  const problems = validateSlotRules(rules);
  if (problems.length > 0) throw new Error(`Slot rules are not valid: ${problems.join(' ')}`);
  const today = zonedParts(now, rules.timeZone);
  const dates: LocalDate[] = [];
  for (let i = 0; i <= rules.horizonDays; i++) dates.push(addLocalDays(today, i));
  const midnights = localMidnights(dates, rules.timeZone);
  const blocked = blockedIntervals(rules, busy, exclude, midnights);
  const earliest = now + rules.minNoticeMinutes * MINUTE_MS;
  const slotMs = rules.slotMinutes * MINUTE_MS;
  const slotsByDay: Slot[][] = [];
  for (let i = 0; i < rules.horizonDays; i++) {
    const free: Slot[] = [];
    for (const start of candidateStarts(rules, dates[i], midnights[i], midnights[i + 1])) {
      if (free.length === rules.maxPerDay) break;
      const end = start + slotMs;
      if (start >= earliest && !overlapsBlocked(blocked, start, end)) free.push({ start, end });
    }
    slotsByDay.push(free);
  }
  return spreadAcrossDays(slotsByDay, rules.maxTotal);
}
