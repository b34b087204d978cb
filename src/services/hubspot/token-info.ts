// "Test connection": the account a private app token belongs to and the scopes it carries, so settings can
// name a missing scope before the first real call fails with a 403. HubSpot reads the token from the body.
// POST /oauth/v2/private-apps/get/access-token-info {tokenKey} -> {userId, hubId, appId, scopes}
// https://developers.hubspot.com/docs/apps/legacy-apps/private-apps/overview (end of page)
import type { Call } from '../../core/http';
import { HUBSPOT_BASE_URL, hubspotRequest } from './api';
import { crmErrorFrom, isSuccess, readJson } from './responses';

export interface TokenInfo {
  /** The HubSpot account (portal) id. */
  hubId: string | null;
  scopes: string[];
}

/**
 * What Prospector does with HubSpot, and the scopes that allow it: any one scope of a group will do (the
 * sensitive-data variants include the plain one). Tasks and notes are guarded by the contact scopes.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/activities/tasks/guide
 */
export const REQUIRED_SCOPES: { purpose: string; anyOf: string[] }[] = [
  { purpose: 'read contacts, tasks and notes', anyOf: variants('contacts', 'read') },
  { purpose: 'create contacts, tasks and notes', anyOf: variants('contacts', 'write') },
  { purpose: 'read companies', anyOf: variants('companies', 'read') },
  { purpose: 'read deals', anyOf: variants('deals', 'read') },
  { purpose: 'route leads to their owner', anyOf: ['crm.objects.owners.read'] },
  { purpose: 'read form submissions', anyOf: ['forms'] },
];

function variants(object: string, access: 'read' | 'write'): string[] {
  return [
    `crm.objects.${object}.${access}`,
    `crm.objects.${object}.sensitive.${access}.v2`,
    `crm.objects.${object}.highly_sensitive.${access}.v2`,
  ];
}

export function tokenInfo(token: string, baseUrl: string = HUBSPOT_BASE_URL): Call<TokenInfo> {
  const path = '/oauth/v2/private-apps/get/access-token-info';
  return {
    requests: [hubspotRequest(baseUrl.replace(/\/+$/, ''), token, 'post', path, { tokenKey: token })],
    parse: ([response]) => {
      if (!response || !isSuccess(response)) {
        throw crmErrorFrom(response ?? { status: 0, body: '', headers: {} }, [token]);
      }
      const body = readJson(response, 'token description');
      const hubId = body['hubId'];
      const scopes = Array.isArray(body['scopes']) ? body['scopes'].filter((s) => typeof s === 'string') : [];
      return { hubId: typeof hubId === 'number' || typeof hubId === 'string' ? String(hubId) : null, scopes };
    },
  };
}

/** The purposes the token's scopes do not cover, each with the scope to add. */
export function missingScopes(granted: string[]): { purpose: string; scope: string }[] {
  const have = new Set(granted);
  return REQUIRED_SCOPES.filter((r) => !r.anyOf.some((s) => have.has(s))).map((r) => ({
    purpose: r.purpose,
    scope: r.anyOf[0],
  }));
}
