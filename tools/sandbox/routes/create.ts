// Creating records, one (contacts) or in a batch (tasks, notes), with associations in the body.
// A batch is all-or-nothing (400 for the first bad input) unless every input carries an objectWriteTraceId:
// then good inputs are created and bad ones come back as errors in a 207.
// https://developers.hubspot.com/docs/api-reference/latest/crm/objects/guide (create, multi-status)
// Contact email conflict: 409 "Contact already exists. Existing ID: ..."
// Results echo objectWriteTraceId:
// https://developers.hubspot.com/docs/api-reference/2026-03/crm/activities/tasks/batch/create-tasks
import { errorReply } from '../errors';
import type { Reply } from '../errors';
import type { ObjectTypeSpec } from '../object-types';
import { checkProperties, viewRecord } from '../properties';
import type { RecordView } from '../properties';
import type { RouteContext } from '../router';
import { instant } from '../store';
import type { SandboxStore } from '../store';
import type { CrmRecord } from '../types';
import { checkAssociations } from './association-inputs';
import type { AssociationInput, Link } from './association-inputs';
import { isReply, knownProperties, objectTypeOr400 } from './records';

interface CreateInput {
  properties: Record<string, unknown>;
  associations?: AssociationInput[];
  objectWriteTraceId?: string;
}

type Prepared = { record: CrmRecord; links: Link[]; traceId?: string };

export function createObject(ctx: RouteContext): Reply {
  const spec = objectTypeOr400(ctx.params.type, ctx.now);
  if (isReply(spec)) return spec;
  const prepared = prepare(ctx, spec, ctx.body as CreateInput, new Set());
  if (isReply(prepared)) return prepared;
  return { status: 201, body: commit(ctx.store, spec, prepared) };
}

export function batchCreate(ctx: RouteContext): Reply {
  const spec = objectTypeOr400(ctx.params.type, ctx.now);
  if (isReply(spec)) return spec;
  const inputs = (ctx.body as { inputs: CreateInput[] }).inputs;
  const traced = inputs.length > 0 && inputs.every((input) => typeof input.objectWriteTraceId === 'string');
  const accepted: Prepared[] = [];
  const errors: unknown[] = [];
  const emailsInBatch = new Set<string>();
  for (const input of inputs) {
    const prepared = prepare(ctx, spec, input, emailsInBatch);
    if (!isReply(prepared)) {
      accepted.push(prepared);
      continue;
    }
    if (!traced) return prepared;
    const body = prepared.body as { message: string; category?: string };
    errors.push({
      status: 'error',
      category: body.category,
      message: body.message,
      context: { objectWriteTraceId: [input.objectWriteTraceId] },
    });
  }
  const results = accepted.map((p) => commit(ctx.store, spec, p));
  const at = instant(ctx.now);
  if (errors.length === 0)
    return { status: 201, body: { status: 'COMPLETE', results, startedAt: at, completedAt: at } };
  return {
    status: 207,
    body: { status: 'COMPLETE', results, numErrors: errors.length, errors, startedAt: at, completedAt: at },
  };
}

/** Validates one input and builds its record, without storing anything yet. */
function prepare(
  ctx: RouteContext,
  spec: ObjectTypeSpec,
  input: CreateInput,
  emails: Set<string>,
): Prepared | Reply {
  const checked = checkProperties(spec, input.properties, knownProperties(ctx.store, spec), ctx.now);
  if ('reply' in checked) return checked.reply;
  const values = checked.values;
  if (spec.name === 'contacts' && values.email !== undefined) {
    const email = values.email.toLowerCase();
    const existing = ctx.store.findBy('contacts', 'email', email);
    if (existing || emails.has(email)) {
      const id = existing?.id ?? 'in this batch';
      return errorReply(409, `Contact already exists. Existing ID: ${id}`, ctx.now, { category: 'CONFLICT' });
    }
    emails.add(email);
  }
  const associations = checkAssociations(ctx.store, spec.name, input.associations ?? [], ctx.now);
  if ('reply' in associations) return associations.reply;
  const at = instant(ctx.now);
  const id = ctx.store.newId();
  const properties: Record<string, string> = {
    [spec.created]: at,
    ...values,
    [spec.modified]: at,
    hs_object_id: id,
  };
  return {
    record: { id, properties, createdAt: at, updatedAt: at, archived: false },
    links: associations.links,
    traceId: input.objectWriteTraceId,
  };
}

/** Stores the record; the answer echoes the input's objectWriteTraceId, as HubSpot's results do. */
function commit(
  store: SandboxStore,
  spec: ObjectTypeSpec,
  prepared: Prepared,
): RecordView & { objectWriteTraceId?: string } {
  store.put(spec.name, prepared.record);
  for (const link of prepared.links)
    store.associate(spec.name, prepared.record.id, link.toType, link.toId, link.typeIds);
  const view = viewRecord(spec, prepared.record, null, new Set());
  return prepared.traceId === undefined ? view : { ...view, objectWriteTraceId: prepared.traceId };
}
