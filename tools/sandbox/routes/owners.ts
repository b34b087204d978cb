// Owners: who records can be assigned to. Filter by email; page with limit (default 100, at most 500) and
// after. https://developers.hubspot.com/docs/api-reference/latest/crm/owners/guide
import { invalidInput } from '../errors';
import type { Reply } from '../errors';
import type { RouteContext } from '../router';

export function listOwners(ctx: RouteContext): Reply {
  const limit = Number(ctx.query.get('limit') ?? 100);
  const offset = Number(ctx.query.get('after') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    return invalidInput(`limit must be an integer from 1 to 500 (got ${ctx.query.get('limit')})`, ctx.now);
  }
  if (!Number.isInteger(offset) || offset < 0) {
    return invalidInput(
      `after must be a cursor from a previous page (got ${ctx.query.get('after')})`,
      ctx.now,
    );
  }
  const email = ctx.query.get('email')?.toLowerCase();
  const archived = ctx.query.get('archived') === 'true';
  const owners = ctx.store
    .ownerList()
    .filter((o) => o.archived === archived)
    .filter((o) => !email || o.email.toLowerCase() === email)
    .map((o) => ({
      id: o.id,
      email: o.email,
      type: 'PERSON',
      firstName: o.firstName,
      lastName: o.lastName,
      userId: o.userId,
      userIdIncludingInactive: o.userId,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      archived: o.archived,
      ...(o.teams ? { teams: o.teams } : {}),
    }));
  const body: Record<string, unknown> = { results: owners.slice(offset, offset + limit) };
  if (offset + limit < owners.length) {
    const after = String(offset + limit);
    body.paging = { next: { after, link: `${ctx.origin}${ctx.path}?after=${after}&limit=${limit}` } };
  }
  return { status: 200, body };
}
