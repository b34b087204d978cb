// The calendar holds a user made from the sidebar, remembered in their own Properties under one key scheme:
// the daily upkeep releases the unconfirmed ones (maintenance.ts), and the lead card shows the times held
// for its person as held. Read from the store's one getProperties snapshot, so showing them costs nothing.
import type { KeyValueStore } from '../core/ports';

export const HOLD_PREFIX = 'hold:';

export interface HoldRecord {
  eventId: string;
  start: number;
  /** Absent in holds remembered before the card showed them. */
  end?: number;
  heldAt: number;
  /** Who the time is held for (lower case); absent in older holds, which then show on no card. */
  email?: string;
}

/** The property to write for a new hold. */
export function holdEntry(hold: HoldRecord): Record<string, string> {
  return { [HOLD_PREFIX + hold.eventId]: JSON.stringify(hold) };
}

/** Every remembered hold, with its key; unreadable entries are skipped. */
export function rememberedHolds(store: KeyValueStore): Array<[string, HoldRecord]> {
  const holds: Array<[string, HoldRecord]> = [];
  for (const [key, raw] of Object.entries(store.getAll())) {
    if (key.indexOf(HOLD_PREFIX) !== 0 || !raw) continue;
    try {
      const hold = JSON.parse(raw) as HoldRecord;
      if (hold && typeof hold.start === 'number') holds.push([key, hold]);
    } catch {
      // A damaged entry holds nothing the card could show; the upkeep clears it.
      holds.push([key, { eventId: key.slice(HOLD_PREFIX.length), start: 0, heldAt: 0 }]);
    }
  }
  return holds;
}

/** The times held for `email` that are still ahead, earliest first. */
export function heldFor(
  store: KeyValueStore,
  email: string,
  now: number,
  slotMinutes: number,
): Array<{ start: number; end: number }> {
  const who = email.toLowerCase();
  return rememberedHolds(store)
    .map(([, hold]) => hold)
    .filter((hold) => hold.email === who && hold.start > now)
    .map((hold) => ({ start: hold.start, end: hold.end || hold.start + slotMinutes * 60_000 }))
    .sort((a, b) => a.start - b.start);
}
