// An HttpPort that sends a batch, then resends only the requests that failed in a way waiting can fix:
// 429 (unless the DAILY limit), 5xx, or the whole round trip timing out. Waits are bounded and
// deterministic, at most 3 retries, and never run past the caller's deadline: then the last failure is
// returned as is, and the adapter turns it into a CrmError.
// Limits and the 429 body: https://developers.hubspot.com/docs/api/usage-details
import { CrmError } from '../../core/errors';
import type { HttpPort, HttpRequest, HttpResponse } from '../../core/http';
import type { Clock } from '../../core/ports';
import { rateLimitDelayMs } from './responses';

/** An epoch-ms deadline, fixed or read at each wait (e.g. the execution's start plus its time limit). */
export type RetryBudget = { deadline: number } | (() => number);

const MAX_RETRIES = 3;
/** Waits before the 1st, 2nd and 3rd resend after a 5xx or a timeout. */
const SERVER_ERROR_DELAYS_MS = [500, 1000, 2000];

/** UrlFetchApp throws "Timeout: <url>" when HubSpot does not answer in time; other failures are not ours. */
function isTimeout(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /time(d)?[\s-]?out/i.test(message) && !/maximum execution time/i.test(message);
}

/**
 * Whether a request may be sent twice without doing its work twice. A create that met a 5xx or a timeout
 * may have been carried out; sending it again could create a second task. A 429 is refused before any
 * work, so it is always safe to resend.
 */
function repeatable(request: HttpRequest): boolean {
  if (request.method === 'get') return true;
  const path = request.url.split('?')[0];
  return request.method === 'post' && /\/(batch\/read|search)$/.test(path);
}

export class RetryingHttp implements HttpPort {
  constructor(
    private readonly inner: HttpPort,
    private readonly clock: Pick<Clock, 'now' | 'sleep'>,
    private readonly budget: RetryBudget,
  ) {}

  fetchAll(requests: HttpRequest[]): HttpResponse[] {
    const responses: (HttpResponse | undefined)[] = new Array(requests.length);
    let pending = requests.map((_, i) => i);
    for (let attempt = 0; pending.length; attempt++) {
      let timedOut = false;
      try {
        const answers = this.inner.fetchAll(pending.map((i) => requests[i]));
        pending.forEach((i, k) => (responses[i] = answers[k]));
      } catch (error) {
        if (!isTimeout(error)) throw error;
        timedOut = true;
      }
      const waits = pending.map((i) =>
        this.waitBefore(requests[i], timedOut ? undefined : responses[i], attempt),
      );
      const retry = pending.filter((_, k) => waits[k] !== null);
      const wait = Math.max(0, ...waits.map((w) => w ?? 0));
      const giveUp = !retry.length || attempt >= MAX_RETRIES || this.clock.now() + wait > this.deadline();
      // A timed-out write may or may not have happened: the caller must hear exactly that, not a stale answer.
      const uncertainWrite = timedOut && retry.length < pending.length;
      if (uncertainWrite || (timedOut && giveUp && pending.some((i) => responses[i] === undefined))) {
        throw new CrmError('timeout', 'HubSpot did not answer in time');
      }
      if (giveUp) break;
      this.clock.sleep(wait);
      pending = retry;
    }
    return responses as HttpResponse[];
  }

  /** Milliseconds to wait before resending, or null when this request is done (or cannot be helped). */
  private waitBefore(
    request: HttpRequest,
    response: HttpResponse | undefined,
    attempt: number,
  ): number | null {
    const serverDelay = SERVER_ERROR_DELAYS_MS[Math.min(attempt, SERVER_ERROR_DELAYS_MS.length - 1)];
    if (!response) return repeatable(request) ? serverDelay : null;
    if (response.status === 429) return rateLimitDelayMs(response);
    if (response.status >= 500) return repeatable(request) ? serverDelay : null;
    return null;
  }

  private deadline(): number {
    return typeof this.budget === 'function' ? this.budget() : this.budget.deadline;
  }
}
