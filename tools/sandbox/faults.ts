// Injected trouble: modelled latency, a deterministic random error rate and a script of faults for the
// requests that match. Modelled latency is reported, not slept (x-sandbox-latency-ms), so the workbench can
// charge it to its simulated clock.
import type { RatePolicy } from './rate-limit';

export type FaultResponse =
  | { status: 429; policy?: RatePolicy }
  | 429
  | 401
  | 500
  | 502
  | 503
  | 'timeout'
  | 'malformed-json'
  | { latencyMs: number };

export interface FaultRule {
  match?: { method?: string; pathPrefix?: string };
  /** How many matching requests this rule answers (default 1). */
  times?: number;
  respond: FaultResponse;
  /**
   * Handle the request first, then lose its answer: the write happened, the client sees the fault (the case
   * that tests "nothing twice").
   */
  afterHandling?: boolean;
}

export interface FaultConfig {
  /** Share of requests (0..1) answered by a random 500, 502 or 503. */
  errorRate?: number;
  /** Seed of the PRNG behind errorRate (default 1): the same requests get the same faults. */
  seed?: number;
  /** Latency added to every request, on top of the base latency. */
  latencyMs?: number;
  script?: FaultRule[];
}

/** What to do with one request. */
export type Fault =
  | { kind: 'status'; status: 401 | 500 | 502 | 503; afterHandling: boolean }
  | { kind: 'rate-limit'; policy: RatePolicy; afterHandling: boolean }
  | { kind: 'timeout'; afterHandling: boolean }
  | { kind: 'malformed-json'; afterHandling: boolean };

export interface FaultDecision {
  fault: Fault | null;
  /** Injected latency for this request (config latency + any scripted latency). */
  latencyMs: number;
}

/** mulberry32: a tiny seeded PRNG, enough for reproducible fault sequences. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RANDOM_STATUSES = [500, 502, 503] as const;

export class FaultInjector {
  private config: FaultConfig = {};
  private remaining: number[] = [];
  private random: () => number = prng(1);

  constructor(config: FaultConfig = {}) {
    this.replace(config);
  }

  /** Replaces the configuration and restarts the script and the PRNG. */
  replace(config: FaultConfig): void {
    this.config = structuredClone(config);
    this.remaining = (config.script ?? []).map((rule) => rule.times ?? 1);
    this.random = prng(config.seed ?? 1);
  }

  current(): FaultConfig {
    return structuredClone(this.config);
  }

  /** Decides this request's fault; a scripted rule is used up as it answers. */
  decide(method: string, path: string): FaultDecision {
    let latencyMs = this.config.latencyMs ?? 0;
    const script = this.config.script ?? [];
    for (let i = 0; i < script.length; i++) {
      const rule = script[i];
      if (this.remaining[i] <= 0 || !matches(rule, method, path)) continue;
      this.remaining[i] -= 1;
      const respond = rule.respond;
      if (typeof respond === 'object' && 'latencyMs' in respond) {
        latencyMs += respond.latencyMs;
        continue;
      }
      return { fault: toFault(respond, rule.afterHandling ?? false), latencyMs };
    }
    const rate = this.config.errorRate ?? 0;
    if (rate > 0 && this.random() < rate) {
      const status = RANDOM_STATUSES[Math.floor(this.random() * RANDOM_STATUSES.length)];
      return { fault: { kind: 'status', status, afterHandling: false }, latencyMs };
    }
    return { fault: null, latencyMs };
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  const match = rule.match ?? {};
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  return !match.pathPrefix || path.startsWith(match.pathPrefix);
}

function toFault(respond: Exclude<FaultResponse, { latencyMs: number }>, afterHandling: boolean): Fault {
  if (respond === 'timeout') return { kind: 'timeout', afterHandling };
  if (respond === 'malformed-json') return { kind: 'malformed-json', afterHandling };
  if (respond === 429) return { kind: 'rate-limit', policy: 'TEN_SECONDLY_ROLLING', afterHandling };
  if (typeof respond === 'object') {
    return { kind: 'rate-limit', policy: respond.policy ?? 'TEN_SECONDLY_ROLLING', afterHandling };
  }
  return { kind: 'status', status: respond, afterHandling };
}
