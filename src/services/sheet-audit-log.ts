// The audit trail on the "Audit" tab of a Google Sheet: one setValues per batch, each row chained to the
// previous one by a SHA-256 hash, every cell written as text, secrets redacted.
import { eventCells, redactSecrets, sheetSafe, AUDIT_COLUMNS } from '../core/audit';
import type { AuditEvent } from '../core/audit';
import { chainRows, GENESIS_HASH, verifyChain } from '../core/audit-chain';
import { ConfigError } from '../core/errors';
import { utf8Length } from '../core/utf8';
import type { AuditLog, Hasher, KeyValueStore, Lock } from '../core/ports';

export const AUDIT_TAB = 'Audit';
/** Script properties the writer keeps: the last hash it wrote and the chain's anchor after pruning. */
export const LAST_HASH_KEY = 'audit.lastHash';
export const ANCHOR_KEY = 'audit.anchor';
/** Rows read back to skip events already written (a retried delivery after a crash). */
const DEDUPE_TAIL = 200;
const EVENT_ID_COLUMN = 3;
const GROW_ROWS = 2000;
const HASH_COLUMN = AUDIT_COLUMNS.length;

export interface SheetAuditLogOptions {
  spreadsheetId: string | null;
  /** Used for the "Local time" column only when the spreadsheet gives no zone of its own. */
  timeZone: string;
  hasher: Hasher;
  /** Script properties: where the last written hash is kept for verification. */
  scriptStore: KeyValueStore;
  /** The script lock: the chain needs one writer at a time across all users. */
  lock: Lock;
  /** Values that must never reach the sheet (the HubSpot token). */
  secrets: string[];
  /** True when the caller already holds the lock (the poller). */
  lockHeld?: boolean;
  /**
   * How long the owner waits for the script lock before queueing its events instead (a card callback
   * never waits long: it has 30 s in all).
   */
  lockWaitMs?: number;
  /** How many queued chunks one write drains at most (each costs one delete call). */
  maxDrain?: number;
  /**
   * Whether this user may write the Audit tab: only the account that owns the sheet can (the tab is
   * protected). Everyone else's events wait in a queue in script properties, which the owner's next
   * execution writes to the sheet.
   */
  writer: boolean;
}

/** Script properties holding other users' events until the owner's next write. */
export const QUEUE_PREFIX = 'auditq:';
/** Properties allow 9 KB (UTF-8 bytes) per value; queue chunks stay clear of it. */
const QUEUE_CHUNK_BYTES = 8000;

/** A queued chunk's events, or null for a damaged chunk (kept out of the sheet, never failing a write). */
function parseChunk(text: string): AuditEvent[] | null {
  try {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as AuditEvent[]) : null;
  } catch {
    return null;
  }
}

export class SheetAuditLog implements AuditLog {
  constructor(private readonly options: SheetAuditLogOptions) {}

  append(events: AuditEvent[]): void {
    if (!events.length) return;
    const { spreadsheetId, lock, lockHeld } = this.options;
    if (!spreadsheetId)
      throw new ConfigError('No audit spreadsheet is set up yet: open Settings to create one.');
    // A colleague's events go under keys only this execution writes: no lock, nothing to overwrite.
    if (!this.options.writer) return this.enqueue(events);
    if (!lockHeld && !lock.tryLock(this.options.lockWaitMs ?? 10_000)) {
      // The sheet is busy (another writer holds the chain): queue, and the next write takes them.
      return this.enqueue(events);
    }
    try {
      this.writeWithQueue(spreadsheetId, events);
    } finally {
      if (!lockHeld) lock.release();
    }
  }

  /** Another user's events, kept for the sheet's owner to write (one setProperties call). */
  private enqueue(events: AuditEvent[]): void {
    const values: Record<string, string> = {};
    let chunk: AuditEvent[] = [];
    let size = 0;
    const flush = () => {
      if (chunk.length)
        values[`${QUEUE_PREFIX}${events[0].id}:${Object.keys(values).length}`] = JSON.stringify(chunk);
      chunk = [];
      size = 0;
    };
    for (const event of events) {
      const bytes = utf8Length(JSON.stringify(event));
      if (size + bytes > QUEUE_CHUNK_BYTES) flush();
      chunk.push(
        bytes > QUEUE_CHUNK_BYTES / 2
          ? {
              ...event,
              resourceId: event.resourceId.slice(0, 200),
              summary: event.summary.slice(0, 500),
              details: { truncated: true },
            }
          : event,
      );
      size += Math.min(bytes, QUEUE_CHUNK_BYTES / 2);
    }
    flush();
    this.options.scriptStore.setAll(values);
  }

  /**
   * The owner writes the queued events of other users first, then its own, and deletes exactly the queue
   * keys it wrote, one by one: a chunk queued meanwhile stays for the next write, and no other property is
   * touched (replacing the store would undo a colleague's save made since this execution read it).
   */
  private writeWithQueue(spreadsheetId: string, events: AuditEvent[]): void {
    const store = this.options.scriptStore;
    // Read the queue afresh under the lock: this execution's first read may be minutes old.
    store.reload();
    const all = store.getAll();
    const queued = Object.keys(all)
      .filter((key) => key.indexOf(QUEUE_PREFIX) === 0)
      .sort()
      .slice(0, this.options.maxDrain ?? 200);
    const chunks = queued.map((key) => ({ key, events: parseChunk(all[key]) }));
    const waiting = chunks.flatMap((chunk) => chunk.events || []);
    this.write(spreadsheetId, waiting.sort((a, b) => a.at - b.at).concat(events));
    // A damaged chunk stays where an admin can see it; everything written leaves the queue.
    for (const chunk of chunks) if (chunk.events) store.delete(chunk.key);
  }

  private write(spreadsheetId: string, events: AuditEvent[]): void {
    const { timeZone, hasher, scriptStore, secrets } = this.options;
    const spreadsheet = SpreadsheetApp.openById(spreadsheetId);
    const sheet = spreadsheet.getSheetByName(AUDIT_TAB);
    if (!sheet) throw new ConfigError(`The audit spreadsheet has no "${AUDIT_TAB}" tab: run setup again.`);
    // The team's zone is the spreadsheet's own (File > Settings), the zone Sheets shows dates in: local
    // times read the same for every rep, whoever's execution writes the row.
    const zone = spreadsheet.getSpreadsheetTimeZone() || timeZone;
    const lastRow = sheet.getLastRow();
    let prevHash = scriptStore.get(ANCHOR_KEY) || GENESIS_HASH;
    const written = new Set<string>();
    if (lastRow > 1) {
      const first = Math.max(2, lastRow - DEDUPE_TAIL + 1);
      const tail = sheet
        .getRange(first, EVENT_ID_COLUMN, lastRow - first + 1, HASH_COLUMN - EVENT_ID_COLUMN + 1)
        .getValues();
      tail.forEach((row) => written.add(String(row[0])));
      prevHash = String(tail[tail.length - 1][tail[0].length - 1]);
    }
    const fresh = events.filter((e) => !written.has(e.id));
    if (!fresh.length) return;
    const cells = fresh.map((e) => eventCells(e, zone).map((c) => redactSecrets(c, secrets)));
    const { rows, lastHash } = chainRows(cells, prevHash, hasher);
    // A range past the grid throws in Sheets; grow it in large steps so this call stays rare.
    const needed = lastRow + rows.length - sheet.getMaxRows();
    if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), Math.max(needed, GROW_ROWS));
    sheet.getRange(lastRow + 1, 1, rows.length, HASH_COLUMN).setValues(rows.map((row) => row.map(sheetSafe)));
    scriptStore.setAll({ [LAST_HASH_KEY]: lastHash });
  }
}

export interface AuditVerification {
  intact: boolean;
  rows: number;
  message: string;
}

/** Reads the whole Audit tab and checks its hash chain against the anchor and the last hash written. */
export function verifyAuditSheet(
  spreadsheetId: string,
  scriptStore: KeyValueStore,
  hasher: Hasher,
): AuditVerification {
  const sheet = SpreadsheetApp.openById(spreadsheetId).getSheetByName(AUDIT_TAB);
  if (!sheet) return { intact: false, rows: 0, message: `The "${AUDIT_TAB}" tab is missing.` };
  const rows = readAuditRows(sheet);
  const anchor = scriptStore.get(ANCHOR_KEY) || GENESIS_HASH;
  const lastHash = scriptStore.get(LAST_HASH_KEY) || undefined;
  const verdict = verifyChain(rows, anchor, hasher, lastHash);
  if (verdict.intact)
    return {
      intact: true,
      rows: verdict.rows,
      message: `Intact: ${verdict.rows} rows, none edited, inserted or removed.`,
    };
  // Data row n is sheet row n + 1 (the header is row 1).
  return { intact: false, rows: rows.length, message: `${verdict.message} (sheet row ${verdict.row + 1}).` };
}

/** Every data row of the Audit tab as text (one read). */
export function readAuditRows(sheet: GoogleAppsScript.Spreadsheet.Sheet): string[][] {
  const lastRow = sheet.getLastRow();
  if (lastRow < 2) return [];
  return sheet
    .getRange(2, 1, lastRow - 1, HASH_COLUMN)
    .getValues()
    .map((row) => row.map((cell) => String(cell)));
}

export function auditTab(spreadsheetId: string): GoogleAppsScript.Spreadsheet.Sheet | null {
  return SpreadsheetApp.openById(spreadsheetId).getSheetByName(AUDIT_TAB);
}

/**
 * Removes rows older than the retention window. The first kept row's previous hash becomes the chain's
 * anchor (kept in script properties and stated in the retention_pruned row), so verification still works.
 * The caller holds the script lock.
 */
export function pruneAuditSheet(
  spreadsheetId: string,
  scriptStore: KeyValueStore,
  cutoff: number,
): { removed: number; anchor: string | null } {
  const sheet = SpreadsheetApp.openById(spreadsheetId).getSheetByName(AUDIT_TAB);
  if (!sheet) return { removed: 0, anchor: null };
  const lastRow = sheet.getLastRow();
  if (lastRow < 2) return { removed: 0, anchor: null };
  const stamps = sheet.getRange(2, 1, lastRow - 1, 1).getValues();
  let old = 0;
  while (old < stamps.length && Date.parse(String(stamps[old][0])) < cutoff) old++;
  if (!old) return { removed: 0, anchor: null };
  // Keep at least one row, so the chain has a row to continue from.
  const removed = Math.min(old, stamps.length - 1);
  if (!removed) return { removed: 0, anchor: null };
  const anchor = String(sheet.getRange(removed + 2, HASH_COLUMN - 1).getValue());
  sheet.deleteRows(2, removed);
  scriptStore.setAll({ [ANCHOR_KEY]: anchor });
  return { removed, anchor };
}
