// Finding records the way HubSpot's object endpoints do: by record id (numeric), or by a unique property
// named in idProperty (email for contacts, compared case-insensitively).
import { errorReply, resourceNotFound } from '../errors';
import type { Reply } from '../errors';
import { resolveObjectType } from '../object-types';
import type { ObjectTypeSpec } from '../object-types';
import type { SandboxStore } from '../store';
import type { CrmRecord } from '../types';

/** The object type named by a path segment, or HubSpot's answer for one it cannot infer. */
export function objectTypeOr400(segment: string, now: number): ObjectTypeSpec | Reply {
  return (
    resolveObjectType(segment) ??
    errorReply(400, `Unable to infer object type from: ${segment}`, now, { category: 'VALIDATION_ERROR' })
  );
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'status' in value && typeof value.status === 'number';
}

/** Catalogue properties plus any a seed uses: reads return these (null when unset) and omit the rest. */
export function knownProperties(store: SandboxStore, spec: ObjectTypeSpec): Set<string> {
  const known = store.propertiesInUse(spec.name);
  for (const name of spec.known) known.add(name);
  return known;
}

/** A record by id or idProperty value, or undefined; archived ones only when `archived` is asked for. */
export function lookup(
  store: SandboxStore,
  spec: ObjectTypeSpec,
  id: string,
  idProperty: string | null,
  archived: boolean,
): CrmRecord | undefined {
  const record =
    idProperty && idProperty !== 'hs_object_id'
      ? store.findBy(spec.name, idProperty, id)
      : store.get(spec.name, id);
  return record && record.archived === archived ? record : undefined;
}

/** GET by id: a non-numeric id without idProperty is HubSpot's "objectId are usually numeric" 404. */
export function lookupOr404(
  store: SandboxStore,
  spec: ObjectTypeSpec,
  id: string,
  idProperty: string | null,
  archived: boolean,
  now: number,
): CrmRecord | Reply {
  if (!idProperty && !/^\d+$/.test(id)) {
    return errorReply(404, 'Object not found.  objectId are usually numeric.', now, {
      context: { id: [id] },
      category: 'OBJECT_NOT_FOUND',
    });
  }
  return lookup(store, spec, id, idProperty, archived) ?? resourceNotFound(now);
}
