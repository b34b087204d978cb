// One run of the lead poller: new HubSpot form submissions become reply drafts plus HubSpot follow-up
// tasks and notes, exactly once each, however often runs crash, overlap or run out of time.
//
// Exactly once: each submission's progress is recorded (poll-state.ts) before and after every step
// that has an outside effect. A rerun resumes from the record: a draft whose creation may have happened
// is looked for among the user's drafts before another is made; a task or note that may have been
// written is looked for by its marker in HubSpot. The watermark only passes settled submissions.
import type { AuditEventType } from './audit';
import { checkApprovals } from './approvals';
import { AuditTrail } from './audit-trail';
import type { AuditFields } from './audit-trail';
import type { Template } from './compose';
import { CrmError, describeError } from './errors';
import { runAll } from './http';
import type { HttpPort } from './http';
import { activityMarker } from './markers';
import { isSettled, lateOutboxKey, outboxBytes, PollState } from './poll-state';
import type { SubmissionRecord } from './poll-state';
import type {
  AuditLog,
  CalendarPort,
  Clock,
  Crm,
  CrmOwner,
  KeyValueStore,
  Lock,
  Mailbox,
  PreparedDraft,
} from './ports';
import type { FormSubmission, Prospect } from './prospect';
import { emailDomain, parseSubmission } from './prospect';
import type { SharedSettings, UserSettings } from './settings';
import type { Lead, Sender } from './workflow';
import {
  assignSlots,
  composeFor,
  createDraftFor,
  findConversations,
  newLead,
  resolveInCrm,
  writeFollowUps,
} from './workflow';

/** HubSpot serves at most 50 submissions per page. */
export const SUBMISSIONS_PAGE = 50;
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
/** A first run looks this far back. */
export const FIRST_RUN_LOOKBACK_MS = 7 * 86_400_000;
/** How long a run waits for another run's lock before giving up (it will run again on the next tick). */
const LOCK_WAIT_MS = 5_000;

export interface PollPorts {
  crm: Crm;
  calendar: CalendarPort;
  http: HttpPort;
  mailbox: Mailbox;
  /** The user's Properties: the poller's records live beside the user's settings. */
  store: KeyValueStore;
  lock: Lock;
  clock: Clock;
  auditLog: AuditLog;
  newId: () => string;
}

export interface PollConfig {
  shared: SharedSettings;
  personal: UserSettings;
  template: Template;
  user: Sender;
  locale?: string;
  /** Stop taking new work after this instant (well before the 6 minute limit). */
  deadline: number;
}

export type PollStatus =
  'finished' | 'partial' | 'skipped_locked' | 'stopped_auth' | 'stopped_rate_limit' | 'not_configured';

export interface PollSummary {
  runId: string;
  status: PollStatus;
  fetched: number;
  duplicates: number;
  drafted: number;
  recovered: number;
  rejected: number;
  skipped: number;
  crmWrites: number;
  /** Valid submissions left for the next run (time budget, CRM failures). */
  pending: number;
  /** Drafts people sent or deleted since the last check (approval, observed). */
  sentSinceLastRun: number;
  discardedSinceLastRun: number;
  message: string;
}

interface Candidate {
  submission: FormSubmission;
  formGuid: string;
  prospect: Prospect;
  record: SubmissionRecord | undefined;
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

export function runPoll(ports: PollPorts, config: PollConfig): PollSummary {
  const runId = ports.newId();
  const audit = new AuditTrail(ports.clock, 'poller', runId);
  const summary = emptySummary(runId, 'finished', '');
  if (!config.shared.forms.length) {
    summary.status = 'not_configured';
    summary.message = 'No HubSpot forms are configured to poll: add their GUIDs in Settings.';
    return summary;
  }
  if (!ports.lock.tryLock(LOCK_WAIT_MS)) {
    summary.status = 'skipped_locked';
    summary.message = 'Another run is still working; this one stepped aside.';
    audit.record('poll_skipped', {
      resourceType: 'run',
      resourceId: runId,
      outcome: 'skipped',
      summary: summary.message,
    });
    deliverWithoutLock(ports, audit);
    return summary;
  }
  try {
    // Read the store only now, under the lock: a run that waited must see what the one before it saved.
    ports.store.reload();
    const state = PollState.load(ports.store);
    const startedAt = ports.clock.now();
    let candidates: Candidate[] = [];
    const memory: RunMemory = { owners: null, prepared: [] };
    audit.record('poll_started', {
      resourceType: 'run',
      resourceId: runId,
      outcome: 'info',
      summary: `Poll started for ${config.shared.forms.length} form(s)`,
      details: { forms: config.shared.forms.map((f) => f.guid) },
    });
    try {
      candidates = collectSubmissions(ports, config, state, summary, audit);
      processCandidates(candidates, ports, config, state, summary, audit, memory);
    } catch (error) {
      stopOnFatal(error, summary, audit, runId);
    }
    try {
      ports.mailbox.labelPrepared(memory.prepared);
    } catch (error) {
      connectorError(audit, 'Gmail (labels)', error);
    }
    advanceWatermarks(state, config, candidates, startedAt);
    try {
      const approvals = checkApprovals(ports.mailbox, state, audit);
      summary.sentSinceLastRun = approvals.sent;
      summary.discardedSinceLastRun = approvals.discarded;
    } catch (error) {
      connectorError(audit, 'Gmail (review check)', error);
    }
    state.prune(
      ports.clock.now(),
      config.shared.contactCooldownDays,
      config.shared.forms.map((f) => f.guid),
    );
    audit.record('poll_finished', {
      resourceType: 'run',
      resourceId: runId,
      outcome: summary.status === 'finished' ? 'success' : 'failure',
      summary: describeSummary(summary),
      details: { ...summary },
    });
    summary.message = summary.message || describeSummary(summary);
    deliver(ports, state, audit);
  } finally {
    ports.lock.release();
  }
  return summary;
}

/** Pages every form from the newest submission back to its watermark, in one round trip per page level. */
function collectSubmissions(
  ports: PollPorts,
  config: PollConfig,
  state: PollState,
  summary: PollSummary,
  audit: AuditTrail,
): Candidate[] {
  const now = ports.clock.now();
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  let open = config.shared.forms.map((form) => ({
    form,
    after: null as string | null,
    watermark: state.watermark(form.guid) ?? now - FIRST_RUN_LOOKBACK_MS,
  }));
  while (open.length) {
    const pages = open.map((cursor) =>
      ports.crm.submissionsPage(cursor.form.guid, cursor.after, SUBMISSIONS_PAGE),
    );
    const results = runAll(ports.http, pages);
    const next: typeof open = [];
    open.forEach((cursor, i) => {
      const page = results[i];
      let reachedWatermark = false;
      for (const submission of page.submissions) {
        // An undated submission cannot be placed against the watermark: it is rejected once, below.
        const undated = !(submission.submittedAt > 0);
        if (!undated && submission.submittedAt < cursor.watermark) {
          reachedWatermark = true;
          continue;
        }
        summary.fetched++;
        if (!submission.conversionId)
          submission.conversionId = `missing-${cursor.form.guid}-${submission.submittedAt}`;
        if (seen.has(submission.conversionId) || isSettled(state.record(submission.conversionId))) {
          summary.duplicates++;
          continue;
        }
        seen.add(submission.conversionId);
        const intake = parseSubmission(submission, cursor.form.guid, cursor.form.mapping, now);
        if (!intake.ok) {
          summary.rejected++;
          state.setRecord(submission.conversionId, {
            stage: 'rejected',
            formGuid: cursor.form.guid,
            submittedAt: undated ? now : submission.submittedAt,
            email: '',
            updatedAt: now,
          });
          audit.record('prospect_rejected', {
            resourceType: 'submission',
            resourceId: submission.conversionId || '(none)',
            outcome: 'failure',
            summary: intake.reason,
            details: { code: intake.code, formGuid: cursor.form.guid, submittedAt: submission.submittedAt },
          });
          continue;
        }
        candidates.push({
          submission,
          formGuid: cursor.form.guid,
          prospect: intake.prospect,
          record: state.record(submission.conversionId),
        });
      }
      if (!reachedWatermark && page.after) next.push({ ...cursor, after: page.after });
    });
    open = next;
  }
  // Oldest first, so the watermark can move on as soon as possible.
  return candidates.sort((a, b) => a.submission.submittedAt - b.submission.submittedAt);
}

/** What one run remembers between its batches. */
interface RunMemory {
  /** HubSpot's owners, read with the first batch. */
  owners: CrmOwner[] | null;
  /** Drafts made in this run, labelled together at its end (the label is for people: recovery needs none). */
  prepared: PreparedDraft[];
}

function processCandidates(
  candidates: Candidate[],
  ports: PollPorts,
  config: PollConfig,
  state: PollState,
  summary: PollSummary,
  audit: AuditTrail,
  memory: RunMemory,
): void {
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
    processBatch(candidates.slice(i, i + size), ports, config, state, summary, audit, memory);
    i += size;
  }
}

function processBatch(
  batch: Candidate[],
  ports: PollPorts,
  config: PollConfig,
  state: PollState,
  summary: PollSummary,
  audit: AuditTrail,
  memory: RunMemory,
): void {
  const now = ports.clock.now();
  const byId = new Map<string, Candidate>();
  const leads = batch.map((candidate) => {
    byId.set(candidate.prospect.conversionId, candidate);
    if (!candidate.record) {
      audit.record('prospect_intake', {
        resourceType: 'submission',
        resourceId: candidate.prospect.conversionId,
        outcome: 'success',
        summary: `Form lead from ${leadName(candidate.prospect)}`,
        details: { formGuid: candidate.formGuid, submittedAt: candidate.submission.submittedAt },
      });
    }
    return newLead(candidate.prospect);
  });
  const candidateOf = (lead: Lead): Candidate => byId.get(lead.prospect.conversionId) as Candidate;
  const slotRules = { ...config.personal.slotRules, timeZone: config.user.timeZone };

  // Step 2 (+ the calendar read of step 4): one round trip, then companies.
  const snapshot = resolveInCrm(
    leads,
    ports,
    {
      from: now,
      to: now + (slotRules.horizonDays + 1) * 86_400_000,
    },
    memory.owners,
  );
  memory.owners = snapshot.owners;
  if (snapshot.crmError) throwIfFatal(snapshot.crmError);
  if (snapshot.crmError) {
    connectorError(audit, 'HubSpot', snapshot.crmError);
  }
  if (snapshot.busyError) connectorError(audit, 'Google Calendar', snapshot.busyError);

  // Routing and cooldowns.
  const mine: Lead[] = [];
  for (const lead of leads) {
    const candidate = candidateOf(lead);
    if (candidate.record) {
      mine.push(lead); // already ours in an earlier run
      continue;
    }
    const skip =
      routingRefusal(lead, snapshot.owners, config, snapshot.crmError !== null) ||
      cooldownRefusal(lead, state, config, now);
    if (skip) {
      summary.skipped++;
      state.setRecord(lead.prospect.conversionId, recordFor(candidate, 'skipped', now));
      audit.record(skip.type, {
        resourceType: 'submission',
        resourceId: lead.prospect.conversionId,
        outcome: 'skipped',
        summary: skip.reason,
        details: { email: lead.prospect.email },
      });
      continue;
    }
    state.claim(lead.prospect.email, emailDomain(lead.prospect.email));
    mine.push(lead);
  }
  if (!mine.length) return;
  const sender: Sender = { ...config.user, ownerId: ownerIdOf(config.user.email, snapshot.owners) };

  // Drafts whose creation was recorded as started in a crashed run: find them before making another.
  const inDoubt = mine.filter((l) => candidateOf(l).record && candidateOf(l).record?.stage === 'drafting');
  if (inDoubt.length) {
    const since =
      Math.min(...inDoubt.map((l) => (candidateOf(l).record as SubmissionRecord).updatedAt)) - 60_000;
    const existing = ports.mailbox.drafts({ to: inDoubt.map((l) => l.prospect.email), since });
    for (const lead of inDoubt) {
      const found = existing.find((d) => d.to === lead.prospect.email);
      if (found) {
        lead.draft = found;
        summary.recovered++;
      }
    }
  }
  for (const lead of mine) {
    const record = candidateOf(lead).record;
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
  }

  // Steps 3 to 5 for the leads that still need a draft.
  const toDraft = mine.filter((l) => !l.draft);
  if (toDraft.length) {
    findConversations(toDraft, ports.mailbox);
    assignSlots(toDraft, slotRules, snapshot.busy, now);
    toDraft.forEach((lead) => composeFor(lead, sender, config.template, config.locale));
  }
  const composed = toDraft.filter((l) => l.composed);
  toDraft
    .filter((l) => !l.composed)
    .forEach((lead) => {
      const failure = lead.steps.filter((s) => !s.ok).pop();
      audit.record('connector_error', {
        resourceType: 'submission',
        resourceId: lead.prospect.conversionId,
        outcome: 'failure',
        summary: `Could not compose a draft: ${failure ? failure.detail : 'unknown reason'}`,
      });
      summary.pending++;
    });

  // Step 6, bracketed by checkpoints: intent first, then the drafts, then what was made.
  composed.forEach((lead) =>
    state.setRecord(lead.prospect.conversionId, recordFor(candidateOf(lead), 'drafting', now)),
  );
  checkpoint(ports, state, audit);
  const made: Lead[] = [];
  const attempted = new Set<Lead>();
  let draftError: unknown = null;
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
      draftError = error;
      connectorError(audit, `Gmail (draft to ${lead.prospect.email})`, error);
      if (++failuresInARow >= MAX_DRAFT_FAILURES_IN_A_ROW || isQuotaError(error)) break;
    }
  }
  const recovered = inDoubt.filter((l) => l.draft);
  memory.prepared.push(...made.concat(recovered).map((l) => l.draft as NonNullable<Lead['draft']>));
  if (draftError) summary.status = 'partial';
  const day = new Date(now).toISOString().slice(0, 10);
  for (const lead of made.concat(recovered)) {
    const draft = lead.draft as NonNullable<Lead['draft']>;
    const wasRecovered = recovered.indexOf(lead) >= 0;
    if (!wasRecovered) summary.drafted++;
    state.setRecord(lead.prospect.conversionId, {
      ...recordFor(candidateOf(lead), 'drafted', now),
      draftId: draft.draftId,
      threadId: draft.threadId,
      contactId: lead.contact ? lead.contact.id : undefined,
    });
    state.noteDraft(lead.prospect.email, emailDomain(lead.prospect.email), day, now);
    state.trackDraft({
      draftId: draft.draftId,
      threadId: draft.threadId,
      to: lead.prospect.email,
      subject: draft.subject,
      preparedAt: draft.date || now,
    });
    audit.record('draft_created', {
      resourceType: 'draft',
      resourceId: draft.draftId,
      outcome: 'success',
      summary: `${wasRecovered ? 'Found the draft made before an interruption' : 'Reply draft prepared'} for ${lead.prospect.email}${lead.slots.length ? ` with ${lead.slots.length} proposed times` : ''}`,
      details: {
        conversionId: lead.prospect.conversionId,
        threadId: draft.threadId,
        slots: lead.slots.map((s) => new Date(s.start).toISOString()),
        // The step record only when a step degraded: a full one per draft would crowd the outbox.
        ...(lead.steps.some((step) => !step.ok) ? { steps: lead.steps.filter((step) => !step.ok) } : {}),
      },
    });
    audit.record('approval_requested', {
      resourceType: 'draft',
      resourceId: draft.draftId,
      outcome: 'info',
      summary: `Draft to ${lead.prospect.email} waits for a person to review and send it`,
    });
  }
  // Leads the time budget left untouched were never attempted: queued, not in doubt.
  composed
    .filter((lead) => !attempted.has(lead))
    .forEach((lead) =>
      state.setRecord(lead.prospect.conversionId, recordFor(candidateOf(lead), 'queued', now)),
    );
  const notDrafted = composed.filter((l) => !l.draft).length;
  if (notDrafted) {
    summary.pending += notDrafted;
    summary.status = 'partial';
  }
  checkpoint(ports, state, audit);

  // Step 7 for every lead with a draft and a contact: first find writes a crashed run may have made.
  const withDraft = mine.filter((l) => l.draft);
  resolveContactsFromRecords(withDraft, candidateOf);
  const needCrm = withDraft.filter((l) => l.contact && (!l.taskId || !l.noteId));
  const doubtful = needCrm.filter((l) => candidateOf(l).record);
  if (doubtful.length) {
    try {
      const markers = ports.crm.activityMarkers(doubtful.map((l) => (l.contact as { id: string }).id));
      for (const lead of doubtful) {
        const marker = activityMarker(lead.prospect.conversionId);
        lead.taskId = lead.taskId || markers.tasks.get(marker) || null;
        lead.noteId = lead.noteId || markers.notes.get(marker) || null;
      }
    } catch (error) {
      throwIfFatal(error);
      connectorError(audit, 'HubSpot', error);
    }
  }
  const before = new Map(needCrm.map((l) => [l, { task: l.taskId, note: l.noteId }]));
  if (needCrm.length) {
    const result = writeFollowUps(needCrm, ports, sender, now, (lead) => lead.prospect.conversionId);
    if (result.error) {
      throwIfFatal(result.error);
      connectorError(audit, 'HubSpot', result.error);
    }
  }
  for (const lead of withDraft) {
    const prior = before.get(lead);
    if (prior && !prior.task && lead.taskId)
      crmWritten(audit, summary, 'task_created', 'task', lead.taskId, lead);
    if (prior && !prior.note && lead.noteId)
      crmWritten(audit, summary, 'note_created', 'note', lead.noteId, lead);
    // Without a contact there is nothing to attach a task to, unless the contacts could not be read at
    // all: then the follow-ups wait for the next run.
    const complete = lead.contact ? !!(lead.taskId && lead.noteId) : !snapshot.contactsFailed;
    if (!lead.contact && !snapshot.contactsFailed) {
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
      updatedAt: now,
    });
    if (!complete) summary.pending++;
  }
  // No checkpoint of its own: the next batch's first checkpoint (or the run's last) carries these changes.
  // A crash before then leaves the leads at 'drafted', and the next run finds their follow-ups by marker.
}

function resolveContactsFromRecords(leads: Lead[], candidateOf: (lead: Lead) => Candidate): void {
  for (const lead of leads) {
    const record = candidateOf(lead).record;
    if (!lead.contact && record && record.contactId) {
      lead.contact = {
        id: record.contactId,
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
  }
}

function crmWritten(
  audit: AuditTrail,
  summary: PollSummary,
  type: 'task_created' | 'note_created',
  resourceType: 'task' | 'note',
  id: string,
  lead: Lead,
): void {
  summary.crmWrites++;
  audit.record(type, {
    resourceType,
    resourceId: id,
    outcome: 'success',
    summary: `HubSpot ${resourceType} for ${lead.prospect.email}`,
    details: { conversionId: lead.prospect.conversionId, contactId: lead.contact ? lead.contact.id : null },
  });
}

function recordFor(candidate: Candidate, stage: SubmissionRecord['stage'], now: number): SubmissionRecord {
  return {
    ...(candidate.record || {}),
    stage,
    formGuid: candidate.formGuid,
    submittedAt: candidate.submission.submittedAt,
    email: candidate.prospect.email,
    updatedAt: now,
  };
}

function ownerIdOf(email: string, owners: CrmOwner[] | null): string | null {
  const owner = (owners || []).find((o) => o.email.toLowerCase() === email.toLowerCase());
  return owner ? owner.id : null;
}

function routingRefusal(
  lead: Lead,
  owners: CrmOwner[] | null,
  config: PollConfig,
  crmFailed: boolean,
): { type: AuditEventType; reason: string } | null {
  const ownerId = lead.contact && lead.contact.ownerId;
  if (!ownerId) {
    if (config.personal.takeUnassignedLeads || crmFailed) return null;
    return {
      type: 'prospect_intake',
      reason: `No HubSpot owner for ${lead.prospect.email}, and you do not take unassigned leads`,
    };
  }
  const owner = (owners || []).find((o) => o.id === ownerId);
  if (!owner) return null; // the owners list could not be read: keep the lead rather than drop it
  if (owner.email.toLowerCase() === config.user.email.toLowerCase()) return null;
  return {
    type: 'prospect_intake',
    reason: `${lead.prospect.email} belongs to ${owner.email} in HubSpot: left for them`,
  };
}

function cooldownRefusal(
  lead: Lead,
  state: PollState,
  config: PollConfig,
  now: number,
): { type: AuditEventType; reason: string } | null {
  if (state.claimedInRun(lead.prospect.email)) {
    return {
      type: 'skipped_cooldown',
      reason: `${lead.prospect.email} submitted more than once in this run: one draft answers them`,
    };
  }
  const last = state.lastDraftTo(lead.prospect.email);
  const window = config.shared.contactCooldownDays * 86_400_000;
  if (last !== null && now - last < window) {
    return {
      type: 'skipped_cooldown',
      reason: `A draft to ${lead.prospect.email} was prepared ${Math.max(1, Math.round((now - last) / 3_600_000))} h ago (cooldown ${config.shared.contactCooldownDays} days)`,
    };
  }
  const domain = emailDomain(lead.prospect.email);
  const day = new Date(now).toISOString().slice(0, 10);
  if (
    state.draftsForDomainOn(domain, day) + state.claimedForDomain(domain) >=
    config.shared.domainDailyLimit
  ) {
    return {
      type: 'skipped_cooldown',
      reason: `Already ${config.shared.domainDailyLimit} draft(s) today for ${domain} (daily limit per company domain)`,
    };
  }
  return null;
}

/**
 * The watermark passes every submission that is settled, and stops at the oldest that is not (including
 * valid ones this run had no time for, which have no record yet).
 */
function advanceWatermarks(state: PollState, config: PollConfig, candidates: Candidate[], now: number): void {
  const records = state.records();
  for (const form of config.shared.forms) {
    const mine = records.filter(([, r]) => r.formGuid === form.guid);
    const unsettled = mine.filter(([, r]) => !isSettled(r)).map(([, r]) => r.submittedAt);
    candidates
      .filter((c) => c.formGuid === form.guid && !isSettled(state.record(c.prospect.conversionId)))
      .forEach((c) => unsettled.push(c.submission.submittedAt));
    const settled = mine.filter(([, r]) => isSettled(r)).map(([, r]) => r.submittedAt);
    const current = state.watermark(form.guid) ?? now - FIRST_RUN_LOOKBACK_MS;
    // Never past the run's start: a submission dated in the future must not hide the leads after it.
    const candidate = Math.min(
      now,
      unsettled.length ? Math.min(...unsettled) : settled.length ? Math.max(...settled) : current,
    );
    if (candidate > current) state.setWatermark(form.guid, candidate);
    else if (state.watermark(form.guid) === null) state.setWatermark(form.guid, current);
  }
}

function connectorError(audit: AuditTrail, service: string, error: unknown): void {
  const described = describeError(error);
  const fields: AuditFields = {
    resourceType: 'run',
    resourceId: audit.runId,
    outcome: 'failure',
    summary: `${service}: ${described.message}`,
    details: { service, kind: described.kind },
  };
  audit.record('connector_error', fields);
}

class FatalStop extends Error {
  constructor(readonly crmError: CrmError) {
    super(crmError.message);
  }
}

/** A rejected token or HubSpot's daily limit ends the run: nothing later in it could succeed. */
function isFatal(error: CrmError): boolean {
  return error.kind === 'auth' || (error.kind === 'rate_limited' && error.details.policyName === 'DAILY');
}

function throwIfFatal(error: unknown): void {
  if (error instanceof CrmError && isFatal(error)) throw new FatalStop(error);
}

function stopOnFatal(error: unknown, summary: PollSummary, audit: AuditTrail, runId: string): void {
  const cause = error instanceof FatalStop ? error.crmError : error;
  if (!(cause instanceof CrmError)) throw error;
  if (!isFatal(cause)) {
    connectorError(audit, 'HubSpot', cause);
    summary.status = 'partial';
    summary.message = `HubSpot: ${describeError(cause).message}`;
    return;
  }
  if (cause.kind === 'auth') {
    summary.status = 'stopped_auth';
    summary.message = 'HubSpot rejected the access token: the run stopped. Update the token in Settings.';
    audit.record('auth_failure', {
      resourceType: 'run',
      resourceId: runId,
      outcome: 'failure',
      summary: summary.message,
    });
  } else {
    summary.status = 'stopped_rate_limit';
    summary.message = 'HubSpot daily request limit reached: the run stopped and resumes tomorrow.';
    audit.record('connector_error', {
      resourceType: 'run',
      resourceId: runId,
      outcome: 'failure',
      summary: summary.message,
      details: { policyName: 'DAILY' },
    });
  }
}

/** Saves progress together with the audit events recorded so far (the outbox), in one round trip. */
function checkpoint(ports: PollPorts, state: PollState, audit: AuditTrail): void {
  state.setOutbox(state.outbox().concat(audit.takeAll()));
  state.checkpoint(ports.store);
}

/** Moves the outbox to the audit sheet, then empties it. A failed sheet write keeps it for the next run. */
function deliver(ports: PollPorts, state: PollState, audit: AuditTrail): void {
  const events = state.outbox().concat(audit.takeAll());
  try {
    if (events.length) ports.auditLog.append(events);
    state.setOutbox([]);
  } catch {
    state.setOutbox(events);
  }
  state.checkpoint(ports.store);
}

/**
 * A run that did not get the lock leaves its trace under a key of its own, which the running poller's
 * checkpoints cannot overwrite; the next run that holds the lock delivers it.
 */
function deliverWithoutLock(ports: PollPorts, audit: AuditTrail): void {
  ports.store.setAll({ [lateOutboxKey(audit.runId)]: JSON.stringify(audit.takeAll()) });
}

function describeSummary(s: PollSummary): string {
  const parts = [
    `${s.drafted} draft(s) prepared`,
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
