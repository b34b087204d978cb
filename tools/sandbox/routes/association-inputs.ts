// The `associations` of a create body: each type id must be one HubSpot defines from this object type, and
// each target record must exist. HubSpot's 400s for both:
//   invalid type: "... is not a valid association type between ..." (crm.associations.INVALID_ASSOCIATION_TYPE)
//   missing target: "One or more associations are invalid" with INVALID_OBJECT_IDS in the context
import { associationType } from '../association-types';
import { errorReply } from '../errors';
import type { Reply } from '../errors';
import { OBJECT_TYPE_NAMES, objectTypeSpec } from '../object-types';
import type { SandboxStore } from '../store';
import type { ObjectTypeName } from '../types';

export interface AssociationInput {
  to: { id: string | number };
  types: Array<{ associationCategory?: string; associationTypeId: number }>;
}

export interface Link {
  toType: ObjectTypeName;
  toId: string;
  typeIds: number[];
}

export function checkAssociations(
  store: SandboxStore,
  from: ObjectTypeName,
  inputs: AssociationInput[],
  now: number,
): { links: Link[] } | { reply: Reply } {
  const links: Link[] = [];
  for (const input of inputs) {
    const toId = String(input.to.id);
    let toType: ObjectTypeName | null = null;
    const typeIds: number[] = [];
    for (const { associationCategory, associationTypeId } of input.types) {
      const type = associationType(associationTypeId, from);
      const category = associationCategory ?? 'HUBSPOT_DEFINED';
      if (!type || category !== 'HUBSPOT_DEFINED' || (toType !== null && type.to !== toType)) {
        return { reply: invalidType(store, from, toId, associationTypeId, now) };
      }
      toType = type.to;
      typeIds.push(type.typeId);
    }
    if (toType === null) continue;
    const target = store.get(toType, toId);
    if (!target || target.archived) {
      const singular = objectTypeSpec(toType).singular;
      return {
        reply: errorReply(400, 'One or more associations are invalid', now, {
          context: {
            INVALID_OBJECT_IDS: [`${singular}=${toId} is not valid`],
            objectId: [toId],
            objectType: [singular],
          },
          category: 'VALIDATION_ERROR',
        }),
      };
    }
    links.push({ toType, toId, typeIds });
  }
  return { links };
}

function invalidType(
  store: SandboxStore,
  from: ObjectTypeName,
  toId: string,
  typeId: number,
  now: number,
): Reply {
  // HubSpot names both object types; the target's type is whichever holds the id.
  const to = OBJECT_TYPE_NAMES.find((name) => store.get(name, toId)) ?? 'objects';
  return errorReply(400, `${typeId} is not a valid association type between ${from} and ${to}`, now, {
    context: { type: [String(typeId)], fromObjectType: [from], toObjectType: [to] },
    category: 'VALIDATION_ERROR',
    subCategory: 'crm.associations.INVALID_ASSOCIATION_TYPE',
  });
}
