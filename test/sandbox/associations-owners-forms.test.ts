import { ASSOCIATIONS_PAGE_SIZE } from '../../tools/sandbox/routes/associations';
import { FULL, FULL_SCOPES, openSandbox, PORTAL, SERVICE_KEY, T0, testSeed, V } from './sandbox-fixture';

describe('HubSpot sandbox: associations, owners, forms, token info', () => {
  let env: Awaited<ReturnType<typeof openSandbox>>;
  beforeAll(async () => {
    env = await openSandbox();
  });
  afterAll(() => env.sandbox.close());

  it('batch-reads contact->company associations in the v4 shape, primary company as type 1', async () => {
    const { status, json } = await env.call('POST', `/crm/associations/${V}/contacts/companies/batch/read`, {
      body: { inputs: [{ id: '101' }] },
    });
    expect(status).toBe(200);
    expect(json.results).toEqual([
      {
        from: { id: '101' },
        to: [
          {
            toObjectId: 201,
            associationTypes: [
              { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
              { category: 'HUBSPOT_DEFINED', typeId: 279, label: null },
            ],
          },
          { toObjectId: 202, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null }] },
        ],
      },
    ]);
  });

  it('reports a record without associations as NO_ASSOCIATIONS_FOUND in a 207', async () => {
    const { status, json } = await env.call('POST', `/crm/associations/${V}/contacts/companies/batch/read`, {
      body: { inputs: [{ id: '101' }, { id: '102' }] },
    });
    expect(status).toBe(207);
    expect(json.results).toHaveLength(1);
    expect(json.errors).toEqual([
      {
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
        message: 'No company is associated with contact 102.',
        context: { fromObjectId: ['102'], fromObjectType: ['contact'], toObjectType: ['company'] },
      },
    ]);
  });

  it('lists one record’s associations, the inverse direction included', async () => {
    const { json } = await env.call('GET', `/crm/objects/${V}/companies/201/associations/contacts`);
    expect(json).toEqual({
      results: [
        {
          toObjectId: 101,
          associationTypes: [
            { category: 'HUBSPOT_DEFINED', typeId: 2, label: 'Primary' },
            { category: 'HUBSPOT_DEFINED', typeId: 280, label: null },
          ],
        },
      ],
    });
  });

  it('lists owners at the dated path and the v3 path, and filters by email', async () => {
    const dated = await env.call('GET', `/crm/owners/${V}`);
    expect(dated.status).toBe(200);
    expect(dated.json.results[0]).toEqual({
      id: '9001',
      email: 'sam@seller.example',
      type: 'PERSON',
      firstName: 'Sam',
      lastName: 'Seller',
      userId: 7001,
      userIdIncludingInactive: 7001,
      createdAt: '2026-03-01T09:00:00Z',
      updatedAt: '2026-03-01T09:00:00Z',
      archived: false,
    });
    const legacy = await env.call('GET', '/crm/v3/owners?email=RITA@seller.example');
    expect(legacy.json.results.map((o: { id: string }) => o.id)).toEqual(['9002']);
    const paged = await env.call('GET', `/crm/owners/${V}?limit=1`);
    expect(paged.json.paging.next.after).toBe('1');
  });

  it('pages form submissions newest first, `after` going toward older ones', async () => {
    const path = '/form-integrations/v1/submissions/forms/form-guid-1';
    const first = await env.call('GET', path);
    expect(first.json.results).toHaveLength(20);
    expect(first.json.results[0]).toEqual({
      conversionId: 'conv-44',
      submittedAt: T0 - 60_000,
      values: [
        { name: 'email', value: 'lead44@example.com' },
        { name: 'firstname', value: 'Lead44' },
      ],
      pageUrl: 'https://example.com/contact',
    });
    const seen: number[] = first.json.results.map((s: { submittedAt: number }) => s.submittedAt);
    let after: string | undefined = first.json.paging.next.after;
    expect(first.json.paging.next.link).toBe(`${env.sandbox.url}${path}?limit=20&after=${after}`);
    while (after) {
      const page = await env.call('GET', `${path}?limit=20&after=${after}`);
      seen.push(...page.json.results.map((s: { submittedAt: number }) => s.submittedAt));
      after = page.json.paging?.next.after;
    }
    expect(seen).toHaveLength(45);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(45);
  });

  it('keeps older pages stable when a newer submission arrives between pages', async () => {
    const path = '/form-integrations/v1/submissions/forms/form-guid-1';
    const page = await env.call('GET', `${path}?limit=5`);
    const arrival = {
      conversionId: 'conv-new',
      submittedAt: T0,
      values: [{ name: 'email', value: 'late@example.com' }],
    };
    const added = await env.call('POST', '/__sandbox/forms/form-guid-1/submissions', { body: [arrival] });
    expect(added.status).toBe(204);
    const next = await env.call('GET', `${path}?limit=5&after=${page.json.paging.next.after}`);
    expect(next.json.results[0].conversionId).toBe('conv-39');
    const fresh = await env.call('GET', `${path}?limit=1`);
    expect(fresh.json.results[0]).toEqual({ ...arrival, pageUrl: '' });
  });

  it('limits form pages to 50 and answers an empty form with no results', async () => {
    const tooMany = await env.call('GET', '/form-integrations/v1/submissions/forms/form-guid-1?limit=51');
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.message).toBe('Invalid input JSON: limit must be an integer from 1 to 50 (got 51)');
    const empty = await env.call('GET', '/form-integrations/v1/submissions/forms/form-guid-empty');
    expect(empty.json).toEqual({ results: [] });
  });

  it('introspects a private app token: its portal and scopes', async () => {
    const { status, json } = await env.call('POST', '/oauth/v2/private-apps/get/access-token-info', {
      token: null,
      body: { tokenKey: FULL },
    });
    expect(status).toBe(200);
    expect(json).toEqual({ userId: 501, hubId: PORTAL, appId: 77, scopes: [...FULL_SCOPES].sort() });
    const unknown = await env.call('POST', '/oauth/v2/private-apps/get/access-token-info', {
      token: null,
      body: { tokenKey: 'pat-na1-nope' },
    });
    expect(unknown.status).toBe(401);
  });

  it('serves a service key like any token, but token-info does not describe it', async () => {
    const owners = await env.call('GET', `/crm/owners/${V}`, { token: SERVICE_KEY });
    expect(owners.status).toBe(200);
    expect(owners.json.results).toHaveLength(2);
    const info = await env.call('POST', '/oauth/v2/private-apps/get/access-token-info', {
      token: null,
      body: { tokenKey: SERVICE_KEY },
    });
    expect(info.status).toBe(401);
  });

  it('pages a record with more associations than a page holds, and only then sends paging', async () => {
    const many = await openSandbox({
      seed: {
        ...testSeed(),
        tasks: Array.from({ length: ASSOCIATIONS_PAGE_SIZE + 1 }, (_, i) => ({
          id: String(7000 + i),
          properties: { hs_timestamp: '2026-03-01T09:00:00Z' },
        })),
        associations: Array.from({ length: ASSOCIATIONS_PAGE_SIZE + 1 }, (_, i) => ({
          fromType: 'contacts' as const,
          fromId: '102',
          toType: 'tasks' as const,
          toId: String(7000 + i),
        })),
      },
    });
    try {
      const path = `/crm/associations/${V}/contacts/tasks/batch/read`;
      const first = await many.call('POST', path, { body: { inputs: [{ id: '102' }] } });
      expect(first.json.results[0].to).toHaveLength(ASSOCIATIONS_PAGE_SIZE);
      const after = first.json.results[0].paging.next.after;
      expect(typeof after).toBe('string');
      const second = await many.call('POST', path, { body: { inputs: [{ id: '102', after }] } });
      expect(second.json.results[0].to.map((t: { toObjectId: number }) => t.toObjectId)).toEqual([
        7000 + ASSOCIATIONS_PAGE_SIZE,
      ]);
      expect(second.json.results[0]).not.toHaveProperty('paging');
    } finally {
      await many.sandbox.close();
    }
  });
});
