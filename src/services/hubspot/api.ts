// Where HubSpot's endpoints live, and the fixed numbers of its API. The dated version appears here only:
// the v3/v4 paths stop being supported in September 2027, and a new date version is one edit away.
// https://developers.hubspot.com/docs/api-reference/2026-03/overview
// https://developers.hubspot.com/docs/api-reference/legacy/migration-guide
import type { HttpMethod, HttpRequest } from '../../core/http';

export const CRM_API_VERSION = '2026-03';
export const HUBSPOT_BASE_URL = 'https://api.hubapi.com';

/** batch/read, batch/create and associations batch/read take at most 100 inputs. */
export const BATCH_LIMIT = 100;
/** Form submissions: `limit` defaults to 20, at most 50. */
export const SUBMISSIONS_PAGE_LIMIT = 50;
/** Owners are listed in one page of at most 500 (an account with more sees the first 500). */
export const OWNERS_PAGE_LIMIT = 500;
/**
 * CRM search takes at most 5 filter groups (ORed), so one search looks for at most 5 addresses.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/search-the-crm
 */
export const SEARCH_FILTER_GROUPS_LIMIT = 5;
/** hs_note_body holds at most 65,536 characters. */
export const NOTE_BODY_MAX_CHARS = 65536;

/**
 * HUBSPOT_DEFINED association type ids.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/associations/overview
 */
export const ASSOCIATION_TYPE = {
  /** contact -> company, labelled "Primary". */
  contactToPrimaryCompany: 1,
  taskToContact: 204,
  noteToContact: 202,
} as const;

export type CrmObjectType = 'contacts' | 'companies' | 'deals' | 'tasks' | 'notes';

type Query = Record<string, string | number | null | undefined>;

function withQuery(path: string, query: Query = {}): string {
  const pairs = Object.keys(query)
    .filter((key) => query[key] !== null && query[key] !== undefined)
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(String(query[key]))}`);
  return pairs.length ? `${path}?${pairs.join('&')}` : path;
}

const objects = `/crm/objects/${CRM_API_VERSION}`;

/** Paths (with query) relative to the base URL. */
export const hubspotPaths = {
  /** GET one record by id, or by a unique property with `idProperty` (e.g. email). */
  object: (type: CrmObjectType, id: string, query?: Query) =>
    withQuery(`${objects}/${type}/${encodeURIComponent(id)}`, query),
  create: (type: CrmObjectType) => `${objects}/${type}`,
  batchRead: (type: CrmObjectType) => `${objects}/${type}/batch/read`,
  batchCreate: (type: CrmObjectType) => `${objects}/${type}/batch/create`,
  search: (type: CrmObjectType) => `${objects}/${type}/search`,
  /** https://developers.hubspot.com/docs/api-reference/2026-03/crm/associations/associate-records/batch/get-associations */
  associationsBatchRead: (from: CrmObjectType, to: CrmObjectType) =>
    `/crm/associations/${CRM_API_VERSION}/${from}/${to}/batch/read`,
  /** Every pipeline of deals with its stages. https://developers.hubspot.com/docs/api-reference/2026-03/crm/pipelines/get-pipelines */
  dealPipelines: () => `/crm/pipelines/${CRM_API_VERSION}/deals`,
  /** https://developers.hubspot.com/docs/api-reference/2026-03/crm/owners/get-owners */
  owners: (query?: Query) => withQuery(`/crm/owners/${CRM_API_VERSION}`, query),
  /**
   * Newest first; `after` pages toward older submissions. No dated version exists yet.
   * https://developers.hubspot.com/docs/api-reference/legacy/marketing/forms/v1/get-form-integrations-v1-submissions-forms-form_guid
   */
  formSubmissions: (formGuid: string, query?: Query) =>
    withQuery(`/form-integrations/v1/submissions/forms/${encodeURIComponent(formGuid)}`, query),
};

/** A JSON request carrying the private app token as a Bearer credential. */
export function hubspotRequest(
  baseUrl: string,
  token: string,
  method: HttpMethod,
  path: string,
  body?: unknown,
): HttpRequest {
  const request: HttpRequest = {
    url: `${baseUrl}${path}`,
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  };
  if (body !== undefined) request.payload = JSON.stringify(body);
  return request;
}

export function chunk<T>(items: T[], size: number = BATCH_LIMIT): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
