// The naive baseline's HubSpot client: one UrlFetchApp.fetch per request, one request per lookup or
// write, as the original design's connectors call HubSpot (search_contacts, search_companies,
// get_contact_associations, create task, create note). Runs inside the workbench's Apps Script sandbox.
import { CRM_API_VERSION, HUBSPOT_BASE_URL } from '../../src/services/hubspot/api';

export const CRM_OBJECTS = `/crm/objects/${CRM_API_VERSION}`;
/** HubSpot's search endpoints allow about 5 requests a second: a 429 is waited out, then retried. */
const RATE_LIMIT_WAIT_MS = 1_000;
const RATE_LIMIT_RETRIES = 3;

export type Json = Record<string, unknown>;

export function hubspotFetch(token: string, method: 'get' | 'post', path: string, body?: unknown): Json {
  for (let attempt = 0; ; attempt++) {
    const response = UrlFetchApp.fetch(HUBSPOT_BASE_URL + path, {
      method,
      headers: { Authorization: `Bearer ${token}` },
      contentType: 'application/json',
      payload: body === undefined ? undefined : JSON.stringify(body),
      muteHttpExceptions: true,
    });
    const status = response.getResponseCode();
    if (status === 429 && attempt < RATE_LIMIT_RETRIES) {
      Utilities.sleep(RATE_LIMIT_WAIT_MS);
      continue;
    }
    if (status >= 300) throw new Error(`HubSpot ${method.toUpperCase()} ${path} answered ${status}`);
    return JSON.parse(response.getContentText()) as Json;
  }
}

/** The first record a CRM search finds with `property` equal to `value`, or null. */
export function searchOne(
  token: string,
  objectType: 'contacts' | 'companies',
  property: string,
  value: string,
  properties: string[],
): { id: string; properties: Record<string, string | null> } | null {
  const found = hubspotFetch(token, 'post', `${CRM_OBJECTS}/${objectType}/search`, {
    filterGroups: [{ filters: [{ propertyName: property, operator: 'EQ', value }] }],
    properties,
    limit: 1,
  });
  const results = (found.results as Array<{ id: string; properties: Record<string, string | null> }>) || [];
  return results[0] || null;
}

/** The ids of a contact's companies (GET .../contacts/{id}/associations/companies). */
export function associatedCompanyIds(token: string, contactId: string): string[] {
  const found = hubspotFetch(
    token,
    'get',
    `${CRM_OBJECTS}/contacts/${encodeURIComponent(contactId)}/associations/companies`,
  );
  return ((found.results as Array<{ id?: string; toObjectId?: string | number }>) || []).map((r) =>
    String(r.toObjectId ?? r.id),
  );
}
