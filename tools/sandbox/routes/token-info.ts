// Private app token introspection: the account (hubId) and scopes a token carries, for "Test connection".
// POST /oauth/v2/private-apps/get/access-token-info {tokenKey} -> {userId, hubId, appId, scopes}; needs no scope.
// https://developers.hubspot.com/docs/apps/legacy-apps/private-apps/overview (end of page)
import { unauthorized } from '../errors';
import type { Reply } from '../errors';
import type { RouteContext } from '../router';

export function tokenInfo(ctx: RouteContext): Reply {
  const { tokenKey } = ctx.body as { tokenKey: string };
  const grant = ctx.store.grant(tokenKey);
  // HubSpot's answer for an unknown key is not documented; the sandbox answers as for a bad bearer token.
  // A service key is not a private app token: the endpoint does not know it either (unverified, see
  // docs/hubspot-sandbox.md), which is why "Test connection" must not depend on it.
  if (!grant || grant.kind === 'service-key') return unauthorized(ctx.now);
  return {
    status: 200,
    body: {
      userId: grant.userId ?? 1,
      hubId: grant.portalId,
      appId: grant.appId ?? 1,
      scopes: [...grant.scopes].sort(),
    },
  };
}
