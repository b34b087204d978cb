// What the poller remembers between runs, in the user's Properties store: one record per submission,
// a watermark per form, cooldown counters and an outbox of audit events not yet on the sheet. Every
// change of a run is written with one setProperties call (a checkpoint), so a crash at any point leaves
// a consistent picture to resume from.
import type { AuditEvent } from './audit';
import { PREPARED_LABEL_ID_KEY } from './ports';
import type { KeyValueStore } from './ports';
import { shortHash, utf8Length } from './utf8';

/**
 * queued (valid, not started) -> drafting (intent recorded; the draft may or may not exist) -> drafted
 * -> done. rejected and skipped are final too.
 */
export type SubmissionStage = 'queued' | 'drafting' | 'drafted' | 'done' | 'rejected' | 'skipped';

export interface SubmissionRecord {
  stage: SubmissionStage;
  formGuid: string;
  submittedAt: number;
  email: string;
  updatedAt: number;
  draftId?: string;
  threadId?: string;
  contactId?: string;
  taskId?: string;
  noteId?: string;
}

const RECORD_PREFIX = 'sub:';
const WATERMARK_PREFIX = 'wm:';
const CONTACT_COOLDOWN_PREFIX = 'cool:';
const DOMAIN_COUNT_PREFIX = 'dom:';
const OUTBOX_PREFIX = 'outbox:';
const DRAFT_PREFIX = 'draft:';
/** Events of runs that could not take the lock; see lateOutboxKey. */
const LATE_PREFIX = 'late:';
/** Properties allow 9 KB (UTF-8 bytes) per value, key included; stay clear of it. */
const OUTBOX_CHUNK_BYTES = 8000;
/** Old tombstones deleted at the end of a run (one deleteProperty call each). */
const TOMBSTONE_DELETES = 10;
/** Per form: the newest submissions the poller settled that are now below the watermark (see prune). */
const PASSED_PREFIX = 'passed:';
/**
 * How many of those a form remembers. A run stops paging at the first page that reaches below the
 * watermark, so it meets at most one page (50) of submissions there, the newest ones: the newest 50 it
 * settled cover every one it can meet again.
 */
const PASSED_KEPT = 50;
/** Conversion ids longer than this are keyed by a hash: a key must stay far below 9 KB. */
const MAX_PLAIN_ID = 100;

/** A conversion id as keys name it (long ones by a hash). */
function idKey(conversionId: string): string {
  return conversionId.length > MAX_PLAIN_ID ? `#${shortHash(conversionId)}` : conversionId;
}

function recordKey(conversionId: string): string {
  return RECORD_PREFIX + idKey(conversionId);
}

export function lateOutboxKey(runId: string): string {
  return LATE_PREFIX + runId;
}

/** A draft the add-on prepared and follows until a person sends or discards it. */
export interface TrackedDraft {
  draftId: string;
  threadId: string;
  to: string;
  subject: string;
  preparedAt: number;
  /** Who the draft is for and where the lead came from, for the homepage; absent in older records. */
  name?: string | null;
  company?: string | null;
  formGuid?: string | null;
}

/** Separates the homepage's fields from the older record; no text written to a draft record contains it. */
const EXTRA = '\u001f';
/** Each of the homepage's fields is kept to this: a row shows a name and a company, not a biography. */
const EXTRA_CHARS = 60;

export const FINAL_STAGES: readonly SubmissionStage[] = ['done', 'rejected', 'skipped'];

export function isSettled(record: SubmissionRecord | undefined): boolean {
  return !!record && FINAL_STAGES.indexOf(record.stage) >= 0;
}

/** A snapshot of the store plus the changes a run has made but not yet written. */
export class PollState {
  private readonly changes: Record<string, string> = {};
  private readonly claimedEmails = new Set<string>();
  private readonly claimedDomains = new Map<string, number>();
  /** Keys removed earlier, still in the store as empty values, to delete a few at a time. */
  private readonly tombstones: string[] = [];

  private constructor(private readonly all: Record<string, string>) {
    for (const key of Object.keys(all)) if (all[key] === '' && isOwnKey(key)) this.tombstones.push(key);
  }

  static load(store: KeyValueStore): PollState {
    return new PollState({ ...store.getAll() });
  }

  record(conversionId: string): SubmissionRecord | undefined {
    const raw = this.read(recordKey(conversionId));
    return raw ? (JSON.parse(raw) as SubmissionRecord) : undefined;
  }

  setRecord(conversionId: string, record: SubmissionRecord): void {
    this.write(recordKey(conversionId), JSON.stringify(record));
  }

  /**
   * Leads this run has taken on, by address and by domain: the cooldowns apply within a run too, so the
   * same person submitting twice gets one draft. Kept in memory only.
   */
  claim(email: string, domain: string): void {
    this.claimedEmails.add(email);
    this.claimedDomains.set(domain, (this.claimedDomains.get(domain) || 0) + 1);
  }

  claimedInRun(email: string): boolean {
    return this.claimedEmails.has(email);
  }

  /** Claims of this run not yet recorded as drafts. */
  claimedForDomain(domain: string): number {
    return this.claimedDomains.get(domain) || 0;
  }

  records(): Array<[string, SubmissionRecord]> {
    return this.keys(RECORD_PREFIX).map((key) => [
      key.slice(RECORD_PREFIX.length),
      JSON.parse(this.read(key) as string) as SubmissionRecord,
    ]);
  }

  /**
   * Whether the poller settled this submission of the form before its record was pruned (only the newest
   * PASSED_KEPT below the watermark are remembered: the only ones a run can meet again).
   */
  passedBelowWatermark(formGuid: string, conversionId: string): boolean {
    const key = idKey(conversionId);
    return this.passed(formGuid).some(([id]) => id === key);
  }

  private passed(formGuid: string): Array<[string, number]> {
    const raw = this.read(PASSED_PREFIX + formGuid);
    return raw ? (JSON.parse(raw) as Array<[string, number]>) : [];
  }

  watermark(formGuid: string): number | null {
    const raw = this.read(WATERMARK_PREFIX + formGuid);
    return raw === null || raw === '' ? null : Number(raw);
  }

  setWatermark(formGuid: string, at: number): void {
    this.write(WATERMARK_PREFIX + formGuid, String(at));
  }

  lastDraftTo(email: string): number | null {
    const raw = this.read(CONTACT_COOLDOWN_PREFIX + email);
    return raw === null || raw === '' ? null : Number(raw);
  }

  draftsForDomainOn(domain: string, day: string): number {
    return Number(this.read(`${DOMAIN_COUNT_PREFIX}${day}:${domain}`) || 0);
  }

  /** Records a draft made: it leaves the run's claims and counts against the cooldowns from now on. */
  noteDraft(email: string, domain: string, day: string, at: number): void {
    const claimed = this.claimedDomains.get(domain) || 0;
    if (claimed > 0) this.claimedDomains.set(domain, claimed - 1);
    this.write(CONTACT_COOLDOWN_PREFIX + email, String(at));
    this.write(`${DOMAIN_COUNT_PREFIX}${day}:${domain}`, String(this.draftsForDomainOn(domain, day) + 1));
  }

  /**
   * Kept compact ("thread|prepared|to|subject", subject cut to 40 characters): a thousand drafts waiting
   * for review must fit in the 500 KB store beside everything else.
   */
  trackDraft(draft: TrackedDraft): void {
    const value = [draft.threadId, draft.preparedAt.toString(36), draft.to, draft.subject.slice(0, 40)].join(
      '|',
    );
    // The name, company and form follow, each after a unit separator: older records simply end earlier.
    const extras = [draft.name, draft.company, draft.formGuid].map((v) =>
      (v || '').split(EXTRA).join('').slice(0, EXTRA_CHARS),
    );
    const tail = extras.some(Boolean) ? EXTRA + extras.join(EXTRA) : '';
    this.write(DRAFT_PREFIX + draft.draftId, value.split(EXTRA).join('') + tail);
  }

  trackedDrafts(): TrackedDraft[] {
    return this.keys(DRAFT_PREFIX)
      .filter((key) => this.read(key))
      .map((key) => {
        const [base, name, company, formGuid] = (this.read(key) as string).split(EXTRA);
        const [threadId, prepared, to, ...subject] = base.split('|');
        return {
          draftId: key.slice(DRAFT_PREFIX.length),
          threadId,
          to,
          subject: subject.join('|'),
          preparedAt: parseInt(prepared, 36),
          name: name || null,
          company: company || null,
          formGuid: formGuid || null,
        };
      })
      .sort((a, b) => b.preparedAt - a.preparedAt);
  }

  /** Bytes held in the store (keys and values): what the 500 KB limit counts. */
  size(): number {
    let total = 0;
    for (const key of Object.keys(this.all)) total += utf8Length(key) + utf8Length(this.all[key]);
    return total;
  }

  /** Stops following a draft: an empty value, so no deletion round trip is needed. */
  untrackDraft(draftId: string): void {
    if (this.read(DRAFT_PREFIX + draftId)) this.write(DRAFT_PREFIX + draftId, '');
  }

  /** The id of the add-on's Gmail label, once known (the sidebar reads the same key). */
  labelId(): string | null {
    return this.read(PREPARED_LABEL_ID_KEY) || null;
  }

  setLabelId(id: string): void {
    if (this.read(PREPARED_LABEL_ID_KEY) !== id) this.write(PREPARED_LABEL_ID_KEY, id);
  }

  /** Audit events recorded but not yet on the sheet, oldest first. */
  outbox(): AuditEvent[] {
    const chunks = this.keys(OUTBOX_PREFIX).sort(
      (a, b) => Number(a.slice(OUTBOX_PREFIX.length)) - Number(b.slice(OUTBOX_PREFIX.length)),
    );
    return chunks
      .concat(this.keys(LATE_PREFIX))
      .filter((key) => this.read(key) !== '[]')
      .flatMap((key) => unpackChunk(JSON.parse(this.read(key) as string) as StoredChunk))
      .sort((a, b) => a.at - b.at);
  }

  /** Replaces the outbox with these events (split into chunks under the Properties value limit). */
  setOutbox(events: AuditEvent[]): void {
    // Emptied chunks are overwritten, not deleted: a deletion costs a round trip of its own.
    this.keys(OUTBOX_PREFIX).forEach((key) => this.read(key) !== '[]' && this.write(key, '[]'));
    this.keys(LATE_PREFIX).forEach((key) => this.read(key) !== '[]' && this.write(key, '[]'));
    let chunk: AuditEvent[] = [];
    let size = 0;
    let index = 0;
    const flushChunk = (): void => {
      if (chunk.length) this.write(OUTBOX_PREFIX + index++, JSON.stringify(packChunk(chunk)));
      chunk = [];
      size = 0;
    };
    for (const event of events) {
      // A chunk names its run and actor once: events of another run start a new chunk.
      if (chunk.length && (chunk[0].runId !== event.runId || chunk[0].actor !== event.actor)) flushChunk();
      const bytes = utf8Length(JSON.stringify(pack(event)));
      if (size + bytes + CHUNK_OVERHEAD_BYTES > OUTBOX_CHUNK_BYTES) flushChunk();
      const kept = bytes > OUTBOX_CHUNK_BYTES / 2 ? shrink(event) : event;
      chunk.push(kept);
      size += (kept === event ? bytes : utf8Length(JSON.stringify(pack(kept)))) + 1;
    }
    flushChunk();
  }

  /**
   * Forgets what no run can need again, once there is enough of it to be worth the full rewrite it costs:
   * records of settled submissions older than their form's watermark (the newest PASSED_KEPT of each form
   * stay known by id and time only: a run still meets a page of submissions below the watermark, and
   * must tell the ones it answered from an unseen one, which it rejects); cooldowns older than the
   * cooldown window; old domain counts.
   */
  prune(now: number, cooldownDays: number, formGuids: string[], threshold = 100): void {
    if (this.keys(RECORD_PREFIX).length < threshold) return;
    const marks = new Map(formGuids.map((guid) => [guid, this.watermark(guid)]));
    const known = [...marks.values()].filter((w): w is number => w !== null);
    const oldest = known.length ? Math.min(...known) : null;
    const passed = new Map<string, Array<[string, number]>>();
    for (const [id, record] of this.records()) {
      if (!isSettled(record)) continue;
      const mark = marks.has(record.formGuid) ? marks.get(record.formGuid) : oldest;
      if (mark === null || mark === undefined || record.submittedAt >= mark) continue;
      this.remove(RECORD_PREFIX + id);
      // A form no longer polled: its pages are never read again.
      if (!marks.has(record.formGuid)) continue;
      const list = passed.get(record.formGuid) || this.passed(record.formGuid);
      list.push([id, record.submittedAt]);
      passed.set(record.formGuid, list);
    }
    for (const [formGuid, list] of passed) {
      const newest = list.sort((a, b) => b[1] - a[1]).slice(0, PASSED_KEPT);
      this.write(PASSED_PREFIX + formGuid, JSON.stringify(newest));
    }
    const cutoff = now - cooldownDays * 86_400_000;
    for (const key of this.keys(CONTACT_COOLDOWN_PREFIX)) {
      if (Number(this.read(key)) < cutoff) this.remove(key);
    }
    this.keys(LATE_PREFIX).forEach((key) => this.read(key) === '[]' && this.remove(key));
    this.keys(DRAFT_PREFIX).forEach((key) => this.read(key) === '' && this.remove(key));
    const today = new Date(now).toISOString().slice(0, 10);
    for (const key of this.keys(DOMAIN_COUNT_PREFIX)) {
      if (key.slice(DOMAIN_COUNT_PREFIX.length, DOMAIN_COUNT_PREFIX.length + 10) < today) this.remove(key);
    }
  }

  get dirty(): boolean {
    return Object.keys(this.changes).length > 0;
  }

  /**
   * One round trip for every change since the last checkpoint. A removed key is written as an empty value
   * in that same call (a tombstone): never a rewrite of the whole store, which would undo whatever the
   * user's other executions (the sidebar's memory, a settings save) wrote since this run read it.
   */
  checkpoint(store: KeyValueStore, alsoWrite: Record<string, string> = {}): void {
    const all = { ...this.changes, ...alsoWrite };
    if (Object.keys(all).length) store.setAll(all);
    for (const key of Object.keys(this.changes)) delete this.changes[key];
  }

  /**
   * Deletes up to `max` tombstones older than this run, one call each (the end of a run does a few, so a
   * run that prunes a thousand records never makes a thousand calls).
   */
  purgeTombstones(store: KeyValueStore, max = TOMBSTONE_DELETES): void {
    for (const key of this.tombstones.splice(0, max)) {
      if (this.read(key) !== '') continue; // written again since
      store.delete(key);
      delete this.all[key];
    }
  }

  private read(key: string): string | null {
    return Object.prototype.hasOwnProperty.call(this.all, key) ? this.all[key] : null;
  }

  private write(key: string, value: string): void {
    this.all[key] = value;
    this.changes[key] = value;
  }

  private remove(key: string): void {
    if (!Object.prototype.hasOwnProperty.call(this.all, key) || this.all[key] === '') return;
    this.write(key, '');
  }

  /** Keys with a value: an empty one is a tombstone (or an untracked draft). */
  private keys(prefix: string): string[] {
    return Object.keys(this.all).filter((key) => key.indexOf(prefix) === 0 && this.all[key] !== '');
  }
}

/** The keys the poller owns in the user's store (an empty one of these is a tombstone). */
function isOwnKey(key: string): boolean {
  return [
    RECORD_PREFIX,
    WATERMARK_PREFIX,
    CONTACT_COOLDOWN_PREFIX,
    DOMAIN_COUNT_PREFIX,
    OUTBOX_PREFIX,
    DRAFT_PREFIX,
    LATE_PREFIX,
    PASSED_PREFIX,
  ].some((prefix) => key.indexOf(prefix) === 0);
}

/** An event too large for its share of a property value keeps its identity and summary, not its details. */
function shrink(event: AuditEvent): AuditEvent {
  return {
    ...event,
    resourceId: event.resourceId.slice(0, 200),
    summary: event.summary.slice(0, 500),
    details: { truncated: true },
  };
}

/** Bytes these events will take in the outbox. */
export function outboxBytes(events: readonly AuditEvent[]): number {
  return events.reduce((total, e) => total + utf8Length(JSON.stringify(pack(e))) + 1, 0);
}

/** Room for a chunk's run id, actor and brackets. */
const CHUNK_OVERHEAD_BYTES = 120;

/**
 * An outbox chunk: the run and actor once, then each event as a tuple without them. Field names and the
 * repeated run id would be a third of the outbox, and the outbox is most of what a big run stores.
 */
export interface PackedChunk {
  r: string;
  a: string;
  e: PackedEvent[];
}

/** Late deliveries (other executions) store plain event lists. */
export type StoredChunk = PackedChunk | AuditEvent[];

type PackedEvent = [
  string,
  AuditEvent['type'],
  number,
  AuditEvent['resourceType'],
  string,
  AuditEvent['outcome'],
  string,
  Record<string, unknown>,
];

function pack(e: AuditEvent): PackedEvent {
  return [e.id, e.type, e.at, e.resourceType, e.resourceId, e.outcome, e.summary, e.details];
}

export function packChunk(events: AuditEvent[]): PackedChunk {
  return { r: events[0].runId, a: events[0].actor, e: events.map(pack) };
}

export function unpackChunk(chunk: StoredChunk): AuditEvent[] {
  if (Array.isArray(chunk)) return chunk;
  return chunk.e.map(([id, type, at, resourceType, resourceId, outcome, summary, details]) => ({
    id,
    type,
    at,
    actor: chunk.a,
    resourceType,
    resourceId,
    outcome,
    summary,
    details,
    runId: chunk.r,
  }));
}
