// CRM search: filter groups (OR of groups, AND within one), a free-text query, sorts and offset paging.
// Limits: 5 groups, 6 filters a group, 18 in all; limit up to 200 (default 10); no paging past 10,000 results.
// Unlike HubSpot, newly written records are searchable at once (HubSpot's index lags a few seconds).
// https://developers.hubspot.com/docs/api-reference/latest/crm/search-the-crm
import { invalidInput } from '../errors';
import type { Reply } from '../errors';
import type { ObjectTypeSpec } from '../object-types';
import { parseDateTime, viewRecord } from '../properties';
import type { RouteContext } from '../router';
import { compareIds, propertyOf } from '../store';
import type { CrmRecord } from '../types';
import { isReply, knownProperties, objectTypeOr400 } from './records';

type Scalar = string | number | boolean;

interface Filter {
  propertyName: string;
  operator: string;
  value?: Scalar;
  highValue?: Scalar;
  values?: Scalar[];
}

interface SearchBody {
  filterGroups?: Array<{ filters: Filter[] }>;
  properties?: string[];
  sorts?: Array<string | { propertyName: string; direction?: 'ASCENDING' | 'DESCENDING' }>;
  query?: string;
  limit?: number;
  after?: string | number;
}

const MAX_FILTERS = 18;
const MAX_RESULTS = 10_000;
/** The contact properties a free-text query looks in ("default searchable properties"). */
const SEARCHABLE = ['firstname', 'lastname', 'email', 'phone', 'company', 'domain', 'name', 'website'];

export function searchObjects(ctx: RouteContext): Reply {
  const spec = objectTypeOr400(ctx.params.type, ctx.now);
  if (isReply(spec)) return spec;
  const body = ctx.body as SearchBody;
  const groups = (body.filterGroups ?? []).map((g) => g.filters);
  const filterCount = groups.reduce((n, g) => n + g.length, 0);
  if (filterCount > MAX_FILTERS) {
    return invalidInput(`too many filters (count: ${filterCount}, max allowed: ${MAX_FILTERS})`, ctx.now);
  }
  const offset = Number(body.after ?? 0);
  const limit = body.limit ?? 10;
  if (offset + limit > MAX_RESULTS) {
    return invalidInput(
      `paging past ${MAX_RESULTS} results is not supported (after ${offset}, limit ${limit})`,
      ctx.now,
    );
  }
  const query = body.query?.trim().toLowerCase();
  const matched = ctx.store
    .all(spec.name)
    .filter((r) => !r.archived)
    .filter((r) => groups.length === 0 || groups.some((group) => group.every((f) => matches(spec, r, f))))
    .filter((r) => !query || SEARCHABLE.some((name) => propertyOf(r, name)?.toLowerCase().includes(query)))
    .sort(sorter(spec, body.sorts?.[0]));
  const names = body.properties && body.properties.length > 0 ? body.properties : spec.defaults;
  const known = knownProperties(ctx.store, spec);
  const page = matched.slice(offset, offset + limit);
  const result: Record<string, unknown> = {
    total: matched.length,
    results: page.map((r) => viewRecord(spec, r, names, known)),
  };
  if (limit > 0 && offset + limit < matched.length)
    result.paging = { next: { after: String(offset + limit) } };
  return { status: 200, body: result };
}

/** Numbers and datetimes compare as numbers, other text case-insensitively. */
function comparable(spec: ObjectTypeSpec, name: string, text: string): number | string {
  const asDate = spec.datetimes.includes(name) ? parseDateTime(text) : null;
  if (asDate !== null) return asDate;
  const asNumber = Number(text);
  return text.trim() !== '' && Number.isFinite(asNumber) ? asNumber : text.toLowerCase();
}

function matches(spec: ObjectTypeSpec, record: CrmRecord, filter: Filter): boolean {
  const actual = propertyOf(record, filter.propertyName);
  const present = actual !== undefined && actual !== '';
  const value = filter.value === undefined ? '' : String(filter.value);
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return present;
    case 'NOT_HAS_PROPERTY':
      return !present;
    case 'EQ':
      return present && actual.toLowerCase() === value.toLowerCase();
    case 'NEQ':
      return !(present && actual.toLowerCase() === value.toLowerCase());
    case 'IN':
    case 'NOT_IN': {
      const inside = present && (filter.values ?? []).map(String).includes(actual.toLowerCase());
      return filter.operator === 'IN' ? inside : !inside;
    }
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      const contains = present && containsToken(actual, value);
      return filter.operator === 'CONTAINS_TOKEN' ? contains : !contains;
    }
    default:
      return present && compares(spec, filter, actual, value);
  }
}

/**
 * CONTAINS_TOKEN: one of the value's tokens equals the filter's, case-insensitively; `*` in the filter
 * stands for any characters ("Contains a token. You can use wildcards (*) to complete a partial search").
 * Tokens are split at white space and at `;` and `,`, so each address of a multi-value property such as
 * hs_additional_emails ("a@x.example;b@y.example") is one token, and "b@y.example" does not match
 * "bob@y.example".
 */
function containsToken(actual: string, wanted: string): boolean {
  const pattern = new RegExp(
    `^${wanted
      .toLowerCase()
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return actual
    .toLowerCase()
    .split(/[\s;,]+/)
    .some((token) => token !== '' && pattern.test(token));
}

function compares(spec: ObjectTypeSpec, filter: Filter, actual: string, value: string): boolean {
  const left = comparable(spec, filter.propertyName, actual);
  const low = comparable(spec, filter.propertyName, value);
  if (typeof left !== typeof low) return false;
  const versusLow = order(left, low);
  switch (filter.operator) {
    case 'GT':
      return versusLow > 0;
    case 'GTE':
      return versusLow >= 0;
    case 'LT':
      return versusLow < 0;
    case 'LTE':
      return versusLow <= 0;
    default: {
      const high = comparable(spec, filter.propertyName, String(filter.highValue ?? ''));
      return typeof high === typeof left && versusLow >= 0 && order(left, high) <= 0;
    }
  }
}

function order(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** HubSpot sorts by one property; without a sort, by record id. */
function sorter(spec: ObjectTypeSpec, sort: NonNullable<SearchBody['sorts']>[number] | undefined) {
  if (!sort) return (a: CrmRecord, b: CrmRecord) => compareIds(a.id, b.id);
  const name = typeof sort === 'string' ? sort : sort.propertyName;
  const direction = typeof sort === 'string' || sort.direction !== 'DESCENDING' ? 1 : -1;
  return (a: CrmRecord, b: CrmRecord) => {
    const left = comparable(spec, name, propertyOf(a, name) ?? '');
    const right = comparable(spec, name, propertyOf(b, name) ?? '');
    return (order(left, right) || compareIds(a.id, b.id)) * direction;
  };
}
