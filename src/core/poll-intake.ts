// The form side of a poll run: reading each form's new submissions back to its watermark, telling valid
// leads from rejections (each audited once), and moving the watermark past what is settled.
//
// The watermark: each form's pages are read newest first until a page reaches a submission older than the
// form's watermark. Such a submission the poller has a record of is old news; one it has never seen
// (dated decades ago, or listed late by HubSpot) can no longer be drafted, and is rejected with that
// reason: a record makes it once, and PollState.prune remembers the ids that later runs can still meet.
import { runAll } from './http';
import { isSettled } from './poll-state';
import type { PollState } from './poll-state';
import type { FormSubmission, Prospect } from './prospect';
import { cleanSingleLine, parseSubmission } from './prospect';
import type { FormConfig } from './settings';
import type { Run } from './poll-types';

/** HubSpot serves at most 50 submissions per page. */
export const SUBMISSIONS_PAGE = 50;
/** A first run looks this far back. */
export const FIRST_RUN_LOOKBACK_MS = 7 * 86_400_000;

/** A submission as listed on a form's page. */
export interface Listed {
  form: FormConfig;
  submission: FormSubmission;
  /** The form's watermark when the run read it. */
  watermark: number;
}

/** A valid submission this run may work on. */
export interface Candidate {
  submission: FormSubmission;
  formGuid: string;
  prospect: Prospect;
}

export function watermarkOf(state: PollState, formGuid: string, now: number): number {
  return state.watermark(formGuid) ?? now - FIRST_RUN_LOOKBACK_MS;
}

function isUndated(submission: FormSubmission): boolean {
  return !(submission.submittedAt > 0);
}

/**
 * Step 1, reading: pages every form from the newest submission back to its watermark, one round trip per
 * page level for all forms together. Everything on the pages read is returned, newest first per form.
 */
export function readNew(run: Run): Listed[] {
  const { ports, config, state } = run;
  const now = ports.clock.now();
  const listed: Listed[] = [];
  let open = config.shared.forms.map((form) => ({
    form,
    after: null as string | null,
    watermark: watermarkOf(state, form.guid, now),
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
        if (!submission.conversionId)
          submission.conversionId = `missing-${cursor.form.guid}-${submission.submittedAt}`;
        if (!isUndated(submission) && submission.submittedAt < cursor.watermark) reachedWatermark = true;
        listed.push({ form: cursor.form, submission, watermark: cursor.watermark });
      }
      if (!reachedWatermark && page.after) next.push({ ...cursor, after: page.after });
    });
    open = next;
  }
  return listed;
}

/**
 * Step 1, validating: repeats and settled submissions drop out, invalid ones and unseen ones older than
 * the watermark are rejected (record and audit row, once), the rest become candidates, oldest first so
 * the watermark can move on as soon as possible.
 */
export function validate(run: Run, listed: Listed[]): Candidate[] {
  const { state, summary } = run;
  const now = run.ports.clock.now();
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const { form, submission, watermark } of listed) {
    const id = submission.conversionId;
    const undated = isUndated(submission);
    if (!undated && submission.submittedAt < watermark) {
      // A lead's record is keyed by its cleaned id (the prospect's), a rejection's by the id as listed.
      const known = [id, cleanSingleLine(id)].some(
        (key) => state.record(key) || state.passedBelowWatermark(form.guid, key),
      );
      if (seen.has(id) || known) continue; // old news
      seen.add(id);
      summary.rejected++;
      reject(run, form.guid, submission, submission.submittedAt, {
        code: 'before_watermark',
        reason: `Submitted ${timeText(submission.submittedAt)}, before this form's watermark (${timeText(watermark)}): the poller had already passed that time, so it is not answered`,
      });
      continue;
    }
    summary.fetched++;
    if (seen.has(id) || isSettled(state.record(id))) {
      summary.duplicates++;
      continue;
    }
    seen.add(id);
    const intake = parseSubmission(submission, form.guid, form.mapping, now);
    if (!intake.ok) {
      summary.rejected++;
      // An undated submission cannot be placed against the watermark: its record takes the run's time.
      reject(run, form.guid, submission, undated ? now : submission.submittedAt, intake);
      continue;
    }
    candidates.push({ submission, formGuid: form.guid, prospect: intake.prospect });
  }
  return candidates.sort((a, b) => a.submission.submittedAt - b.submission.submittedAt);
}

function reject(
  run: Run,
  formGuid: string,
  submission: FormSubmission,
  recordedAt: number,
  why: { code: string; reason: string },
): void {
  const now = run.ports.clock.now();
  run.state.setRecord(submission.conversionId, {
    stage: 'rejected',
    formGuid,
    submittedAt: recordedAt,
    email: '',
    updatedAt: now,
  });
  run.audit.record('prospect_rejected', {
    resourceType: 'submission',
    resourceId: submission.conversionId || '(none)',
    outcome: 'failure',
    summary: why.reason,
    details: { code: why.code, formGuid, submittedAt: submission.submittedAt },
  });
}

function timeText(at: number): string {
  return Number.isFinite(at) && Math.abs(at) <= 8.64e15 ? new Date(at).toISOString() : String(at);
}

/**
 * The watermark passes every submission that is settled, and stops at the oldest that is not (including
 * valid ones this run had no time for, which have no record yet). Never past the run's start: a
 * submission dated in the future must not hide the leads after it.
 */
export function advanceWatermarks(run: Run, candidates: Candidate[]): void {
  const { state, config, startedAt } = run;
  const records = state.records();
  for (const form of config.shared.forms) {
    const mine = records.filter(([, r]) => r.formGuid === form.guid);
    const unsettled = mine.filter(([, r]) => !isSettled(r)).map(([, r]) => r.submittedAt);
    candidates
      .filter((c) => c.formGuid === form.guid && !isSettled(state.record(c.prospect.conversionId)))
      .forEach((c) => unsettled.push(c.submission.submittedAt));
    const settled = mine.filter(([, r]) => isSettled(r)).map(([, r]) => r.submittedAt);
    const current = watermarkOf(state, form.guid, startedAt);
    const next = Math.min(
      startedAt,
      unsettled.length ? Math.min(...unsettled) : settled.length ? Math.max(...settled) : current,
    );
    if (next > current) state.setWatermark(form.guid, next);
    else if (state.watermark(form.guid) === null) state.setWatermark(form.guid, current);
  }
}
