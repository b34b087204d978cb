// The audit trail on the "Audit" tab of a Google Sheet, each row chained to the previous one by a SHA-256
// hash, every cell written as text, secrets redacted. Every execution, the sheet owner's included, appends
// its events to a queue in script properties (one setProperties, keys only it writes, no lock); only the
// owner's executions drain the queue to the sheet (docs/architecture.md, "One writer for the audit trail").
import { eventCells, redactSecrets, sheetSafe, AUDIT_COLUMNS } from '../core/audit';
import type { AuditEvent } from '../core/audit';
import { chainRows, GENESIS_HASH, startCursor, verifyChainChunk } from '../core/audit-chain';
import type { ChainCursor } from '../core/audit-chain';
import { ConfigError } from '../core/errors';
import { packChunk, unpackChunk } from '../core/poll-state';
import type { StoredChunk } from '../core/poll-state';
import { utf8Length } from '../core/utf8';
import type { AuditLog, Clock, Hasher, KeyValueStore, Lock } from '../core/ports';

export const AUDIT_TAB = 'Audit';
/** Script properties the writer keeps: the last hash it wrote and the chain's anchor after pruning. */
export const LAST_HASH_KEY = 'audit.lastHash';
export const ANCHOR_KEY = 'audit.anchor';
/**
 * Rows read back to skip events already written. A drain marks what it wrote in one call after the rows
 * are flushed, so a drain that stopped in between left exactly its batch in the queue: reading back as
 * many rows as are queued (at least this many) finds every one of them.
 */
const DEDUPE_TAIL = 200;
const EVENT_ID_COLUMN = 3;
const GROW_ROWS = 2000;
const HASH_COLUMN = AUDIT_COLUMNS.length;

/** Script properties holding every execution's events until the owner's next drain. */
export const QUEUE_PREFIX = 'auditq:';
/** Properties allow 9 KB (UTF-8 bytes) per value; queue chunks stay clear of it. */
const QUEUE_CHUNK_BYTES = 8000;
/**
 * The queue stops growing when the script store would pass this (Apps Script allows 500 KB per store,
 * https://developers.google.com/apps-script/guides/services/quotas): the rest is the team's settings,
 * token, templates and records, which an admin's save must still be able to write.
 */
export const QUEUE_STORE_BUDGET_BYTES = 400_000;
/** Drained chunks are emptied in one call; the daily upkeep deletes at most this many (one call each). */
const TOMBSTONE_DELETES = 200;

/** The team's queue has no room: the caller keeps the events in the user's own outbox. */
export class AuditQueueFull extends Error {}

export interface SheetAuditLogOptions {
  spreadsheetId: string | null;
  /** Used for the "Local time" column only when the spreadsheet gives no zone of its own. */
  timeZone: string;
  hasher: Hasher;
  /** Script properties: the queue, the last written hash and the anchor. */
  scriptStore: KeyValueStore;
  /** The script lock: the chain needs one writer at a time across all users. */
  lock: Lock;
  clock: Pick<Clock, 'now'>;
  /** Values that must never reach the sheet (the HubSpot token). */
  secrets: string[];
  /** How long a drain waits for the script lock (a card callback never waits long: it has 30 s in all). */
  lockWaitMs: number;
  /**
   * Bytes the script store holds, when this execution has read it anyway; null when it has not (the
   * platform's own 500 KB refusal then stands in for the budget, at no extra read).
   */
  storeBytes?: () => number | null;
}

export interface DrainResult {
  /** Rows written to the sheet. */
  written: number;
  /** False when another execution held the script lock: nothing was written. */
  locked: boolean;
}

/** A queue key: the chunk's oldest event time first (13 digits), so keys sort roughly by event time. */
function queueKey(events: AuditEvent[], n: number): string {
  const oldest = Math.min(...events.map((e) => e.at));
  return `${QUEUE_PREFIX}${String(Math.max(0, oldest)).padStart(13, '0')}:${events[0].id}:${n}`;
}

/** A queued chunk's events (packed as the poller's outbox, or a plain list), or null for a damaged chunk. */
function parseChunk(text: string): AuditEvent[] | null {
  try {
    const parsed = JSON.parse(text) as StoredChunk;
    if (Array.isArray(parsed)) return parsed;
    return parsed && Array.isArray(parsed.e) ? unpackChunk(parsed) : null;
  } catch {
    return null;
  }
}

/** Queue keys still holding events (an emptied chunk is '' until it is deleted). */
function queuedKeys(all: Record<string, string>): string[] {
  return Object.keys(all)
    .filter((key) => key.indexOf(QUEUE_PREFIX) === 0 && all[key] !== '')
    .sort();
}

/**
 * When the oldest queued event happened (epoch ms), or null when the queue is empty: read from the keys
 * (a key from before they carried the time is read whole).
 */
export function oldestQueued(all: Record<string, string>): number | null {
  let oldest: number | null = null;
  for (const key of queuedKeys(all)) {
    const stamp = /^auditq:(\d{13}):/.exec(key);
    const times = stamp ? [Number(stamp[1])] : (parseChunk(all[key]) || []).map((e) => e.at);
    for (const at of times) if (oldest === null || at < oldest) oldest = at;
  }
  return oldest;
}

export class SheetAuditLog implements AuditLog {
  constructor(private readonly options: SheetAuditLogOptions) {}

  /**
   * Queues the events for the owner's next drain, whoever this is: one setProperties under keys no other
   * execution writes, no lock, no sheet. Throws AuditQueueFull (or the platform's storage error) when the
   * queue has no room; the caller then keeps the events in the user's own outbox.
   */
  append(events: AuditEvent[]): void {
    if (!events.length) return;
    if (!this.options.spreadsheetId)
      throw new ConfigError('No audit spreadsheet is set up yet: open Settings to create one.');
    const values = chunked(events);
    const used = this.options.storeBytes ? this.options.storeBytes() : null;
    const adding = Object.keys(values).reduce((n, k) => n + utf8Length(k) + utf8Length(values[k]), 0);
    // An empty queue takes anything the store can (the platform refuses past 500 KB): a big outbox is
    // never held back for good, it moves once the owner has drained.
    const waiting = used !== null && oldestQueued(this.options.scriptStore.getAll()) !== null;
    if (waiting && (used as number) + adding > QUEUE_STORE_BUDGET_BYTES)
      throw new AuditQueueFull(
        `The team's audit queue is full (${Math.round(used / 1024)} KB of script properties in use).`,
      );
    this.options.scriptStore.setAll(values);
  }

  /**
   * The sheet owner's drain: under the script lock, every queued event, oldest first, in one chained write;
   * then the written chunks are emptied in one call (with the last hash). Events are deduplicated by id,
   * against the batch and the sheet's tail, so a drain that stopped after writing never writes a row twice.
   */
  drain(): DrainResult {
    const { spreadsheetId, lock, scriptStore } = this.options;
    if (!spreadsheetId) return { written: 0, locked: false };
    if (!lock.tryLock(this.options.lockWaitMs)) return { written: 0, locked: true };
    let written = 0;
    try {
      // Read the queue afresh under the lock: this execution's first read may be minutes old. The queue
      // is bounded by the store (500 KB), so one chained write takes all of it; what is queued meanwhile
      // waits for the next drain.
      scriptStore.reload();
      const all = scriptStore.getAll();
      const chunks = queuedKeys(all).map((key) => ({ key, events: parseChunk(all[key]) }));
      // A damaged chunk stays where an admin can see it.
      const good = chunks.filter((chunk) => chunk.events);
      if (good.length) {
        const events = good.flatMap((chunk) => chunk.events as AuditEvent[]);
        const { rows, lastHash } = this.write(spreadsheetId, events);
        // One call marks every written chunk emptied, with the last hash: all or nothing.
        const marks: Record<string, string> = {};
        good.forEach((chunk) => (marks[chunk.key] = ''));
        if (lastHash) marks[LAST_HASH_KEY] = lastHash;
        scriptStore.setAll(marks);
        written = rows;
      }
    } finally {
      lock.release();
    }
    return { written, locked: false };
  }

  /**
   * Deletes emptied queue keys (one call each, so only in the owner's daily upkeep, while time is left):
   * an emptied key is never read again, and only the drain writes one.
   */
  forgetDrained(stopAt: number): number {
    const { scriptStore, clock } = this.options;
    const all = scriptStore.getAll();
    const emptied = Object.keys(all).filter((key) => key.indexOf(QUEUE_PREFIX) === 0 && all[key] === '');
    let deleted = 0;
    for (const key of emptied.slice(0, TOMBSTONE_DELETES)) {
      if (clock.now() >= stopAt) break;
      scriptStore.delete(key);
      deleted++;
    }
    return deleted;
  }

  /** Writes the events not yet on the sheet, in event-time order; returns the rows written and the last hash. */
  private write(spreadsheetId: string, events: AuditEvent[]): { rows: number; lastHash: string | null } {
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
      const first = Math.max(2, lastRow - Math.max(DEDUPE_TAIL, events.length) + 1);
      const tail = sheet
        .getRange(first, EVENT_ID_COLUMN, lastRow - first + 1, HASH_COLUMN - EVENT_ID_COLUMN + 1)
        .getValues();
      tail.forEach((row) => written.add(String(row[0])));
      prevHash = String(tail[tail.length - 1][tail[0].length - 1]);
    }
    // Each event once: not already on the sheet, and not twice in the batch (a redelivered outbox).
    const fresh: AuditEvent[] = [];
    for (const event of events) {
      if (written.has(event.id)) continue;
      written.add(event.id);
      fresh.push(event);
    }
    fresh.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (!fresh.length) return { rows: 0, lastHash: null };
    const cells = fresh.map((e) => eventCells(e, zone).map((c) => redactSecrets(c, secrets)));
    const { rows, lastHash } = chainRows(cells, prevHash, hasher);
    // A range past the grid throws in Sheets; grow it in large steps so this call stays rare.
    const needed = lastRow + rows.length - sheet.getMaxRows();
    if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), Math.max(needed, GROW_ROWS));
    sheet.getRange(lastRow + 1, 1, rows.length, HASH_COLUMN).setValues(rows.map((row) => row.map(sheetSafe)));
    // Sheets holds writes back until a flush or the end of the execution: the rows must be there before
    // the queue forgets them.
    SpreadsheetApp.flush();
    return { rows: rows.length, lastHash };
  }
}

/** Script property: how far an unfinished verification has got ({anchor, rows, hash}); see verifyAuditSheet. */
export const VERIFY_PROGRESS_KEY = 'audit.verify';
/** Script property: the outcome of the last verification that finished ({at, intact, message}). */
export const VERIFY_LAST_KEY = 'audit.verify.last';
/** Rows read by the first getValues of a call; later reads are sized to the time left, up to the maximum. */
const FIRST_VERIFY_BLOCK = 500;
const MAX_VERIFY_BLOCK = 5000;
/** Blocks are sized to use this share of the time left, as hashing speed varies from block to block. */
const BLOCK_TIME_SHARE = 0.8;

export interface AuditVerification {
  /** 'partial': time ran out before the end; the progress is saved and the next call continues. */
  state: 'intact' | 'broken' | 'partial';
  /** Data rows on the Audit tab. */
  rows: number;
  message: string;
}

interface VerifyProgress {
  anchor: string;
  rows: number;
  hash: string;
}

/** 12345 -> "12,345": row numbers in messages. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Checks the Audit tab's hash chain against the anchor and the last hash written, block by block, until
 * the end or until `stopAt` (epoch ms): a long trail takes several calls, each continuing from the progress
 * (row and hash) the one before saved in script properties. A card press passes the time it can spare; the
 * owner's daily upkeep passes its trigger's.
 */
export function verifyAuditSheet(
  spreadsheetId: string,
  scriptStore: KeyValueStore,
  hasher: Hasher,
  clock: Pick<Clock, 'now'>,
  stopAt: number,
): AuditVerification {
  const sheet = SpreadsheetApp.openById(spreadsheetId).getSheetByName(AUDIT_TAB);
  if (!sheet) return { state: 'broken', rows: 0, message: `The "${AUDIT_TAB}" tab is missing.` };
  const anchor = scriptStore.get(ANCHOR_KEY) || GENESIS_HASH;
  let total = sheet.getLastRow() - 1;
  const cursor = resumeFrom(sheet, scriptStore, anchor, total);
  const firstRow = cursor.rows;
  let block = FIRST_VERIFY_BLOCK;
  for (;;) {
    let n = Math.min(block, total - cursor.rows);
    let lastHash: string | undefined;
    if (cursor.rows + n >= total) {
      // About to check the end: rows written since the start are checked too. The writer stores its last
      // hash after the rows, so reading the hash before the row count keeps that row within the count.
      scriptStore.reload();
      lastHash = scriptStore.get(LAST_HASH_KEY) || undefined;
      const now = sheet.getLastRow() - 1;
      if (now > total) {
        total = now;
        n = Math.min(block, total - cursor.rows);
        if (cursor.rows + n < total) lastHash = undefined;
      }
    }
    const final = cursor.rows + n >= total;
    const started = clock.now();
    const values = n
      ? sheet
          .getRange(cursor.rows + 2, 1, final ? n : n + 1, HASH_COLUMN)
          .getValues()
          .map((row) => row.map((cell) => String(cell)))
      : [];
    const verdict = verifyChainChunk(values.slice(0, n), cursor, hasher, {
      lastHash,
      final,
      next: final ? undefined : values[n],
    });
    if (!verdict.intact) {
      // Data row n is sheet row n + 1 (the header is row 1).
      return finish(scriptStore, clock, {
        state: 'broken',
        rows: total,
        message: `${verdict.message} (sheet row ${verdict.row + 1}).`,
      });
    }
    cursor.rows = verdict.cursor.rows;
    cursor.hash = verdict.cursor.hash;
    if (final) {
      const message =
        firstRow === 0
          ? `Intact: ${total} rows, none edited, inserted or removed.`
          : `Checked rows ${count(firstRow + 2)}–${count(total + 1)} of ${count(total + 1)}: intact — all ${count(total)} rows, none edited, inserted or removed.`;
      return finish(scriptStore, clock, { state: 'intact', rows: total, message });
    }
    const left = stopAt - clock.now();
    const perRow = Math.max(clock.now() - started, 1) / Math.max(n, 1);
    block = Math.min(MAX_VERIFY_BLOCK, Math.floor((left * BLOCK_TIME_SHARE) / perRow));
    if (block < 1) break;
  }
  const progress: VerifyProgress = { anchor, rows: cursor.rows, hash: cursor.hash };
  scriptStore.setAll({ [VERIFY_PROGRESS_KEY]: JSON.stringify(progress) });
  return {
    state: 'partial',
    rows: total,
    message: `Checked rows ${count(firstRow + 2)}–${count(cursor.rows + 1)} of ${count(total + 1)}: intact so far`,
  };
}

/**
 * Where the last unfinished verification stopped, when it still applies: same anchor (no pruning since),
 * and its last checked row still carries the hash it had then. Otherwise from the top.
 */
function resumeFrom(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  scriptStore: KeyValueStore,
  anchor: string,
  total: number,
): ChainCursor {
  const start = startCursor(anchor);
  const raw = scriptStore.get(VERIFY_PROGRESS_KEY);
  if (!raw) return start;
  let saved: VerifyProgress;
  try {
    saved = JSON.parse(raw) as VerifyProgress;
  } catch {
    return start;
  }
  if (saved.anchor !== anchor || !(saved.rows > 0) || saved.rows > total) return start;
  const hash = String(sheet.getRange(saved.rows + 1, HASH_COLUMN).getValue());
  return hash === saved.hash ? { rows: saved.rows, hash: saved.hash } : start;
}

/** A finished verification: no progress left to resume, and the outcome kept for those who cannot open the sheet. */
function finish(
  scriptStore: KeyValueStore,
  clock: Pick<Clock, 'now'>,
  result: AuditVerification,
): AuditVerification {
  if (scriptStore.get(VERIFY_PROGRESS_KEY) !== null) scriptStore.delete(VERIFY_PROGRESS_KEY);
  scriptStore.setAll({
    [VERIFY_LAST_KEY]: JSON.stringify({
      at: clock.now(),
      intact: result.state === 'intact',
      message: result.message,
    }),
  });
  return result;
}

/** The outcome of the last finished verification, for users who cannot open the sheet. */
export function lastVerification(
  scriptStore: KeyValueStore,
): { at: number; intact: boolean; message: string } | null {
  const raw = scriptStore.get(VERIFY_LAST_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as { at: number; intact: boolean; message: string };
  } catch {
    return null;
  }
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

/**
 * The events as queue chunks under the value limit, packed as the poller's outbox (the run and actor once
 * per chunk), so whatever a user's outbox holds fits the queue too; a huge event is cut to what fits.
 */
function chunked(events: AuditEvent[]): Record<string, string> {
  const values: Record<string, string> = {};
  let chunk: AuditEvent[] = [];
  let size = 0;
  let n = 0;
  const flush = () => {
    if (chunk.length) values[queueKey(chunk, n++)] = JSON.stringify(packChunk(chunk));
    chunk = [];
    size = 0;
  };
  for (const event of events) {
    if (chunk.length && (chunk[0].runId !== event.runId || chunk[0].actor !== event.actor)) flush();
    const bytes = utf8Length(JSON.stringify(event)) + 1;
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
  return values;
}
