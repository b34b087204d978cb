// Audit events and how they become spreadsheet cells. Rows are data, never formulas (sheetSafe), and
// never carry a credential (redactSecrets runs over every cell as a backstop).
import { cleanSingleLine, truncateWithCount } from './prospect';
import { isValidTimeZone, zonedParts, zoneAbbreviation } from './time-zone';

export const AUDIT_EVENT_TYPES = [
  'prospect_intake',
  'prospect_rejected',
  'draft_created',
  'draft_sent',
  'draft_discarded',
  'approval_requested',
  'approval_granted',
  'approval_denied',
  'connector_error',
  'auth_success',
  'auth_failure',
  'security_alert',
  'config_change',
  'task_created',
  'note_created',
  'slot_held',
  'poll_started',
  'poll_finished',
  'poll_skipped',
  'skipped_cooldown',
  'retention_pruned',
  'contact_created',
  'internal_error',
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];
export type AuditOutcome = 'success' | 'failure' | 'skipped' | 'info';
export type AuditResourceType =
  'submission' | 'draft' | 'thread' | 'contact' | 'task' | 'note' | 'setting' | 'event' | 'run' | 'audit';

export interface AuditEvent {
  id: string;
  type: AuditEventType;
  /** Epoch ms. */
  at: number;
  /** Who acted: the user's email, or 'poller (their email)' for their poll run. */
  actor: string;
  resourceType: AuditResourceType;
  resourceId: string;
  outcome: AuditOutcome;
  /** One line a reviewer reads. */
  summary: string;
  details: Record<string, unknown>;
  /** Groups the events of one execution. */
  runId: string;
}

/** An event with a fresh id unless one is given; rejects what the sheet could not record faithfully. */
export function auditEvent(
  fields: Omit<AuditEvent, 'id'> & { id?: string },
  idFactory: () => string,
): AuditEvent {
  if (!(AUDIT_EVENT_TYPES as readonly string[]).includes(fields.type)) {
    throw new Error(`Unknown audit event type '${cleanSingleLine(String(fields.type))}'`);
  }
  if (!Number.isFinite(fields.at)) throw new Error('An audit event needs a finite time');
  return { ...fields, id: fields.id ?? idFactory(), details: { ...fields.details } };
}

export const AUDIT_COLUMNS = [
  'Timestamp (UTC)',
  'Local time',
  'Event id',
  'Event type',
  'Actor',
  'Resource type',
  'Resource id',
  'Outcome',
  'Summary',
  'Details (JSON)',
  'Run id',
  'Previous hash',
  'Hash',
] as const;

/**
 * Sheets refuses cells over 50,000 characters. Written cells carry one extra leading apostrophe
 * (sheetSafe), so the logical text stops one short.
 * https://haeminway.com/en/notes/sheet-cell-json-limit (a cell holds at most 50,000 characters)
 */
export const MAX_CELL_CHARS = 49_999;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** 'yyyy-MM-dd HH:mm:ss zzz' in the reviewer's zone (UTC when the zone is unusable). */
function localTimeText(at: number, timeZone: string): string {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const p = zonedParts(at, zone);
  const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  return `${date} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} ${zoneAbbreviation(at, zone)}`;
}

/** A JSON-safe copy: cycles, bigints, errors and functions become readable values instead of throwing. */
function plainValue(value: unknown, ancestors: object[]): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value !== 'object' || value === null) return value;
  if (ancestors.includes(value)) return '[circular]';
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : 'Invalid Date';
  if (value instanceof Error) return { name: value.name, message: value.message };
  const inner = [...ancestors, value];
  if (Array.isArray(value)) return value.map((item) => plainValue(item, inner) ?? null);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = plainValue(item, inner);
  return copy;
}

function detailsJson(details: Record<string, unknown>): string {
  return JSON.stringify(plainValue(details ?? {}, [])) ?? '{}';
}

// HubSpot private app tokens (pat-na1-<uuid>, pat-eu1-...), bearer credentials, legacy hapikey parameters.
const CREDENTIAL_SHAPES: [RegExp, string][] = [
  [/\bpat-[a-z0-9]{2,6}-[a-z0-9-]{8,}/gi, '[redacted]'],
  [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[redacted]'],
  [/\b(hapikey=)[A-Za-z0-9-]{8,}/gi, '$1[redacted]'],
];

/** Replaces every secret of 8+ characters, and anything shaped like a HubSpot credential, by [redacted]. */
export function redactSecrets(text: string, secrets: string[]): string {
  // Longest first, so a secret that contains another is replaced whole.
  const known = secrets.filter((s) => s.length >= 8).sort((a, b) => b.length - a.length);
  let redacted = known.reduce((acc, secret) => acc.split(secret).join('[redacted]'), text);
  for (const [shape, replacement] of CREDENTIAL_SHAPES) redacted = redacted.replace(shape, replacement);
  return redacted;
}

// Characters that make a cell a formula once the tab is downloaded as CSV or XLSX and opened in a
// spreadsheet program (OWASP, CSV Injection: '=', '+', '-', '@', tab, carriage return), and their full-width
// forms, which some locales' programs accept too. https://owasp.org/www-community/attacks/CSV_Injection
const EXPORT_FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Text that stays inert after export: a leading apostrophe, as OWASP advises, that is part of the VALUE
 * (what getValues returns, what the hash covers and what an export shows), not the hidden one sheetSafe adds
 * for Sheets itself. A reader sees "'=SUM(A1)": what the person typed, visibly quoted.
 */
export function inertForExport(text: string): string {
  return EXPORT_FORMULA_START.test(text) ? `'${text}` : text;
}

function cell(text: string): string {
  return truncateWithCount(inertForExport(redactSecrets(text, [])), MAX_CELL_CHARS);
}

/**
 * The first 11 columns of AUDIT_COLUMNS as logical strings: what the hash chain covers and what reading the
 * sheet gives back. Short fields become one clean line; details are JSON (which escapes control characters);
 * none starts with a formula character (inertForExport), so a downloaded copy is as inert as the sheet.
 */
export function eventCells(e: AuditEvent, timeZone: string): string[] {
  const line = (value: unknown) => cell(cleanSingleLine(String(value ?? '')));
  const timed = Number.isFinite(e.at) && Math.abs(e.at) <= 8.64e15;
  return [
    timed ? new Date(e.at).toISOString() : 'invalid time',
    timed ? localTimeText(e.at, timeZone) : 'invalid time',
    line(e.id),
    line(e.type),
    line(e.actor),
    line(e.resourceType),
    line(e.resourceId),
    line(e.outcome),
    line(e.summary),
    cell(detailsJson(e.details)),
    line(e.runId),
  ];
}

/**
 * What to write to Sheets for a logical cell. Range.setValues parses strings as if typed: '=...' (and
 * '+', '-', '@') becomes a formula, and '00123', 'TRUE', 'Mar 1 2016' or a hash of zeros becomes a number,
 * boolean or date, so the text read back would differ and break the hash chain. A leading apostrophe makes
 * Sheets store any input as text; Sheets hides it and getValues returns the text without it. So every
 * non-empty cell gets one. This needs setValues' as-typed parsing: do not format the range as plain text
 * ('@') or write RAW values, where the apostrophe would be kept as a character.
 * https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption (USER_ENTERED vs RAW)
 */
export function sheetSafe(cellText: string): string {
  return cellText === '' ? '' : `'${cellText}`;
}
