import { DEFAULT_DEAL_PIPELINE } from '../../tools/sandbox/pipelines';
import { SandboxStore } from '../../tools/sandbox/store';
import type { SandboxSeed } from '../../tools/sandbox/types';
import { openSandbox, READ_ONLY, testSeed, V } from './sandbox-fixture';

/** The test account plus a renewals pipeline whose stage ids are HubSpot-generated numbers. */
function seedWithRenewals(): SandboxSeed {
  const seed = testSeed();
  seed.pipelines = {
    deals: [
      DEFAULT_DEAL_PIPELINE,
      {
        id: '7612345',
        label: 'Renewals',
        displayOrder: 1,
        stages: [
          { id: '1101', label: 'Renewal due', metadata: { isClosed: 'false', probability: '0.5' } },
          { id: '1102', label: 'Renewed', metadata: { isClosed: 'true', probability: '1.0' } },
          { id: '1103', label: 'Churned', metadata: { isClosed: 'true', probability: '0.0' } },
        ],
      },
    ],
  };
  seed.deals = [
    ...(seed.deals ?? []),
    { id: '302', properties: { dealname: 'Renewal 2026', pipeline: '7612345', dealstage: '1102' } },
    { id: '303', properties: { dealname: 'Renewal 2027', pipeline: '7612345', dealstage: '1101' } },
    { id: '304', properties: { dealname: 'Old deal', dealstage: 'closedlost' } },
  ];
  return seed;
}

describe('HubSpot sandbox: deal pipelines and hs_is_closed', () => {
  let env: Awaited<ReturnType<typeof openSandbox>>;
  beforeAll(async () => {
    env = await openSandbox({ seed: seedWithRenewals() });
  });
  afterAll(() => env.sandbox.close());

  it("lists the pipelines with their stages in HubSpot's shape, metadata as strings", async () => {
    const { status, json } = await env.call('GET', `/crm/pipelines/${V}/deals`);
    expect(status).toBe(200);
    expect(json.results.map((p: { id: string }) => p.id)).toEqual(['default', '7612345']);
    const renewals = json.results[1];
    expect(renewals).toMatchObject({ label: 'Renewals', displayOrder: 1, archived: false });
    expect(typeof renewals.createdAt).toBe('string');
    expect(renewals.stages[1]).toEqual({
      id: '1102',
      label: 'Renewed',
      displayOrder: 1,
      metadata: { isClosed: 'true', probability: '1.0' },
      archived: false,
      createdAt: renewals.createdAt,
      updatedAt: renewals.updatedAt,
      writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
    });
  });

  it('needs a deals read scope and knows no other object type', async () => {
    const denied = await env.call('GET', `/crm/pipelines/${V}/deals`, { token: READ_ONLY });
    expect(denied.status).toBe(403);
    const other = await env.call('GET', `/crm/pipelines/${V}/widgets`);
    expect(other.status).toBe(400);
  });

  it("computes hs_is_closed from the stage of the deal's own pipeline, and refuses to set it", async () => {
    const { json } = await env.call('POST', `/crm/objects/${V}/deals/batch/read`, {
      body: {
        inputs: ['301', '302', '303', '304'].map((id) => ({ id })),
        properties: ['hs_is_closed', 'pipeline'],
      },
    });
    const closed = Object.fromEntries(
      json.results.map((d: { id: string; properties: Record<string, string> }) => [
        d.id,
        d.properties.hs_is_closed,
      ]),
    );
    expect(closed).toEqual({ '301': 'false', '302': 'true', '303': 'false', '304': 'true' });
    expect(json.results[0].properties.pipeline).toBe('default');
    const search = await env.call('POST', `/crm/objects/${V}/deals/search`, {
      body: {
        filterGroups: [{ filters: [{ propertyName: 'hs_is_closed', operator: 'EQ', value: 'false' }] }],
      },
    });
    expect(search.json.results.map((d: { id: string }) => d.id)).toEqual(['301', '303']);
  });

  it('refuses a seed deal whose stage is not in its pipeline', () => {
    const seed = testSeed();
    seed.deals = [{ id: '9', properties: { dealname: 'x', pipeline: 'default', dealstage: '1102' } }];
    expect(() => new SandboxStore(seed)).toThrow('deal 9: stage "1102" is not a stage of pipeline "default"');
  });
});

describe('HubSpot sandbox: secondary emails', () => {
  let env: Awaited<ReturnType<typeof openSandbox>>;
  beforeAll(async () => {
    const seed = testSeed();
    seed.contacts = [
      ...(seed.contacts ?? []),
      {
        id: '104',
        properties: {
          email: 'kat@work.example',
          firstname: 'Kat',
          hs_additional_emails: 'Kat.Old@Previous.example;k@home.example',
        },
      },
      { id: '105', properties: { email: 'bob@home.example', hs_additional_emails: 'bobk@home.example' } },
    ];
    env = await openSandbox({ seed });
  });
  afterAll(() => env.sandbox.close());

  const search = (value: string, operator = 'CONTAINS_TOKEN') =>
    env.call('POST', `/crm/objects/${V}/contacts/search`, {
      body: {
        filterGroups: [{ filters: [{ propertyName: 'hs_additional_emails', operator, value }] }],
        properties: ['email', 'hs_additional_emails'],
      },
    });

  it('finds a contact by one of its secondary emails as a whole token, any case', async () => {
    const found = await search('kat.old@previous.example');
    expect(found.json.results.map((c: { id: string }) => c.id)).toEqual(['104']);
    expect(found.json.results[0].properties.hs_additional_emails).toBe(
      'Kat.Old@Previous.example;k@home.example',
    );
    // "k@home.example" is a token of 104's list, not of 105's "bobk@home.example".
    expect((await search('k@home.example')).json.results.map((c: { id: string }) => c.id)).toEqual(['104']);
    expect((await search('*k@home.example')).json.results.map((c: { id: string }) => c.id)).toEqual([
      '104',
      '105',
    ]);
  });

  it('reads by idProperty=email match the primary email only', async () => {
    const byPrimary = await env.call('GET', `/crm/objects/${V}/contacts/kat@work.example?idProperty=email`);
    expect(byPrimary.status).toBe(200);
    const bySecondary = await env.call('GET', `/crm/objects/${V}/contacts/k@home.example?idProperty=email`);
    expect(bySecondary.status).toBe(404);
  });
});
