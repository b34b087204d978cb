// What a run left behind, read from the world's state: drafts, HubSpot writes, audit rows, calls, time.
// result.json is this object; tests and the reliability and benchmark reports read it too.
import type { AuditEvent } from '../../src/core/audit';
import { unpackChunk } from '../../src/core/poll-state';
import type { StoredChunk } from '../../src/core/poll-state';
import { formulaCells } from './fakes/spreadsheet';
import type { DraftRecord, MailboxState, MailMessageState } from './fakes/gmail';
import type { StepResult } from './runner';
import type { World } from './world';

export interface DraftOutcome {
  /** Whose mailbox holds the draft. */
  user: string;
  draftId: string;
  threadId: string;
  /** True when the draft is a reply in an existing conversation. */
  reply: boolean;
  from: string;
  to: string;
  /** Empty when the draft has none: the add-on never adds copies or a Reply-To. */
  cc: string;
  bcc: string;
  replyTo: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  createdAt: string;
}

export interface HubSpotWrite {
  method: string;
  path: string;
  status: number;
  at: string;
  body: unknown;
}

export interface Outcome {
  scenario: string;
  simulatedStart: string;
  simulatedEnd: string;
  steps: StepResult[];
  drafts: DraftOutcome[];
  /** Messages the user sent themselves (the "person" steps); the add-on never sends. */
  sentByPerson: number;
  hubspotWrites: HubSpotWrite[];
  hubspotRecords: { tasks: unknown[]; notes: unknown[]; contacts: number };
  audit: { header: string[]; rows: string[][] };
  /** Events recorded but still in the team's queue (script properties) for the sheet owner's next drain. */
  auditQueued: AuditEvent[];
  calendarHolds: Array<{
    user: string;
    id: string;
    title: string;
    start: string;
    end: string;
    guests: string[];
  }>;
  triggers: Array<{ user: string; handler: string; schedule: unknown }>;
  calls: { roundTrips: number; byService: Record<string, number>; hubspotRequests: number };
  /** Requests the model sandbox answered (the message writer's); 0 when nothing asked a model. */
  modelRequests: number;
  safety: { draftOnlyViolations: number; formulaCells: number; calendarInvitations: number };
  errors: string[];
  /** The add-on's settings at the end (its preset says which; secrets masked), or null. */
  settingsAtEnd: unknown;
}

export function collectOutcome(
  world: World,
  steps: StepResult[],
  scenarioName: string,
  startedAt: number,
  settingsAtEnd: unknown = null,
): Outcome {
  const everyone = world.everyone();
  const drafts: DraftOutcome[] = everyone.flatMap(({ profile, mailbox }) =>
    mailbox.drafts.map((record) => draftOutcome(profile.email, mailbox, record)),
  );
  const requests = world.hubspotRequests();
  const hubspotWrites = requests
    .filter((r) => r.method !== 'GET' && !/\/(batch\/read|search)$/.test(r.path))
    .map((r) => ({
      method: r.method,
      path: r.path,
      status: r.status,
      at: new Date(r.at).toISOString(),
      body: r.body,
    }));
  const state = world.hubspotState();
  const audit = auditRows(world);
  const byService: Record<string, number> = {};
  for (const call of world.ledger.roundTrips()) byService[call.service] = (byService[call.service] || 0) + 1;
  return {
    scenario: scenarioName,
    simulatedStart: new Date(startedAt).toISOString(),
    simulatedEnd: new Date(world.clock.now()).toISOString(),
    steps,
    drafts,
    sentByPerson: everyone
      .flatMap(({ mailbox }) => mailbox.threads.flatMap((t) => t.messages))
      .filter((m) => m.isSent && m.date >= startedAt).length,
    hubspotWrites,
    hubspotRecords: {
      tasks: state.records.tasks,
      notes: state.records.notes,
      contacts: state.records.contacts.length,
    },
    audit,
    auditQueued: queuedAuditEvents(world),
    calendarHolds: everyone.flatMap(({ profile, calendar }) =>
      calendar.holds.map((h) => ({
        user: profile.email,
        id: h.id,
        title: h.title,
        start: new Date(h.start).toISOString(),
        end: new Date(h.end).toISOString(),
        guests: h.guests || [],
      })),
    ),
    triggers: world.triggers
      .list()
      .map((t) => ({ user: t.ownerEmail, handler: t.handlerFunction, schedule: t.schedule })),
    calls: { roundTrips: world.ledger.roundTrips().length, byService, hubspotRequests: requests.length },
    modelRequests: world.modelRequests().length,
    safety: {
      draftOnlyViolations: everyone.reduce(
        (n, u) => n + u.mailbox.violations.length + u.calendar.violations.length,
        0,
      ),
      formulaCells: formulaCells(world.spreadsheets).length,
      calendarInvitations: everyone.reduce(
        (n, u) => n + u.calendar.holds.filter((h) => (h.guests || []).length > 0).length,
        0,
      ),
    },
    errors: steps.filter((s) => s.error).map((s) => `step ${s.index} (${s.label}): ${s.error}`),
    settingsAtEnd,
  };
}

function draftOutcome(user: string, mailbox: MailboxState, record: DraftRecord): DraftOutcome {
  const thread = mailbox.threads.find((t) => t.id === record.threadId);
  const message = thread?.messages.find((m) => m.id === record.messageId) as MailMessageState;
  return {
    user,
    draftId: record.id,
    threadId: record.threadId,
    reply: !!thread && thread.messages.some((m) => !m.isDraft),
    from: message.from,
    to: message.to,
    cc: message.cc ?? '',
    bcc: message.bcc ?? '',
    replyTo: message.replyTo ?? '',
    subject: message.subject,
    textBody: message.plainBody,
    htmlBody: message.htmlBody || '',
    createdAt: new Date(record.createdAt).toISOString(),
  };
}

/** The Audit tab as the reviewer reads it (every spreadsheet the add-on made has at most one). */
export function auditRows(world: World): { header: string[]; rows: string[][] } {
  for (const file of world.spreadsheets.files.values()) {
    const sheet = file.sheets.find((s) => s.name === 'Audit');
    if (!sheet) continue;
    const values = sheet.cells.map((row) =>
      (row || []).map((cell) =>
        !cell || cell.value === null || cell.value === undefined ? '' : String(cell.value),
      ),
    );
    return { header: values[0] || [], rows: values.slice(1).filter((row) => row.some((c) => c !== '')) };
  }
  return { header: [], rows: [] };
}

/** The events waiting in the team's audit queue (script properties `auditq:*`), oldest first. */
export function queuedAuditEvents(world: World): AuditEvent[] {
  return [...world.properties.script.entries()]
    .filter(([key, value]) => key.startsWith('auditq:') && value)
    .flatMap(([, value]) => unpackChunk(JSON.parse(value) as StoredChunk))
    .sort((a, b) => a.at - b.at);
}
