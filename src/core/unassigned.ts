// Who answers a lead nobody owns in HubSpot. Every rep's poller (and the sidebar) computes the same answer
// from the same data, so an unassigned lead is drafted by exactly one rep, ever, without a claim to race
// for: the reps who took unassigned leads when it was submitted, in a fixed order, and the lead's id
// choosing among them. The history of opt-ins lives in the team's settings (script properties), because
// colleagues cannot read each other's user properties.

/** One rep's opt-in: they take unassigned leads submitted from `since` until `until` (absent: still). */
export interface UnassignedTaker {
  email: string;
  since: number;
  until?: number;
}

/** FNV-1a, 32 bits: a stable spread of ids over reps (not a security measure). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The reps who took unassigned leads at `at`, in a fixed order. */
export function takersAt(takers: UnassignedTaker[], at: number): string[] {
  const emails = takers
    .filter((t) => t.since <= at && (t.until === undefined || at < t.until))
    .map((t) => t.email.toLowerCase());
  return [...new Set(emails)].sort();
}

/** The one rep an unassigned lead goes to, or null when nobody took unassigned leads when it came in. */
export function unassignedTakerFor(
  conversionId: string,
  submittedAt: number,
  takers: UnassignedTaker[],
): string | null {
  const eligible = takersAt(takers, submittedAt);
  return eligible.length ? eligible[hash(conversionId) % eligible.length] : null;
}

/**
 * The history after `email` opts in or out at `now`. An opt-out closes the open entry (leads submitted
 * while they took them stay theirs); entries closed longer ago than `keepMs` are dropped.
 */
export function withOptIn(
  takers: UnassignedTaker[],
  email: string,
  takes: boolean,
  now: number,
  keepMs: number,
): UnassignedTaker[] {
  const who = email.toLowerCase();
  const open = takers.find((t) => t.email.toLowerCase() === who && t.until === undefined);
  let next = takers.slice();
  if (takes && !open) next.push({ email: who, since: now });
  if (!takes && open) next = next.map((t) => (t === open ? { ...t, until: now } : t));
  return next.filter((t) => t.until === undefined || now - t.until < keepMs);
}

/** Whether `email` takes unassigned leads now, by the team's record. */
export function takesUnassignedNow(takers: UnassignedTaker[], email: string, now: number): boolean {
  return takersAt(takers, now).includes(email.toLowerCase());
}
