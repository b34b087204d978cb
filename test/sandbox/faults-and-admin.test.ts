import { FULL, openSandbox, T0, testSeed, V } from './sandbox-fixture';
import type { Answer } from './sandbox-fixture';

const CONTACT = `/crm/objects/${V}/contacts/101`;

describe('HubSpot sandbox: injected faults', () => {
  let env: Awaited<ReturnType<typeof openSandbox>>;
  afterEach(() => env.sandbox.close());

  it('answers scripted faults in order, each for as many matching requests as it says', async () => {
    env = await openSandbox({
      faults: {
        script: [
          { match: { pathPrefix: '/crm/objects' }, times: 2, respond: 503 },
          { respond: { status: 429, policy: 'DAILY' } },
          { respond: 'timeout' },
          { match: { method: 'GET' }, respond: 'malformed-json' },
          { respond: 401 },
          { respond: { latencyMs: 900 } },
        ],
      },
    });
    const answers: Answer[] = [];
    for (let i = 0; i < 8; i++) answers.push(await env.call('GET', CONTACT));
    expect(answers.map((a) => a.status)).toEqual([503, 503, 429, 504, 200, 401, 200, 200]);
    expect(answers[0].json).toMatchObject({ status: 'error', message: 'Service Unavailable' });
    expect(answers[2].json).toMatchObject({ policyName: 'DAILY', errorType: 'RATE_LIMIT' });
    expect(answers[2].headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('0');
    expect(answers[3].headers.get('x-sandbox-fault')).toBe('timeout');
    expect(answers[4].json).toBeNull();
    expect(() => JSON.parse(answers[4].text)).toThrow();
    expect(answers[5].json.category).toBe('INVALID_AUTHENTICATION');
    expect(answers[6].headers.get('x-sandbox-latency-ms')).toBe('900');
    expect(answers[7].headers.get('x-sandbox-latency-ms')).toBe('0');
    expect(env.sandbox.requests.map((r) => r.fault)).toEqual([
      'status',
      'status',
      'rate-limit',
      'timeout',
      'malformed-json',
      'status',
      null,
      null,
    ]);
  });

  it('with afterHandling, performs the write and then loses the answer', async () => {
    env = await openSandbox({
      faults: { script: [{ match: { method: 'POST' }, respond: 'timeout', afterHandling: true }] },
    });
    const inputs = [{ properties: { hs_timestamp: String(T0), hs_note_body: 'written once' } }];
    const lost = await env.call('POST', `/crm/objects/${V}/notes/batch/create`, { body: { inputs } });
    expect(lost.status).toBe(504);
    expect(env.sandbox.state.records.notes.map((n) => n.properties.hs_note_body)).toEqual(['written once']);
  });

  it('draws random 5xx faults from a seeded PRNG: the same seed gives the same sequence', async () => {
    const statuses = async (seed: number) => {
      const run = await openSandbox({ faults: { errorRate: 0.3, seed } });
      const seen: number[] = [];
      for (let i = 0; i < 40; i++) seen.push((await run.call('GET', CONTACT)).status);
      await run.sandbox.close();
      return seen;
    };
    const first = await statuses(7);
    expect(await statuses(7)).toEqual(first);
    expect(await statuses(8)).not.toEqual(first);
    const failures = first.filter((s) => s !== 200);
    expect(failures.length).toBeGreaterThan(4);
    expect(failures.length).toBeLessThan(25);
    expect(failures.every((s) => [500, 502, 503].includes(s))).toBe(true);
    env = await openSandbox();
  });

  it('replaces faults at runtime over the admin API, and never faults the admin API itself', async () => {
    env = await openSandbox({ faults: { latencyMs: 30 } });
    expect((await env.call('GET', CONTACT)).headers.get('x-sandbox-latency-ms')).toBe('30');
    const set = await env.call('POST', '/__sandbox/faults', {
      body: { script: [{ respond: 502, times: 5 }] },
    });
    expect(set.status).toBe(200);
    expect(set.json).toEqual({ script: [{ respond: 502, times: 5 }] });
    expect((await env.call('GET', '/__sandbox/state')).status).toBe(200);
    const after = await env.call('GET', CONTACT);
    expect(after.status).toBe(502);
    expect(after.headers.get('x-sandbox-latency-ms')).toBe('0');
  });
});

describe('HubSpot sandbox: real delays for the standalone server', () => {
  it('sleeps the modelled latency and drops a timed-out connection', async () => {
    const env = await openSandbox({
      realDelay: true,
      timeoutMs: 50,
      faults: { latencyMs: 150, script: [{ match: { pathPrefix: '/crm/owners' }, respond: 'timeout' }] },
    });
    try {
      const started = Date.now();
      expect((await env.call('GET', CONTACT)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      await expect(env.call('GET', `/crm/owners/${V}`)).rejects.toThrow();
    } finally {
      await env.sandbox.close();
    }
  });
});

describe('HubSpot sandbox: request log and admin API', () => {
  let env: Awaited<ReturnType<typeof openSandbox>>;
  beforeEach(async () => {
    env = await openSandbox();
  });
  afterEach(() => env.sandbox.close());

  it('logs every API request with its query, body, status and clock, never its token', async () => {
    await env.call('GET', `${CONTACT}?properties=email&properties=firstname,lastname`, { now: T0 });
    await env.call('POST', `/crm/objects/${V}/contacts/batch/read`, {
      body: { inputs: [{ id: '9' }] },
      now: T0 + 5,
    });
    await env.call('GET', '/nowhere', { now: T0 + 6 });
    const { json: log } = await env.call('GET', '/__sandbox/requests');
    expect(log).toEqual([
      {
        seq: 1,
        method: 'GET',
        path: CONTACT,
        query: { properties: ['email', 'firstname,lastname'] },
        body: null,
        status: 200,
        policy: null,
        fault: null,
        portalId: 4_242_001,
        latencyMs: 0,
        at: T0,
      },
      expect.objectContaining({
        seq: 2,
        method: 'POST',
        body: { inputs: [{ id: '9' }] },
        status: 207,
        at: T0 + 5,
      }),
      expect.objectContaining({ seq: 3, path: '/nowhere', status: 404, portalId: null }),
    ]);
    expect(JSON.stringify(log)).not.toContain(FULL);
    expect(env.sandbox.requests).toEqual(log);
    expect((await env.call('DELETE', '/__sandbox/requests')).status).toBe(204);
    expect((await env.call('GET', '/__sandbox/requests')).json).toEqual([]);
  });

  it('shows all state, and replaces the seed on POST /__sandbox/seed', async () => {
    const { json: state } = await env.call('GET', '/__sandbox/state');
    expect(state.portalId).toBe(4_242_001);
    expect(state.records.contacts.map((c: { id: string }) => c.id)).toEqual(['101', '102', '103']);
    expect(state.associations).toContainEqual({
      fromType: 'companies',
      fromId: '201',
      toType: 'contacts',
      toId: '101',
      typeIds: [2, 280],
    });
    const seed = {
      ...testSeed(),
      contacts: [{ id: '7', properties: { email: 'only@example.com' } }],
      associations: [],
    };
    expect((await env.call('POST', '/__sandbox/seed', { body: seed })).status).toBe(204);
    expect(env.sandbox.state.records.contacts.map((c) => c.id)).toEqual(['7']);
    expect((await env.call('POST', '/__sandbox/seed', { body: { contacts: [] } })).status).toBe(400);
    const dangling = {
      ...testSeed(),
      associations: [{ fromType: 'contacts', fromId: '101', toType: 'deals', toId: '999' }],
    };
    const refused = await env.call('POST', '/__sandbox/seed', { body: dangling });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toBe(
      'the seed was not accepted: the seed associates deals 999, which it does not define',
    );
    expect(env.sandbox.state.records.contacts.map((c) => c.id)).toEqual(['7']);
  });

  it('puts the seed back on reset: created records and the log are gone', async () => {
    const inputs = [{ properties: { hs_timestamp: String(T0) } }];
    await env.call('POST', `/crm/objects/${V}/tasks/batch/create`, { body: { inputs } });
    expect(env.sandbox.state.records.tasks).toHaveLength(1);
    env.sandbox.reset();
    expect(env.sandbox.state.records.tasks).toHaveLength(0);
    expect(env.sandbox.requests).toEqual([]);
  });
});
