// The reviewer's dashboard, computed from the audit rows alone so its figures can always be checked
// against them: drafts per day, what became of the drafts, the approval turnaround, leads by source form,
// connector errors per day.
import { AUDIT_COLUMNS } from './audit';

const COLUMN = {
  timestamp: 0,
  type: AUDIT_COLUMNS.indexOf('Event type'),
  details: AUDIT_COLUMNS.indexOf('Details (JSON)'),
} as const;

export interface Dashboard {
  /** [day (UTC, yyyy-mm-dd), drafts prepared] */
  draftsPerDay: Array<[string, number]>;
  outcomes: { prepared: number; sent: number; discarded: number; waiting: number };
  /** Median minutes from a draft being prepared to a person sending it; null before the first send. */
  medianTurnaroundMinutes: number | null;
  /** [form name (or GUID), leads taken in] */
  leadsByForm: Array<[string, number]>;
  /** [day, connector errors] */
  errorsPerDay: Array<[string, number]>;
  rows: number;
}

/** formNames: form GUID -> the name given in Settings, so the chart names the forms people know. */
export function buildDashboard(rows: string[][], formNames: Record<string, string> = {}): Dashboard {
  const draftsPerDay = new Map<string, number>();
  const errorsPerDay = new Map<string, number>();
  const leadsByForm = new Map<string, number>();
  const turnarounds: number[] = [];
  let prepared = 0;
  let sent = 0;
  let discarded = 0;
  for (const row of rows) {
    const type = row[COLUMN.type];
    const day = String(row[COLUMN.timestamp]).slice(0, 10);
    if (type === 'draft_created') {
      prepared++;
      increment(draftsPerDay, day);
    } else if (type === 'draft_sent') {
      sent++;
      const minutes = Number(details(row).turnaroundMinutes);
      if (Number.isFinite(minutes)) turnarounds.push(minutes);
    } else if (type === 'draft_discarded') {
      discarded++;
    } else if (type === 'connector_error' || type === 'auth_failure') {
      increment(errorsPerDay, day);
    } else if (type === 'prospect_intake' && details(row).formGuid) {
      const guid = String(details(row).formGuid);
      increment(leadsByForm, formNames[guid] || guid);
    }
  }
  return {
    draftsPerDay: sorted(draftsPerDay),
    outcomes: { prepared, sent, discarded, waiting: Math.max(0, prepared - sent - discarded) },
    medianTurnaroundMinutes: median(turnarounds),
    leadsByForm: sorted(leadsByForm),
    errorsPerDay: sorted(errorsPerDay),
    rows: rows.length,
  };
}

function details(row: string[]): Record<string, unknown> {
  try {
    const parsed = JSON.parse(row[COLUMN.details] || '{}');
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) || 0) + 1);
}

function sorted(map: Map<string, number>): Array<[string, number]> {
  return Array.from(map.entries()).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const ordered = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
}
