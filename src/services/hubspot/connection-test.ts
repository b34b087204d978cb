// Settings > "Test connection". The owners read is the test: it needs the token to be valid and to carry
// crm.objects.owners.read, as the poller's routing does. The legacy private-app token-info endpoint only
// adds detail (the account and the scopes) when it answers: it knows nothing of service keys, the
// credential HubSpot now recommends, so its failure never fails the test.
// https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/account-service-keys
import { CrmError } from '../../core/errors';
import type { HttpPort } from '../../core/http';
import { runTogether } from '../../core/http';
import { HubSpotCrm } from './hubspot-crm';
import { listForms } from './forms-list';
import type { FormsList } from './forms-list';
import { missingScopes, tokenInfo } from './token-info';
import { countOf } from '../../core/plural';

export interface ConnectionReport {
  /** The account, when token-info answered. */
  hubId: string | null;
  /** The token's scopes, when token-info answered (null: not known). */
  scopes: string[] | null;
  missing: { purpose: string; scope: string }[];
  /** Owners visible; null when HubSpot refused the owners read for a scope token-info names as missing. */
  owners: number | null;
  /** The account's forms, for Settings to offer; null when they could not be listed. */
  forms?: FormsList | null;
  /** What "Test connection" shows. */
  summary: string;
}

/**
 * Both reads in one round trip. Throws the owners read's CrmError when that fails, unless it was refused
 * for a scope and token-info answered: then the report names every missing scope, not just that one.
 */
export function testConnection(http: HttpPort, token: string, baseUrl?: string): ConnectionReport {
  const [owners, info, formsRead] = runTogether(
    http,
    new HubSpotCrm(http, token, { baseUrl }).owners(),
    tokenInfo(token, baseUrl),
    listForms(token, baseUrl),
  );
  const forms = formsRead.ok ? formsRead.value : null;
  const refusedForScope = !owners.ok && owners.error instanceof CrmError && owners.error.kind === 'forbidden';
  if (!owners.ok && !(refusedForScope && info.ok)) throw owners.error;
  const ownerCount = owners.ok ? owners.value.length : null;
  const count =
    (ownerCount === null ? 'Owners could not be read.' : `${countOf(ownerCount, 'owner')} visible.`) +
    (forms ? ` ${formCount(forms)}` : '');
  if (!info.ok) {
    return {
      hubId: null,
      scopes: null,
      missing: [],
      owners: ownerCount,
      forms,
      summary:
        `Connected to HubSpot. ${count} The token's scopes could not be listed (HubSpot describes only ` +
        'legacy private app tokens): a missing scope will be named when a call needs it.',
    };
  }
  const missing = missingScopes(info.value.scopes);
  return {
    hubId: info.value.hubId,
    scopes: info.value.scopes,
    missing,
    owners: ownerCount,
    forms,
    summary: [
      `Connected to HubSpot account ${info.value.hubId || '(unknown)'}.`,
      missing.length
        ? `Missing scopes: ${missing.map((m) => `${m.scope} (to ${m.purpose})`).join('; ')}.`
        : 'Every scope Prospector needs is granted.',
      count,
    ].join(' '),
  };
}

/** "3 forms found; choose them in Settings." */
function formCount(list: FormsList): string {
  const n = list.forms.length;
  const found = n === 1 ? '1 form found' : `${n}${list.more ? '+' : ''} forms found`;
  return n ? `${found}; choose the ones to watch in Settings.` : 'No forms found in HubSpot.';
}
