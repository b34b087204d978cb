// A reference written into every task and note the add-on creates, so a rerun after a crash can tell
// whether a write already happened (HubSpot's batch/create has no idempotency key).
const MARKER_PREFIX = 'prospector:';
const MARKER_PATTERN = /prospector:([A-Za-z0-9_-]{1,80})/g;

export function activityMarker(reference: string): string {
  return MARKER_PREFIX + reference.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}

/** The markers found in a task or note body. */
export function markersIn(text: string | null | undefined): string[] {
  if (!text) return [];
  const found: string[] = [];
  let match: RegExpExecArray | null;
  MARKER_PATTERN.lastIndex = 0;
  while ((match = MARKER_PATTERN.exec(text))) found.push(MARKER_PREFIX + match[1]);
  return found;
}

export function markerLine(reference: string): string {
  return `Ref: ${activityMarker(reference)} (prepared by Prospector)`;
}
