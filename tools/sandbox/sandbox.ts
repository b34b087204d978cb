// One HubSpot account in memory and the order in which HubSpot-like checks answer a request:
// route (404/405) -> injected fault -> token (401) -> rate limit (429) -> scopes (403) -> body (400) -> handler.
// Every API request is logged (without its token). The admin API under /__sandbox/ sits beside it.
import { ENDPOINTS } from './endpoints';
import { correlationId, errorReply, missingScopes, unauthorized } from './errors';
import type { Reply } from './errors';
import { FaultInjector } from './faults';
import type { Fault, FaultConfig } from './faults';
import { limitBody, PROFESSIONAL_LIMITS, RateLimiter } from './rate-limit';
import type { RateLimits, RatePolicy } from './rate-limit';
import { matchRoute, unmetScopeGroup } from './router';
import type { Route } from './router';
import { SandboxStore } from './store';
import type { FormSubmission, SandboxSeed, SandboxState } from './types';
import { validateBody } from './validation';

export interface SandboxConfig {
  seed: SandboxSeed;
  faults?: FaultConfig;
  /** Defaults to HubSpot Professional (PROFESSIONAL_LIMITS); give only what differs. */
  rateLimits?: Partial<RateLimits>;
  /**
   * Modelled server time added to every request's x-sandbox-latency-ms (default 0: the workbench charges
   * HubSpot's own 120 ms from tools/workbench/latency.ts and adds only what the sandbox injects).
   */
  baseLatencyMs?: number;
}

export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  rawBody: string;
  /** e.g. http://127.0.0.1:4010, for paging links. */
  origin: string;
}

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  latencyMs: number;
  fault: Fault['kind'] | null;
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string[]>;
  /** Parsed JSON, the raw text if it did not parse, or null without a body. */
  body: unknown;
  status: number;
  /** The rate limit a 429 names. */
  policy: RatePolicy | null;
  fault: Fault['kind'] | null;
  portalId: number | null;
  latencyMs: number;
  /** The request's clock (x-workbench-now or the wall clock), epoch ms. */
  at: number;
}

export const ADMIN_PREFIX = '/__sandbox/';

export class HubSpotSandbox {
  private seed: SandboxSeed;
  private store: SandboxStore;
  private readonly limiter: RateLimiter;
  private readonly faults: FaultInjector;
  private readonly log: RequestLogEntry[] = [];
  private readonly baseLatencyMs: number;

  constructor(config: SandboxConfig) {
    this.seed = structuredClone(config.seed);
    this.store = new SandboxStore(this.seed);
    this.limiter = new RateLimiter({ ...PROFESSIONAL_LIMITS, ...config.rateLimits });
    this.faults = new FaultInjector(config.faults);
    this.baseLatencyMs = config.baseLatencyMs ?? 0;
  }

  get state(): SandboxState {
    return this.store.snapshot();
  }

  get requests(): RequestLogEntry[] {
    return structuredClone(this.log);
  }

  setFaults(config: FaultConfig): void {
    this.faults.replace(config);
  }

  /** Back to the seed: records, rate-limit counters, the fault script and the request log. */
  reset(seed: SandboxSeed = this.seed): void {
    const next = structuredClone(seed);
    this.store = new SandboxStore(next); // throws on a bad seed, before anything changes
    this.seed = next;
    this.limiter.reset();
    this.faults.replace(this.faults.current());
    this.log.length = 0;
  }

  handle(request: SandboxRequest): SandboxResponse {
    if (request.path.startsWith(ADMIN_PREFIX)) return this.admin(request);
    const now = clockOf(request);
    const parsed = parseJson(request.rawBody);
    const outcome: Outcome =
      now === null
        ? {
            reply: errorReply(400, 'x-workbench-now must be epoch milliseconds', Date.now()),
            policy: null,
            fault: null,
            portalId: null,
            latencyMs: 0,
          }
        : this.answer(request, now, parsed);
    const at = now ?? Date.now();
    const latencyMs = this.baseLatencyMs + outcome.latencyMs;
    const response = render(outcome.reply, at, latencyMs, outcome.fault);
    this.log.push({
      seq: this.log.length + 1,
      method: request.method,
      path: request.path,
      query: queryRecord(request.query),
      body: request.rawBody === '' ? null : parsed.ok ? parsed.value : request.rawBody,
      status: response.status,
      policy: outcome.policy,
      fault: outcome.fault,
      portalId: outcome.portalId,
      latencyMs,
      at,
    });
    return response;
  }

  private answer(request: SandboxRequest, now: number, parsed: ParsedJson): Outcome {
    const method = request.method.toUpperCase();
    const match = matchRoute(ENDPOINTS, method, request.path);
    const plain = { policy: null, fault: null, portalId: null, latencyMs: 0 };
    if (match.kind === 'not-found') return { ...plain, reply: errorReply(404, 'resource not found', now) };
    if (match.kind === 'method-not-allowed') {
      const reply = errorReply(405, `HTTP ${method} is not supported by this endpoint`, now);
      return { ...plain, reply: withHeaders(reply, { Allow: match.allow.join(', ') }) };
    }
    const { fault, latencyMs } = this.faults.decide(method, request.path);
    if (fault && !fault.afterHandling) {
      return { ...this.faultReply(fault, now), fault: fault.kind, portalId: null, latencyMs };
    }
    const processed = this.process(match.route, match.params, request, now, parsed);
    if (!fault) return { ...processed, fault: null, latencyMs };
    return { ...this.faultReply(fault, now), fault: fault.kind, portalId: processed.portalId, latencyMs };
  }

  /** Auth, rate limit, scopes and body checks, then the handler; limit headers go on every answer after auth. */
  private process(
    route: Route,
    params: Record<string, string>,
    request: SandboxRequest,
    now: number,
    parsed: ParsedJson,
  ): { reply: Reply; policy: RatePolicy | null; portalId: number | null } {
    let headers: Record<string, string> = {};
    let portalId: number | null = null;
    const early = (reply: Reply) => ({ reply: withHeaders(reply, headers), policy: null, portalId });
    if (route.authenticated) {
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const grant = token === undefined ? undefined : this.store.grant(token);
      if (!grant) return early(unauthorized(now));
      portalId = grant.portalId;
      const admission = this.limiter.admit(grant.portalId, route.rate, now);
      if (!admission.ok) return { reply: admission.reply, policy: admission.policy, portalId };
      headers = admission.headers;
      const unmet = unmetScopeGroup(grant, route.scopes(params));
      if (unmet) return early(missingScopes(unmet, now));
    }
    if (route.schema) {
      if (!parsed.ok) return early(invalidJson(parsed.error, now));
      const invalid = validateBody(route.schema, parsed.value, now);
      if (invalid) return early(invalid);
    }
    const reply = route.handle({
      params,
      query: request.query,
      body: parsed.ok ? parsed.value : undefined,
      store: this.store,
      now,
      origin: request.origin,
      path: request.path,
    });
    return { reply: withHeaders(reply, headers), policy: null, portalId };
  }

  private faultReply(fault: Fault, now: number): { reply: Reply; policy: RatePolicy | null } {
    switch (fault.kind) {
      case 'rate-limit':
        return {
          reply: {
            status: 429,
            body: limitBody(fault.policy, this.store.portalId, now),
            headers: this.limiter.exhaustedHeaders(fault.policy),
          },
          policy: fault.policy,
        };
      case 'timeout':
        return { reply: errorReply(504, 'The sandbox simulated a request timeout.', now), policy: null };
      case 'malformed-json':
        return { reply: { status: 200, body: '{"status":"COMPLETE","results":[{"id":"' }, policy: null };
      default:
        return {
          reply: fault.status === 401 ? unauthorized(now) : serverError(fault.status, now),
          policy: null,
        };
    }
  }

  private admin(request: SandboxRequest): SandboxResponse {
    const route = `${request.method.toUpperCase()} ${request.path.slice(ADMIN_PREFIX.length).replace(/\/$/, '')}`;
    const parsed = parseJson(request.rawBody);
    const json = (status: number, body?: unknown): SandboxResponse =>
      render({ status, body }, Date.now(), 0, null);
    const bad = (message: string) => json(400, { status: 'error', message });
    switch (route) {
      case 'GET state':
        return json(200, this.state);
      case 'GET requests':
        return json(200, this.log);
      case 'DELETE requests':
        this.log.length = 0;
        return json(204);
      case 'POST reset':
        this.reset();
        return json(204);
      case 'GET faults':
        return json(200, this.faults.current());
      case 'POST faults':
        if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null)
          return bad('faults must be a JSON object');
        this.setFaults(parsed.value as FaultConfig);
        return json(200, this.faults.current());
      case 'POST seed': {
        const seed = parsed.ok ? (parsed.value as Partial<SandboxSeed> | null) : null;
        if (!seed || typeof seed.portalId !== 'number' || typeof seed.tokens !== 'object') {
          return bad('a seed needs portalId (number) and tokens');
        }
        try {
          this.reset(seed as SandboxSeed);
        } catch (error) {
          return bad(`the seed was not accepted: ${(error as Error).message}`);
        }
        return json(204);
      }
      default: {
        const formGuid = /^POST forms\/([^/]+)\/submissions$/.exec(route)?.[1];
        if (formGuid === undefined) return json(404, { status: 'error', message: `no admin route ${route}` });
        const submissions = parsed.ok ? [parsed.value].flat() : [];
        if (submissions.length === 0 || !submissions.every(isSubmission)) {
          return bad('submissions need conversionId, submittedAt (epoch ms) and values');
        }
        this.store.addSubmissions(decodeURIComponent(formGuid), submissions);
        return json(204);
      }
    }
  }
}

interface Outcome {
  reply: Reply;
  policy: RatePolicy | null;
  fault: Fault['kind'] | null;
  portalId: number | null;
  /** Injected latency (the base latency is added when rendering). */
  latencyMs: number;
}

function isSubmission(value: unknown): value is FormSubmission {
  const s = value as Partial<FormSubmission> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.conversionId === 'string' &&
    typeof s.submittedAt === 'number' &&
    Array.isArray(s.values)
  );
}

type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      ok: false,
      error: text.trim() === '' ? 'No content to map due to end-of-input' : (error as Error).message,
    };
  }
}

/** HubSpot's parser error (no category); the position is the sandbox parser's. */
function invalidJson(reason: string, now: number): Reply {
  return errorReply(400, `Invalid input JSON on line 1, column 1: ${reason}`, now);
}

function serverError(status: 500 | 502 | 503, now: number): Reply {
  const messages = { 500: 'internal error', 502: 'Bad Gateway', 503: 'Service Unavailable' };
  return errorReply(status, messages[status], now);
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...headers, ...reply.headers } };
}

/** The workbench's simulated clock when it sends one; null if the header is not epoch milliseconds. */
function clockOf(request: SandboxRequest): number | null {
  const header = request.headers['x-workbench-now'];
  if (header === undefined) return Date.now();
  const ms = Number(header);
  return header.trim() !== '' && Number.isFinite(ms) ? ms : null;
}

function queryRecord(query: URLSearchParams): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  for (const key of new Set(query.keys())) record[key] = query.getAll(key);
  return record;
}

/** HubSpot's common response headers plus the sandbox's own (latency, injected fault). */
function render(reply: Reply, now: number, latencyMs: number, fault: Fault['kind'] | null): SandboxResponse {
  const body =
    reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  const bodyCorrelation = (reply.body as { correlationId?: unknown } | undefined)?.correlationId;
  const headers: Record<string, string> = {
    'x-hubspot-correlation-id': typeof bodyCorrelation === 'string' ? bodyCorrelation : correlationId(now),
    'x-sandbox-latency-ms': String(latencyMs),
    ...reply.headers,
  };
  if (body !== '') headers['content-type'] = 'application/json;charset=utf-8';
  if (fault) headers['x-sandbox-fault'] = fault;
  return { status: reply.status, headers, body, latencyMs, fault };
}
