// What a trial left behind, measured against its expectations: the figures of one row of the matrix.
// Everything is read from the world's state (the mailbox, HubSpot's records, the audit sheet, the
// stores), never from what the add-on says it did.
import { inertForExport } from '../../src/core/audit';
import { cleanSingleLine } from '../../src/core/prospect';
import type { RequestLogEntry } from '../sandbox/sandbox';
import { formulaCells } from '../workbench/fakes/spreadsheet';
import { auditRows } from '../workbench/outcome';
import type { Trial } from './trial';
import { TOKEN } from './world';

export interface Metrics {
  trials: number;
  runs: number;
  /** Injected faults that fired: HubSpot answers replaced by a fault, Apps Script calls made to fail. */
  faults: number;
  submissions: number;
  draftsExpected: number;
  draftsMade: number;
  /** Should be zero: a second draft, task or note for one submission, or two audit rows with one event id. */
  duplicates: number;
  /** Should be zero: submissions that ended as neither what was expected nor a rejection row. */
  lost: number;
  /**
   * Should be zero: outside effects with no audit row: drafts and calendar holds (the fakes' state), HubSpot
   * tasks and notes (the sandbox's state) that no draft_created, slot_held, task_created or note_created
   * row names. A second such row for one effect counts as a duplicate.
   */
  unaudited: number;
  /**
   * Should be zero: a write another execution made in the middle of this one that ended up undone or lost
   * (a setting saved "Saved." but not kept, the sidebar's memory, a queued audit event).
   */
  lostWrites: number;
  /** Should be zero: cells the add-on left as formulas in any spreadsheet, or that export as formulas. */
  formulaCells: number;
  /** Should be zero: drafts whose HTML body holds a tag other than the template's own <br>. */
  unescapedHtml: number;
  /** Should be zero: drafts with a line break or control character in a header (to, subject, from). */
  headerInjection: number;
  /** Should be zero: places outside Properties (the token's own, and the sidebar's copy) where the HubSpot token appears. */
  secretsLeaked: number;
  /** Should be zero: draft-only violations, sent messages and calendar invitations. */
  messagesSent: number;
  /** Should be zero where the case forbids it: executions that threw, and internal_error audit rows. */
  crashes: number;
  /** Submissions that ended differently from their expectation but safely (a draft instead of a rejection). */
  otherOutcome: number;
  /** One line per problem found, for the report. */
  findings: string[];
}

export const ZERO_COLUMNS = [
  'duplicates',
  'lost',
  'unaudited',
  'lostWrites',
  'formulaCells',
  'unescapedHtml',
  'headerInjection',
  'secretsLeaked',
  'messagesSent',
  'crashes',
] as const;

export function emptyMetrics(): Metrics {
  return {
    trials: 0,
    runs: 0,
    faults: 0,
    submissions: 0,
    draftsExpected: 0,
    draftsMade: 0,
    duplicates: 0,
    lost: 0,
    unaudited: 0,
    lostWrites: 0,
    formulaCells: 0,
    unescapedHtml: 0,
    headerInjection: 0,
    secretsLeaked: 0,
    messagesSent: 0,
    crashes: 0,
    otherOutcome: 0,
    findings: [],
  };
}

/** Adds a trial's figures to a case's; findings are kept up to a readable number. */
export function addMetrics(total: Metrics, trial: Metrics, label: string): void {
  for (const key of Object.keys(total) as Array<keyof Metrics>) {
    if (key === 'findings') continue;
    total[key] += trial[key];
  }
  for (const finding of trial.findings) {
    if (total.findings.length < 40) total.findings.push(`${label}: ${finding}`);
  }
}

interface DraftSeen {
  to: string;
  from: string;
  subject: string;
  htmlBody: string;
  text: string;
}

export interface MeasureOptions {
  /**
   * Executions that may throw, each leaving an internal_error row: the ones an injected fault hit (a fault
   * may reach the trigger, as it would in Apps Script). Any more are crashes.
   */
  allowedThrows?: number;
  /** Recipients of drafts the case made on purpose outside the poller (the sidebar). */
  otherDrafts?: string[];
}

export function measure(trial: Trial, options: MeasureOptions = {}): Metrics {
  const world = trial.runner.world;
  const metrics = emptyMetrics();
  const finding = (text: string) => metrics.findings.push(text);
  metrics.trials = 1;
  metrics.runs = trial.pollRuns;
  const expectations = trial.world.expectations;
  metrics.submissions = expectations.length;

  const drafts = draftsOf(trial);
  const byRecipient = countBy(drafts.map((d) => d.to));
  const audit = auditRows(world);
  const rejected = new Set(audit.rows.filter((row) => row[3] === 'prospect_rejected').map((row) => row[6]));
  const hubspot = world.hubspotState();
  const requests = world.hubspotRequests();
  metrics.faults = trial.injectedFaults + requests.filter((r) => r.fault !== null || r.latencyMs > 0).length;
  const tasks = countBy(hubspot.records.tasks.flatMap((t) => markersIn(t.properties.hs_task_body)));
  const notes = countBy(hubspot.records.notes.flatMap((n) => markersIn(n.properties.hs_note_body)));

  // Outcomes, submission by submission.
  const allowed = new Map<string, number>();
  for (const other of options.otherDrafts || []) allowed.set(other, (allowed.get(other) || 0) + 1);
  for (const e of expectations) {
    if (e.expect === 'draft' && e.email) {
      metrics.draftsExpected++;
      allowed.set(e.email, (allowed.get(e.email) || 0) + 1);
    }
    const drafted = !!e.email && (byRecipient.get(e.email) || 0) > 0;
    const wasRejected = rejectedAs(rejected, cleanSingleLine(e.conversionId));
    if (e.expect === 'draft') {
      if (drafted) {
        metrics.draftsMade++;
        if (wasRejected) {
          // Answered, and then rejected by a later run that no longer knew it had answered it.
          metrics.duplicates++;
          finding(`${short(e.conversionId)}: drafted, and also rejected`);
        }
        const marker = markerOf(e.conversionId);
        if (e.crm && (!tasks.get(marker) || !notes.get(marker))) {
          metrics.lost++;
          finding(
            `${short(e.conversionId)}: drafted, but its HubSpot ${tasks.get(marker) ? 'note' : 'task'} is missing`,
          );
        }
      } else if (wasRejected) {
        metrics.otherOutcome++;
        finding(`${short(e.conversionId)}: rejected, expected a draft to ${e.email}`);
      } else {
        metrics.lost++;
        finding(`${short(e.conversionId)}: lost (no draft to ${e.email}, no rejection row)`);
      }
    } else if (e.expect === 'reject' && !wasRejected) {
      if (drafted) {
        metrics.otherOutcome++;
        finding(`${short(e.conversionId)}: drafted, expected a rejection (${e.why || ''})`);
      } else {
        metrics.lost++;
        finding(`${short(e.conversionId)}: lost (no rejection row; ${e.why || 'invalid'})`);
      }
    }
  }

  // Nothing twice.
  for (const [to, count] of byRecipient) {
    const extra = count - Math.max(1, allowed.get(to) || 0);
    if (extra > 0) {
      metrics.duplicates += extra;
      finding(`${count} drafts to ${to}`);
    }
  }
  for (const [kind, counts] of [
    ['tasks', tasks],
    ['notes', notes],
  ] as const) {
    for (const [marker, count] of counts) {
      if (count > 1) {
        metrics.duplicates += count - 1;
        finding(`${count} HubSpot ${kind} carry ${marker}`);
      }
    }
  }
  // A rejection is audited once, however many runs meet the submission again.
  for (const [id, count] of countBy(
    audit.rows.filter((row) => row[3] === 'prospect_rejected').map((row) => row[6]),
  )) {
    if (count > 1) {
      metrics.duplicates += count - 1;
      finding(`${count} rejection rows for ${short(id)}`);
    }
  }
  for (const [id, count] of countBy(audit.rows.map((row) => row[2]))) {
    if (count > 1) {
      metrics.duplicates += count - 1;
      finding(`${count} audit rows with event id ${id}`);
    }
  }

  // Every outside effect audited, once.
  for (const effect of unauditedEffects(trial, audit.rows)) {
    if (effect.rows === 0) {
      metrics.unaudited++;
      finding(`${effect.kind} ${effect.id} has no ${effect.type} row`);
    } else {
      metrics.duplicates += effect.rows - 1;
      finding(`${effect.kind} ${effect.id} has ${effect.rows} ${effect.type} rows`);
    }
  }

  // Safety.
  // A stored value that starts like a formula is live again once the Audit tab is downloaded as CSV/XLSX.
  const liveOnExport = audit.rows.flat().filter((value) => /^[=+\-@\t\r]/.test(value)).length;
  metrics.formulaCells = formulaCells(world.spreadsheets).length + liveOnExport;
  if (metrics.formulaCells)
    finding(`${metrics.formulaCells} formula cell(s) in a spreadsheet or its CSV export (${liveOnExport})`);
  for (const draft of drafts) {
    if (hasUserTag(draft.htmlBody)) {
      metrics.unescapedHtml++;
      finding(`draft to ${draft.to} has markup in its HTML body: ${firstTag(draft.htmlBody)}`);
    }
    if ([draft.to, draft.from, draft.subject].some((h) => /[\p{Cc}\u2028\u2029]/u.test(h))) {
      metrics.headerInjection++;
      finding(`draft to ${JSON.stringify(draft.to)} has a control character in a header`);
    }
  }
  for (const place of leakedPlaces(trial, drafts, audit.rows, requests)) {
    metrics.secretsLeaked++;
    finding(`the HubSpot token appears in ${place}`);
  }
  const sentByAddOn =
    world.mailbox.violations.length +
    world.calendar.violations.length +
    world.mailbox.sent.length +
    world.mailbox.threads.flatMap((t) => t.messages).filter((m) => m.isSent && m.date >= trial.startedAt)
      .length +
    world.calendar.holds.filter((h) => (h.guests || []).length > 0).length;
  metrics.messagesSent = sentByAddOn;
  if (sentByAddOn) finding(`${sentByAddOn} message(s) sent or invitation(s) made`);

  // Crashes.
  const thrown = trial.executions.filter((e) => e.error);
  // The world's setup (the admin creating the audit sheet) is not part of the trial.
  const internal = audit.rows.filter(
    (row) => row[3] === 'internal_error' && Date.parse(row[0]) >= trial.startedAt,
  );
  const mayThrow = options.allowedThrows || 0;
  metrics.crashes = Math.max(0, thrown.length - mayThrow) + Math.max(0, internal.length - mayThrow);
  if (metrics.crashes) {
    thrown.forEach((e) => finding(`${e.functionName} threw: ${e.error}`));
    internal.forEach((row) => finding(`internal_error row: ${row[8]}`));
  }
  return metrics;
}

/**
 * The drafts, calendar holds, HubSpot tasks and notes in the world whose creation row is missing or
 * repeated. Every one of them is the add-on's: the worlds seed no drafts, holds, tasks or notes.
 */
function unauditedEffects(
  trial: Trial,
  rows: string[][],
): Array<{ kind: string; id: string; type: string; rows: number }> {
  const world = trial.runner.world;
  const named = countBy(rows.map((row) => `${row[3]} ${row[6]}`));
  const records = world.hubspotState().records;
  const effects: Array<{ kind: string; id: string; type: string }> = [
    ...world.mailbox.drafts.map((d) => ({ kind: 'draft', id: d.id, type: 'draft_created' })),
    ...world.calendar.holds.map((h) => ({ kind: 'calendar hold', id: h.id, type: 'slot_held' })),
    ...records.tasks.map((t) => ({ kind: 'HubSpot task', id: t.id, type: 'task_created' })),
    ...records.notes.map((n) => ({ kind: 'HubSpot note', id: n.id, type: 'note_created' })),
  ];
  return effects
    .map((e) => ({ ...e, rows: named.get(`${e.type} ${e.id}`) || 0 }))
    .filter((e) => e.rows !== 1);
}

/** An id short enough for a line of the report. */
function short(id: string): string {
  return JSON.stringify(id.length > 40 ? `${id.slice(0, 37)}...(${id.length} chars)` : id);
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) || 0) + 1);
  return counts;
}

// The reference the add-on writes into every task and note (src/core/markers.ts), read independently.
function markerOf(conversionId: string): string {
  return 'prospector:' + conversionId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}

function markersIn(body: string | undefined): string[] {
  return body ? Array.from(body.matchAll(/prospector:[A-Za-z0-9_-]{1,80}/g), (m) => m[0]) : [];
}

function addressOf(header: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(header);
  return (angle ? angle[1] : header).trim().toLowerCase();
}

function draftsOf(trial: Trial): DraftSeen[] {
  const mailbox = trial.runner.world.mailbox;
  return mailbox.drafts.map((record) => {
    const thread = mailbox.threads.find((t) => t.id === record.threadId);
    const message = thread?.messages.find((m) => m.id === record.messageId);
    if (!message) throw new Error(`draft ${record.id} has no message`);
    return {
      to: addressOf(message.to),
      from: message.from,
      subject: message.subject,
      htmlBody: message.htmlBody || '',
      text: JSON.stringify(message),
    };
  });
}

/** The template's HTML is text with <br> line breaks: any other tag came from somewhere it should not. */
function hasUserTag(html: string): boolean {
  return /<(?!br>)\s*[a-z!/?]/i.test(html);
}

function firstTag(html: string): string {
  const match = /<(?!br>)\s*[a-z!/?][^>]{0,40}/i.exec(html);
  return match ? JSON.stringify(match[0]) : '';
}

/** Every place the token must never be: audit rows, drafts, cards, HubSpot bodies and records, stores. */
function leakedPlaces(
  trial: Trial,
  drafts: DraftSeen[],
  rows: string[][],
  requests: RequestLogEntry[],
): string[] {
  const world = trial.runner.world;
  const places: Array<[string, unknown]> = [
    ['the audit sheet', rows],
    ['a draft', drafts.map((d) => d.text)],
    ['a card or notification', trial.runner.results],
    ['a HubSpot request', requests.map((r) => [r.path, r.query, r.body])],
    ['a HubSpot record', world.hubspotState().records],
    // The sidebar's copy of the team settings (src/app/sidebar-memory.ts) is the one other place the token
    // may be: it stays in Properties, as docs/secrets.md says.
    [
      'the user properties',
      [...world.properties.user(trial.world.scenario.user.email)].filter(([key]) => key !== 'sidebar.team'),
    ],
    ['the script cache', [...world.caches.script]],
    ['the user cache', [...world.caches.user(trial.world.scenario.user.email)]],
    [
      'a script property other than the token',
      [...world.properties.script].filter(([key]) => key !== 'hubspot.token'),
    ],
    ['an execution error', trial.executions.map((e) => e.error)],
  ];
  return places.filter(([, value]) => JSON.stringify(value).includes(TOKEN)).map(([place]) => place);
}

/**
 * Whether a rejection row names this submission. A cell keeps at most 50,000 characters (and an id too long
 * for one property value keeps its first 200), so a very long id is matched by the start it keeps.
 */
/** Whether a rejection row names this id, as the audit stores it (inert after export, maybe truncated). */
function rejectedAs(rejected: Set<string>, conversionId: string): boolean {
  const stored = inertForExport(conversionId);
  if (rejected.has(stored)) return true;
  return [...rejected].some(
    (id) => id.length >= 200 && stored.startsWith(id.replace(/…\[truncated \d+ chars\]$/, '')),
  );
}
