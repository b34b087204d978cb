import { openSandbox, T0, V } from './sandbox-fixture';

describe('HubSpot sandbox: reading CRM records', () => {
  let env: Awaited<ReturnType<typeof openSandbox>>;
  beforeAll(async () => {
    env = await openSandbox();
  });
  afterAll(() => env.sandbox.close());

  it('finds a contact by email, case-insensitively, with only the requested properties', async () => {
    const email = encodeURIComponent('ada.lovelace@analytical.EXAMPLE');
    const { status, json, headers } = await env.call(
      'GET',
      `/crm/objects/${V}/contacts/${email}?idProperty=email&properties=firstname,jobtitle,phone,no_such_property`,
    );
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(json).toEqual({
      id: '101',
      properties: {
        createdate: '2026-03-01T09:00:00Z',
        firstname: 'Ada',
        hs_object_id: '101',
        jobtitle: 'Head of Engines',
        lastmodifieddate: '2026-03-01T09:00:00Z',
        phone: null,
      },
      createdAt: '2026-03-01T09:00:00Z',
      updatedAt: '2026-03-01T09:00:00Z',
      archived: false,
    });
  });

  it('returns the default contact properties when none are named', async () => {
    const { json } = await env.call('GET', `/crm/objects/${V}/contacts/102`);
    expect(Object.keys(json.properties)).toEqual([
      'createdate',
      'email',
      'firstname',
      'hs_object_id',
      'lastmodifieddate',
      'lastname',
    ]);
  });

  it('lists associated companies and deals the way GET by id does (primary company under both types)', async () => {
    const { json } = await env.call(
      'GET',
      `/crm/objects/${V}/contacts/101?associations=companies,deals,tasks`,
    );
    expect(json.associations).toEqual({
      companies: {
        results: [
          { id: '201', type: 'contact_to_company' },
          { id: '201', type: 'contact_to_company_unlabeled' },
          { id: '202', type: 'contact_to_company_unlabeled' },
        ],
      },
      deals: { results: [{ id: '301', type: 'contact_to_deal' }] },
    });
  });

  it('answers 404 with HubSpot bodies for a missing contact and a non-numeric id', async () => {
    const missing = await env.call('GET', `/crm/objects/${V}/contacts/nobody%40example.com?idProperty=email`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({
      status: 'error',
      message: 'resource not found',
      correlationId: expect.any(String),
    });
    expect(missing.json.correlationId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(missing.headers.get('x-hubspot-correlation-id')).toBe(missing.json.correlationId);

    const notNumeric = await env.call('GET', `/crm/objects/${V}/contacts/nobody%40example.com`);
    expect(notNumeric.status).toBe(404);
    expect(notNumeric.json).toMatchObject({
      message: 'Object not found.  objectId are usually numeric.',
      context: { id: ['nobody@example.com'] },
      category: 'OBJECT_NOT_FOUND',
    });
  });

  it('batch-reads contacts by email: 200 when all are found', async () => {
    const { status, json } = await env.call('POST', `/crm/objects/${V}/contacts/batch/read`, {
      body: {
        idProperty: 'email',
        properties: ['email', 'firstname'],
        inputs: [{ id: 'grace@navy.example' }, { id: 'ALAN@bletchley.example' }],
      },
      now: T0,
    });
    expect(status).toBe(200);
    expect(json.status).toBe('COMPLETE');
    expect(json.startedAt).toBe('2026-03-02T09:00:00Z');
    expect(json.results.map((r: { id: string }) => r.id)).toEqual(['102', '103']);
    expect(json.results[1].properties).toEqual({
      createdate: '2026-03-01T09:00:00Z',
      email: 'alan@bletchley.example',
      firstname: 'Alan',
      hs_object_id: '103',
      lastmodifieddate: '2026-03-01T09:00:00Z',
    });
    expect(json.errors).toBeUndefined();
  });

  it('batch-reads with some ids missing: 207 and an OBJECT_NOT_FOUND error naming them', async () => {
    const { status, json } = await env.call('POST', `/crm/objects/${V}/companies/batch/read`, {
      body: { properties: ['name', 'domain'], inputs: [{ id: '201' }, { id: '999' }, { id: 'x' }] },
    });
    expect(status).toBe(207);
    expect(json.results).toHaveLength(1);
    expect(json.results[0].properties.name).toBe('Analytical Engines Ltd');
    expect(json.numErrors).toBe(1);
    expect(json.errors).toEqual([
      {
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        message:
          'Could not get some COMPANY objects, they may be deleted or not exist. Check that ids are valid.',
        context: { ids: ['999', 'x'] },
      },
    ]);
  });

  it('rejects a batch of 101 inputs with a 400 that names the limit', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ id: String(i + 1) }));
    const { status, json } = await env.call('POST', `/crm/objects/${V}/contacts/batch/read`, {
      body: { inputs },
    });
    expect(status).toBe(400);
    expect(json.category).toBe('VALIDATION_ERROR');
    expect(json.message).toBe('Invalid input JSON: inputs must NOT have more than 100 items (got 101)');
  });

  it('rejects a body that is not JSON, and one without inputs', async () => {
    const broken = await env.call('POST', `/crm/objects/${V}/deals/batch/read`, { body: '{"inputs": [' });
    expect(broken.status).toBe(400);
    expect(broken.json.message).toMatch(/^Invalid input JSON on line 1, column 1: /);
    const empty = await env.call('POST', `/crm/objects/${V}/deals/batch/read`, { body: { properties: [] } });
    expect(empty.status).toBe(400);
    expect(empty.json.message).toBe('Invalid input JSON: Some required fields were not set: [inputs]');
  });

  it('answers 400 for an object type it cannot infer', async () => {
    const { status, json } = await env.call('GET', `/crm/objects/${V}/widgets/1`);
    expect(status).toBe(400);
    expect(json.message).toBe('Unable to infer object type from: widgets');
  });
});

describe('HubSpot sandbox: search', () => {
  let env: Awaited<ReturnType<typeof openSandbox>>;
  beforeAll(async () => {
    env = await openSandbox();
  });
  afterAll(() => env.sandbox.close());

  it('filters with OR of groups and AND within one, and pages by offset', async () => {
    const body = {
      filterGroups: [
        { filters: [{ propertyName: 'firstname', operator: 'EQ', value: 'ada' }] },
        { filters: [{ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*navy*' }] },
      ],
      properties: ['email'],
      limit: 1,
    };
    const first = await env.call('POST', `/crm/objects/${V}/contacts/search`, { body });
    expect(first.status).toBe(200);
    expect(first.json.total).toBe(2);
    expect(first.json.results.map((r: { id: string }) => r.id)).toEqual(['101']);
    expect(first.json.paging).toEqual({ next: { after: '1' } });
    const second = await env.call('POST', `/crm/objects/${V}/contacts/search`, {
      body: { ...body, after: '1' },
    });
    expect(second.json.results.map((r: { id: string }) => r.id)).toEqual(['102']);
    expect(second.json.paging).toBeUndefined();
  });

  it('searches companies by domain and sends no X-HubSpot-RateLimit headers', async () => {
    const { json, headers } = await env.call('POST', `/crm/objects/${V}/companies/search`, {
      body: {
        filterGroups: [
          { filters: [{ propertyName: 'domain', operator: 'EQ', value: 'difference.example' }] },
        ],
      },
    });
    expect(json.results.map((r: { id: string }) => r.id)).toEqual(['202']);
    expect(headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
  });

  it('rejects a limit above 200', async () => {
    const { status, json } = await env.call('POST', `/crm/objects/${V}/contacts/search`, {
      body: { limit: 201 },
    });
    expect(status).toBe(400);
    expect(json.message).toBe('Invalid input JSON: limit must be <= 200');
  });
});
