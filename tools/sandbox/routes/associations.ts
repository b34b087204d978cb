// Reading associations (v4 shape): batch read for many records, and the list for one record.
// An input with no associations comes back as a NO_ASSOCIATIONS_FOUND error in a 207, not an empty result.
// https://developers.hubspot.com/docs/api-reference/2026-03/crm/associations/associate-records/batch/get-associations
// toObjectId is a number, as v4 sends it; the 2026-03 reference shows a string, so clients should accept both.
// A record with more associations than a page holds gets `paging.next.after`; the client sends the same id
// again with that `after` ("The 'after' field in a returned paging object can be added alongside the 'id'
// to retrieve the next page"; `paging` is "only present if there are more pages").
import { associationType } from '../association-types';
import type { Reply } from '../errors';
import type { ObjectTypeSpec } from '../object-types';
import type { RouteContext } from '../router';
import { compareIds, instant } from '../store';
import { isReply, objectTypeOr400 } from './records';

interface AssociatedTarget {
  toObjectId: number;
  associationTypes: Array<{ category: 'HUBSPOT_DEFINED'; typeId: number; label: string | null }>;
}

function targets(
  ctx: RouteContext,
  from: ObjectTypeSpec,
  fromId: string,
  to: ObjectTypeSpec,
): AssociatedTarget[] {
  return ctx.store.associated(from.name, fromId, to.name).map(({ toId, typeIds }) => ({
    toObjectId: Number(toId),
    associationTypes: typeIds.map((typeId) => ({
      category: 'HUBSPOT_DEFINED' as const,
      typeId,
      label: associationType(typeId, from.name)?.label ?? null,
    })),
  }));
}

/**
 * Associations per record and page. HubSpot does not document the batch read's page size; v3 paged at 100
 * and the v4 single-record list allows up to 500. The sandbox pages at 500 (docs/hubspot-sandbox.md).
 */
export const ASSOCIATIONS_PAGE_SIZE = 500;

/** The cursor after a target: opaque to clients, like HubSpot's (base64 of the last id). */
function cursorAfter(toId: string): string {
  return Buffer.from(`after-${toId}`).toString('base64url');
}

function cursorValue(after: string | undefined): string | null {
  if (after === undefined) return null;
  const decoded = Buffer.from(after, 'base64url').toString();
  return decoded.startsWith('after-') ? decoded.slice('after-'.length) : '';
}

/** HubSpot names object types in lower-case singular here ("No company is associated with contact 1."). */
function singular(spec: ObjectTypeSpec): string {
  return spec.singular.toLowerCase();
}

export function batchReadAssociations(ctx: RouteContext): Reply {
  const from = objectTypeOr400(ctx.params.fromType, ctx.now);
  if (isReply(from)) return from;
  const to = objectTypeOr400(ctx.params.toType, ctx.now);
  if (isReply(to)) return to;
  const inputs = (ctx.body as { inputs: Array<{ id: string | number; after?: string }> }).inputs;
  const results: unknown[] = [];
  const errors: unknown[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const id = String(input.id);
    const key = `${id} ${input.after ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const all = targets(ctx, from, id, to);
    const after = cursorValue(input.after);
    // Ids are numbers in strings, so "after" compares as HubSpot's id order does.
    const rest = after === null ? all : all.filter((t) => compareIds(String(t.toObjectId), after) > 0);
    const page = rest.slice(0, ASSOCIATIONS_PAGE_SIZE);
    if (page.length > 0) {
      const result: Record<string, unknown> = { from: { id }, to: page };
      if (rest.length > page.length) {
        const next = cursorAfter(String(page[page.length - 1].toObjectId));
        result.paging = { next: { after: next } };
      }
      results.push(result);
      continue;
    }
    errors.push({
      status: 'error',
      category: 'OBJECT_NOT_FOUND',
      subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
      message: `No ${singular(to)} is associated with ${singular(from)} ${id}.`,
      context: { fromObjectId: [id], fromObjectType: [singular(from)], toObjectType: [singular(to)] },
    });
  }
  const at = instant(ctx.now);
  if (errors.length === 0)
    return { status: 200, body: { status: 'COMPLETE', results, startedAt: at, completedAt: at } };
  return {
    status: 207,
    body: { status: 'COMPLETE', results, numErrors: errors.length, errors, startedAt: at, completedAt: at },
  };
}

/** GET /crm/objects/{version}/{type}/{id}/associations/{toType}: `{results: [...]}`, empty when none. */
export function listAssociations(ctx: RouteContext): Reply {
  const from = objectTypeOr400(ctx.params.type, ctx.now);
  if (isReply(from)) return from;
  const to = objectTypeOr400(ctx.params.toType, ctx.now);
  if (isReply(to)) return to;
  return { status: 200, body: { results: targets(ctx, from, ctx.params.id, to) } };
}
