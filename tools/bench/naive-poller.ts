// The naive poller: the original design's seven sequential steps, one prospect at a time, each step its
// own call. Per prospect: a HubSpot search for the contact, a search for its company by domain, a read
// of the contact's company associations, a Gmail search for earlier conversations, a calendar read,
// a draft, a task and a note (one request each), one audit appendRow per event (the same events ours
// records) and a progress write. Per run: settings, the submission pages, the audit sheet and the
// calendar are opened once. It neither routes by owner nor applies cooldowns: in the bench's worlds
// every lead passes those anyway, and leaving them out can only flatter the baseline.
import { auditEvent, eventCells, sheetSafe } from '../../src/core/audit';
import type { AuditEventType } from '../../src/core/audit';
import { composeDraft } from '../../src/core/compose';
import { markerLine } from '../../src/core/markers';
import { FIRST_RUN_LOOKBACK_MS, SUBMISSIONS_PAGE } from '../../src/core/poll-run';
import { DEFAULT_FIELD_MAPPING, parseSubmission } from '../../src/core/prospect';
import type { FormSubmission } from '../../src/core/prospect';
import type { SharedSettings } from '../../src/core/settings';
import { DEFAULT_SLOT_RULES, findFreeSlots } from '../../src/core/slots';
import type { Slot, SlotRules } from '../../src/core/slots';
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import { TRIGGER_BUDGET_MS } from '../../src/app/context';
import { AUDIT_TAB } from '../../src/services/sheet-audit-log';
import { SHARED_KEY, TOKEN_KEY, USER_KEY } from '../../src/services/settings-store';
import { COMPANY_PROPERTIES, CONTACT_PROPERTIES } from '../../src/services/hubspot/responses';
import { busyEventOf } from './naive-sidebar';
import { associatedCompanyIds, CRM_OBJECTS, hubspotFetch, searchOne } from './naive-http';

/** Where the naive poller keeps each form's progress: the submittedAt of the last prospect it finished. */
const NAIVE_WATERMARK_PREFIX = 'naive.wm:';
const TASK_TO_CONTACT = 204;
const NOTE_TO_CONTACT = 202;

export interface NaivePollSummary {
  drafted: number;
  rejected: number;
  /** Submissions left for the next run (time budget). */
  pending: number;
}

interface Run {
  token: string;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  calendar: GoogleAppsScript.Calendar.Calendar;
  rules: SlotRules;
  sender: { name: string; email: string; timeZone: string };
  runId: string;
  offered: Slot[];
}

export function naivePoll(): NaivePollSummary {
  const startedAt = Date.now();
  const script = PropertiesService.getScriptProperties();
  const token = script.getProperty(TOKEN_KEY) || '';
  const shared = JSON.parse(script.getProperty(SHARED_KEY) || '{}') as SharedSettings;
  const userStore = PropertiesService.getUserProperties();
  const personal = JSON.parse(userStore.getProperty(USER_KEY) || '{}') as {
    slotRules?: Partial<SlotRules>;
    senderName?: string;
  };
  const calendar = CalendarApp.getDefaultCalendar();
  // A time-driven trigger runs as its owner; Apps Script may withhold the active user there.
  const email = Session.getEffectiveUser().getEmail();
  const timeZone = calendar.getTimeZone();
  const run: Run = {
    token,
    sheet: SpreadsheetApp.openById(String(shared.auditSpreadsheetId)).getSheetByName(
      AUDIT_TAB,
    ) as GoogleAppsScript.Spreadsheet.Sheet,
    calendar,
    rules: { ...DEFAULT_SLOT_RULES, ...personal.slotRules, timeZone },
    sender: { name: personal.senderName || email, email, timeZone },
    runId: Utilities.getUuid(),
    offered: [],
  };
  const summary: NaivePollSummary = { drafted: 0, rejected: 0, pending: 0 };
  audit(run, 'poll_started', 'run', run.runId, 'info', 'Naive poll started');
  for (const form of shared.forms) {
    const key = NAIVE_WATERMARK_PREFIX + form.guid;
    const watermark = Number(userStore.getProperty(key) || startedAt - FIRST_RUN_LOOKBACK_MS);
    const fresh = newSubmissions(token, form.guid, watermark);
    for (let i = 0; i < fresh.length; i++) {
      if (Date.now() - startedAt >= TRIGGER_BUDGET_MS) {
        summary.pending += fresh.length - i;
        break;
      }
      prospect(run, fresh[i], form.guid, summary);
      userStore.setProperty(key, String(fresh[i].submittedAt));
    }
  }
  audit(run, 'poll_finished', 'run', run.runId, 'success', `${summary.drafted} draft(s)`);
  return summary;
}

/** Pages newest first until a page reaches the watermark; returns the new ones oldest first. */
function newSubmissions(token: string, formGuid: string, watermark: number): FormSubmission[] {
  const found: FormSubmission[] = [];
  let after: string | null = null;
  do {
    const query: string = `limit=${SUBMISSIONS_PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const page = hubspotFetch(
      token,
      'get',
      `/form-integrations/v1/submissions/forms/${encodeURIComponent(formGuid)}?${query}`,
    );
    const results = (page.results as FormSubmission[]) || [];
    found.push(...results.filter((s) => s.submittedAt > watermark));
    const paging = page.paging as { next?: { after?: string } } | undefined;
    const reached = results.some((s) => s.submittedAt <= watermark);
    after = !reached && paging && paging.next && paging.next.after ? paging.next.after : null;
  } while (after);
  return found.sort((a, b) => a.submittedAt - b.submittedAt);
}

/** Steps 1 to 7 for one submission. */
function prospect(run: Run, submission: FormSubmission, formGuid: string, summary: NaivePollSummary): void {
  const now = Date.now();
  const intake = parseSubmission(submission, formGuid, DEFAULT_FIELD_MAPPING, now);
  if (!intake.ok) {
    summary.rejected++;
    audit(run, 'prospect_rejected', 'submission', intake.conversionId, 'failure', intake.reason);
    return;
  }
  const p = intake.prospect;
  audit(run, 'prospect_intake', 'submission', p.conversionId, 'success', `Form lead from ${p.email}`);
  const contact = searchOne(run.token, 'contacts', 'email', p.email, CONTACT_PROPERTIES);
  const company = searchOne(run.token, 'companies', 'domain', p.email.split('@')[1], COMPANY_PROPERTIES);
  if (contact) associatedCompanyIds(run.token, contact.id);
  const threads = GmailApp.search(`from:${p.email} OR to:${p.email}`, 0, 3);
  const horizonEnd = now + (run.rules.horizonDays + 1) * 86_400_000;
  const busy = run.calendar.getEvents(new Date(now), new Date(horizonEnd)).map(busyEventOf);
  const slots = findFreeSlots(run.rules, busy, now, run.offered);
  run.offered.push(...slots);
  const composed = composeDraft({
    recipient: {
      email: p.email,
      firstName: p.firstName,
      lastName: p.lastName,
      company: p.company || (company ? company.properties.name : null),
      timeZone: p.timeZone,
      message: p.message,
      sourcePage: p.sourcePage,
    },
    sender: run.sender,
    slots,
    template: DEFAULT_TEMPLATES[0],
    replySubject: threads[0] ? threads[0].getFirstMessageSubject() : undefined,
  });
  const draft = threads[0]
    ? threads[0].createDraftReply(composed.textBody, { htmlBody: composed.htmlBody })
    : GmailApp.createDraft(composed.to, composed.subject, composed.textBody, { htmlBody: composed.htmlBody });
  summary.drafted++;
  audit(run, 'draft_created', 'draft', draft.getId(), 'success', `Reply draft prepared for ${p.email}`);
  audit(run, 'approval_requested', 'draft', draft.getId(), 'info', `Draft to ${p.email} waits for review`);
  if (!contact) return;
  const owner = contact.properties.hubspot_owner_id || null;
  const task = hubspotFetch(run.token, 'post', `${CRM_OBJECTS}/tasks`, {
    properties: {
      hs_timestamp: new Date(now + 86_400_000).toISOString(),
      hs_task_subject: `Review and send the reply draft to ${p.email}`,
      hs_task_body: `A reply draft is waiting in Gmail.\n${markerLine(p.conversionId)}`,
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: 'HIGH',
      hs_task_type: 'EMAIL',
      ...(owner ? { hubspot_owner_id: owner } : {}),
    },
    associations: [associationTo(contact.id, TASK_TO_CONTACT)],
  });
  audit(run, 'task_created', 'task', String(task.id), 'success', `HubSpot task for ${p.email}`);
  const note = hubspotFetch(run.token, 'post', `${CRM_OBJECTS}/notes`, {
    properties: {
      hs_timestamp: new Date(now).toISOString(),
      hs_note_body: `Form submission received.\n${markerLine(p.conversionId)}`,
      ...(owner ? { hubspot_owner_id: owner } : {}),
    },
    associations: [associationTo(contact.id, NOTE_TO_CONTACT)],
  });
  audit(run, 'note_created', 'note', String(note.id), 'success', `HubSpot note for ${p.email}`);
}

function associationTo(contactId: string, typeId: number): unknown {
  return {
    to: { id: contactId },
    types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }],
  };
}

/** One appendRow per event, as the original design's audit trail logs each event on its own. */
function audit(
  run: Run,
  type: AuditEventType,
  resourceType: 'run' | 'submission' | 'draft' | 'task' | 'note',
  resourceId: string,
  outcome: 'success' | 'failure' | 'info',
  summary: string,
): void {
  const event = auditEvent(
    {
      type,
      at: Date.now(),
      actor: 'poller',
      resourceType,
      resourceId,
      outcome,
      summary,
      details: {},
      runId: run.runId,
    },
    () => Utilities.getUuid(),
  );
  run.sheet.appendRow(eventCells(event, run.sender.timeZone).map(sheetSafe));
}
