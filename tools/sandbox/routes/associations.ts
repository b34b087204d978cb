// Reading associations (v4 shape): batch read for many records, and the list for one record.
// An input with no associations comes back as a NO_ASSOCIATIONS_FOUND error in a 207, not an empty result.
// https://developers.hubspot.com/docs/api-reference/2026-03/crm/associations/associate-records/batch/get-associations
// toObjectId is a number, as v4 sends it; the 2026-03 reference shows a string, so clients should accept both.
import { associationType } from '../association-types';
import type { Reply } from '../errors';
import type { ObjectTypeSpec } from '../object-types';
import type { RouteContext } from '../router';
import { instant } from '../store';
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

/** HubSpot names object types in lower-case singular here ("No company is associated with contact 1."). */
function singular(spec: ObjectTypeSpec): string {
  return spec.singular.toLowerCase();
}

export function batchReadAssociations(ctx: RouteContext): Reply {
  const from = objectTypeOr400(ctx.params.fromType, ctx.now);
  if (isReply(from)) return from;
  const to = objectTypeOr400(ctx.params.toType, ctx.now);
  if (isReply(to)) return to;
  const inputs = (ctx.body as { inputs: Array<{ id: string | number }> }).inputs;
  const results: unknown[] = [];
  const errors: unknown[] = [];
  for (const id of new Set(inputs.map((input) => String(input.id)))) {
    const found = targets(ctx, from, id, to);
    if (found.length > 0) {
      results.push({ from: { id }, to: found });
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
