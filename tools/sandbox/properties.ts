// Property values in and out. Out: only the requested properties (plus those HubSpot always sends), a known
// but unset one as null, an unknown one left out, sorted by name. In: HubSpot's per-property validation errors.
// https://developers.hubspot.com/docs/api-reference/latest/crm/objects/guide (error handling, 400 example)
import { errorReply } from './errors';
import type { Reply } from './errors';
import type { ObjectTypeSpec } from './object-types';
import { instant, propertyOf } from './store';
import type { CrmRecord } from './types';

export interface RecordView {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

/** The record as HubSpot returns it; `names` null means every stored property (create responses). */
export function viewRecord(
  spec: ObjectTypeSpec,
  record: CrmRecord,
  names: readonly string[] | null,
  known: ReadonlySet<string>,
): RecordView {
  const properties: Record<string, string | null> = {};
  if (names === null) {
    Object.assign(properties, record.properties);
  } else {
    for (const name of [...names, ...spec.always]) {
      if (known.has(name)) properties[name] = propertyOf(record, name) ?? null;
    }
  }
  const sorted: Record<string, string | null> = {};
  for (const name of Object.keys(properties).sort()) sorted[name] = properties[name];
  return {
    id: record.id,
    properties: sorted,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: record.archived,
  };
}

/** A query list: comma-separated, repeatable, or both; null when absent. */
export function queryList(query: URLSearchParams, name: string): string[] | null {
  const values = query.getAll(name);
  if (values.length === 0) return null;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

interface Issue {
  name: string;
  value: string;
  code: string;
  message: string;
}

/** Epoch milliseconds or ISO 8601 (a bare date is midnight UTC); null if neither. */
export function parseDateTime(value: string): number | null {
  if (/^-?\d{1,15}$/.test(value)) return Number(value);
  if (!/^\d{4}-\d{2}-\d{2}([Tt ][\d:.]+([Zz]|[+-]\d{2}:?\d{2})?)?$/.test(value)) return null;
  const ms = Date.parse(/[Zz]|[+-]\d{2}:?\d{2}$/.test(value) || value.length === 10 ? value : `${value}Z`);
  return Number.isNaN(ms) ? null : ms;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/**
 * Checks the `properties` of a create. Returns the values to store (datetimes normalised to HubSpot's form)
 * or the 400 that lists every invalid property, as HubSpot does.
 */
export function checkProperties(
  spec: ObjectTypeSpec,
  raw: Record<string, unknown>,
  known: ReadonlySet<string>,
  now: number,
): { values: Record<string, string> } | { reply: Reply } {
  const values: Record<string, string> = {};
  const issues: Issue[] = [];
  for (const [name, rawValue] of Object.entries(raw)) {
    if (rawValue === null || rawValue === '') continue;
    const text = textOf(rawValue);
    const problem = propertyProblem(spec, known, name, text);
    if (problem) {
      issues.push({ name, value: text, ...problem });
      continue;
    }
    const ms = spec.datetimes.includes(name) ? parseDateTime(text) : null;
    values[name] = ms === null ? text : instant(ms);
  }
  if (issues.length > 0) return { reply: validationError(issues, now) };
  const missing = spec.required.filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    return {
      reply: errorReply(400, `Error creating ${spec.singular}. Some required properties were not set.`, now, {
        context: { properties: missing },
        category: 'VALIDATION_ERROR',
      }),
    };
  }
  return { values };
}

function propertyProblem(
  spec: ObjectTypeSpec,
  known: ReadonlySet<string>,
  name: string,
  text: string,
): { code: string; message: string } | null {
  if (!known.has(name))
    return { code: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` };
  if (spec.readOnly.includes(name)) {
    return {
      code: 'READ_ONLY_VALUE',
      message: `"${name}" is a calculated property; its value cannot be set.`,
    };
  }
  if (spec.datetimes.includes(name) && parseDateTime(text) === null) {
    return { code: 'INVALID_LONG', message: `${text} was not a valid long.` };
  }
  const options = spec.enums[name];
  if (options && !options.includes(text)) {
    return {
      code: 'INVALID_OPTION',
      message: `${text} was not one of the allowed options: [${options.join(', ')}]`,
    };
  }
  const max = spec.maxLength[name];
  if (max !== undefined && text.length > max) {
    return {
      code: 'INVALID_STRING_LENGTH',
      message: `Property "${name}" is ${text.length} characters long; the maximum is ${max}.`,
    };
  }
  return null;
}

/** 400 "Property values were not valid: [...]" with the JSON list HubSpot embeds in the message. */
function validationError(issues: Issue[], now: number): Reply {
  const embedded = issues.map((issue) => ({
    isValid: false,
    message: issue.message,
    error: issue.code,
    name: issue.name,
    localizedErrorMessage: issue.message,
  }));
  return errorReply(400, `Property values were not valid: ${JSON.stringify(embedded)}`, now, {
    errors: issues.map((issue) => ({
      message: issue.message,
      code: issue.code,
      context: { propertyName: [issue.name] },
    })),
    category: 'VALIDATION_ERROR',
  });
}
