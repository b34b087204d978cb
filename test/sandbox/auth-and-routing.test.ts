import { openSandbox, READ_ONLY, T0, V } from './sandbox-fixture';

const AUTH_401 = {
  status: 'error',
  message:
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
  correlationId: expect.any(String),
  category: 'INVALID_AUTHENTICATION',
};

describe('HubSpot sandbox: tokens, scopes and routing', () => {
  let env: Awaited<ReturnType<typeof openSandbox>>;
  beforeAll(async () => {
    env = await openSandbox();
  });
  afterAll(() => env.sandbox.close());

  it('answers 401 with HubSpot’s body without a token and with an unknown one', async () => {
    const none = await env.call('GET', `/crm/objects/${V}/contacts/101`, { token: null });
    expect(none.status).toBe(401);
    expect(none.json).toEqual(AUTH_401);
    const wrong = await env.call('GET', `/crm/objects/${V}/contacts/101`, { token: 'pat-na1-revoked' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual(AUTH_401);
    expect(wrong.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
  });

  it('answers 403 MISSING_SCOPES naming the scopes of which one would do', async () => {
    const inputs = [{ properties: { hs_timestamp: String(T0) } }];
    const { status, json } = await env.call('POST', `/crm/objects/${V}/tasks/batch/create`, {
      token: READ_ONLY,
      body: { inputs },
    });
    expect(status).toBe(403);
    expect(json).toEqual({
      status: 'error',
      message:
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
      correlationId: expect.any(String),
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: {
            requiredGranularScopes: [
              'crm.objects.contacts.write',
              'crm.objects.contacts.sensitive.write.v2',
              'crm.objects.contacts.highly_sensitive.write.v2',
            ],
          },
        },
      ],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
      category: 'MISSING_SCOPES',
    });
    expect(env.sandbox.state.records.tasks).toEqual([]);
  });

  it('lets a read-only token read contacts but not companies or owners', async () => {
    expect((await env.call('GET', `/crm/objects/${V}/contacts/101`, { token: READ_ONLY })).status).toBe(200);
    const companies = await env.call('POST', `/crm/associations/${V}/contacts/companies/batch/read`, {
      token: READ_ONLY,
      body: { inputs: [{ id: '101' }] },
    });
    expect(companies.status).toBe(403);
    expect(companies.json.errors[0].context.requiredGranularScopes[0]).toBe('crm.objects.companies.read');
    expect((await env.call('GET', `/crm/owners/${V}`, { token: READ_ONLY })).status).toBe(403);
  });

  it('answers 404 for a path HubSpot does not have and 405 for a wrong method', async () => {
    const unknown = await env.call('GET', '/crm/v9/everything');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ status: 'error', message: 'resource not found' });
    const wrongMethod = await env.call('GET', `/crm/objects/${V}/contacts/batch/read`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(wrongMethod.json.status).toBe('error');
  });

  it('does not serve the per-object associations list under /crm/associations (not a HubSpot path)', async () => {
    expect((await env.call('GET', `/crm/associations/${V}/contacts/101/companies`)).status).toBe(404);
  });

  it('rejects an x-workbench-now that is not epoch milliseconds', async () => {
    const { status, json } = await env.call('GET', `/crm/objects/${V}/contacts/101`, {
      headers: { 'x-workbench-now': 'yesterday' },
    });
    expect(status).toBe(400);
    expect(json.message).toBe('x-workbench-now must be epoch milliseconds');
  });

  it('reports modelled latency in a header instead of sleeping it (none injected by default)', async () => {
    expect(
      (await env.call('GET', `/crm/objects/${V}/contacts/101`)).headers.get('x-sandbox-latency-ms'),
    ).toBe('0');
    const slow = await openSandbox({ baseLatencyMs: 120, faults: { latencyMs: 2_000 } });
    try {
      const started = Date.now();
      const { headers } = await slow.call('GET', `/crm/objects/${V}/contacts/101`);
      expect(headers.get('x-sandbox-latency-ms')).toBe('2120');
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await slow.sandbox.close();
    }
  });
});
