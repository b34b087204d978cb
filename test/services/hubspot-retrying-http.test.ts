import { CrmError } from '../../src/core/errors';
import type { HttpRequest, HttpResponse } from '../../src/core/http';
import { runCall } from '../../src/core/http';
import { HubSpotCrm } from '../../src/services/hubspot/hubspot-crm';
import { RetryingHttp } from '../../src/services/hubspot/retrying-http';
import type { RetryBudget } from '../../src/services/hubspot/retrying-http';
import { FakeHttp, json, TOKEN } from './hubspot-fake-http';

const T0 = 1_700_000_000_000;

function simClock() {
  const clock = {
    t: T0,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: (ms: number) => {
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

const get = (path: string): HttpRequest => ({ url: `https://api.hubapi.com${path}`, method: 'get' });
const post = (path: string): HttpRequest => ({
  url: `https://api.hubapi.com${path}`,
  method: 'post',
  payload: '{}',
});

const ok = json(200, { results: [] });
const rateLimited = (policyName: string, headers: Record<string, string> = {}) =>
  json(
    429,
    { status: 'error', message: 'You have reached your limit.', errorType: 'RATE_LIMIT', policyName },
    headers,
  );

/** Answers each path from a script: the k-th request to a path gets the k-th answer (the last one repeats). */
function scripted(script: Record<string, (HttpResponse | 'timeout')[]>) {
  const http = new FakeHttp();
  const seen: Record<string, number> = {};
  for (const path of Object.keys(script)) {
    for (const method of ['get', 'post'] as const) {
      http.on(method, path, () => {
        const answers = script[path];
        const answer = answers[Math.min(seen[path] ?? 0, answers.length - 1)];
        seen[path] = (seen[path] ?? 0) + 1;
        if (answer === 'timeout') throw new Error(`Timeout: https://api.hubapi.com${path}`);
        return answer;
      });
    }
  }
  return http;
}

function retrying(http: FakeHttp, budget: RetryBudget = { deadline: T0 + 60_000 }) {
  const clock = simClock();
  return { clock, port: new RetryingHttp(http, clock, budget) };
}

describe('RetryingHttp', () => {
  it('resends only the rate-limited request, after the rolling window', () => {
    const http = scripted({ '/a': [ok], '/b': [rateLimited('TEN_SECONDLY_ROLLING'), ok], '/c': [ok] });
    const { port, clock } = retrying(http);
    const answers = port.fetchAll([get('/a'), get('/b'), get('/c')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(http.rounds.map((round) => round.map((r) => r.path))).toEqual([['/a', '/b', '/c'], ['/b']]);
    expect(clock.sleeps).toEqual([10_000]);
  });

  it('waits the window HubSpot states, and 1 s for SECONDLY', () => {
    const http = scripted({
      '/a': [
        rateLimited('TEN_SECONDLY_ROLLING', { 'X-HubSpot-RateLimit-Interval-Milliseconds': '2500' }),
        ok,
      ],
      '/b': [rateLimited('SECONDLY'), ok],
    });
    const { port, clock } = retrying(http);
    expect(port.fetchAll([get('/a')])[0].status).toBe(200);
    expect(port.fetchAll([get('/b')])[0].status).toBe(200);
    expect(clock.sleeps).toEqual([2_500, 1_000]);
  });

  it('does not retry the DAILY limit, nor 401, 403 or 400', () => {
    for (const answer of [rateLimited('DAILY'), json(401, {}), json(403, {}), json(400, {})]) {
      const http = scripted({ '/a': [answer, ok] });
      const { port, clock } = retrying(http);
      expect(port.fetchAll([get('/a')])[0]).toBe(answer);
      expect(http.rounds).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);
    }
  });

  it('retries 5xx at most 3 times, waiting 0.5, 1 and 2 s, then returns the last failure', () => {
    const failures = [json(500, {}), json(502, {}), json(503, {}), json(504, { last: true })];
    const http = scripted({ '/a': failures });
    const { port, clock } = retrying(http);
    expect(port.fetchAll([get('/a')])[0]).toBe(failures[3]);
    expect(http.rounds).toHaveLength(4);
    expect(clock.sleeps).toEqual([500, 1_000, 2_000]);
  });

  it('retries 5xx of reads only: a create that met a 5xx may have happened', () => {
    const http = scripted({
      '/crm/objects/2026-03/tasks/batch/create': [json(502, {}), json(201, { results: [] })],
      '/crm/objects/2026-03/contacts/batch/read': [json(502, {}), ok],
    });
    const { port } = retrying(http);
    const answers = port.fetchAll([
      post('/crm/objects/2026-03/tasks/batch/create'),
      post('/crm/objects/2026-03/contacts/batch/read'),
    ]);
    expect(answers.map((a) => a.status)).toEqual([502, 200]);
    expect(http.rounds[1].map((r) => r.path)).toEqual(['/crm/objects/2026-03/contacts/batch/read']);
  });

  it('retries a rate-limited create: HubSpot refused it before doing anything', () => {
    const http = scripted({
      '/crm/objects/2026-03/notes/batch/create': [rateLimited('SECONDLY'), json(201, {})],
    });
    const { port } = retrying(http);
    expect(port.fetchAll([post('/crm/objects/2026-03/notes/batch/create')])[0].status).toBe(201);
  });

  it('never sleeps past the deadline: it returns the failure instead', () => {
    const http = scripted({ '/a': [rateLimited('TEN_SECONDLY_ROLLING'), ok] });
    const { port, clock } = retrying(http, { deadline: T0 + 9_999 });
    expect(port.fetchAll([get('/a')])[0].status).toBe(429);
    expect(clock.sleeps).toEqual([]);
  });

  it('reads a deadline function at each wait', () => {
    const http = scripted({ '/a': [json(503, {})] });
    let deadline = T0 + 1_000;
    const { port, clock } = retrying(http, () => deadline);
    port.fetchAll([get('/a')]);
    expect(clock.sleeps).toEqual([500]);
    deadline = T0 + 60_000;
    http.rounds.length = 0;
    port.fetchAll([get('/a')]);
    expect(clock.sleeps).toEqual([500, 500, 1_000, 2_000]);
  });

  it('resends a batch that timed out, reads only', () => {
    const http = scripted({ '/a': ['timeout', ok] });
    const { port, clock } = retrying(http);
    expect(port.fetchAll([get('/a'), get('/a')]).map((a) => a.status)).toEqual([200, 200]);
    expect(clock.sleeps).toEqual([500]);
  });

  it('turns a timeout that persists into CrmError timeout', () => {
    const http = scripted({ '/a': ['timeout'] });
    const { port, clock } = retrying(http);
    expect(() => port.fetchAll([get('/a')])).toThrow(
      new CrmError('timeout', 'HubSpot did not answer in time'),
    );
    expect(http.rounds).toHaveLength(4);
    expect(clock.sleeps).toEqual([500, 1_000, 2_000]);
  });

  it('does not resend a batch with a create that timed out', () => {
    const http = scripted({
      '/crm/objects/2026-03/tasks/batch/create': ['timeout', json(201, {})],
      '/a': [ok],
    });
    const { port } = retrying(http);
    const error = (() => {
      try {
        port.fetchAll([get('/a'), post('/crm/objects/2026-03/tasks/batch/create')]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).kind).toBe('timeout');
    expect(http.rounds).toHaveLength(1);
  });

  it('lets other failures through untouched', () => {
    const boom = new Error('Exceeded maximum execution time');
    const port = new RetryingHttp(
      {
        fetchAll: () => {
          throw boom;
        },
      },
      simClock(),
      { deadline: T0 + 60_000 },
    );
    expect(() => port.fetchAll([get('/a')])).toThrow(boom);
  });

  it('sends nothing for no requests', () => {
    const http = scripted({});
    expect(retrying(http).port.fetchAll([])).toEqual([]);
    expect(http.rounds).toHaveLength(0);
  });
});

describe('HubSpotCrm over RetryingHttp', () => {
  it('a rate limit that clears is invisible to the caller', () => {
    const http = scripted({ '/crm/owners/2026-03': [rateLimited('SECONDLY'), json(200, { results: [] })] });
    const { port } = retrying(http);
    expect(runCall(port, new HubSpotCrm(port, TOKEN).owners())).toEqual([]);
  });

  it('a rate limit that lasts past the deadline reaches the caller as CrmError rate_limited', () => {
    const http = scripted({ '/crm/owners/2026-03': [rateLimited('TEN_SECONDLY_ROLLING')] });
    const { port } = retrying(http, { deadline: T0 + 25_000 });
    expect(() => runCall(port, new HubSpotCrm(port, TOKEN).owners())).toThrow(
      expect.objectContaining({
        kind: 'rate_limited',
        details: expect.objectContaining({ retryAfterMs: 10_000 }),
      }) as unknown as Error,
    );
    expect(http.rounds).toHaveLength(3);
  });
});
