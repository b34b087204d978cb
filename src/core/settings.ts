// Settings shared by the team (script properties) and each user's own (user properties): defaults,
// validation with messages that say what to fix, and the differences recorded as config_change rows.
// Sending is not a setting: Prospector only prepares drafts (DRAFT_ONLY_FACTS).
import type { FieldError } from './field-error';
import { DEFAULT_FIELD_MAPPING, cleanSingleLine } from './prospect';
import type { FieldMapping } from './prospect';
import { DEFAULT_SLOT_RULES, validateSlotRules } from './slots';
import type { SlotRules } from './slots';
import { DEFAULT_TEMPLATES } from './templates';
import { DEFAULT_WRITER_SETTINGS, readWriterSettings } from './writer-settings';
import type { WriterSettings } from './writer-settings';

export interface FormConfig {
  guid: string;
  name: string;
  mapping: FieldMapping;
}

export interface SharedSettings {
  portalId: string | null;
  forms: FormConfig[];
  auditSpreadsheetId: string | null;
  pollerEnabled: boolean;
  pollerIntervalMinutes: number;
  /** No second draft to the same contact within this many days. */
  contactCooldownDays: number;
  /** At most this many drafts a day to addresses of one domain. */
  domainDailyLimit: number;
  /** Audit rows older than this are pruned (the chain is re-anchored). */
  retentionDays: number;
  /** How long CRM context stays cached for the sidebar. */
  cacheMinutes: number;
  /** The optional model-written first draft (core/writer-settings.ts); off by default. */
  writer: WriterSettings;
}

export interface UserSettings {
  slotRules: Omit<SlotRules, 'timeZone'>;
  defaultTemplateId: string;
  /** Draft for leads whose HubSpot contact has no owner. Off by default so two users never both do. */
  takeUnassignedLeads: boolean;
  /** Calendar holds for offered slots are released after this many days without a reply. */
  holdReleaseDays: number;
  senderName: string | null;
}

export const DEFAULT_SHARED_SETTINGS: SharedSettings = {
  portalId: null,
  forms: [],
  auditSpreadsheetId: null,
  pollerEnabled: false,
  pollerIntervalMinutes: 60,
  contactCooldownDays: 14,
  domainDailyLimit: 10,
  retentionDays: 365,
  cacheMinutes: 10,
  writer: DEFAULT_WRITER_SETTINGS,
};

export const DEFAULT_USER_SETTINGS: UserSettings = {
  slotRules: DEFAULT_SLOT_RULES,
  defaultTemplateId: DEFAULT_TEMPLATES[0].id,
  takeUnassignedLeads: false,
  holdReleaseDays: 3,
  senderName: null,
};

/** Fixed facts of the product, shown for transparency; no input can change them. */
export const DRAFT_ONLY_FACTS = Object.freeze({
  modeDraftOnly: true,
  allowAutoSend: false,
  requireApproval: true,
} as const);

export type { FieldError } from './field-error';
export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

// ---- reading untrusted input ---------------------------------------------------------------------

type Input = Record<string, unknown>;

/** Results never share objects with the defaults, so a caller editing one cannot change the defaults. */
function detached<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isRecord(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys that look like an attempt to turn sending on (allowAutoSend, auto_send, mode_draft_only, sendEmails...). */
function isSendingKey(key: string): boolean {
  return /autosend|draftonly|sendemail|sendmail|sendmessage|allowsend|enablesend|requireapproval/.test(
    key.toLowerCase().replace(/[^a-z0-9]/g, ''),
  );
}

function sendingKeyErrors(value: unknown, path: string): FieldError[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => sendingKeyErrors(item, `${path}[${i}]`));
  if (!isRecord(value)) return [];
  return Object.keys(value).flatMap((key) => {
    const field = path ? `${path}.${key}` : key;
    if (!isSendingKey(key)) return sendingKeyErrors(value[key], field);
    return [
      {
        field,
        message: `'${cleanSingleLine(key)}' cannot be set: Prospector only prepares drafts and never sends email. Draft-only is part of the product, not a setting.`,
      },
    ];
  });
}

function unknownKeyErrors(input: Input, known: object, path = ''): FieldError[] {
  return Object.keys(input)
    .filter((key) => !Object.prototype.hasOwnProperty.call(known, key) && !isSendingKey(key))
    .map((key) => ({ field: path + key, message: `Unknown setting '${cleanSingleLine(key)}'` }));
}

/** Collects errors while reading fields, falling back to defaults for absent ones. */
class Reader {
  readonly errors: FieldError[] = [];

  constructor(
    private readonly input: Input,
    private readonly path = '',
  ) {}

  has(key: string): boolean {
    return this.input[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.input[key];
  }

  fail(key: string, message: string): void {
    this.errors.push({ field: this.path + key, message });
  }

  boolean(key: string, fallback: boolean, label: string): boolean {
    const value = this.input[key];
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    this.fail(key, `${label} must be true or false`);
    return fallback;
  }

  /** Whole numbers, also when a form field delivers them as text ("60"). */
  wholeNumber(key: string, fallback: number, min: number, max: number, label: string): number {
    const value = this.input[key];
    if (value === undefined) return fallback;
    const number = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max)
      return number;
    this.fail(key, `${label} must be a whole number from ${min} to ${max}`);
    return fallback;
  }

  /** A trimmed single line, or null when empty or absent. */
  optionalText(key: string, fallback: string | null, max: number, label: string): string | null {
    const value = this.input[key];
    if (value === undefined) return fallback;
    if (value === null) return null;
    if (typeof value !== 'string' && typeof value !== 'number') {
      this.fail(key, `${label} must be text`);
      return fallback;
    }
    const text = cleanSingleLine(String(value));
    if (text.length > max) {
      this.fail(key, `${label} must be at most ${max} characters`);
      return fallback;
    }
    return text || null;
  }
}

// ---- shared settings -----------------------------------------------------------------------------

const FORM_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HUBSPOT_PROPERTY = /^[a-z0-9_]{1,100}$/;
const MAX_FORMS = 20;
const MAX_CANDIDATES = 10;
const SUB_HOURLY_MINUTES = [5, 10, 15, 30];
/** An hour timer runs every 1, 2, 4, 6, 8 or 12 hours (the intervals Apps Script takes for everyHours). */
export const HOURLY_INTERVAL_MINUTES = [60, 120, 240, 360, 480, 720];

/**
 * Apps Script timers run every 1, 5, 10, 15 or 30 minutes or every 1, 2, 4, 6, 8 or 12 hours
 * (https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyMinutes(Integer));
 * an installed add-on's timers run at most hourly. 1 minute is left out: it would spend HubSpot's quota.
 */
function pollIntervalProblem(minutes: unknown, allowSubHourly: boolean): string | null {
  const value = typeof minutes === 'string' && /^\s*\d+\s*$/.test(minutes) ? Number(minutes) : minutes;
  if (typeof value !== 'number' || !Number.isInteger(value))
    return 'Poll interval must be a whole number of minutes';
  if (HOURLY_INTERVAL_MINUTES.includes(value)) return null;
  if (allowSubHourly && SUB_HOURLY_MINUTES.includes(value)) return null;
  if (!allowSubHourly && value < 60) {
    return 'Poll interval must be 60 minutes or more for an installed add-on (Google runs add-on timers at most hourly)';
  }
  return allowSubHourly
    ? 'Poll interval must be 5, 10, 15 or 30 minutes, or 60, 120, 240, 360, 480 or 720 (every 1, 2, 4, 6, 8 or 12 hours)'
    : 'Poll interval must be 60, 120, 240, 360, 480 or 720 minutes (every 1, 2, 4, 6, 8 or 12 hours, as Apps Script timers run)';
}

function portalId(reader: Reader): string | null {
  const value = reader.raw('portalId');
  if (value === undefined) return DEFAULT_SHARED_SETTINGS.portalId;
  if (value === null || value === '') return null;
  const text = String(value).trim();
  if ((typeof value === 'string' || typeof value === 'number') && /^\d{1,15}$/.test(text)) return text;
  reader.fail('portalId', 'HubSpot account id must be the number shown in HubSpot under your account name');
  return null;
}

/** Accepts the spreadsheet's id or its URL (https://docs.google.com/spreadsheets/d/<id>/edit). */
function spreadsheetId(reader: Reader): string | null {
  const value = reader.raw('auditSpreadsheetId');
  if (value === undefined) return DEFAULT_SHARED_SETTINGS.auditSpreadsheetId;
  if (value === null || value === '') return null;
  const text = typeof value === 'string' ? value.trim() : '';
  const fromUrl = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(text);
  const id = fromUrl ? fromUrl[1] : text;
  if (/^[A-Za-z0-9_-]{20,100}$/.test(id)) return id;
  reader.fail(
    'auditSpreadsheetId',
    "Audit spreadsheet must be a Google Sheets URL or the id from its URL (after '/d/')",
  );
  return null;
}

function fieldMapping(value: unknown, reader: Reader, field: string): FieldMapping {
  if (value === undefined) return DEFAULT_FIELD_MAPPING;
  if (!isRecord(value)) {
    reader.fail(field, 'Field mapping must map prospect fields (email, firstName...) to HubSpot field names');
    return DEFAULT_FIELD_MAPPING;
  }
  const mapping: FieldMapping = { ...DEFAULT_FIELD_MAPPING };
  reader.errors.push(...unknownKeyErrors(value, DEFAULT_FIELD_MAPPING, `${field}.`));
  for (const key of Object.keys(DEFAULT_FIELD_MAPPING) as (keyof FieldMapping)[]) {
    const given = value[key];
    if (given === undefined) continue;
    const names = (typeof given === 'string' ? [given] : Array.isArray(given) ? given : [null]).map((n) =>
      typeof n === 'string' ? n.trim().toLowerCase() : '',
    );
    if (!names.length || names.length > MAX_CANDIDATES || !names.every((n) => HUBSPOT_PROPERTY.test(n))) {
      reader.fail(
        `${field}.${key}`,
        `HubSpot field names for ${key} must be 1 to ${MAX_CANDIDATES} internal names (lower case letters, digits, _)`,
      );
      continue;
    }
    mapping[key] = names;
  }
  return mapping;
}

function formConfigs(reader: Reader): FormConfig[] {
  const value = reader.raw('forms');
  if (value === undefined) return DEFAULT_SHARED_SETTINGS.forms;
  if (!Array.isArray(value)) {
    reader.fail('forms', 'Forms must be a list of HubSpot forms (GUID and name)');
    return [];
  }
  if (value.length > MAX_FORMS) reader.fail('forms', `At most ${MAX_FORMS} forms can be polled`);
  const seen = new Set<string>();
  return value.slice(0, MAX_FORMS).flatMap((item, i) => {
    const field = `forms[${i}]`;
    if (!isRecord(item)) {
      reader.fail(field, 'Each form needs a GUID and a name');
      return [];
    }
    reader.errors.push(...unknownKeyErrors(item, { guid: 0, name: 0, mapping: 0 }, `${field}.`));
    const guid = typeof item.guid === 'string' ? item.guid.trim().toLowerCase() : '';
    if (!FORM_GUID.test(guid)) {
      reader.fail(
        `${field}.guid`,
        "Form GUID must look like 'a1b2c3d4-e5f6-7890-abcd-ef1234567890' (HubSpot form editor URL)",
      );
      return [];
    }
    if (seen.has(guid)) {
      reader.fail(`${field}.guid`, `Form ${guid} is listed twice`);
      return [];
    }
    seen.add(guid);
    const form = new Reader(item, `${field}.`);
    const name = form.optionalText('name', null, 100, 'Form name') ?? `Form ${guid.slice(0, 8)}`;
    reader.errors.push(...form.errors);
    return [{ guid, name, mapping: fieldMapping(item.mapping, reader, `${field}.mapping`) }];
  });
}

function writerOf(reader: Reader): WriterSettings {
  const read = readWriterSettings(reader.raw('writer'));
  reader.errors.push(...read.errors);
  return read.value;
}

export function validateShared(
  input: unknown,
  options: { allowSubHourly?: boolean } = {},
): Validation<SharedSettings> {
  if (!isRecord(input))
    return { ok: false, errors: [{ field: '', message: 'Settings must be a JSON object' }] };
  const reader = new Reader(input);
  reader.errors.push(...sendingKeyErrors(input, ''), ...unknownKeyErrors(input, DEFAULT_SHARED_SETTINGS));

  let pollerIntervalMinutes = DEFAULT_SHARED_SETTINGS.pollerIntervalMinutes;
  if (reader.has('pollerIntervalMinutes')) {
    const problem = pollIntervalProblem(reader.raw('pollerIntervalMinutes'), options.allowSubHourly === true);
    if (problem) reader.fail('pollerIntervalMinutes', problem);
    else pollerIntervalMinutes = Number(reader.raw('pollerIntervalMinutes'));
  }
  const d = DEFAULT_SHARED_SETTINGS;
  const value: SharedSettings = {
    portalId: portalId(reader),
    forms: formConfigs(reader),
    auditSpreadsheetId: spreadsheetId(reader),
    pollerEnabled: reader.boolean('pollerEnabled', d.pollerEnabled, 'Poller enabled'),
    pollerIntervalMinutes,
    contactCooldownDays: reader.wholeNumber(
      'contactCooldownDays',
      d.contactCooldownDays,
      0,
      365,
      'Contact cooldown (days)',
    ),
    domainDailyLimit: reader.wholeNumber(
      'domainDailyLimit',
      d.domainDailyLimit,
      1,
      1000,
      'Drafts per domain per day',
    ),
    retentionDays: reader.wholeNumber('retentionDays', d.retentionDays, 30, 3650, 'Audit retention (days)'),
    // Apps Script keeps cached values at most 6 hours.
    cacheMinutes: reader.wholeNumber('cacheMinutes', d.cacheMinutes, 0, 360, 'CRM cache (minutes)'),
    writer: writerOf(reader),
  };
  return reader.errors.length ? { ok: false, errors: reader.errors } : { ok: true, value: detached(value) };
}

// ---- user settings -------------------------------------------------------------------------------

const NUMERIC_SLOT_RULES = [
  'slotMinutes',
  'alignMinutes',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'minNoticeMinutes',
  'horizonDays',
  'maxPerDay',
  'maxTotal',
] as const;

/** Partial rules over the defaults; weeklyHours, when given, replaces the default week as a whole. */
function slotRules(reader: Reader): Omit<SlotRules, 'timeZone'> {
  const value = reader.raw('slotRules');
  if (value === undefined) return DEFAULT_USER_SETTINGS.slotRules;
  if (!isRecord(value)) {
    reader.fail('slotRules', 'Meeting rules must be an object (working hours, meeting length...)');
    return DEFAULT_USER_SETTINGS.slotRules;
  }
  reader.errors.push(...unknownKeyErrors(value, DEFAULT_SLOT_RULES, 'slotRules.'));
  const rules = { ...DEFAULT_SLOT_RULES, ...value } as Omit<SlotRules, 'timeZone'>;
  for (const key of NUMERIC_SLOT_RULES) {
    const given: unknown = rules[key];
    if (typeof given === 'string' && /^\s*\d+\s*$/.test(given)) rules[key] = Number(given);
  }
  const tentative: unknown = rules.tentativeIsBusy;
  if (tentative === 'true' || tentative === 'false') rules.tentativeIsBusy = tentative === 'true';
  // The user's zone comes from their calendar, not from settings; any valid zone lets the rest be checked.
  for (const message of validateSlotRules({ ...rules, timeZone: 'UTC' })) reader.fail('slotRules', message);
  return rules;
}

export function validateUser(
  input: unknown,
  options: { templateIds?: string[] } = {},
): Validation<UserSettings> {
  if (!isRecord(input))
    return { ok: false, errors: [{ field: '', message: 'Settings must be a JSON object' }] };
  const reader = new Reader(input);
  reader.errors.push(...sendingKeyErrors(input, ''), ...unknownKeyErrors(input, DEFAULT_USER_SETTINGS));
  const d = DEFAULT_USER_SETTINGS;
  const templateIds = options.templateIds ?? DEFAULT_TEMPLATES.map((t) => t.id);

  let defaultTemplateId = d.defaultTemplateId;
  if (reader.has('defaultTemplateId')) {
    const id = reader.raw('defaultTemplateId');
    if (typeof id === 'string' && templateIds.includes(id)) defaultTemplateId = id;
    else reader.fail('defaultTemplateId', `Default template must be one of: ${templateIds.join(', ')}`);
  }
  const value: UserSettings = {
    slotRules: slotRules(reader),
    defaultTemplateId,
    takeUnassignedLeads: reader.boolean(
      'takeUnassignedLeads',
      d.takeUnassignedLeads,
      'Take unassigned leads',
    ),
    holdReleaseDays: reader.wholeNumber(
      'holdReleaseDays',
      d.holdReleaseDays,
      1,
      30,
      'Release holds after (days)',
    ),
    senderName: reader.optionalText('senderName', d.senderName, 100, 'Sender name'),
  };
  return reader.errors.length ? { ok: false, errors: reader.errors } : { ok: true, value: detached(value) };
}

// ---- differences ---------------------------------------------------------------------------------

export interface SettingChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** Leaves of nested plain objects by dotted path; arrays are compared as whole values. */
function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (isRecord(value) && (path === '' || Object.keys(value).length > 0)) {
    for (const [key, item] of Object.entries(value)) leaves(item, path ? `${path}.${key}` : key, out);
  } else out.set(path, value);
  return out;
}

/** The team settings the Settings card lets an admin edit. */
export const SHARED_FORM_FIELDS = [
  'portalId',
  'forms',
  'pollerEnabled',
  'pollerIntervalMinutes',
  'contactCooldownDays',
  'domainDailyLimit',
  'retentionDays',
  'writer',
] as const;

/** What a form field showed, comparably: forms by id and name (their field mapping is not on the card). */
function comparable(value: unknown): string {
  if (Array.isArray(value))
    return JSON.stringify(
      value.map((item) =>
        item && typeof item === 'object' && 'guid' in item
          ? `${(item as { guid: unknown }).guid}|${(item as { name?: unknown }).name ?? ''}`
          : item,
      ),
    );
  return JSON.stringify(value ?? null);
}

/** The values a card shows for `fields`, to send back with its form and merge with mergeEdits. */
export function shownValues(settings: object, fields: readonly string[]): Record<string, unknown> {
  const source = settings as Record<string, unknown>;
  const shown: Record<string, unknown> = {};
  for (const field of fields) shown[field] = JSON.parse(comparable(source[field]));
  return shown;
}

/**
 * A three-way merge of a submitted form: each field the person changed from what the card showed takes
 * the submitted value; every other field keeps its current (freshly read) value. So a form drawn before
 * someone else's save does not undo that save.
 */
export function mergeEdits<T extends object>(
  current: T,
  shown: Record<string, unknown>,
  submitted: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const field of fields) {
    const edited = !(field in shown) || comparable(submitted[field]) !== comparable(shown[field]);
    if (edited) merged[field] = submitted[field];
  }
  return merged;
}

/**
 * One entry per changed leaf, for config_change audit rows. Values of fields whose last segment is in
 * `secretKeys` are shown as '[redacted]' (null when unset), so a token never reaches the audit sheet.
 */
export function diffSettings(before: object, after: object, secretKeys: string[] = []): SettingChange[] {
  const old = leaves(before, '', new Map());
  const now = leaves(after, '', new Map());
  const fields = [...old.keys(), ...[...now.keys()].filter((key) => !old.has(key))];
  const shown = (field: string, value: unknown): unknown => {
    if (value === undefined || value === null || value === '') return value ?? null;
    return secretKeys.includes(field.split('.').pop() ?? field) ? '[redacted]' : value;
  };
  return fields
    .filter((field) => JSON.stringify(old.get(field) ?? null) !== JSON.stringify(now.get(field) ?? null))
    .map((field) => ({ field, old: shown(field, old.get(field)), new: shown(field, now.get(field)) }));
}
