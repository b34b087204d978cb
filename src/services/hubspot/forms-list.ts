// "Test connection": the account's forms, so Settings can offer them as choices instead of typed GUIDs.
// GET /marketing/v3/forms -> {results: [{id, name, archived, ...}], paging?: {next: {after}}}; scope `forms`.
// https://developers.hubspot.com/docs/api-reference/legacy/marketing/forms/get-forms
// One page of FORMS_PAGE: Settings is no place to page through hundreds of forms, and typed GUIDs remain
// for the rest.
import type { Call } from '../../core/http';
import { HUBSPOT_BASE_URL, hubspotRequest } from './api';
import { crmErrorFrom, isSuccess, readJson } from './responses';

export interface HubSpotFormChoice {
  guid: string;
  name: string;
}

export interface FormsList {
  forms: HubSpotFormChoice[];
  /** HubSpot has more forms than the page held. */
  more: boolean;
}

export const FORMS_PAGE = 50;
/** Names as Settings shows them: long enough to tell forms apart, short enough to keep 50 in one property. */
const NAME_CHARS = 80;

export function listForms(token: string, baseUrl: string = HUBSPOT_BASE_URL): Call<FormsList> {
  const path = `/marketing/v3/forms?limit=${FORMS_PAGE}`;
  return {
    requests: [hubspotRequest(baseUrl.replace(/\/+$/, ''), token, 'get', path)],
    parse: ([response]) => {
      if (!response || !isSuccess(response)) {
        throw crmErrorFrom(response ?? { status: 0, body: '', headers: {} }, [token]);
      }
      const body = readJson(response, 'forms list');
      const results = Array.isArray(body['results']) ? body['results'] : [];
      const forms: HubSpotFormChoice[] = [];
      for (const raw of results) {
        if (!raw || typeof raw !== 'object') continue;
        const form = raw as Record<string, unknown>;
        const guid = typeof form['id'] === 'string' ? form['id'].trim() : '';
        if (!guid || form['archived'] === true) continue;
        const name = typeof form['name'] === 'string' ? form['name'].replace(/\s+/g, ' ').trim() : '';
        forms.push({ guid, name: (name || `Form ${guid}`).slice(0, NAME_CHARS) });
      }
      const paging = body['paging'] as { next?: { after?: unknown } } | undefined;
      return { forms, more: !!(paging && paging.next && paging.next.after) };
    },
  };
}
