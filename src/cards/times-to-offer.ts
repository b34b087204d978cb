// "Times to offer": one checkbox row per free time, shared by the lead card and the compose card. The
// heading names the user's zone by its city; each row reads "Tue, Mar 10 · 10:00 – 10:30 AM", then the
// prospect's time when their zone is known and differs, and whether that falls in their working day.
// Selection items are plain text (card.v1 SelectionItem.text), so nothing here is escaped.
import type { SlotOption } from '../core/lead-view';
import { formatDay, formatTime, zonedParts } from '../core/time-zone';
import { INPUTS } from './actions';
import { checkboxes } from './widgets';
import type { Widget } from './widgets';

/** More than a sidebar can usefully offer; views normally hold 3 to 5. */
export const MAX_TIMES = 20;
/** Ticked before the user looks: two times, on different days when there are. */
export const PRESELECTED_TIMES = 2;

/** The one name the cards use for the times a draft proposes. */
export const TIMES_HEADING = 'Times to offer';

/** "America/New_York" -> "New York", "Europe/London" -> "London"; "UTC" stays "UTC". */
export function zoneCity(timeZone: string): string {
  const last = timeZone.split('/').pop() || timeZone;
  return last.replace(/_/g, ' ');
}

/** "Times to offer · New York time": the zone a rep reads every row in. */
export function timesHeading(userTimeZone: string): string {
  return `${TIMES_HEADING} · ${zoneCity(userTimeZone)} time`;
}

/**
 * Keeps a range such as "10:00 – 10:30 AM" on one line: the side panel wraps only between parts. No-break
 * spaces hold the words together; a word joiner after the dash, which lines may otherwise break after.
 */
function unbroken(text: string): string {
  return text.replace(/ /g, '\u00a0').replace(/–/g, '–\u2060');
}

function sameDay(a: number, b: number, timeZone: string): boolean {
  const x = zonedParts(a, timeZone);
  const y = zonedParts(b, timeZone);
  return x.year === y.year && x.month === y.month && x.day === y.day;
}

/** "10:00 – 10:30 AM" (or "11:30 AM – 12:00 PM"), in `timeZone`, without the day. */
function rangeText(slot: SlotOption, timeZone: string, locale?: string): string {
  const start = formatTime(slot.start, timeZone, locale);
  const end = formatTime(slot.end, timeZone, locale);
  const startPeriod = start.split(' ')[1];
  const endPeriod = end.split(' ')[1];
  const shortStart = startPeriod && startPeriod === endPeriod ? start.split(' ')[0] : start;
  return `${shortStart} – ${end}`;
}

/**
 * "Tue, Mar 10 · 10:00 – 10:30 AM · 3:00 – 3:30 PM London, their workday". The day is the user's; the
 * prospect's part says their day when it differs.
 */
export function timeRowText(
  slot: SlotOption,
  userTimeZone: string,
  prospectTimeZone: string | null,
  locale?: string,
): string {
  const parts = [
    formatDay(slot.start, userTimeZone, locale),
    unbroken(rangeText(slot, userTimeZone, locale)),
  ];
  if (prospectTimeZone && prospectTimeZone !== userTimeZone) {
    const theirDay = formatDay(slot.start, prospectTimeZone, locale);
    const day = theirDay !== formatDay(slot.start, userTimeZone, locale) ? `${theirDay} ` : '';
    const theirs = `${day}${unbroken(rangeText(slot, prospectTimeZone, locale))} ${zoneCity(prospectTimeZone)}`;
    const fit =
      slot.insideTheirDay === undefined || slot.insideTheirDay === null
        ? ''
        : slot.insideTheirDay
          ? ', their workday'
          : ', outside their workday';
    parts.push(`${theirs}${fit}`);
  }
  return parts.join(' · ');
}

/** The first time, then the first on another day; the second time when all fall on one day. */
export function preselectedTimes(slots: SlotOption[], timeZone: string): Set<number> {
  const chosen: SlotOption[] = slots.slice(0, 1);
  for (const slot of slots) {
    if (chosen.length >= PRESELECTED_TIMES) break;
    if (chosen.every((c) => !sameDay(c.start, slot.start, timeZone))) chosen.push(slot);
  }
  for (const slot of slots) {
    if (chosen.length >= PRESELECTED_TIMES) break;
    if (!chosen.includes(slot)) chosen.push(slot);
  }
  return new Set(chosen.map((s) => s.start));
}

/** Said after a time the user holds on their calendar for this person. */
export const HELD_MARK = 'held on your calendar';

/**
 * The checkbox rows, one per time; the section heading (timesHeading) names the zone. Times in `held`
 * (start instants the user holds for this person) say so and are the ones ticked: the rep held them to
 * offer them.
 */
export function timeCheckboxes(
  slots: SlotOption[],
  userTimeZone: string,
  prospectTimeZone: string | null,
  locale?: string,
  held: ReadonlySet<number> = new Set(),
): Widget {
  const shown = slots.slice(0, MAX_TIMES);
  const heldShown = shown.filter((slot) => held.has(slot.start));
  const ticked = heldShown.length
    ? new Set(heldShown.map((slot) => slot.start))
    : preselectedTimes(shown, userTimeZone);
  return checkboxes(
    INPUTS.slots,
    'Ticked times go into the draft',
    shown.map((slot) => ({
      text:
        timeRowText(slot, userTimeZone, prospectTimeZone, locale) +
        (held.has(slot.start) ? ` · ${HELD_MARK}` : ''),
      value: String(slot.start),
      selected: ticked.has(slot.start),
    })),
  );
}

/** The offered times with the held ones among them, in time order, each start once (a held time wins). */
export function withHeldTimes(slots: SlotOption[], held: SlotOption[]): SlotOption[] {
  const heldStarts = new Set(held.map((slot) => slot.start));
  return held.concat(slots.filter((slot) => !heldStarts.has(slot.start))).sort((a, b) => a.start - b.start);
}
