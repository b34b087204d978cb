// Request bodies checked against JSON Schemas written from HubSpot's reference pages (schemas/*.json). A body
// that does not fit gets HubSpot's 400 VALIDATION_ERROR naming the field and the problem.
import Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import associationInput from './schemas/association-input.json';
import associationsBatchRead from './schemas/associations-batch-read.json';
import batchCreate from './schemas/batch-create.json';
import batchRead from './schemas/batch-read.json';
import createObject from './schemas/create-object.json';
import search from './schemas/search.json';
import tokenInfo from './schemas/token-info.json';
import { invalidInput } from './errors';
import type { Reply } from './errors';

export type SchemaName =
  'batch-read' | 'batch-create' | 'create-object' | 'search' | 'associations-batch-read' | 'token-info';

const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
ajv.addSchema([
  associationInput,
  createObject,
  batchCreate,
  batchRead,
  search,
  associationsBatchRead,
  tokenInfo,
]);

/** Null when the body fits the schema; otherwise the 400 to send. */
export function validateBody(schema: SchemaName, body: unknown, now: number): Reply | null {
  const validate = ajv.getSchema(`${schema}.json`);
  if (!validate) throw new Error(`no schema ${schema}`);
  if (validate(body)) return null;
  return invalidInput(describe(validate.errors?.[0], body), now);
}

/** "inputs must NOT have more than 100 items (got 101)", "Some required fields were not set: [inputs]". */
function describe(error: ErrorObject | undefined, body: unknown): string {
  if (!error) return 'the request body is not valid';
  const field = error.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'the request body';
  if (error.keyword === 'required') {
    const at = error.instancePath ? ` in ${field}` : '';
    return `Some required fields were not set${at}: [${String(error.params.missingProperty)}]`;
  }
  if (error.keyword === 'maxItems') {
    const actual = valueAt(body, error.instancePath);
    return `${field} must NOT have more than ${String(error.params.limit)} items (got ${Array.isArray(actual) ? actual.length : '?'})`;
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params.allowedValues as unknown[]).join(', ');
    return `${field} must be one of ${allowed} (got ${JSON.stringify(valueAt(body, error.instancePath))})`;
  }
  return `${field} ${error.message ?? 'is not valid'}`;
}

function valueAt(body: unknown, pointer: string): unknown {
  let value = body;
  for (const key of pointer.split('/').slice(1)) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}
