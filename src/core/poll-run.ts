// One run of the lead poller: new HubSpot form submissions become reply drafts plus HubSpot follow-up
// tasks and notes, exactly once each, however often runs crash, overlap or run out of time.
//
// Exactly once: each submission's progress is recorded (poll-state.ts) before and after every step
// that has an outside effect. A rerun resumes from the record: a draft whose creation may have happened
// is looked for among the user's drafts before another is made; a task or note that may have been
// written is looked for by its marker in HubSpot. The watermark only passes settled submissions.
//
// Every outside effect gets exactly one audit row, whichever run makes or finds it: a row is saved in
// the same checkpoint as the record that says the effect exists, so a rerun that finds an effect its
// record does not know of is the one to audit it.
//
// A run, in the order runPoll reads:
//   readNew -> validate                        forms' pages back to the watermark; rejections (poll-intake.ts)
//   then, per batch of up to 100 leads:
//   intake -> lookUp -> route -> resume        CRM and free/busy in one round trip; owner and cooldowns;
//                                              what earlier runs left (drafts in doubt, records)
//   -> prepare -> draft -> crmWrite -> settle  conversations, slots and message; the draft; the HubSpot
//                                              task and note; each record's final stage
//   then label the drafts, advance the watermarks, check reviews, prune, deliver the audit rows.
import { checkApprovals } from './approvals';
import { AuditTrail } from './audit-trail';
import { CrmError, describeError } from './errors';
import { pollWriterBudget, writeLeadDrafts } from './lead-writer';
import { runCall, runTogether } from './http';
import type { Settled } from './http';
import { activityMarker } from './markers';
import { advanceWatermarks, readNew, validate, watermarkOf } from './poll-intake';
import type { Candidate, Listed } from './poll-intake';
import { cooldownRefusal, dayOf, DEFER, routingRefusal } from './poll-routing';
import { lateOutboxKey, outboxBytes, PollState } from './poll-state';
import type { PollConfig, PollPorts, PollStatus, PollSummary, Run } from './poll-types';

export type { PollConfig, PollPorts, PollStatus, PollSummary, Run };
import type { SubmissionRecord } from './poll-state';
import type { CrmContact, CrmOwner, PreparedDraft } from './ports';
import type { Prospect } from './prospect';
import { emailDomain } from './prospect';
import type { CrmSnapshot, Lead, Sender } from './workflow';
import {
  assignSlots,
  composeFor,
  createDraftFor,
  findConversations,
  newLead,
  resolveInCrm,
  writeFollowUps,
} from './workflow';
import { countOf } from './plural';

export { FIRST_RUN_LOOKBACK_MS, SUBMISSIONS_PAGE } from './poll-intake';

/** HubSpot batch endpoints take at most 100 inputs: one batch of leads per CRM round trip. */
export const LEADS_PER_BATCH = 100;
/**
 * The poller's share of the user's Properties (500 KB per store): records, cooldowns, tracked drafts and
 * the audit outbox of a run must fit, with room left for the user's settings and the sidebar's memory
 * (app/sidebar-memory.ts: at most 4 views of 6 KB and the team settings).
 */
const STORE_BUDGET_CHARS = 460_000;
/** What one lead adds to the store until the run's audit rows reach the sheet (measured: about 1.3 KB). */
const CHARS_PER_LEAD = 1_500;
/** Consecutive draft failures after which a run stops drafting (Gmail is likely down). */
const MAX_DRAFT_FAILURES_IN_A_ROW = 3;
/** How long a run waits for another run's lock before giving up (it will run again on the next tick). */
const LOCK_WAIT_MS = 5_000;

/** One batch of leads on its way through the steps; `record` is each lead's record from earlier runs. */
interface Batch {
  now: number;
  leads: Lead[];
  candidate: Map<Lead, Candidate>;
  record: Map<Lead, SubmissionRecord | undefined>;
  snapshot: CrmSnapshot;
  /** Leads this user answers (routing and cooldowns passed, or taken on by an earlier run). */
  mine: Lead[];
  sender: Sender;
  /** Drafts found after an interruption (their creation was recorded as started). */
  recovered: Set<Lead>;
  /** Whether Gmail may hold earlier conversations with the batch's leads (false: no search needed). */
  anyConversations: boolean;
}

/** A summary with nothing counted yet (also what a run that could not start reports). */
export function emptySummary(runId: string, status: PollStatus, message: string): PollSummary {
  return {
    runId,
    status,
    fetched: 0,
    duplicates: 0,
    drafted: 0,
    recovered: 0,
    rejected: 0,
    skipped: 0,
    crmWrites: 0,
    pending: 0,
    sentSinceLastRun: 0,
    discardedSinceLastRun: 0,
    message,
  };
}

/** The audit rows' actor for a rep's poll run: whose trigger (or button) it was, in a team's one sheet. */
export function pollerActor(email: string): string {
  return `poller (${email})`;
}

export function runPoll(ports: PollPorts, config: PollConfig): PollSummary {
  const runId = ports.newId();
  const audit = new AuditTrail(ports.clock, pollerActor(config.user.email), runId);
  if (!config.shared.forms.length) {
    return emptySummary(
      runId,
      'not_configured',
      'No HubSpot forms are configured to poll: add their GUIDs in Settings.',
    );
  }
  // Most runs find nothing: the first pages are read with the store as this execution already has it,
  // and only a run with work to do takes the lock (and re-reads the store under it).
  const peek = peekForWork(ports, config, audit);
  if (!peek.work) {
    const last = config.lastWrite ? config.lastWrite(peek.summary, null) : {};
    if (Object.keys(last).length) ports.store.setAll(last);
    return peek.summary;
  }
  if (!ports.lock.tryLock(LOCK_WAIT_MS)) return stepAside(ports, audit);
  // No release: Apps Script releases a lock when the execution ends, and the run is the execution's last
  // user of this lock (https://developers.google.com/apps-script/reference/lock/lock#releaselock).
  const run = start(ports, config, audit);
  let candidates: Candidate[] = [];
  try {
    // HubSpot refused the pages: the run records why, under the lock, as any run does.
    if (peek.error) throw peek.error;
    candidates = validate(
      run,
      peek.listed.map((l) => ({ ...l, watermark: watermarkOf(run.state, l.form.guid, run.startedAt) })),
    );
    inBatches(run, candidates, (leads) => {
      const batch = intake(run, leads);
      lookUp(run, batch);
      if (!route(run, batch)) return;
      resume(run, batch);
      const composed = prepare(run, batch);
      draft(run, batch, composed);
      const writeError = crmWrite(run, batch);
      settle(run, batch);
      throwIfFatal(writeError);
    });
  } catch (error) {
    stopOnFatal(run, error);
  }
  finish(run, candidates);
  run.state.purgeTombstones(ports.store);
  return run.summary;
}

/**
 * Reads the forms' new pages with the store as loaded (no lock, no write) and tells whether the run has
 * anything to do: a valid new lead, a rejection to record, audit rows waiting for the sheet, or a tracked
 * draft that a person sent or deleted. A run with none of these ends here, having written nothing.
 */
function peekForWork(
  ports: PollPorts,
  config: PollConfig,
  audit: AuditTrail,
): { work: boolean; listed: Listed[]; summary: PollSummary; error?: CrmError } {
  const peek: Run = {
    ports,
    config,
    state: PollState.load(ports.store),
    summary: emptySummary(audit.runId, 'finished', ''),
    audit: new AuditTrail(ports.clock, audit.actor, audit.runId),
    startedAt: ports.clock.now(),
    owners: null,
    prepared: [],
    zone: null,
  };
  let listed: Listed[];
  try {
    listed = readNew(peek);
  } catch (error) {
    if (error instanceof CrmError) return { work: true, listed: [], summary: peek.summary, error };
    throw error;
  }
  const candidates = validate(peek, listed);
  const tracked = peek.state.trackedDrafts();
  const work =
    candidates.length > 0 ||
    peek.state.dirty ||
    peek.state.outbox().length > 0 ||
    (tracked.length > 0 &&
      anyGone(
        ports,
        tracked.map((t) => t.draftId),
      ));
  peek.summary.message = `No new submissions (${describeSummary(peek.summary)})`;
  return { work, listed, summary: peek.summary };
}

function anyGone(ports: PollPorts, draftIds: string[]): boolean {
  try {
    const present = new Set(ports.mailbox.draftIds());
    return draftIds.some((id) => !present.has(id));
  } catch {
    return true; // the full run reports the failure
  }
}

/** Under the lock: the store as the run before left it, and the run's first audit row. */
function start(ports: PollPorts, config: PollConfig, audit: AuditTrail): Run {
  // Read the store only now, under the lock: a run that waited must see what the one before it saved.
  ports.store.reload();
  const run: Run = {
    ports,
    config,
    state: PollState.load(ports.store),
    summary: emptySummary(audit.runId, 'finished', ''),
    audit,
    startedAt: ports.clock.now(),
    owners: null,
    prepared: [],
    zone: null,
  };
  audit.record('poll_started', {
    resourceType: 'run',
    resourceId: audit.runId,
    outcome: 'info',
    summary: `Poll started for ${countOf(config.shared.forms.length, 'form')}`,
    details: { forms: config.shared.forms.map((f) => f.guid) },
  });
  return run;
}

/**
 * Hands the candidates to `work` in batches, as long as the time budget and the user store allow: what is
 * left waits for the next run (no record yet, so the watermark stays before it).
 */
function inBatches(run: Run, candidates: Candidate[], work: (batch: Candidate[]) => void): void {
  const { ports, config, state, summary, audit } = run;
  let i = 0;
  while (i < candidates.length) {
    const room = Math.floor((STORE_BUDGET_CHARS - state.size() - outboxBytes(audit.events)) / CHARS_PER_LEAD);
    const stop =
      ports.clock.now() >= config.deadline
        ? 'Time budget reached: the rest waits for the next run.'
        : room < 1
          ? 'This run has recorded as much as the user store holds until its audit rows reach the sheet: the rest waits for the next run.'
          : null;
    if (stop) {
      summary.pending += candidates.length - i;
      summary.status = 'partial';
      summary.message = stop;
      return;
    }
    const size = Math.min(LEADS_PER_BATCH, room);
    work(candidates.slice(i, i + size));
    i += size;
  }
}

/** Step 1 done: each new lead gets its intake row once (a lead with a record had it in an earlier run). */
function intake(run: Run, candidates: Candidate[]): Batch {
  const batch: Batch = {
    now: run.ports.clock.now(),
    leads: [],
    candidate: new Map(),
    record: new Map(),
    snapshot: {
      busy: null,
      busyError: null,
      owners: null,
      crmError: null,
      contactsFailed: false,
      alongside: [],
    },
    mine: [],
    sender: { ...run.config.user },
    recovered: new Set(),
    anyConversations: true,
  };
  for (const candidate of candidates) {
    const record = run.state.record(candidate.prospect.conversionId);
    if (!record) {
      run.audit.record('prospect_intake', {
        resourceType: 'submission',
        resourceId: candidate.prospect.conversionId,
        outcome: 'success',
        summary: `Form lead from ${leadName(candidate.prospect)}`,
        details: { formGuid: candidate.formGuid, submittedAt: candidate.submission.submittedAt },
      });
    }
    const lead = newLead(candidate.prospect);
    batch.leads.push(lead);
    batch.candidate.set(lead, candidate);
    batch.record.set(lead, record);
  }
  return batch;
}

/**
 * Step 2 (and the calendar read of step 4): contacts, owners and the user's busy time in one round trip,
 * then the contacts' companies. A rejected token or the daily limit stops the run here.
 */
function lookUp(run: Run, batch: Batch): void {
  const { ports, config } = run;
  const horizonDays = config.personal.slotRules.horizonDays;
  // Riding in the same round trip: the calendar's zone, the label's id (until known), and whether Gmail
  // holds any earlier conversation with these leads.
  const alongside = [
    run.zone === null ? ports.calendar.zone() : null,
    run.state.labelId() === null ? ports.mailbox.findPreparedLabel() : null,
    ports.mailbox.anyConversationsWith(batch.leads.map((l) => l.prospect.email)),
  ];
  batch.snapshot = resolveInCrm(
    batch.leads,
    ports,
    { from: batch.now, to: batch.now + (horizonDays + 1) * 86_400_000 },
    run.owners,
    alongside,
  );
  const [zone, label, mail] = batch.snapshot.alongside as [
    Settled<string> | null,
    Settled<string> | null,
    Settled<boolean> | null,
  ];
  if (zone && zone.ok) run.zone = zone.value;
  if (label && label.ok) run.state.setLabelId(label.value);
  // When the question could not be answered, the search decides.
  batch.anyConversations = !mail || !mail.ok || mail.value;
  run.owners = batch.snapshot.owners;
  if (batch.snapshot.crmError) {
    throwIfFatal(batch.snapshot.crmError);
    connectorError(run, 'HubSpot', batch.snapshot.crmError);
  }
  if (batch.snapshot.busyError) connectorError(run, 'Google Calendar', batch.snapshot.busyError);
}

/**
 * Routing: a new lead goes on only if it is this user's (HubSpot owner) and no cooldown holds it back;
 * the others are recorded as skipped with the reason, once. False when no lead of the batch is left.
 */
function route(run: Run, batch: Batch): boolean {
  const { config, state, summary, audit } = run;
  const snapshot = batch.snapshot;
  const user = { email: config.user.email, unassignedTakers: config.unassignedTakers };
  for (const lead of batch.leads) {
    if (batch.record.get(lead)) {
      batch.mine.push(lead); // already ours in an earlier run
      continue;
    }
    const routing = routingRefusal(lead, snapshot.owners, user, snapshot.crmError !== null);
    if (routing === DEFER) {
      // Unrecorded, so unsettled: the watermark stays before it and the next run asks HubSpot again.
      summary.pending++;
      continue;
    }
    const refusal = routing || cooldownRefusal(lead, state, config.shared, batch.now);
    if (refusal) {
      summary.skipped++;
      state.setRecord(lead.prospect.conversionId, recordOf(batch, lead, 'skipped'));
      audit.record(refusal.type, {
        resourceType: 'submission',
        resourceId: lead.prospect.conversionId,
        outcome: 'skipped',
        summary: refusal.reason,
        details: { email: lead.prospect.email },
      });
      continue;
    }
    state.claim(lead.prospect.email, emailDomain(lead.prospect.email));
    batch.mine.push(lead);
  }
  batch.sender = {
    ...config.user,
    timeZone: run.zone || config.user.timeZone,
    ownerId: ownerIdOf(config.user.email, snapshot.owners),
  };
  return batch.mine.length > 0;
}

/**
 * What earlier runs left: drafts whose creation was recorded as started (a crashed run) are looked for
 * among the user's drafts before another is made; drafts, tasks and notes on record are taken as made.
 */
function resume(run: Run, batch: Batch): void {
  const inDoubt = batch.mine.filter((lead) => batch.record.get(lead)?.stage === 'drafting');
  if (inDoubt.length) {
    const since = Math.min(...inDoubt.map((lead) => recordOfEarlier(batch, lead).updatedAt)) - 60_000;
    const existing = run.ports.mailbox.drafts({ to: inDoubt.map((l) => l.prospect.email), since });
    for (const lead of inDoubt) {
      const found = existing.find((d) => d.to === lead.prospect.email);
      if (found) {
        lead.draft = found;
        batch.recovered.add(lead);
        run.summary.recovered++;
      }
    }
  }
  for (const lead of batch.mine) {
    const record = batch.record.get(lead);
    if (record && record.draftId && (record.stage === 'drafted' || record.stage === 'done')) {
      lead.draft = {
        draftId: record.draftId,
        threadId: record.threadId || '',
        messageId: '',
        to: lead.prospect.email,
        subject: '',
        date: record.updatedAt,
      };
      lead.taskId = record.taskId || null;
      lead.noteId = record.noteId || null;
    }
    if (!lead.contact && record && record.contactId) lead.contact = contactOnRecord(record.contactId, lead);
  }
}

/** Steps 3 to 5 for the leads that still need a draft: earlier conversations, free slots, the message. */
function prepare(run: Run, batch: Batch): Lead[] {
  const { config } = run;
  const toDraft = batch.mine.filter((l) => !l.draft);
  if (toDraft.length) {
    if (batch.anyConversations) findConversations(toDraft, run.ports.mailbox);
    else toDraft.forEach((lead) => noConversations(lead));
    const slotRules = { ...config.personal.slotRules, timeZone: batch.sender.timeZone };
    assignSlots(toDraft, slotRules, batch.snapshot.busy, batch.now);
    toDraft.forEach((lead) => composeFor(lead, batch.sender, config.template, config.locale));
    const writer = run.ports.writer;
    if (writer) {
      const budget = pollWriterBudget(run.ports, config.deadline, toDraft.length);
      writeLeadDrafts(
        toDraft,
        batch.sender,
        config.template,
        config.locale,
        writer.model,
        config.shared.writer,
        budget,
      );
    }
  }
  for (const lead of toDraft.filter((l) => !l.composed)) {
    const failure = lead.steps.filter((s) => !s.ok).pop();
    run.audit.record('connector_error', {
      resourceType: 'submission',
      resourceId: lead.prospect.conversionId,
      outcome: 'failure',
      summary: `Could not compose a draft: ${failure ? failure.detail : 'unknown reason'}`,
    });
    run.summary.pending++;
  }
  return toDraft.filter((l) => l.composed);
}

/**
 * Step 6, after a checkpoint of the intent: the drafts. What was made is recorded with the batch's other
 * changes in the next checkpoint (the next batch's intent, or the run's last); a crash before then leaves
 * the leads at 'drafting', and the next run finds their drafts (`resume`). Drafts found by `resume` are
 * recorded and audited here too.
 */
function draft(run: Run, batch: Batch, composed: Lead[]): void {
  const { ports, config, state, summary } = run;
  composed.forEach((lead) => state.setRecord(lead.prospect.conversionId, recordOf(batch, lead, 'drafting')));
  checkpoint(run);
  const made: Lead[] = [];
  const attempted = new Set<Lead>();
  let failuresInARow = 0;
  for (const lead of composed) {
    if (ports.clock.now() >= config.deadline) break;
    attempted.add(lead);
    try {
      createDraftFor(lead, ports.mailbox);
      made.push(lead);
      failuresInARow = 0;
    } catch (error) {
      // One lead's failure does not hold up the others; a quota error or repeated failures end the loop.
      summary.status = 'partial';
      connectorError(run, `Gmail (draft to ${lead.prospect.email})`, error);
      if (++failuresInARow >= MAX_DRAFT_FAILURES_IN_A_ROW || isQuotaError(error)) break;
    }
  }
  const drafted = made.concat(batch.mine.filter((lead) => batch.recovered.has(lead)));
  run.prepared.push(...drafted.map((l) => l.draft as PreparedDraft));
  for (const lead of drafted) recordDraft(run, batch, lead);
  // Leads the time budget left untouched were never attempted: queued, not in doubt.
  composed
    .filter((lead) => !attempted.has(lead))
    .forEach((lead) => state.setRecord(lead.prospect.conversionId, recordOf(batch, lead, 'queued')));
  const notDrafted = composed.filter((l) => !l.draft).length;
  if (notDrafted) {
    summary.pending += notDrafted;
    summary.status = 'partial';
  }
}

function recordDraft(run: Run, batch: Batch, lead: Lead): void {
  const { state, summary, audit } = run;
  const made = lead.draft as PreparedDraft;
  const wasRecovered = batch.recovered.has(lead);
  if (!wasRecovered) summary.drafted++;
  state.setRecord(lead.prospect.conversionId, {
    ...recordOf(batch, lead, 'drafted'),
    draftId: made.draftId,
    threadId: made.threadId,
    contactId: lead.contact ? lead.contact.id : undefined,
  });
  state.noteDraft(lead.prospect.email, emailDomain(lead.prospect.email), dayOf(batch.now), batch.now);
  state.trackDraft({
    draftId: made.draftId,
    threadId: made.threadId,
    to: lead.prospect.email,
    subject: made.subject,
    preparedAt: made.date || batch.now,
    name: [lead.prospect.firstName, lead.prospect.lastName].filter(Boolean).join(' ') || null,
    company: lead.prospect.company || (lead.company ? lead.company.name : null),
    formGuid: lead.prospect.formGuid,
  });
  audit.record('draft_created', {
    resourceType: 'draft',
    resourceId: made.draftId,
    outcome: 'success',
    summary: `${wasRecovered ? 'Found the draft made before an interruption' : 'Reply draft prepared'} for ${lead.prospect.email}${lead.slots.length ? ` with ${lead.slots.length} proposed times` : ''}`,
    details: {
      conversionId: lead.prospect.conversionId,
      threadId: made.threadId,
      slots: lead.slots.map((s) => new Date(s.start).toISOString()),
      ...(lead.writer ? { writer: lead.writer } : {}),
      // The step record only when a step degraded: a full one per draft would crowd the outbox.
      ...(lead.steps.some((step) => !step.ok) ? { steps: lead.steps.filter((step) => !step.ok) } : {}),
    },
  });
  audit.record('approval_requested', {
    resourceType: 'draft',
    resourceId: made.draftId,
    outcome: 'info',
    summary: `Draft to ${lead.prospect.email} waits for a person to review and send it`,
  });
}

/**
 * Step 7 for every lead with a draft and a contact: first the tasks and notes an interrupted run may have
 * written (found by marker), then the missing ones, in one round trip. Every task and note new to the
 * record gets its audit row, including the ones written in a round trip whose other half failed. Returns
 * the write's error for the caller to stop on once the batch is settled.
 */
function crmWrite(run: Run, batch: Batch): unknown {
  const needCrm = batch.mine.filter((l) => l.draft && l.contact && (!l.taskId || !l.noteId));
  const before = new Map(needCrm.map((l) => [l, { task: l.taskId, note: l.noteId }]));
  const found = findEarlierWrites(run, batch, needCrm);
  const toLabel = run.prepared.splice(0);
  const labelId = run.state.labelId();
  const label = toLabel.length && labelId ? run.ports.mailbox.labelDrafts(toLabel, labelId) : null;
  let writeError: unknown = null;
  let labelled: Settled<'labelled' | 'missing'> | null = null;
  if (needCrm.length) {
    const written = writeFollowUps(
      needCrm,
      run.ports,
      batch.sender,
      batch.now,
      (l) => l.prospect.conversionId,
      label,
    );
    writeError = written.error;
    labelled = written.alongside as Settled<'labelled' | 'missing'> | null;
    if (writeError && !isFatal(writeError)) connectorError(run, 'HubSpot', writeError);
  } else if (label) {
    labelled = runTogether(run.ports.http, label)[0];
  }
  labelAgainIfNeeded(run, toLabel, labelled);
  for (const lead of needCrm) {
    const prior = before.get(lead) as { task: string | null; note: string | null };
    if (!prior.task && lead.taskId) crmWritten(run, 'task', lead.taskId, lead, found.has(lead.taskId));
    if (!prior.note && lead.noteId) crmWritten(run, 'note', lead.noteId, lead, found.has(lead.noteId));
  }
  return writeError;
}

/**
 * The drafts' label normally rides with the tasks and notes. When it could not (no label id yet) or Gmail
 * no longer knows the id (the label was deleted), the label is found or made again and the drafts labelled.
 */
function labelAgainIfNeeded(
  run: Run,
  drafts: PreparedDraft[],
  labelled: Settled<'labelled' | 'missing'> | null,
): void {
  if (!drafts.length || (labelled && labelled.ok && labelled.value === 'labelled')) return;
  try {
    if (labelled && !labelled.ok) throw labelled.error;
    const id = runCall(run.ports.http, run.ports.mailbox.findPreparedLabel());
    run.state.setLabelId(id);
    if (runCall(run.ports.http, run.ports.mailbox.labelDrafts(drafts, id)) === 'missing')
      throw new Error('Gmail does not know the label it just gave');
  } catch (error) {
    connectorError(run, 'Gmail (labels)', error);
  }
}

/** Tasks and notes of leads on record that HubSpot already holds (an interrupted run wrote them). */
function findEarlierWrites(run: Run, batch: Batch, needCrm: Lead[]): Set<string> {
  const found = new Set<string>();
  const doubtful = needCrm.filter((l) => batch.record.get(l));
  if (!doubtful.length) return found;
  try {
    const markers = run.ports.crm.activityMarkers(doubtful.map((l) => (l.contact as CrmContact).id));
    for (const lead of doubtful) {
      const marker = activityMarker(lead.prospect.conversionId);
      const task = lead.taskId ? null : markers.tasks.get(marker);
      const note = lead.noteId ? null : markers.notes.get(marker);
      if (task) found.add((lead.taskId = task));
      if (note) found.add((lead.noteId = note));
    }
  } catch (error) {
    throwIfFatal(error);
    connectorError(run, 'HubSpot', error);
  }
  return found;
}

/**
 * Each drafted lead's record takes what step 7 achieved: done with a task and a note (or with no HubSpot
 * contact to attach them to), else drafted, for the next run to finish.
 */
function settle(run: Run, batch: Batch): void {
  const { state, summary, audit } = run;
  for (const lead of batch.mine.filter((l) => l.draft)) {
    // Without a contact there is nothing to attach a task to, unless the contacts could not be read at
    // all: then the follow-ups wait for the next run.
    const complete = lead.contact ? !!(lead.taskId && lead.noteId) : !batch.snapshot.contactsFailed;
    if (!lead.contact && !batch.snapshot.contactsFailed) {
      audit.record('connector_error', {
        resourceType: 'submission',
        resourceId: lead.prospect.conversionId,
        outcome: 'failure',
        summary: `No HubSpot contact for ${lead.prospect.email}: the draft is ready, no task or note was added`,
      });
    }
    const record = state.record(lead.prospect.conversionId) as SubmissionRecord;
    state.setRecord(lead.prospect.conversionId, {
      ...record,
      stage: complete ? 'done' : 'drafted',
      taskId: lead.taskId || undefined,
      noteId: lead.noteId || undefined,
      updatedAt: batch.now,
    });
    if (!complete) summary.pending++;
  }
  // No checkpoint of its own: the next batch's first checkpoint (or the run's last) carries these changes
  // with their audit rows. A crash before then leaves the leads at 'drafted', and the next run finds
  // their follow-ups by marker and audits them then.
}

/** The run's tail: move the watermarks, note reviews, prune, deliver the audit rows. */
function finish(run: Run, candidates: Candidate[]): void {
  const { ports, config, state, summary, audit } = run;
  advanceWatermarks(run, candidates);
  try {
    // Drafts this run made are still waiting: only earlier runs' drafts can have been sent or deleted.
    const approvals = checkApprovals(ports.mailbox, state, audit, run.startedAt);
    summary.sentSinceLastRun = approvals.sent;
    summary.discardedSinceLastRun = approvals.discarded;
  } catch (error) {
    connectorError(run, 'Gmail (review check)', error);
  }
  state.prune(
    ports.clock.now(),
    config.shared.contactCooldownDays,
    config.shared.forms.map((f) => f.guid),
  );
  audit.record('poll_finished', {
    resourceType: 'run',
    resourceId: audit.runId,
    outcome: summary.status === 'finished' ? 'success' : 'failure',
    summary: describeSummary(summary),
    details: { ...summary },
  });
  summary.message = summary.message || describeSummary(summary);
  // The records before the rows: were the rows on the sheet and the records saying what they describe
  // lost, the run that finds those drafts, tasks and notes again would audit them a second time.
  if (state.dirty) checkpoint(run);
  deliver(run);
}

function crmWritten(run: Run, kind: 'task' | 'note', id: string, lead: Lead, foundLater: boolean): void {
  run.summary.crmWrites++;
  run.audit.record(kind === 'task' ? 'task_created' : 'note_created', {
    resourceType: kind,
    resourceId: id,
    outcome: 'success',
    summary: `${foundLater ? `Found the HubSpot ${kind} written before an interruption` : `HubSpot ${kind}`} for ${lead.prospect.email}`,
    details: { conversionId: lead.prospect.conversionId, contactId: lead.contact ? lead.contact.id : null },
  });
}

/** A contact known only by the id an earlier run recorded (enough to attach a task or note to). */
function contactOnRecord(id: string, lead: Lead): CrmContact {
  return {
    id,
    email: lead.prospect.email,
    firstName: null,
    lastName: null,
    jobTitle: null,
    phone: null,
    companyName: null,
    lifecycleStage: null,
    ownerId: null,
    lastActivityAt: null,
    timeZone: null,
    primaryCompanyId: null,
    dealIds: [],
  };
}

function noConversations(lead: Lead): void {
  lead.conversations = [];
  lead.steps.push({ step: 'conversations', ok: true, detail: '0 earlier' });
}

function recordOfEarlier(batch: Batch, lead: Lead): SubmissionRecord {
  return batch.record.get(lead) as SubmissionRecord;
}

function recordOf(batch: Batch, lead: Lead, stage: SubmissionRecord['stage']): SubmissionRecord {
  const candidate = batch.candidate.get(lead) as Candidate;
  return {
    ...(batch.record.get(lead) || {}),
    stage,
    formGuid: candidate.formGuid,
    submittedAt: candidate.submission.submittedAt,
    email: candidate.prospect.email,
    updatedAt: batch.now,
  };
}

function ownerIdOf(email: string, owners: CrmOwner[] | null): string | null {
  const owner = (owners || []).find((o) => o.email.toLowerCase() === email.toLowerCase());
  return owner ? owner.id : null;
}

function connectorError(run: Run, service: string, error: unknown): void {
  const described = describeError(error);
  run.audit.record('connector_error', {
    resourceType: 'run',
    resourceId: run.audit.runId,
    outcome: 'failure',
    summary: `${service}: ${described.message}`,
    details: { service, kind: described.kind },
  });
}

class FatalStop extends Error {
  constructor(readonly crmError: CrmError) {
    super(crmError.message);
  }
}

/** A rejected token or HubSpot's daily limit ends the run: nothing later in it could succeed. */
function isFatal(error: unknown): error is CrmError {
  return (
    error instanceof CrmError &&
    (error.kind === 'auth' || (error.kind === 'rate_limited' && error.details.policyName === 'DAILY'))
  );
}

function throwIfFatal(error: unknown): void {
  if (isFatal(error)) throw new FatalStop(error);
}

function stopOnFatal(run: Run, error: unknown): void {
  const { summary, audit } = run;
  const cause = error instanceof FatalStop ? error.crmError : error;
  if (!(cause instanceof CrmError)) throw error;
  if (!isFatal(cause)) {
    connectorError(run, 'HubSpot', cause);
    summary.status = 'partial';
    summary.message = `HubSpot: ${describeError(cause).message}`;
    return;
  }
  if (cause.kind === 'auth') {
    summary.status = 'stopped_auth';
    summary.message = 'HubSpot rejected the access token: the run stopped. Update the token in Settings.';
    audit.record('auth_failure', {
      resourceType: 'run',
      resourceId: audit.runId,
      outcome: 'failure',
      summary: summary.message,
    });
  } else {
    summary.status = 'stopped_rate_limit';
    summary.message = 'HubSpot daily request limit reached: the run stopped and resumes tomorrow.';
    audit.record('connector_error', {
      resourceType: 'run',
      resourceId: audit.runId,
      outcome: 'failure',
      summary: summary.message,
      details: { policyName: 'DAILY' },
    });
  }
}

/** Saves progress together with the audit events recorded so far (the outbox), in one round trip. */
function checkpoint(run: Run): void {
  run.state.setOutbox(run.state.outbox().concat(run.audit.takeAll()));
  run.state.checkpoint(run.ports.store);
}

/**
 * Moves the outbox to the audit log, then empties it in the same write as the run's last word for the user
 * (config.lastWrite). A failed audit write keeps the outbox for the next run.
 */
function deliver(run: Run): void {
  const { ports, state, audit } = run;
  const events = state.outbox().concat(audit.takeAll());
  try {
    if (events.length) ports.auditLog.append(events);
    state.setOutbox([]);
  } catch {
    state.setOutbox(events);
  }
  state.checkpoint(ports.store, run.config.lastWrite ? run.config.lastWrite(run.summary, run.zone) : {});
}

/**
 * A run that did not get the lock leaves its trace under a key of its own, which the running poller's
 * checkpoints cannot overwrite; the next run that holds the lock delivers it.
 */
function stepAside(ports: PollPorts, audit: AuditTrail): PollSummary {
  const summary = emptySummary(
    audit.runId,
    'skipped_locked',
    'Another run is still working; this one stepped aside.',
  );
  audit.record('poll_skipped', {
    resourceType: 'run',
    resourceId: audit.runId,
    outcome: 'skipped',
    summary: summary.message,
  });
  ports.store.setAll({ [lateOutboxKey(audit.runId)]: JSON.stringify(audit.takeAll()) });
  return summary;
}

function describeSummary(s: PollSummary): string {
  const parts = [
    `${countOf(s.drafted, 'draft')} prepared`,
    s.recovered ? `${s.recovered} recovered` : '',
    `${s.rejected} rejected`,
    `${s.skipped} skipped`,
    `${s.duplicates} already handled`,
    s.pending ? `${s.pending} waiting for the next run` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

/** "Marcus Johnson <marcus@x.com> (BrightPath Health)": who the lead is, as a reviewer reads it. */
function leadName(p: Prospect): string {
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return `${name ? `${name} <${p.email}>` : p.email}${p.company ? ` (${p.company})` : ''}`;
}

/** Gmail's daily quota or the execution's time: retrying within this run cannot help. */
function isQuotaError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /invoked too many times|quota|maximum execution time|rate limit/i.test(message);
}
