// The task form's defaults and its due date. A DatePicker sends the chosen calendar day as midnight UTC
// ("dateInput.msSinceEpoch": https://developers.google.com/workspace/add-ons/concepts/event-objects#date-input;
// card.v1 DateTimePicker DATE_ONLY: "a calendar date at 00:00:00 UTC"), whatever the rep's zone. So the
// day is read in UTC, and the task falls due at the start of the rep's working day on that day, in their
// zone: a rep in New York who picks Mar 12 gets a task due Mar 12, 9:00 AM New York, not Mar 11, 8 PM.
import type { WeeklyHours } from './slots';
import { addLocalDays, weekdayOf, zonedParts, zonedToEpoch } from './time-zone';
import type { LocalDate } from './time-zone';

const DAY_MS = 86_400_000;
/** How far ahead a task may fall due; further is almost certainly a mistyped year. */
export const MAX_DUE_DAYS = 365;
/** HubSpot's task subject is a single line; the form keeps it to this. */
export const MAX_SUBJECT_CHARS = 200;

/** The calendar day a DatePicker value names (its UTC date). */
export function pickedDay(msSinceEpoch: number): LocalDate {
  const d = new Date(msSinceEpoch);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** What a DatePicker shows for a local day: that day at midnight UTC. */
export function pickerValue(day: LocalDate): number {
  return Date.UTC(day.year, day.month - 1, day.day);
}

/** The rep's today, in their zone. */
export function localToday(now: number, timeZone: string): LocalDate {
  const p = zonedParts(now, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

/** The picker's default: tomorrow in the rep's zone. */
export function defaultDueDay(now: number, timeZone: string): LocalDate {
  return addLocalDays(localToday(now, timeZone), 1);
}

export type DueDate = { ok: true; dueAt: number } | { ok: false; message: string };

/**
 * The instant a task picked for `day` falls due: the start of the rep's first working window that weekday
 * (09:00 on a day off), in their zone. Days before today, or more than a year ahead, get a message instead.
 */
export function taskDueAt(day: LocalDate, now: number, timeZone: string, hours: WeeklyHours): DueDate {
  const today = localToday(now, timeZone);
  const offset = Math.round((pickerValue(day) - pickerValue(today)) / DAY_MS);
  if (offset < 0) return { ok: false, message: 'Pick a due date from today on.' };
  if (offset > MAX_DUE_DAYS) return { ok: false, message: 'Pick a due date within the next year.' };
  const windows = hours[weekdayOf(day) as keyof WeeklyHours] || [];
  const [hour, minute] = (windows.length ? windows[0].start : '09:00').split(':').map(Number);
  return { ok: true, dueAt: zonedToEpoch({ ...day, hour, minute }, timeZone) };
}

/** "Follow up with Sarah Chen": the person's name, their address only when HubSpot has no name. */
export function defaultTaskSubject(name: string | null, email: string | null): string {
  return shortenAtWord(`Follow up with ${(name && name.trim()) || email || 'the prospect'}`, 80);
}

/**
 * At most `max` characters, cut at the last space before the limit with an ellipsis, so no word (or
 * address) is left half-written; a single word longer than the limit is cut where it must be.
 */
export function shortenAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const room = clean.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  return `${(space > 0 ? room.slice(0, space) : room).replace(/[\s,;:.–—-]+$/, '')}…`;
}
