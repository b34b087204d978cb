// Reading and deleting CRM records: GET by id (or by email with idProperty=email, with associated ids),
// batch read (207 naming the ids it could not find), and DELETE (archive).
// https://developers.hubspot.com/docs/api-reference/latest/crm/objects/guide
// https://developers.hubspot.com/docs/api-reference/latest/crm/objects/objects/batch/get-objects
import { associationType } from '../association-types';
import type { Reply } from '../errors';
import { resolveObjectType } from '../object-types';
import type { ObjectTypeSpec } from '../object-types';
import { queryList, viewRecord } from '../properties';
import type { RecordView } from '../properties';
import type { RouteContext } from '../router';
import { instant } from '../store';
import type { AssociationsBlock, CrmRecord } from '../types';
import { isReply, knownProperties, lookup, lookupOr404, objectTypeOr400 } from './records';

export function getObject(ctx: RouteContext): Reply {
  const spec = objectTypeOr400(ctx.params.type, ctx.now);
  if (isReply(spec)) return spec;
  const found = lookupOr404(
    ctx.store,
    spec,
    ctx.params.id,
    ctx.query.get('idProperty'),
    ctx.query.get('archived') === 'true',
    ctx.now,
  );
  if (isReply(found)) return found;
  const view: RecordView & { associations?: AssociationsBlock } = viewRecord(
    spec,
    found,
    queryList(ctx.query, 'properties') ?? spec.defaults,
    knownProperties(ctx.store, spec),
  );
  const associations = associationsBlock(ctx, spec, found, queryList(ctx.query, 'associations') ?? []);
  if (Object.keys(associations).length > 0) view.associations = associations;
  return { status: 200, body: view };
}

/**
 * `associations=companies,deals`: one entry per associated id and type, named as in v3
 * (`contact_to_company` for the primary company, `contact_to_company_unlabeled` for every company).
 * Types with no associations are left out.
 */
function associationsBlock(
  ctx: RouteContext,
  spec: ObjectTypeSpec,
  record: CrmRecord,
  wanted: string[],
): AssociationsBlock {
  const block: AssociationsBlock = {};
  for (const name of wanted) {
    const toSpec = resolveObjectType(name);
    if (!toSpec) continue;
    const results = ctx.store.associated(spec.name, record.id, toSpec.name).flatMap(({ toId, typeIds }) =>
      typeIds.map((typeId) => ({
        id: toId,
        type: associationType(typeId, spec.name)?.name ?? String(typeId),
      })),
    );
    if (results.length > 0) block[toSpec.name] = { results };
  }
  return block;
}

interface BatchReadBody {
  inputs: Array<{ id: string | number }>;
  properties?: string[];
  idProperty?: string;
  archived?: boolean;
}

/** 200 when every input was found; 207 with an OBJECT_NOT_FOUND error listing the others otherwise. */
export function batchRead(ctx: RouteContext): Reply {
  const spec = objectTypeOr400(ctx.params.type, ctx.now);
  if (isReply(spec)) return spec;
  const body = ctx.body as BatchReadBody;
  const names = body.properties && body.properties.length > 0 ? body.properties : spec.defaults;
  const known = knownProperties(ctx.store, spec);
  const results: RecordView[] = [];
  const seen = new Set<string>();
  const missing: string[] = [];
  for (const input of body.inputs) {
    const id = String(input.id);
    const numericOk = Boolean(body.idProperty) || /^\d+$/.test(id);
    const record = numericOk
      ? lookup(ctx.store, spec, id, body.idProperty ?? null, body.archived ?? false)
      : undefined;
    if (!record) missing.push(id);
    else if (!seen.has(record.id)) {
      seen.add(record.id);
      results.push(viewRecord(spec, record, names, known));
    }
  }
  const at = instant(ctx.now);
  if (missing.length === 0)
    return { status: 200, body: { status: 'COMPLETE', results, startedAt: at, completedAt: at } };
  const error = {
    status: 'error',
    category: 'OBJECT_NOT_FOUND',
    message: `Could not get some ${spec.singular} objects, they may be deleted or not exist. Check that ids are valid.`,
    context: { ids: missing },
  };
  return {
    status: 207,
    body: { status: 'COMPLETE', results, numErrors: 1, errors: [error], startedAt: at, completedAt: at },
  };
}

/** DELETE moves the record to the recycling bin: 204 whether or not it existed. */
export function archiveObject(ctx: RouteContext): Reply {
  const spec = objectTypeOr400(ctx.params.type, ctx.now);
  if (isReply(spec)) return spec;
  const record = ctx.store.get(spec.name, ctx.params.id);
  if (record && !record.archived) {
    ctx.store.put(spec.name, { ...record, archived: true, updatedAt: instant(ctx.now) });
  }
  return { status: 204 };
}
