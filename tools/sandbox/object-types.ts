// What the sandbox knows about each CRM object type: its properties, which ones come back by default or
// always, what creating a record requires, and the scopes that guard it.
// Required properties: https://developers.hubspot.com/docs/api-reference/latest/crm/objects/guide (tasks and
// notes need only hs_timestamp). Task fields and values:
// https://developers.hubspot.com/docs/api-reference/2026-03/crm/activities/tasks/guide
import type { ObjectTypeName } from './types';

/** A scope requirement: the token needs at least one scope of each group (HubSpot lists each group in a 403). */
export type ScopeGroups = string[][];

export interface ObjectTypeSpec {
  name: ObjectTypeName;
  /** HubSpot's upper-case singular, used in messages ("Could not get some CONTACT objects"). */
  singular: string;
  /** Object type id (contacts are 0-1), accepted in paths in place of the name. */
  typeId: string;
  known: readonly string[];
  /** Properties HubSpot computes; setting them is a validation error. */
  readOnly: readonly string[];
  /** Returned when a read names no properties. */
  defaults: readonly string[];
  /** Returned whether or not they were named. */
  always: readonly string[];
  created: string;
  modified: string;
  required: readonly string[];
  datetimes: readonly string[];
  enums: Readonly<Record<string, readonly string[]>>;
  maxLength: Readonly<Record<string, number>>;
  read: ScopeGroups;
  write: ScopeGroups;
}

/** HubSpot accepts the plain or the sensitive-data scope for a read (403 bodies list all of them). */
function readScopes(object: string): ScopeGroups {
  return [
    [
      `crm.objects.${object}.read`,
      `crm.objects.${object}.sensitive.read.v2`,
      `crm.objects.${object}.highly_sensitive.read.v2`,
    ],
  ];
}

function writeScopes(object: string): ScopeGroups {
  return [
    [
      `crm.objects.${object}.write`,
      `crm.objects.${object}.sensitive.write.v2`,
      `crm.objects.${object}.highly_sensitive.write.v2`,
    ],
  ];
}

const ACTIVITY_BASE = [
  'hs_createdate',
  'hs_lastmodifieddate',
  'hs_object_id',
  'hs_timestamp',
  'hubspot_owner_id',
];

const SPECS: Record<ObjectTypeName, ObjectTypeSpec> = {
  contacts: {
    name: 'contacts',
    singular: 'CONTACT',
    typeId: '0-1',
    known: [
      'address',
      'associatedcompanyid',
      'city',
      'company',
      'country',
      'createdate',
      'email',
      'firstname',
      'hs_additional_emails',
      'hs_email_domain',
      'hs_last_sales_activity_timestamp',
      'hs_lead_status',
      'hs_object_id',
      'hs_timezone',
      'hubspot_owner_id',
      'jobtitle',
      'lastmodifieddate',
      'lastname',
      'lifecyclestage',
      'message',
      'mobilephone',
      'notes_last_contacted',
      'notes_last_updated',
      'num_associated_deals',
      'phone',
      'state',
      'website',
      'zip',
    ],
    // hs_additional_emails: the secondary emails, ";"-separated; HubSpot manages them (record page, merges).
    readOnly: ['hs_object_id', 'lastmodifieddate', 'hs_email_domain', 'hs_additional_emails'],
    defaults: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
    always: ['createdate', 'hs_object_id', 'lastmodifieddate'],
    created: 'createdate',
    modified: 'lastmodifieddate',
    required: [],
    datetimes: ['createdate', 'lastmodifieddate', 'notes_last_contacted', 'notes_last_updated'],
    enums: {},
    maxLength: {},
    read: readScopes('contacts'),
    write: writeScopes('contacts'),
  },
  companies: {
    name: 'companies',
    singular: 'COMPANY',
    typeId: '0-2',
    known: [
      'annualrevenue',
      'city',
      'country',
      'createdate',
      'description',
      'domain',
      'hs_lastmodifieddate',
      'hs_object_id',
      'hubspot_owner_id',
      'industry',
      'lifecyclestage',
      'name',
      'numberofemployees',
      'phone',
      'website',
    ],
    readOnly: ['hs_object_id', 'hs_lastmodifieddate'],
    defaults: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
    always: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    created: 'createdate',
    modified: 'hs_lastmodifieddate',
    required: [],
    datetimes: ['createdate', 'hs_lastmodifieddate'],
    enums: {},
    maxLength: {},
    read: readScopes('companies'),
    write: writeScopes('companies'),
  },
  deals: {
    name: 'deals',
    singular: 'DEAL',
    typeId: '0-3',
    known: [
      'amount',
      'closedate',
      'createdate',
      'deal_currency_code',
      'dealname',
      'dealstage',
      'dealtype',
      'hs_is_closed',
      'hs_lastmodifieddate',
      'hs_object_id',
      'hubspot_owner_id',
      'pipeline',
    ],
    // hs_is_closed is computed from the stage (pipelines.ts).
    readOnly: ['hs_object_id', 'hs_lastmodifieddate', 'hs_is_closed'],
    defaults: [
      'amount',
      'closedate',
      'createdate',
      'dealname',
      'dealstage',
      'hs_lastmodifieddate',
      'hs_object_id',
      'pipeline',
    ],
    always: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    created: 'createdate',
    modified: 'hs_lastmodifieddate',
    required: ['dealname', 'dealstage', 'pipeline'],
    datetimes: ['closedate', 'createdate', 'hs_lastmodifieddate'],
    enums: {},
    maxLength: {},
    read: readScopes('deals'),
    write: writeScopes('deals'),
  },
  // Tasks and notes are guarded by the contacts scopes (scope list of the tasks guide above).
  tasks: {
    name: 'tasks',
    singular: 'TASK',
    typeId: '0-27',
    known: [
      ...ACTIVITY_BASE,
      'hs_task_body',
      'hs_task_priority',
      'hs_task_reminders',
      'hs_task_status',
      'hs_task_subject',
      'hs_task_type',
    ],
    readOnly: ['hs_object_id', 'hs_lastmodifieddate'],
    defaults: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    always: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    created: 'hs_createdate',
    modified: 'hs_lastmodifieddate',
    required: ['hs_timestamp'],
    datetimes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_timestamp', 'hs_task_reminders'],
    enums: {
      hs_task_status: ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'],
      hs_task_priority: ['NONE', 'LOW', 'MEDIUM', 'HIGH'],
      hs_task_type: ['CALL', 'EMAIL', 'LINKED_IN_CONNECT', 'LINKED_IN_MESSAGE', 'MEETING', 'TODO'],
    },
    maxLength: {},
    read: readScopes('contacts'),
    write: writeScopes('contacts'),
  },
  notes: {
    name: 'notes',
    singular: 'NOTE',
    typeId: '0-46',
    known: [...ACTIVITY_BASE, 'hs_attachment_ids', 'hs_note_body'],
    readOnly: ['hs_object_id', 'hs_lastmodifieddate'],
    defaults: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    always: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    created: 'hs_createdate',
    modified: 'hs_lastmodifieddate',
    required: ['hs_timestamp'],
    datetimes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_timestamp'],
    enums: {},
    // https://developers.hubspot.com/docs/api-reference/2026-03/crm/activities/notes/guide
    maxLength: { hs_note_body: 65_536 },
    read: readScopes('contacts'),
    write: writeScopes('contacts'),
  },
};

export const OBJECT_TYPE_NAMES = Object.keys(SPECS) as ObjectTypeName[];

export function objectTypeSpec(name: ObjectTypeName): ObjectTypeSpec {
  return SPECS[name];
}

/** The spec for a path segment: a name (`contacts`) or an object type id (`0-1`); null if unknown. */
export function resolveObjectType(segment: string): ObjectTypeSpec | null {
  const lower = segment.toLowerCase();
  return (
    OBJECT_TYPE_NAMES.map((name) => SPECS[name]).find((s) => s.name === lower || s.typeId === lower) ?? null
  );
}
