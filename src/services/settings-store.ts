// Where settings live: the team's in script properties (with the HubSpot token and the admin list), each
// user's own in their user properties. Stored values are validated on the way out too, so a hand-edited
// property cannot put the add-on in a state the settings card would refuse.
import type { KeyValueStore } from '../core/ports';
import {
  DEFAULT_SHARED_SETTINGS,
  DEFAULT_USER_SETTINGS,
  validateShared,
  validateUser,
} from '../core/settings';
import type { SharedSettings, UserSettings } from '../core/settings';
import { DEFAULT_TEMPLATES, validateTemplate } from '../core/templates';
import type { Template } from '../core/templates';
import type { UnassignedTaker } from '../core/unassigned';
import { utf8Length } from '../core/utf8';

export const SHARED_KEY = 'settings.shared';
export const USER_KEY = 'settings.user';
export const TOKEN_KEY = 'hubspot.token';
/** The message writer's Gemini API key: kept like the HubSpot token (admin-only, never shown or audited). */
export const WRITER_KEY_KEY = 'writer.key';
/** Comma-separated emails of the people allowed to change shared settings. */
export const ADMINS_KEY = 'admins';
/** Set where the deployment is a script the team runs itself (not an installed add-on): timers may run every 5-30 min. */
export const SUB_HOURLY_KEY = 'poller.allowSubHourly';
/**
 * The team's templates, loaded from the Templates tab by an admin; the defaults until then. A body may be
 * 20,000 characters and a property value at most 9 KB, so the JSON is split into chunks: `templates` holds
 * the number of chunks, `templates.0`, `templates.1`, … the text.
 */
export const TEMPLATES_KEY = 'templates';
/** Apps Script allows 9 KB per property value (https://developers.google.com/apps-script/guides/services/quotas); keys count too. */
export const PROPERTY_VALUE_LIMIT_BYTES = 9 * 1024;
const CHUNK_BYTES = 8_000;
/** Who takes unassigned leads, with since/until (core/unassigned.ts): JSON, written by each rep's save. */
export const UNASSIGNED_KEY = 'team.unassigned';
/** Closed opt-ins are kept this long, so leads submitted while a rep took them still find that rep. */
export const UNASSIGNED_HISTORY_MS = 60 * 86_400_000;
/** The account that created the audit sheet; see services/sheet-audit-log.ts. */
export const AUDIT_OWNER_KEY = 'audit.owner';

export interface TeamConfig {
  shared: SharedSettings;
  token: string | null;
  writerKey: string | null;
  admins: string[];
  allowSubHourly: boolean;
  /** The account that owns the audit sheet (the only one that writes it), if set up. */
  auditOwner: string | null;
  /** Who took unassigned leads when: the same answer for every rep's poller. */
  unassignedTakers: UnassignedTaker[];
  templates: Template[];
  /** Set when the stored shared settings are invalid: what to fix. */
  problem: string | null;
}

/** Reads everything the team shares in one getProperties call. */
export function readTeamConfig(script: KeyValueStore): TeamConfig {
  const all = script.getAll();
  const allowSubHourly = all[SUB_HOURLY_KEY] === 'true';
  const parsed = parseJson(all[SHARED_KEY]);
  const checked = parsed === undefined ? null : validateShared(parsed, { allowSubHourly });
  return {
    shared: checked && checked.ok ? checked.value : DEFAULT_SHARED_SETTINGS,
    token: all[TOKEN_KEY] || null,
    writerKey: all[WRITER_KEY_KEY] || null,
    admins: (all[ADMINS_KEY] || '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
    allowSubHourly,
    auditOwner: all[AUDIT_OWNER_KEY] || null,
    unassignedTakers: storedTakers(all[UNASSIGNED_KEY]),
    templates: storedTemplates(joinChunks(all, TEMPLATES_KEY)),
    problem:
      checked && !checked.ok
        ? `Shared settings are invalid (${checked.errors.map((e) => e.message).join('; ')}); defaults are in use.`
        : null,
  };
}

export function readUserSettings(user: KeyValueStore, templateIds: string[]): UserSettings {
  const parsed = parseJson(user.get(USER_KEY));
  if (parsed === undefined) return DEFAULT_USER_SETTINGS;
  const checked = validateUser(parsed, { templateIds });
  return checked.ok ? checked.value : DEFAULT_USER_SETTINGS;
}

export function writeShared(script: KeyValueStore, shared: SharedSettings, token?: string | null): void {
  const values: Record<string, string> = { [SHARED_KEY]: JSON.stringify(shared) };
  if (token) values[TOKEN_KEY] = token;
  script.setAll(values);
}

export function writeWriterKey(script: KeyValueStore, key: string): void {
  script.setAll({ [WRITER_KEY_KEY]: key });
}

export function writeUnassignedTakers(script: KeyValueStore, takers: UnassignedTaker[]): void {
  script.setAll({ [UNASSIGNED_KEY]: JSON.stringify(takers) });
}

function storedTakers(raw: string | undefined): UnassignedTaker[] {
  const parsed = parseJson(raw);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (t): t is UnassignedTaker =>
      !!t &&
      typeof t.email === 'string' &&
      typeof t.since === 'number' &&
      (t.until === undefined || typeof t.until === 'number'),
  );
}

export function writeAdmins(script: KeyValueStore, admins: string[]): void {
  script.setAll({ [ADMINS_KEY]: admins.join(',') });
}

export function writeUserSettings(user: KeyValueStore, settings: UserSettings): void {
  user.setAll({ [USER_KEY]: JSON.stringify(settings) });
}

/** "pat-na1-…1a2b": enough to recognise the token, never enough to use it. */
export function maskToken(token: string | null): string | null {
  if (!token) return null;
  const prefix = /^pat-[a-z0-9]+-/i.exec(token);
  return `${prefix ? prefix[0] : ''}…${token.slice(-4)}`;
}

/** Stored templates, checked again: anything broken falls back to the defaults rather than a bad draft. */
function storedTemplates(raw: string | undefined): Template[] {
  const parsed = parseJson(raw);
  if (!Array.isArray(parsed) || !parsed.length) return DEFAULT_TEMPLATES;
  const templates = parsed as Template[];
  return templates.every((t) => validateTemplate(t).length === 0) ? templates : DEFAULT_TEMPLATES;
}

export function writeTemplates(script: KeyValueStore, templates: Template[]): void {
  const chunks = splitUtf8(JSON.stringify(templates), CHUNK_BYTES);
  const before = Number(script.get(TEMPLATES_KEY)) || 0;
  const values: Record<string, string> = { [TEMPLATES_KEY]: String(chunks.length) };
  chunks.forEach((chunk, i) => (values[`${TEMPLATES_KEY}.${i}`] = chunk));
  script.setAll(values);
  // Chunks a longer earlier version left behind: deleted one by one, never by replacing the store.
  for (let i = chunks.length; i < before; i++) script.delete(`${TEMPLATES_KEY}.${i}`);
}

/** Whether a value fits one property (the key counts toward the 9 KB). */
export function fitsOneProperty(key: string, value: string): boolean {
  return utf8Length(key) + utf8Length(value) <= PROPERTY_VALUE_LIMIT_BYTES;
}

/** The text stored in chunks under key.0, key.1, …; an older single value (JSON) is read as it is. */
function joinChunks(all: Record<string, string>, key: string): string | undefined {
  const head = all[key];
  if (!head || !/^\d+$/.test(head)) return head;
  const parts: string[] = [];
  for (let i = 0; i < Number(head); i++) {
    const part = all[`${key}.${i}`];
    if (part === undefined) return undefined;
    parts.push(part);
  }
  return parts.join('');
}

/** Splits text into pieces of at most maxBytes UTF-8 bytes, never inside a character. */
function splitUtf8(text: string, maxBytes: number): string[] {
  const chunks: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of text) {
    const size = utf8Length(char);
    if (bytes + size > maxBytes) {
      chunks.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  if (current || !chunks.length) chunks.push(current);
  return chunks;
}

function parseJson(raw: string | null | undefined): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/** Script property: the forms "Test connection" last listed, [{guid, name}], for Settings to offer. */
export const FORM_CHOICES_KEY = 'hubspot.formChoices';

/** The forms HubSpot last listed, or null when none were listed (Settings then takes typed GUIDs). */
export function readFormChoices(store: KeyValueStore): Array<{ guid: string; name: string }> | null {
  const raw = store.get(FORM_CHOICES_KEY);
  if (!raw) return null;
  try {
    const list = JSON.parse(raw) as unknown;
    if (!Array.isArray(list)) return null;
    return list.filter(
      (f): f is { guid: string; name: string } =>
        !!f && typeof f.guid === 'string' && typeof f.name === 'string',
    );
  } catch {
    return null;
  }
}

/** Remembers the listed forms; a list too big for one property keeps as many as fit, first ones first. */
export function writeFormChoices(store: KeyValueStore, forms: Array<{ guid: string; name: string }>): void {
  const kept = forms.slice();
  while (kept.length && !fitsOneProperty(FORM_CHOICES_KEY, JSON.stringify(kept))) kept.pop();
  store.setAll({ [FORM_CHOICES_KEY]: JSON.stringify(kept) });
}
