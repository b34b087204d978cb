// The table of HubSpot endpoints the sandbox serves, and matching a request to one. A path that matches an
// endpoint under another method is a 405; a path that matches none is a 404.
import type { Reply } from './errors';
import type { ScopeGroups } from './object-types';
import type { RateClass } from './rate-limit';
import type { SandboxStore } from './store';
import type { TokenGrant } from './types';
import type { SchemaName } from './validation';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  store: SandboxStore;
  /** The request's clock: x-workbench-now, or the wall clock. */
  now: number;
  /** Where this sandbox is reached and the request's path (for paging links). */
  origin: string;
  path: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Segments; `:name` captures one segment. */
  pattern: string;
  rate: RateClass;
  /** False for endpoints that identify the token themselves (token introspection). */
  authenticated: boolean;
  scopes: (params: Record<string, string>) => ScopeGroups;
  schema?: SchemaName;
  handle: (ctx: RouteContext) => Reply;
}

export type RouteMatch =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const segments = path.split('/').filter((s) => s !== '');
  const candidates = routes
    .map((route) => ({ route, params: matchPattern(route.pattern, segments) }))
    .filter((c): c is { route: Route; params: Record<string, string> } => c.params !== null);
  if (candidates.length === 0) return { kind: 'not-found' };
  const sameMethod = candidates.filter((c) => c.route.method === method);
  if (sameMethod.length === 0) {
    return { kind: 'method-not-allowed', allow: [...new Set(candidates.map((c) => c.route.method))] };
  }
  // The most literal pattern wins: POST .../contacts/search over POST .../{type}/{id}-like shapes.
  const best = sameMethod.sort((a, b) => Object.keys(a.params).length - Object.keys(b.params).length)[0];
  return { kind: 'route', route: best.route, params: best.params };
}

function matchPattern(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.split('/').filter((s) => s !== '');
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].startsWith(':')) {
      const value = decodeSegment(segments[i]);
      if (value === null) return null;
      params[parts[i].slice(1)] = value;
    } else if (parts[i] !== segments[i]) return null;
  }
  return params;
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The grant's scopes against the route's groups: the first group none of whose scopes it holds. */
export function unmetScopeGroup(grant: TokenGrant, groups: ScopeGroups): string[] | null {
  return groups.find((group) => !group.some((scope) => grant.scopes.includes(scope))) ?? null;
}
