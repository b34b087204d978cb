import { FULL, openSandbox, PORTAL, T0, testSeed, V } from './sandbox-fixture';

const CONTACT = `/crm/objects/${V}/contacts/101`;
const SEARCH = `/crm/objects/${V}/contacts/search`;

describe('HubSpot sandbox: rate limits on the x-workbench-now clock', () => {
  let env: Awaited<ReturnType<typeof openSandbox>>;
  afterEach(() => env.sandbox.close());

  it('allows 190 requests in 10 s, answers the 191st with 429 TEN_SECONDLY_ROLLING, recovers as the window rolls', async () => {
    env = await openSandbox();
    for (let i = 0; i < 190; i++) {
      const ok = await env.call('GET', CONTACT, { now: T0 + i });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-hubspot-ratelimit-remaining')).toBe(String(189 - i));
    }
    const limited = await env.call('GET', CONTACT, { now: T0 + 9_999 });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      correlationId: expect.any(String),
      policyName: 'TEN_SECONDLY_ROLLING',
      groupName: `publicapi:private_app-api-calls-ten-secondly:${PORTAL}`,
    });
    expect(limited.headers.get('x-hubspot-ratelimit-max')).toBe('190');
    expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(limited.headers.get('x-hubspot-ratelimit-daily')).toBe('650000');
    expect(limited.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe(String(650_000 - 190));

    // The request at T0 leaves the rolling window at T0 + 10 s: exactly one request fits again.
    expect((await env.call('GET', CONTACT, { now: T0 + 10_000 })).status).toBe(200);
    expect((await env.call('GET', CONTACT, { now: T0 + 10_000 })).status).toBe(429);
    expect(env.sandbox.requests.filter((r) => r.policy === 'TEN_SECONDLY_ROLLING')).toHaveLength(2);
  });

  it('limits search to 5 a second with its own SECONDLY policy, apart from the burst limit', async () => {
    env = await openSandbox();
    for (let i = 0; i < 5; i++)
      expect((await env.call('POST', SEARCH, { body: {}, now: T0 + i * 100 })).status).toBe(200);
    const limited = await env.call('POST', SEARCH, { body: {}, now: T0 + 999 });
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({
      message: 'You have reached your secondly limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'SECONDLY',
    });
    const read = await env.call('GET', CONTACT, { now: T0 + 999 });
    expect(read.headers.get('x-hubspot-ratelimit-remaining')).toBe('189');
    expect((await env.call('POST', SEARCH, { body: {}, now: T0 + 1_000 })).status).toBe(200);
  });

  it('stops at the daily limit until midnight UTC, for that account only', async () => {
    const seed = testSeed();
    seed.tokens['pat-other-portal'] = { portalId: 999, scopes: ['crm.objects.contacts.read'] };
    env = await openSandbox({ seed, rateLimits: { daily: { max: 3 } } });
    const evening = Date.UTC(2026, 2, 2, 23, 0, 0);
    for (let i = 0; i < 3; i++) {
      const ok = await env.call('GET', CONTACT, { now: evening + i * 60_000 });
      expect(ok.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe(String(2 - i));
    }
    const limited = await env.call('GET', CONTACT, { now: evening + 3_600_000 - 1 });
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({
      message: 'You have reached your daily limit.',
      policyName: 'DAILY',
    });
    expect((await env.call('GET', CONTACT, { token: 'pat-other-portal', now: evening })).status).toBe(200);
    const nextDay = await env.call('GET', CONTACT, { token: FULL, now: evening + 3_600_000 });
    expect(nextDay.status).toBe(200);
    expect(nextDay.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('2');
  });

  it('resets its counters on POST /__sandbox/reset', async () => {
    env = await openSandbox({ rateLimits: { tenSecondly: { max: 1, intervalMs: 10_000 } } });
    expect((await env.call('GET', CONTACT, { now: T0 })).status).toBe(200);
    expect((await env.call('GET', CONTACT, { now: T0 })).status).toBe(429);
    expect((await env.call('POST', '/__sandbox/reset')).status).toBe(204);
    expect((await env.call('GET', CONTACT, { now: T0 })).status).toBe(200);
  });
});
