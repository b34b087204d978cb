// HubSpot-defined association types between the objects the add-on uses. Types are one-directional; each
// has an inverse (contact->company 279 <-> company->contact 280). Type ids and names:
// https://developers.hubspot.com/docs/api-reference/latest/crm/associations/associate-records/guide
// ("association type id values"); 1 = the contact's primary company, 279 = unlabeled contact_to_company.
import type { ObjectTypeName } from './types';

export interface AssociationType {
  typeId: number;
  from: ObjectTypeName;
  to: ObjectTypeName;
  /** The v3 name shown in GET-by-id `associations` blocks. */
  name: string;
  /** The v4 label: "Primary" for primary types, null for unlabeled ones. */
  label: string | null;
  inverse: number;
}

function pair(
  from: ObjectTypeName,
  to: ObjectTypeName,
  forward: [number, string, string | null],
  backward: [number, string, string | null],
): AssociationType[] {
  return [
    { typeId: forward[0], from, to, name: forward[1], label: forward[2], inverse: backward[0] },
    { typeId: backward[0], from: to, to: from, name: backward[1], label: backward[2], inverse: forward[0] },
  ];
}

const TYPES: AssociationType[] = [
  ...pair(
    'contacts',
    'companies',
    [1, 'contact_to_company', 'Primary'],
    [2, 'company_to_contact', 'Primary'],
  ),
  ...pair(
    'contacts',
    'companies',
    [279, 'contact_to_company_unlabeled', null],
    [280, 'company_to_contact_unlabeled', null],
  ),
  ...pair('deals', 'contacts', [3, 'deal_to_contact', null], [4, 'contact_to_deal', null]),
  ...pair('deals', 'companies', [5, 'deal_to_company', 'Primary'], [6, 'company_to_deal', 'Primary']),
  ...pair(
    'deals',
    'companies',
    [341, 'deal_to_company_unlabeled', null],
    [342, 'company_to_deal_unlabeled', null],
  ),
  ...pair('tasks', 'contacts', [204, 'task_to_contact', null], [203, 'contact_to_task', null]),
  ...pair('notes', 'contacts', [202, 'note_to_contact', null], [201, 'contact_to_note', null]),
];

/** Primary types imply the unlabeled one: HubSpot shows a primary company under both types. */
const IMPLIED: Record<number, number> = { 1: 279, 2: 280, 5: 341, 6: 342 };

export function associationType(typeId: number, from: ObjectTypeName): AssociationType | null {
  return TYPES.find((t) => t.typeId === typeId && t.from === from) ?? null;
}

/** A type by its v3 name (`contact_to_company`), as seeds pasted from GET-by-id responses name them. */
export function associationTypeByName(
  from: ObjectTypeName,
  to: ObjectTypeName,
  name: string,
): AssociationType | null {
  return TYPES.find((t) => t.from === from && t.to === to && t.name === name) ?? null;
}

/** The type HubSpot uses when none is named (the unlabeled one). */
export function defaultAssociationType(from: ObjectTypeName, to: ObjectTypeName): AssociationType | null {
  return TYPES.find((t) => t.from === from && t.to === to && t.label === null) ?? null;
}

/** The type ids with their implied unlabeled types, sorted (labeled first, as HubSpot lists them). */
export function withImpliedTypes(typeIds: number[]): number[] {
  const all = new Set(typeIds);
  for (const id of typeIds) if (IMPLIED[id] !== undefined) all.add(IMPLIED[id]);
  return [...all].sort((a, b) => a - b);
}
