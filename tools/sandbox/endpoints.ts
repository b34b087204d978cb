// The HubSpot endpoints the add-on uses, with the scopes and rate limits that guard each.
import { CRM_VERSION } from './api-version';
import { resolveObjectType } from './object-types';
import type { ScopeGroups } from './object-types';
import type { Route } from './router';
import { batchReadAssociations, listAssociations } from './routes/associations';
import { batchCreate, createObject } from './routes/create';
import { listForms, listSubmissions } from './routes/forms';
import { archiveObject, batchRead, getObject } from './routes/objects';
import { listOwners } from './routes/owners';
import { listPipelines } from './routes/pipelines';
import { searchObjects } from './routes/search';
import { tokenInfo } from './routes/token-info';

const OBJECTS = `/crm/objects/${CRM_VERSION}`;

/** An unknown object type needs no scope here: its handler answers 400. */
function readOf(...segments: string[]): ScopeGroups {
  return segments.flatMap((segment) => resolveObjectType(segment)?.read ?? []);
}

function writeOf(segment: string): ScopeGroups {
  return resolveObjectType(segment)?.write ?? [];
}

const OWNERS_SCOPES: ScopeGroups = [['crm.objects.owners.read']];
// https://developers.hubspot.com/docs/api-reference/legacy/marketing/forms/v1/get-form-integrations-v1-submissions-forms-form_guid.md
const FORMS_SCOPES: ScopeGroups = [['forms', 'forms-uploaded-files']];
// https://developers.hubspot.com/docs/api-reference/legacy/marketing/forms/get-forms (scope: forms)
const FORMS_LIST_SCOPES: ScopeGroups = [['forms']];

export const ENDPOINTS: readonly Route[] = [
  {
    method: 'GET',
    pattern: `${OBJECTS}/:type/:id`,
    rate: 'standard',
    authenticated: true,
    scopes: (p) => readOf(p.type),
    handle: getObject,
  },
  {
    method: 'DELETE',
    pattern: `${OBJECTS}/:type/:id`,
    rate: 'standard',
    authenticated: true,
    scopes: (p) => writeOf(p.type),
    handle: archiveObject,
  },
  {
    method: 'POST',
    pattern: `${OBJECTS}/:type/batch/read`,
    rate: 'standard',
    authenticated: true,
    scopes: (p) => readOf(p.type),
    schema: 'batch-read',
    handle: batchRead,
  },
  {
    method: 'POST',
    pattern: `${OBJECTS}/:type/search`,
    rate: 'search',
    authenticated: true,
    scopes: (p) => readOf(p.type),
    schema: 'search',
    handle: searchObjects,
  },
  {
    method: 'POST',
    pattern: `${OBJECTS}/:type`,
    rate: 'standard',
    authenticated: true,
    scopes: (p) => writeOf(p.type),
    schema: 'create-object',
    handle: createObject,
  },
  {
    method: 'POST',
    pattern: `${OBJECTS}/:type/batch/create`,
    rate: 'standard',
    authenticated: true,
    scopes: (p) => writeOf(p.type),
    schema: 'batch-create',
    handle: batchCreate,
  },
  {
    method: 'GET',
    pattern: `${OBJECTS}/:type/:id/associations/:toType`,
    rate: 'standard',
    authenticated: true,
    scopes: (p) => readOf(p.type, p.toType),
    handle: listAssociations,
  },
  {
    method: 'POST',
    pattern: `/crm/associations/${CRM_VERSION}/:fromType/:toType/batch/read`,
    rate: 'standard',
    authenticated: true,
    scopes: (p) => readOf(p.fromType, p.toType),
    schema: 'associations-batch-read',
    handle: batchReadAssociations,
  },
  {
    method: 'GET',
    pattern: `/crm/pipelines/${CRM_VERSION}/:objectType`,
    rate: 'standard',
    authenticated: true,
    scopes: (p) => readOf(p.objectType),
    handle: listPipelines,
  },
  {
    method: 'GET',
    pattern: `/crm/owners/${CRM_VERSION}`,
    rate: 'standard',
    authenticated: true,
    scopes: () => OWNERS_SCOPES,
    handle: listOwners,
  },
  {
    method: 'GET',
    pattern: '/crm/v3/owners',
    rate: 'standard',
    authenticated: true,
    scopes: () => OWNERS_SCOPES,
    handle: listOwners,
  },
  {
    method: 'GET',
    pattern: '/form-integrations/v1/submissions/forms/:formGuid',
    rate: 'standard',
    authenticated: true,
    scopes: () => FORMS_SCOPES,
    handle: listSubmissions,
  },
  {
    method: 'GET',
    pattern: '/marketing/v3/forms',
    rate: 'standard',
    authenticated: true,
    scopes: () => FORMS_LIST_SCOPES,
    handle: listForms,
  },
  {
    method: 'POST',
    pattern: '/oauth/v2/private-apps/get/access-token-info',
    rate: 'exempt',
    authenticated: false,
    scopes: () => [],
    schema: 'token-info',
    handle: tokenInfo,
  },
];
