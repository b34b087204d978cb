// Turning a HubSpot form submission into a prospect, or into a rejection a reviewer can read. Form values
// are hostile until cleaned: they end up in email headers (names, subjects), draft bodies and audit rows.
import { isValidTimeZone } from './time-zone';

/** One field of a submission, as HubSpot returns it. */
export interface FormValue {
  name: string;
  value: string | null;
}

/** HubSpot's shape from GET /form-integrations/v1/submissions/forms/{guid}. */
export interface FormSubmission {
  conversionId: string;
  submittedAt: number;
  values: FormValue[];
  pageUrl?: string | null;
  pageTitle?: string | null;
}

/** Candidate HubSpot field names per prospect field; the first candidate with a non-blank value wins. */
export interface FieldMapping {
  email: string[];
  firstName: string[];
  lastName: string[];
  company: string[];
  phone: string[];
  message: string[];
  timeZone: string[];
}

export const DEFAULT_FIELD_MAPPING: FieldMapping = {
  email: ['email'],
  firstName: ['firstname', 'first_name'],
  lastName: ['lastname', 'last_name'],
  company: ['company', 'company_name'],
  phone: ['phone', 'mobilephone'],
  message: ['message', 'comments', 'how_can_we_help'],
  timeZone: ['timezone', 'hs_timezone'],
};

export interface Prospect {
  conversionId: string;
  formGuid: string;
  submittedAt: number;
  /** Normalised: trimmed and lower case. */
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  phone: string | null;
  message: string | null;
  /** The page title of the form, or its URL without query string when there is no title. */
  sourcePage: string | null;
  /** A canonical IANA zone name, or null when the form did not give a valid one. */
  timeZone: string | null;
}

export type RejectionCode =
  | 'malformed_submission'
  | 'missing_conversion_id'
  | 'invalid_conversion_id'
  | 'invalid_timestamp'
  | 'missing_email'
  | 'invalid_email'
  | 'disposable_email'
  | 'field_too_long';

export type Intake =
  | { ok: true; prospect: Prospect }
  | { ok: false; conversionId: string; formGuid: string; code: RejectionCode; reason: string };

// Limits. Names longer than NAME_MAX are rejected, not cut: no real given or family name is that long, so
// the submission is spam or an attack, and a reviewer should see it. Other fields are cut with a marker.
export const NAME_MAX = 100;
export const COMPANY_MAX = 200;
export const PHONE_MAX = 50;
export const SOURCE_PAGE_MAX = 300;
export const MESSAGE_MAX = 5000;
export const EMAIL_MAX = 254; // RFC 5321 path limit minus the angle brackets
const LOCAL_PART_MAX = 64;
const CONVERSION_ID_MAX = 100;
const QUOTE_MAX = 60;
const EARLIEST_SUBMISSION = Date.UTC(2000, 0, 1);
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

// ---- text hygiene --------------------------------------------------------------------------------

// Characters that are invisible or reorder text, so can disguise it: soft hyphen, Mongolian vowel
// separator, zero-width space, LRM/RLM/ALM, word joiner and invisible operators, bidi embeddings,
// overrides and isolates, BOM, interlinear annotation marks.
const INVISIBLE =
  /[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/g;
// ZWNJ/ZWJ are needed inside emoji sequences and Indic or Persian words; beside ASCII or at an edge they
// only hide things.
const STRAY_JOINER = /(^|\p{ASCII})[\u200C\u200D]+|[\u200C\u200D]+(?=\p{ASCII}|$)/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NONCHARACTER = /[\uFFFE\uFFFF]/g;
// C0 and C1 controls (tab, CR, LF and NEL included) plus the Unicode line and paragraph separators.
const LINE_BREAKING = /[\p{Cc}\u2028\u2029]/gu;
// Controls that are neither a line break nor horizontal space.
const OTHER_CONTROL = /(?![\t\n\v\f\r])\p{Cc}/gu;

function withoutInvisibles(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(LONE_SURROGATE, '')
    .replace(NONCHARACTER, '')
    .replace(INVISIBLE, '')
    .replace(STRAY_JOINER, '$1');
}

/** Text safe for one line and for a mail header: no control characters, no line breaks, single spaces. */
export function cleanSingleLine(raw: string): string {
  return withoutInvisibles(raw).replace(LINE_BREAKING, ' ').replace(/\s+/g, ' ').trim();
}

/** Free text with its paragraphs kept: LF line breaks, no controls, at most one blank line in a row. */
export function cleanMultiline(raw: string): string {
  return withoutInvisibles(raw)
    .replace(/\r\n|[\r\u0085\u2028\u2029]/g, '\n')
    .replace(/[\t\v\f]/g, ' ')
    .replace(OTHER_CONTROL, '')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** At most `max` characters including the ellipsis, never splitting a surrogate pair. */
export function truncateText(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - ellipsis.length);
  if (cut > 0 && /[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut--;
  return text.slice(0, cut) + ellipsis;
}

/** At most `max` characters, ending in a marker that says how many were cut ("…[truncated 12 chars]"). */
export function truncateWithCount(text: string, max: number, separator = ''): string {
  if (text.length <= max) return text;
  const marker = (hidden: number) => `${separator}…[truncated ${hidden} chars]`;
  // The marker's length depends on the count; sizing it for the whole length keeps the total within max.
  const kept = truncateText(text, max - marker(text.length).length, '');
  return kept + marker(text.length - kept.length);
}

/** User text quoted inside a one-line explanation. */
export function quoteForReason(raw: string): string {
  return `'${truncateText(cleanSingleLine(raw), QUOTE_MAX)}'`;
}

// ---- email ---------------------------------------------------------------------------------------

// RFC 5322 dot-atom, ASCII only: SMTPUTF8 local parts are not deliverable everywhere, so they are refused.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Domains may be internationalised (IDN): Gmail accepts them and converts to punycode when sending.
const DOMAIN_LABEL = /^[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$/u;
const TOP_LEVEL_DOMAIN = /^(?:[\p{L}\p{M}]{2,63}|xn--[a-z0-9-]{1,59})$/u;
const EDGE_JUNK = /^[\s\u200B-\u200F\u2060\uFEFF]+|[\s\u200B-\u200F\u2060\uFEFF]+$/g;

// Well-known throwaway-address services: a draft to them reaches nobody who will buy.
const DISPOSABLE_DOMAINS = [
  'mailinator.com',
  'guerrillamail.com',
  'sharklasers.com',
  '10minutemail.com',
  'yopmail.com',
  'temp-mail.org',
  'trashmail.com',
  'getnada.com',
  'dispostable.com',
  'maildrop.cc',
];

function candidateEmail(raw: string): string {
  return raw
    .replace(EDGE_JUNK, '')
    .replace(/^mailto:/i, '')
    .normalize('NFC')
    .toLowerCase();
}

/** Why a candidate address is unusable, or null when it is fine. */
function emailProblem(email: string): string | null {
  if (email.length > EMAIL_MAX) return `is longer than ${EMAIL_MAX} characters`;
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (at < 0 || local.includes('@')) return 'is not a valid address';
  if (/[^\p{ASCII}]/u.test(local)) {
    return 'has non-ASCII characters before the @, which not every mail server accepts';
  }
  if (local.length > LOCAL_PART_MAX || !LOCAL_PART.test(local)) return 'is not a valid address';
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label)))
    return 'is not a valid address';
  if (!TOP_LEVEL_DOMAIN.test(labels[labels.length - 1])) return 'is not a valid address';
  return null;
}

/** The address trimmed and lower-cased, or null when it is not one Prospector will write to. */
export function normaliseEmail(raw: string): string | null {
  const email = candidateEmail(raw);
  return emailProblem(email) === null ? email : null;
}

/** The part after the last @, lower case ('' when there is none). */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

function disposableDomain(domain: string): string | null {
  return DISPOSABLE_DOMAINS.find((d) => domain === d || domain.endsWith('.' + d)) ?? null;
}

// ---- the submission ------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field values by lower-cased name, in submission order (a multi-select can repeat a name). */
function valuesByName(values: unknown[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const entry of values) {
    if (!isRecord(entry) || typeof entry.name !== 'string') continue;
    const value = entry.value;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const key = entry.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), String(value)]);
  }
  return byName;
}

function firstValue(byName: Map<string, string[]>, candidates: string[]): string | null {
  for (const name of candidates) {
    const found = (byName.get(name.trim().toLowerCase()) ?? []).find((v) => v.trim() !== '');
    if (found !== undefined) return found;
  }
  return null;
}

function optionalLine(raw: string | null, max: number): string | null {
  const text = raw === null ? '' : cleanSingleLine(raw);
  return text ? truncateText(text, max) : null;
}

function cleanMessage(raw: string | null): string | null {
  const text = raw === null ? '' : cleanMultiline(raw);
  return text ? truncateWithCount(text, MESSAGE_MAX, '\n') : null;
}

function sourcePage(pageTitle: unknown, pageUrl: unknown): string | null {
  const title = typeof pageTitle === 'string' ? cleanSingleLine(pageTitle) : '';
  const url = typeof pageUrl === 'string' ? cleanSingleLine(pageUrl) : '';
  const plainUrl = /^https?:\/\/\S+$/i.test(url) ? url.split(/[?#]/)[0] : '';
  return optionalLine(title || plainUrl, SOURCE_PAGE_MAX);
}

/**
 * A valid IANA zone in canonical spelling, or null. HubSpot's hs_timezone enumerates zones as
 * 'america_slash_new_york'; Intl matches zone names case-insensitively and reports the canonical one.
 */
export function canonicalTimeZone(raw: string | null): string | null {
  const candidate = raw === null ? '' : cleanSingleLine(raw).replace(/_slash_/gi, '/');
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(candidate)) return null;
  try {
    const zone = new Intl.DateTimeFormat('en-US', { timeZone: candidate }).resolvedOptions().timeZone;
    return isValidTimeZone(zone) ? zone : null;
  } catch {
    return null;
  }
}

function timestampText(ms: number): string {
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}

type NameCheck = { ok: true; value: string | null } | { ok: false; reason: string };

function checkName(label: string, raw: string | null): NameCheck {
  const name = raw === null ? '' : cleanSingleLine(raw);
  if (name.length > NAME_MAX) {
    return {
      ok: false,
      reason: `${label} is ${name.length} characters long (limit ${NAME_MAX}): ${quoteForReason(name)}`,
    };
  }
  return { ok: true, value: name || null };
}

/** Validates one submission of form `formGuid` received at `now` (epoch ms). Never throws. */
export function parseSubmission(
  sub: FormSubmission,
  formGuid: string,
  mapping: FieldMapping,
  now: number,
): Intake {
  const raw: unknown = sub;
  const rawId =
    isRecord(raw) && typeof raw.conversionId === 'string' ? cleanSingleLine(raw.conversionId) : '';
  const conversionId = truncateText(rawId, CONVERSION_ID_MAX);
  const reject = (code: RejectionCode, reason: string): Intake => ({
    ok: false,
    conversionId,
    formGuid,
    code,
    reason,
  });

  if (!isRecord(raw)) return reject('malformed_submission', 'The submission is not an object');
  if (!rawId)
    return reject('missing_conversion_id', 'The submission has no conversion id, so it cannot be tracked');
  if (rawId.length > CONVERSION_ID_MAX || !/^[A-Za-z0-9._:-]+$/.test(rawId)) {
    return reject('invalid_conversion_id', `Conversion id ${quoteForReason(rawId)} is not a HubSpot id`);
  }

  const at = raw.submittedAt;
  if (typeof at !== 'number' || !Number.isFinite(at)) {
    return reject('invalid_timestamp', 'The submission has no valid submission time');
  }
  if (at < EARLIEST_SUBMISSION) {
    return reject('invalid_timestamp', `Submission time ${timestampText(at)} is before 2000`);
  }
  if (at > now + FUTURE_TOLERANCE_MS) {
    return reject(
      'invalid_timestamp',
      `Submission time ${timestampText(at)} is more than a day in the future`,
    );
  }

  if (!Array.isArray(raw.values))
    return reject('malformed_submission', 'The submission has no list of field values');
  const byName = valuesByName(raw.values);

  const rawEmail = firstValue(byName, mapping.email);
  if (rawEmail === null) {
    return reject(
      'missing_email',
      `The submission has no email address (looked in: ${mapping.email.join(', ')})`,
    );
  }
  const email = candidateEmail(rawEmail);
  const problem = emailProblem(email);
  if (problem) return reject('invalid_email', `Email ${quoteForReason(rawEmail)} ${problem}`);
  const disposable = disposableDomain(emailDomain(email));
  if (disposable) {
    return reject(
      'disposable_email',
      `Email ${quoteForReason(email)} uses ${disposable}, a disposable-address service`,
    );
  }

  const firstName = checkName('First name', firstValue(byName, mapping.firstName));
  if (!firstName.ok) return reject('field_too_long', firstName.reason);
  const lastName = checkName('Last name', firstValue(byName, mapping.lastName));
  if (!lastName.ok) return reject('field_too_long', lastName.reason);

  return {
    ok: true,
    prospect: {
      conversionId,
      formGuid,
      submittedAt: at,
      email,
      firstName: firstName.value,
      lastName: lastName.value,
      company: optionalLine(firstValue(byName, mapping.company), COMPANY_MAX),
      phone: optionalLine(firstValue(byName, mapping.phone), PHONE_MAX),
      message: cleanMessage(firstValue(byName, mapping.message)),
      sourcePage: sourcePage(raw.pageTitle, raw.pageUrl),
      timeZone: canonicalTimeZone(firstValue(byName, mapping.timeZone)),
    },
  };
}
