// Times offered to someone in another time zone should land in their working day too: a 5 PM call in
// New York is 10 PM in London. Slots inside the prospect's hours come first; the rest fill in only when
// there are not enough, so a far-away prospect still gets times to choose from.
import { findFreeSlots } from './slots';
import type { BusyEvent, Slot, SlotRules } from './slots';
import { isValidTimeZone, zonedParts } from './time-zone';

/** The prospect's reasonable hours, local time, Monday to Friday. */
const PROSPECT_DAY = { start: 8 * 60, end: 18 * 60 };
/** How many more candidates to look at than are offered, so some can be passed over. */
const CANDIDATE_FACTOR = 3;

export function withinProspectHours(slot: Slot, timeZone: string): boolean {
  const start = zonedParts(slot.start, timeZone);
  const end = zonedParts(slot.end - 1, timeZone);
  const minute = (p: { hour: number; minute: number }) => p.hour * 60 + p.minute;
  const weekday = start.weekday >= 1 && start.weekday <= 5;
  return weekday && minute(start) >= PROSPECT_DAY.start && minute(end) < PROSPECT_DAY.end;
}

/** Free slots for this prospect: within their hours first (kept in time order), at most rules.maxTotal. */
export function slotsForProspect(
  rules: SlotRules,
  busy: BusyEvent[],
  now: number,
  prospectTimeZone: string | null,
  exclude: Slot[] = [],
): Slot[] {
  if (!prospectTimeZone || !isValidTimeZone(prospectTimeZone) || prospectTimeZone === rules.timeZone) {
    return findFreeSlots(rules, busy, now, exclude);
  }
  const wide = {
    ...rules,
    maxTotal: Math.min(100, rules.maxTotal * CANDIDATE_FACTOR),
    maxPerDay: Math.min(48, rules.maxPerDay * CANDIDATE_FACTOR),
  };
  const candidates = findFreeSlots(wide, busy, now, exclude);
  const good = candidates.filter((s) => withinProspectHours(s, prospectTimeZone));
  const chosen = spread(good, rules, []);
  return spread(candidates, rules, chosen);
}

/**
 * Adds slots the way the slot finder spreads them: the first of each day, then the second, and so on,
 * never more than maxPerDay a day, until maxTotal; returned in time order.
 */
function spread(slots: Slot[], rules: SlotRules, chosen: Slot[]): Slot[] {
  const picked = chosen.slice();
  const byDay = new Map<string, Slot[]>();
  for (const slot of slots) {
    if (picked.indexOf(slot) >= 0) continue;
    const p = zonedParts(slot.start, rules.timeZone);
    const day = `${p.year}-${p.month}-${p.day}`;
    byDay.set(day, (byDay.get(day) || []).concat(slot));
  }
  const perDay = (day: string) =>
    picked.filter((s) => {
      const p = zonedParts(s.start, rules.timeZone);
      return `${p.year}-${p.month}-${p.day}` === day;
    }).length;
  for (let round = 0; round < rules.maxPerDay && picked.length < rules.maxTotal; round++) {
    for (const [day, list] of byDay) {
      if (picked.length >= rules.maxTotal) break;
      if (list[round] && perDay(day) < rules.maxPerDay) picked.push(list[round]);
    }
  }
  return picked.sort((a, b) => a.start - b.start);
}
