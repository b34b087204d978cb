// HubSpot's JSON read defensively into the port's types. Every field may be missing, property values may
// be null, numbers and dates arrive as strings. A body that is not JSON, or a field of the wrong kind where
// a list or record must be, becomes CrmError('invalid_response') with a short message, never a TypeError.
// Response shapes: https://developers.hubspot.com/docs/api-reference/latest/crm/objects/objects/batch/get-objects
import { CrmError } from '../../core/errors';
import type { HttpResponse } from '../../core/http';
import type { FormSubmission, FormValue } from '../../core/prospect';
import type { CrmCompany, CrmContact, CrmDeal, CrmOwner } from '../../core/ports';
import { ASSOCIATION_TYPE } from './api';

/** What the adapter asks HubSpot for; the readers below read exactly these. */
export const CONTACT_PROPERTIES = [
  'email',
  'firstname',
  'lastname',
  'jobtitle',
  'phone',
  'company',
  'lifecyclestage',
  'hubspot_owner_id',
  // "Last Activity Date": the last note, call, email, meeting or task logged on the contact.
  'notes_last_updated',
  'hs_timezone',
  // The primary company's id, present on contacts read without associations (batch/read).
  'associatedcompanyid',
];
export const COMPANY_PROPERTIES = ['name', 'domain', 'industry', 'numberofemployees'];
/** hs_is_closed: HubSpot computes it from the stage's metadata (isClosed), in every pipeline. */
// deal_currency_code: the amount's currency, one of the account's currencies (HubSpot validates it on write:
// https://developers.hubspot.com/changelog/deal-currenct-code-validation).
export const DEAL_PROPERTIES = [
  'dealname',
  'dealstage',
  'pipeline',
  'hs_is_closed',
  'amount',
  'deal_currency_code',
  'closedate',
];

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(what: string, status?: number): CrmError {
  return new CrmError('invalid_response', `HubSpot sent an unreadable ${what}`, status ? { status } : {});
}

/** The body as a JSON object; an empty body reads as {} (HubSpot answers some writes with no content). */
export function readJson(response: HttpResponse, what: string): Json {
  if (!response.body || !response.body.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    throw invalid(what, response.status);
  }
  if (!isRecord(parsed)) throw invalid(what, response.status);
  return parsed;
}

/** A list field: absent or null reads as [], anything else that is not a list is malformed. */
function listField(record: Json, key: string, what: string): unknown[] {
  const value = record[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(what);
  return value;
}

function recordField(record: Json, key: string): Json {
  const value = record[key];
  return isRecord(value) ? value : {};
}

/** Text or null: HubSpot sends "" for a cleared property, and ids sometimes as numbers. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function numberValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** Epoch ms from a number, a string of digits, or an ISO 8601 date-time ("2024-06-30T00:00:00Z"). */
function timestamp(value: unknown): number | null {
  const n = numberValue(value);
  if (n !== null) return n;
  if (typeof value !== 'string') return null;
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/**
 * hs_timezone holds HubSpot's option values ("america_slash_new_york"); the port wants an IANA zone.
 * Intl canonicalises the case ("America/New_York"); anything it does not know reads as null.
 */
function ianaZone(value: unknown): string | null {
  const raw = text(value);
  if (!raw) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: raw.replace(/_slash_/g, '/') }).resolvedOptions()
      .timeZone;
  } catch {
    return null;
  }
}

const MAX_HUBSPOT_MESSAGE = 300;

/** Replaces every secret (the access token) in text that came from outside. */
export function redact(message: string, secrets: string[]): string {
  return secrets
    .filter((s) => s.length > 0)
    .reduce((m, secret) => m.split(secret).join('[redacted]'), message);
}

/** HubSpot's words fit for an error message: one line, cut short, secrets removed. */
function hubspotText(value: unknown, secrets: string[]): string | undefined {
  const t = text(value);
  return t === null ? undefined : redact(t, secrets).replace(/\s+/g, ' ').slice(0, MAX_HUBSPOT_MESSAGE);
}

// ---- records -------------------------------------------------------------------------------------

function associatedIds(record: Json, objectType: string): string[] {
  const results = recordField(recordField(record, 'associations'), objectType)['results'];
  if (!Array.isArray(results)) return [];
  const ids = results.map((r) => (isRecord(r) ? text(r['id']) : null)).filter((id): id is string => !!id);
  return ids.filter((id, i) => ids.indexOf(id) === i);
}

/**
 * On GET with associations, the primary company is the one labelled "contact_to_company" (type 1); the
 * unlabelled kind is "contact_to_company_unlabeled". associatedcompanyid names it too and wins.
 */
function primaryCompanyOf(record: Json, properties: Json): string | null {
  const fromProperty = text(properties['associatedcompanyid']);
  if (fromProperty) return fromProperty;
  const results = recordField(recordField(record, 'associations'), 'companies')['results'];
  if (!Array.isArray(results)) return null;
  const primary = results.find((r) => isRecord(r) && r['type'] === 'contact_to_company');
  return isRecord(primary) ? text(primary['id']) : null;
}

/** A contact record, or null when it has no id. */
export function readContact(raw: unknown): CrmContact | null {
  if (!isRecord(raw)) return null;
  const id = text(raw['id']);
  if (!id) return null;
  const p = recordField(raw, 'properties');
  return {
    id,
    email: (text(p['email']) ?? '').toLowerCase(),
    firstName: text(p['firstname']),
    lastName: text(p['lastname']),
    jobTitle: text(p['jobtitle']),
    phone: text(p['phone']),
    companyName: text(p['company']),
    lifecycleStage: text(p['lifecyclestage']),
    ownerId: text(p['hubspot_owner_id']),
    lastActivityAt: timestamp(p['notes_last_updated']),
    timeZone: ianaZone(p['hs_timezone']),
    primaryCompanyId: primaryCompanyOf(raw, p),
    dealIds: associatedIds(raw, 'deals'),
  };
}

/**
 * A contact with its secondary emails: hs_additional_emails holds them separated by ";" (HubSpot's
 * multi-value separator), in the case they were typed.
 */
export function readContactWithSecondaryEmails(
  raw: unknown,
): { contact: CrmContact; secondaryEmails: string[] } | null {
  const contact = readContact(raw);
  if (!contact || !isRecord(raw)) return null;
  const listed = text(recordField(raw, 'properties')['hs_additional_emails']) ?? '';
  const secondaryEmails = listed
    .split(';')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '');
  return { contact, secondaryEmails };
}

export function readCompany(raw: unknown): CrmCompany | null {
  if (!isRecord(raw)) return null;
  const id = text(raw['id']);
  if (!id) return null;
  const p = recordField(raw, 'properties');
  return {
    id,
    name: text(p['name']),
    domain: text(p['domain']),
    industry: text(p['industry']),
    employees: numberValue(p['numberofemployees']),
  };
}

/** A deal as HubSpot sends it, with the pipeline its stage belongs to (labels come from the pipelines). */
export function readDeal(raw: unknown): (CrmDeal & { pipeline: string | null }) | null {
  if (!isRecord(raw)) return null;
  const id = text(raw['id']);
  if (!id) return null;
  const p = recordField(raw, 'properties');
  return {
    id,
    name: text(p['dealname']),
    stage: text(p['dealstage']),
    stageLabel: null,
    closed: flag(p['hs_is_closed']),
    amount: numberValue(p['amount']),
    currency: currencyCode(p['deal_currency_code']),
    closeDate: timestamp(p['closedate']),
    pipeline: text(p['pipeline']),
  };
}

/** A three-letter ISO 4217 code, upper case; anything else is not trusted to format an amount. */
function currencyCode(value: unknown): string | null {
  const code = text(value);
  return code && /^[A-Za-z]{3}$/.test(code.trim()) ? code.trim().toUpperCase() : null;
}

/** HubSpot's booleans arrive as "true"/"false" (properties and stage metadata alike). */
function flag(value: unknown): boolean | null {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return null;
}

export interface DealStage {
  label: string | null;
  closed: boolean | null;
}

/** "pipelineId stageId" -> the stage's label and isClosed, from GET /crm/pipelines/{version}/deals. */
export function readDealStages(response: HttpResponse): Map<string, DealStage> {
  const what = 'pipeline list';
  const stages = new Map<string, DealStage>();
  for (const pipeline of listField(readJson(response, what), 'results', what)) {
    if (!isRecord(pipeline)) continue;
    const pipelineId = text(pipeline['id']);
    if (!pipelineId) continue;
    for (const stage of listField(pipeline, 'stages', what)) {
      const stageId = isRecord(stage) ? text(stage['id']) : null;
      if (!stageId || !isRecord(stage)) continue;
      stages.set(stageKey(pipelineId, stageId), {
        label: text(stage['label']),
        closed: flag(recordField(stage, 'metadata')['isClosed']),
      });
    }
  }
  return stages;
}

export function stageKey(pipelineId: string, stageId: string): string {
  return `${pipelineId} ${stageId}`;
}

/** The records of a batch/read or search answer (200, or 207 with some inputs not found). */
export function readRecords<T>(response: HttpResponse, what: string, read: (raw: unknown) => T | null): T[] {
  return listField(readJson(response, what), 'results', what)
    .map(read)
    .filter((r): r is T => r !== null);
}

/** GET one contact: the record must carry an id. */
export function readSingleContact(response: HttpResponse): CrmContact {
  const contact = readContact(readJson(response, 'contact'));
  if (!contact) throw invalid('contact (no id)', response.status);
  return contact;
}

export function readOwners(response: HttpResponse): CrmOwner[] {
  return listField(readJson(response, 'owner list'), 'results', 'owner list')
    .map((raw): CrmOwner | null => {
      if (!isRecord(raw)) return null;
      const id = text(raw['id']);
      const email = text(raw['email']);
      // Owners without an email (inactive users, queues) cannot be routed to, so they are left out.
      if (!id || !email) return null;
      return {
        id,
        email: email.toLowerCase(),
        firstName: text(raw['firstName']),
        lastName: text(raw['lastName']),
      };
    })
    .filter((o): o is CrmOwner => o !== null);
}

export interface AssociatedRecord {
  id: string;
  /** Labelled with the HUBSPOT_DEFINED type 1: for contact -> company, the primary company. */
  primary: boolean;
}

/** The next page of one record's associations: send its id again with this cursor. */
export interface AssociationPageInput {
  id: string;
  after?: string;
}

/**
 * From-record id -> associated records, from associations batch/read (200, or 207 for unknown ids), and
 * the records whose associations go on (`paging.next.after`, present only when there are more pages).
 * https://developers.hubspot.com/docs/api-reference/2026-03/crm/associations/associate-records/batch/get-associations
 */
export function readAssociations(response: HttpResponse): {
  records: Map<string, AssociatedRecord[]>;
  more: AssociationPageInput[];
} {
  const what = 'association list';
  const out = new Map<string, AssociatedRecord[]>();
  const more: AssociationPageInput[] = [];
  for (const raw of listField(readJson(response, what), 'results', what)) {
    if (!isRecord(raw)) continue;
    const from = text(recordField(raw, 'from')['id']);
    if (!from) continue;
    const records: AssociatedRecord[] = [];
    for (const to of listField(raw, 'to', what)) {
      const id = isRecord(to) ? text(to['toObjectId']) : null;
      if (!id || !isRecord(to)) continue;
      const primary = listField(to, 'associationTypes', what).some(
        (type) =>
          isRecord(type) &&
          numberValue(type['typeId']) === ASSOCIATION_TYPE.contactToPrimaryCompany &&
          (type['category'] === undefined || type['category'] === 'HUBSPOT_DEFINED'),
      );
      records.push({ id, primary });
    }
    out.set(from, (out.get(from) ?? []).concat(records));
    const after = text(recordField(recordField(raw, 'paging'), 'next')['after']);
    if (after) more.push({ id: from, after });
  }
  return { records: out, more };
}

/** A task's or note's id and the text of one of its properties (hs_task_body, hs_note_body). */
export function activityReader(
  bodyProperty: string,
): (raw: unknown) => { id: string; body: string | null } | null {
  return (raw) => {
    if (!isRecord(raw)) return null;
    const id = text(raw['id']);
    return id ? { id, body: text(recordField(raw, 'properties')[bodyProperty]) } : null;
  };
}

// ---- form submissions ----------------------------------------------------------------------------

function readFormValue(raw: unknown): FormValue | null {
  if (!isRecord(raw)) return null;
  const name = text(raw['name']);
  if (!name) return null;
  const value = raw['value'];
  return { name, value: typeof value === 'string' ? value : text(value) };
}

/**
 * A submission without conversionId or submittedAt still comes through (conversionId '' and submittedAt 0):
 * the poller rejects it with a reason a reviewer can read. Refusing the page would stop the poller for good.
 */
function readSubmission(raw: unknown): FormSubmission {
  if (!isRecord(raw)) throw invalid('form submission');
  return {
    conversionId: text(raw['conversionId']) || '',
    submittedAt: timestamp(raw['submittedAt']) ?? 0,
    values: listField(raw, 'values', 'form submission')
      .map(readFormValue)
      .filter((v): v is FormValue => v !== null),
    pageUrl: text(raw['pageUrl']),
    pageTitle: text(raw['pageTitle']),
  };
}

export function readSubmissionPage(response: HttpResponse): {
  submissions: FormSubmission[];
  after: string | null;
} {
  const body = readJson(response, 'form submission page');
  return {
    submissions: listField(body, 'results', 'form submission page').map(readSubmission),
    after: text(recordField(recordField(body, 'paging'), 'next')['after']),
  };
}

// ---- writes --------------------------------------------------------------------------------------

/**
 * Ids of a batch/create answer in input order. Each input carried its index as objectWriteTraceId, which
 * HubSpot echoes on the result; without it, results are taken in order. Inputs HubSpot did not create
 * (a 207 with errors) make the whole answer a failure: the caller must not record work that did not happen.
 */
export function readCreatedIds(
  response: HttpResponse,
  inputCount: number,
  what: string,
  secrets: string[],
): string[] {
  const body = readJson(response, what);
  const results = listField(body, 'results', what).filter(isRecord);
  const errors = listField(body, 'errors', what);
  if (errors.length || results.length !== inputCount) {
    const first = errors.find(isRecord);
    const reason = first ? hubspotText(first['message'], secrets) : undefined;
    throw new CrmError(
      'bad_request',
      `HubSpot created ${results.length} of ${inputCount} ${what}${reason ? `: ${reason}` : ''}`,
      { status: response.status },
    );
  }
  const ids: (string | null)[] = new Array(inputCount).fill(null);
  results.forEach((r, position) => {
    const trace = numberValue(r['objectWriteTraceId']);
    const index =
      trace !== null && trace >= 0 && trace < inputCount && ids[trace] === null ? trace : position;
    ids[index] = text(r['id']);
  });
  if (ids.some((id) => id === null)) throw invalid(`${what} answer (missing ids)`, response.status);
  return ids as string[];
}

export function readCreatedId(response: HttpResponse, what: string): string {
  const id = text(readJson(response, what)['id']);
  if (!id) throw invalid(`${what} answer (no id)`, response.status);
  return id;
}

// ---- errors --------------------------------------------------------------------------------------

function header(response: HttpResponse, name: string): string | null {
  const headers = response.headers || {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : String(headers[key]);
}

/** HubSpot's error body ({status, message, correlationId, category, policyName, errors}), or {} if none. */
function errorBody(response: HttpResponse): Json {
  try {
    return readJson(response, 'error');
  } catch {
    return {};
  }
}

/** Which limit a 429 hit: TEN_SECONDLY_ROLLING, SECONDLY or DAILY (null when HubSpot did not say). */
export function rateLimitPolicy(response: HttpResponse): string | null {
  return text(errorBody(response)['policyName']);
}

const TEN_SECONDS = 10_000;

/**
 * How long to wait before a 429'd request may go again, or null when waiting cannot help (DAILY resets at
 * midnight in the account's time zone). The rolling window's length is in
 * X-HubSpot-RateLimit-Interval-Milliseconds. https://developers.hubspot.com/docs/api/usage-details
 */
export function rateLimitDelayMs(response: HttpResponse): number | null {
  const policy = rateLimitPolicy(response);
  if (policy === 'DAILY') return null;
  if (policy === 'SECONDLY') return 1000;
  const interval = numberValue(header(response, 'X-HubSpot-RateLimit-Interval-Milliseconds'));
  const window = interval !== null && interval > 0 ? Math.min(interval, TEN_SECONDS) : null;
  if (policy === 'TEN_SECONDLY_ROLLING') return window ?? TEN_SECONDS;
  return window ?? 1000;
}

/** Scopes named in a MISSING_SCOPES body: errors[].context.requiredScopes (or requiredGranularScopes). */
function scopesNamedIn(body: Json): string[] {
  const scopes: string[] = [];
  for (const error of listOrEmpty(body['errors'])) {
    if (!isRecord(error)) continue;
    const context = error['context'];
    if (isRecord(context)) {
      for (const key of Object.keys(context)) {
        const value = context[key];
        if (/scopes/i.test(key) && Array.isArray(value))
          scopes.push(...value.filter((s) => typeof s === 'string'));
      }
    } else if (typeof context === 'string') {
      // Batch answers spell it as text: "{missingScopes=[scope1, scope2]}".
      const listed = /scopes=\[([^\]]*)\]/i.exec(context);
      if (listed) scopes.push(...listed[1].split(',').map((s) => s.trim()));
    }
  }
  return scopes.filter((s, i) => s && scopes.indexOf(s) === i);
}

function listOrEmpty(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The CrmError for a response HubSpot did not answer with success. HubSpot's own message is kept where it
 * helps the user (400, 403, 404, 409), cut short; the secrets (the token) are removed from everything that
 * came from HubSpot, should it ever echo them.
 */
export function crmErrorFrom(response: HttpResponse, secrets: string[]): CrmError {
  const status = response.status;
  const body = errorBody(response);
  const clean = (value: unknown) => hubspotText(value, secrets);
  const hubspotMessage = clean(body['message']);
  const said = hubspotMessage ? `: ${hubspotMessage}` : '';
  const details = { status, correlationId: clean(body['correlationId']), category: clean(body['category']) };
  if (status === 401) return new CrmError('auth', 'HubSpot rejected the access token', details);
  if (status === 403) {
    const scopes = scopesNamedIn(body).map((scope) => redact(scope, secrets));
    return scopes.length
      ? new CrmError(
          'forbidden',
          `HubSpot refused: the private app lacks the ${scopes.length === 1 ? 'scope' : 'scopes'} ${scopes.join(', ')}`,
          details,
        )
      : new CrmError('forbidden', `HubSpot refused access${said}`, details);
  }
  if (status === 404) return new CrmError('not_found', `HubSpot found no such record${said}`, details);
  if (status === 409) return new CrmError('conflict', `HubSpot reported a conflict${said}`, details);
  if (status === 429) {
    // Only HubSpot's policy names (TEN_SECONDLY_ROLLING, SECONDLY, DAILY...) are repeated.
    const policy = text(body['policyName']);
    const policyName = policy && /^[A-Z_]{1,40}$/.test(policy) ? policy : undefined;
    const retryAfterMs = rateLimitDelayMs(response) ?? undefined;
    return new CrmError('rate_limited', `HubSpot rate limit reached${policyName ? ` (${policyName})` : ''}`, {
      ...details,
      policyName,
      retryAfterMs,
    });
  }
  if (status >= 500) return new CrmError('unavailable', 'HubSpot is not answering right now', details);
  if (status >= 400) return new CrmError('bad_request', `HubSpot refused the request${said}`, details);
  return new CrmError('invalid_response', `HubSpot answered with an unexpected HTTP ${status}`, details);
}

export function isSuccess(response: HttpResponse): boolean {
  return response.status >= 200 && response.status < 300;
}
