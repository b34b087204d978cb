// HubSpot's per-account request limits for private apps: a rolling 10-second burst limit and a daily limit
// shared by every app of the account, plus the CRM search endpoints' own per-second limit.
// Limits (Professional: 190 per 10 s, 650,000 a day; Enterprise: 190 per 10 s, 1,000,000 a day):
//   https://developers.hubspot.com/changelog/increasing-our-api-limits
// 429 bodies (message, errorType, policyName) and X-HubSpot-RateLimit-* headers:
//   https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines
//   https://developers.hubspot.com/changelog/2018-11-06-rate-limit-information-headers-will-be-included-in-http-responses
// Search requests are limited per second and carry no X-HubSpot-RateLimit headers:
//   https://developers.hubspot.com/changelog/crm-search-api-rate-limit-increase
import { correlationId } from './errors';
import type { Reply } from './errors';

export type RatePolicy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';

/** Which limits a request counts against. */
export type RateClass = 'standard' | 'search' | 'exempt';

export interface RateLimits {
  tenSecondly: { max: number; intervalMs: number };
  search: { max: number; intervalMs: number };
  /** Resets at midnight UTC here (HubSpot resets at midnight in the account's time zone). */
  daily: { max: number };
}

export const PROFESSIONAL_LIMITS: RateLimits = {
  tenSecondly: { max: 190, intervalMs: 10_000 },
  search: { max: 5, intervalMs: 1_000 },
  daily: { max: 650_000 },
};

const DAY_MS = 86_400_000;

export type Admission =
  { ok: true; headers: Record<string, string> } | { ok: false; reply: Reply; policy: RatePolicy };

interface PortalUsage {
  /** Times of admitted standard requests, oldest first. */
  burst: number[];
  search: number[];
  day: number;
  dailyUsed: number;
}

export class RateLimiter {
  private readonly usage = new Map<number, PortalUsage>();

  constructor(readonly limits: RateLimits) {}

  /** Counts the request if it fits every limit; otherwise answers HubSpot's 429 for the limit it broke. */
  admit(portalId: number, rateClass: RateClass, now: number): Admission {
    if (rateClass === 'exempt') return { ok: true, headers: {} };
    const usage = this.usageOf(portalId, now);
    const window = rateClass === 'search' ? this.limits.search : this.limits.tenSecondly;
    const times = rateClass === 'search' ? usage.search : usage.burst;
    const cutoff = now - window.intervalMs;
    prune(times, cutoff);
    // A simulated clock may step back between scenarios; count only times inside (cutoff, now].
    const inWindow = times.filter((t) => t > cutoff && t <= now).length;
    const policy: RatePolicy | null =
      usage.dailyUsed >= this.limits.daily.max
        ? 'DAILY'
        : inWindow >= window.max
          ? rateClass === 'search'
            ? 'SECONDLY'
            : 'TEN_SECONDLY_ROLLING'
          : null;
    if (policy === null) {
      times.push(now);
      usage.dailyUsed += 1;
    }
    const headers = rateClass === 'search' ? {} : this.headers(usage, inWindow + (policy === null ? 1 : 0));
    if (policy === null) return { ok: true, headers };
    return { ok: false, policy, reply: { status: 429, body: limitBody(policy, portalId, now), headers } };
  }

  /** The headers of a 429 for a policy the fault script imposes (the counters are not touched). */
  exhaustedHeaders(policy: RatePolicy): Record<string, string> {
    if (policy === 'SECONDLY') return {};
    const { tenSecondly, daily } = this.limits;
    return {
      'X-HubSpot-RateLimit-Daily': String(daily.max),
      'X-HubSpot-RateLimit-Daily-Remaining': policy === 'DAILY' ? '0' : String(daily.max),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(tenSecondly.intervalMs),
      'X-HubSpot-RateLimit-Max': String(tenSecondly.max),
      'X-HubSpot-RateLimit-Remaining': '0',
    };
  }

  reset(): void {
    this.usage.clear();
  }

  private usageOf(portalId: number, now: number): PortalUsage {
    const day = Math.floor(now / DAY_MS);
    const usage = this.usage.get(portalId) ?? { burst: [], search: [], day, dailyUsed: 0 };
    if (usage.day !== day) {
      usage.day = day;
      usage.dailyUsed = 0;
    }
    this.usage.set(portalId, usage);
    return usage;
  }

  private headers(usage: PortalUsage, usedInWindow: number): Record<string, string> {
    const { tenSecondly, daily } = this.limits;
    return {
      'X-HubSpot-RateLimit-Daily': String(daily.max),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, daily.max - usage.dailyUsed)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(tenSecondly.intervalMs),
      'X-HubSpot-RateLimit-Max': String(tenSecondly.max),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, tenSecondly.max - usedInWindow)),
    };
  }
}

/** Drops times at or before the cutoff (the window rolls). */
function prune(times: number[], cutoff: number): void {
  let drop = 0;
  while (drop < times.length && times[drop] <= cutoff) drop++;
  times.splice(0, drop);
}

const MESSAGES: Record<RatePolicy, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  SECONDLY: 'You have reached your secondly limit.',
  DAILY: 'You have reached your daily limit.',
};

/** HubSpot's 429 body; a real TEN_SECONDLY_ROLLING body also names the limit group. */
export function limitBody(policy: RatePolicy, portalId: number, now: number): Record<string, unknown> {
  const body: Record<string, unknown> = {
    status: 'error',
    message: MESSAGES[policy],
    errorType: 'RATE_LIMIT',
    correlationId: correlationId(now),
    policyName: policy,
  };
  if (policy === 'TEN_SECONDLY_ROLLING')
    body.groupName = `publicapi:private_app-api-calls-ten-secondly:${portalId}`;
  return body;
}
