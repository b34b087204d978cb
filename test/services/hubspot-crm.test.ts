import { CrmError } from '../../src/core/errors';
import { runCall, runTogether } from '../../src/core/http';
import { activityMarker, markerLine } from '../../src/core/markers';
import type { NewNote, NewTask } from '../../src/core/ports';
import { CRM_API_VERSION } from '../../src/services/hubspot/api';
import { HubSpotCrm } from '../../src/services/hubspot/hubspot-crm';
import { isFreeMailDomain } from '../../src/core/free-mail';
import { FakeHttp, inputsOf, json, raw, TOKEN } from './hubspot-fake-http';

const BASE = 'https://api.hubapi.com';
const CONTACT_BY_EMAIL = /^\/crm\/objects\/2026-03\/contacts\/[^/]+$/;
const COMPANY_SEARCH = '/crm/objects/2026-03/companies/search';

function contactJson(
  over: { id?: string; properties?: Record<string, unknown>; associations?: unknown } = {},
) {
  return {
    id: over.id ?? '501',
    properties: {
      email: 'Ann@Acme.com',
      firstname: 'Ann',
      lastname: 'Lee',
      jobtitle: 'CTO',
      phone: null,
      company: 'Acme',
      lifecyclestage: 'lead',
      hubspot_owner_id: '77',
      notes_last_updated: '2026-01-15T10:30:00.000Z',
      hs_timezone: 'america_slash_new_york',
      associatedcompanyid: '9001',
      ...over.properties,
    },
    associations: over.associations ?? {
      companies: {
        results: [
          { id: '9001', type: 'contact_to_company' },
          { id: '9001', type: 'contact_to_company_unlabeled' },
        ],
      },
      deals: { results: [{ id: '31', type: 'contact_to_deal' }] },
    },
  };
}

function companyJson(id: string, name: string, domain = 'acme.com') {
  return { id, properties: { name, domain, industry: 'SOFTWARE', numberofemployees: '250' } };
}

function setup() {
  const http = new FakeHttp();
  return { http, crm: new HubSpotCrm(http, TOKEN) };
}

describe('HubSpotCrm.lookupLead', () => {
  it('asks for the contact by email and the companies of its domain in one round trip', () => {
    const { http, crm } = setup();
    http
      .on('get', CONTACT_BY_EMAIL, json(200, contactJson()))
      .on('post', COMPANY_SEARCH, json(200, { total: 1, results: [companyJson('9001', 'Acme Inc')] }));

    const lead = runCall(http, crm.lookupLead(' Ann@Acme.com '));

    expect(http.rounds).toHaveLength(1);
    const [get, search] = http.rounds[0];
    expect(get.method).toBe('get');
    expect(get.url.startsWith(`${BASE}/crm/objects/${CRM_API_VERSION}/contacts/ann%40acme.com?`)).toBe(true);
    expect(get.query.idProperty).toBe('email');
    expect(get.query.associations).toBe('companies,deals');
    expect(get.query.properties.split(',')).toEqual(
      expect.arrayContaining(['firstname', 'notes_last_updated', 'hs_timezone', 'associatedcompanyid']),
    );
    expect(search.body).toEqual({
      filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'EQ', value: 'acme.com' }] }],
      properties: ['name', 'domain', 'industry', 'numberofemployees'],
      limit: 10,
    });
    for (const r of [get, search]) {
      expect(r.headers).toEqual({ Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' });
    }
    expect(lead.contact).toEqual({
      id: '501',
      email: 'ann@acme.com',
      firstName: 'Ann',
      lastName: 'Lee',
      jobTitle: 'CTO',
      phone: null,
      companyName: 'Acme',
      lifecycleStage: 'lead',
      ownerId: '77',
      lastActivityAt: Date.UTC(2026, 0, 15, 10, 30),
      timeZone: 'America/New_York',
      primaryCompanyId: '9001',
      dealIds: ['31'],
    });
    expect(lead.company).toEqual({
      id: '9001',
      name: 'Acme Inc',
      domain: 'acme.com',
      industry: 'SOFTWARE',
      employees: 250,
    });
  });

  it('shares a round trip with other calls', () => {
    const { http, crm } = setup();
    http
      .on('get', CONTACT_BY_EMAIL, json(200, contactJson()))
      .on('post', COMPANY_SEARCH, json(200, { results: [] }))
      .on('get', '/crm/owners/2026-03', json(200, { results: [] }));
    const [lead, owners] = runTogether(http, crm.lookupLead('ann@acme.com'), crm.owners());
    expect(http.rounds).toHaveLength(1);
    expect(http.rounds[0]).toHaveLength(3);
    expect(lead.ok && owners.ok).toBe(true);
  });

  it('does not search companies for free-mail addresses', () => {
    const { http, crm } = setup();
    http.on('get', CONTACT_BY_EMAIL, json(404, { status: 'error', message: 'resource not found' }));
    for (const email of [
      'bob@gmail.com',
      'bob@yahoo.co.uk',
      'bob@hotmail.fr',
      'bob@proton.me',
      'bob@icloud.com',
    ]) {
      const call = crm.lookupLead(email);
      expect(call.requests).toHaveLength(1);
      expect(runCall(http, call)).toEqual({ contact: null, company: null });
    }
    expect(isFreeMailDomain('acme.com')).toBe(false);
    expect(isFreeMailDomain('yahoo-ventures.com')).toBe(false);
  });

  it('reads a 404 contact as unknown and still offers the domain match', () => {
    const { http, crm } = setup();
    http
      .on('get', CONTACT_BY_EMAIL, json(404, { status: 'error', message: 'resource not found' }))
      .on(
        'post',
        COMPANY_SEARCH,
        json(200, { results: [companyJson('7', 'Acme EU'), companyJson('8', 'Acme US')] }),
      );
    expect(runCall(http, crm.lookupLead('new@acme.com'))).toEqual({
      contact: null,
      company: { id: '7', name: 'Acme EU', domain: 'acme.com', industry: 'SOFTWARE', employees: 250 },
    });
  });

  it('prefers the primary company among the domain matches', () => {
    const { http, crm } = setup();
    http
      .on('get', CONTACT_BY_EMAIL, json(200, contactJson()))
      .on(
        'post',
        COMPANY_SEARCH,
        json(200, { results: [companyJson('8', 'Other Acme'), companyJson('9001', 'Acme')] }),
      );
    expect(runCall(http, crm.lookupLead('ann@acme.com')).company?.id).toBe('9001');
  });

  it('keeps the contact primary company, minimal, when the domain search did not return it', () => {
    const { http, crm } = setup();
    http
      .on('get', CONTACT_BY_EMAIL, json(200, contactJson()))
      .on('post', COMPANY_SEARCH, json(200, { results: [companyJson('8', 'Namesake')] }));
    expect(runCall(http, crm.lookupLead('ann@acme.com')).company).toEqual({
      id: '9001',
      name: 'Acme',
      domain: null,
      industry: null,
      employees: null,
    });
  });

  it('finds the primary company from the association label when associatedcompanyid is empty', () => {
    const { http, crm } = setup();
    http
      .on('get', CONTACT_BY_EMAIL, json(200, contactJson({ properties: { associatedcompanyid: '' } })))
      .on('post', COMPANY_SEARCH, json(200, { results: [] }));
    expect(runCall(http, crm.lookupLead('ann@acme.com')).contact?.primaryCompanyId).toBe('9001');
  });

  it('shows the contact when only the company search is rate limited', () => {
    const { http, crm } = setup();
    http
      .on('get', CONTACT_BY_EMAIL, json(200, contactJson()))
      .on(
        'post',
        COMPANY_SEARCH,
        json(429, { status: 'error', policyName: 'SECONDLY', message: 'slow down' }),
      );
    const lead = runCall(http, crm.lookupLead('ann@acme.com'));
    expect(lead.contact?.id).toBe('501');
    expect(lead.company?.id).toBe('9001');
  });

  it('fails with the contact read error', () => {
    const { http, crm } = setup();
    http
      .on(
        'get',
        CONTACT_BY_EMAIL,
        json(401, { status: 'error', message: 'Authentication credentials not found.' }),
      )
      .on('post', COMPANY_SEARCH, json(401, {}));
    expect(() => runCall(http, crm.lookupLead('ann@acme.com'))).toThrow(
      expect.objectContaining({ kind: 'auth' }) as unknown as Error,
    );
  });

  it('reads nulls, numbers as strings and missing fields', () => {
    const { http, crm } = setup();
    http
      .on(
        'get',
        CONTACT_BY_EMAIL,
        json(200, {
          id: 502,
          properties: {
            email: 'zed@acme.com',
            firstname: null,
            lastname: '',
            notes_last_updated: '1767225600000',
            hs_timezone: 'not_slash_a_zone',
          },
        }),
      )
      .on(
        'post',
        COMPANY_SEARCH,
        json(200, { results: [{ id: '5' }, { properties: { name: 'no id' } }, null] }),
      );
    expect(runCall(http, crm.lookupLead('zed@acme.com'))).toEqual({
      contact: {
        id: '502',
        email: 'zed@acme.com',
        firstName: null,
        lastName: null,
        jobTitle: null,
        phone: null,
        companyName: null,
        lifecycleStage: null,
        ownerId: null,
        lastActivityAt: 1767225600000,
        timeZone: null,
        primaryCompanyId: null,
        dealIds: [],
      },
      company: { id: '5', name: null, domain: null, industry: null, employees: null },
    });
  });

  it('sends nothing for something that is not an address', () => {
    const { http, crm } = setup();
    const call = crm.lookupLead('not-an-address');
    expect(call.requests).toEqual([]);
    expect(runCall(http, call)).toEqual({ contact: null, company: null });
    expect(http.rounds).toHaveLength(0);
  });
});

describe('HubSpotCrm.contactsByEmail', () => {
  it('reads in chunks of 100, all in one round trip, keyed by lower-case email', () => {
    const { http, crm } = setup();
    http.on('post', '/crm/objects/2026-03/contacts/batch/read', (r) => {
      const inputs = inputsOf(r);
      const known = inputs.filter((_, i) => i % 2 === 0);
      return json(207, {
        status: 'COMPLETE',
        results: known.map((x) => ({ id: `c-${x.id}`, properties: { email: x.id.toUpperCase() } })),
        numErrors: 1,
        errors: [
          {
            status: 'error',
            category: 'OBJECT_NOT_FOUND',
            message: 'Could not get some CONTACT objects, they may be deleted or not exist.',
            context: { ids: inputs.filter((_, i) => i % 2 === 1).map((x) => x.id) },
          },
        ],
      });
    });
    const emails = Array.from({ length: 250 }, (_, i) => `Person${i}@Example.com`);
    const found = runCall(http, crm.contactsByEmail([...emails, 'person0@example.com', '']));

    expect(http.rounds).toHaveLength(1);
    expect(http.rounds[0].map((r) => inputsOf(r).length)).toEqual([100, 100, 50]);
    const first = http.rounds[0][0];
    expect((first.body as { idProperty: string }).idProperty).toBe('email');
    expect(inputsOf(first)[0]).toEqual({ id: 'person0@example.com' });
    expect(found.size).toBe(125);
    expect(found.get('person0@example.com')?.id).toBe('c-person0@example.com');
    expect(found.has('person1@example.com')).toBe(false);
  });

  it('sends nothing for no emails', () => {
    const { http, crm } = setup();
    expect(runCall(http, crm.contactsByEmail([])).size).toBe(0);
    expect(http.rounds).toHaveLength(0);
  });
});

describe('HubSpotCrm.contactsBySecondaryEmail', () => {
  const SEARCH = '/crm/objects/2026-03/contacts/search';

  it('searches hs_additional_emails, five addresses a search, all in one round trip', () => {
    const { http, crm } = setup();
    http.on('post', SEARCH, json(200, { total: 0, results: [] }));
    const emails = Array.from({ length: 7 }, (_, i) => `P${i}@x.example`).concat(['not-an-address']);
    expect(runCall(http, crm.contactsBySecondaryEmail(emails))).toEqual(new Map());
    expect(http.rounds).toHaveLength(1);
    const bodies = http.rounds[0].map((r) => r.body as { filterGroups: unknown[]; properties: string[] });
    expect(bodies.map((b) => b.filterGroups.length)).toEqual([5, 2]);
    expect(bodies[0].filterGroups[0]).toEqual({
      filters: [{ propertyName: 'hs_additional_emails', operator: 'CONTAINS_TOKEN', value: 'p0@x.example' }],
    });
    expect(bodies[0].properties).toEqual(
      expect.arrayContaining(['hs_additional_emails', 'hubspot_owner_id']),
    );
    expect(runCall(http, crm.contactsBySecondaryEmail([]))).toEqual(new Map());
    expect(http.rounds).toHaveLength(1);
  });

  it('keys each contact by the address looked up, only when it is really among its secondary emails', () => {
    const { http, crm } = setup();
    http.on(
      'post',
      SEARCH,
      json(200, {
        total: 2,
        results: [
          contactJson({
            id: '7',
            properties: { email: 'ann@new.example', hs_additional_emails: 'Ann@Old.example; a@x.example' },
          }),
          // A namesake the search let through: "ann@old.example.net" is not "ann@old.example".
          contactJson({
            id: '8',
            properties: { email: 'z@z.example', hs_additional_emails: 'ann@old.example.net' },
          }),
        ],
      }),
    );
    const found = runCall(http, crm.contactsBySecondaryEmail(['ANN@old.example', 'nobody@x.example']));
    expect([...found.keys()]).toEqual(['ann@old.example']);
    expect(found.get('ann@old.example')).toMatchObject({ id: '7', email: 'ann@new.example', ownerId: '77' });
  });
});

describe('HubSpotCrm.primaryCompanies', () => {
  it('reads associations then companies: two round trips, chunks of 100, primary first', () => {
    const { http, crm } = setup();
    http
      .on('post', '/crm/associations/2026-03/contacts/companies/batch/read', (r) =>
        json(200, {
          status: 'COMPLETE',
          results: inputsOf(r).map((x) => ({
            from: { id: x.id },
            to: [
              {
                toObjectId: Number(`2${x.id}`),
                associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }],
              },
              {
                toObjectId: Number(`1${x.id}`),
                associationTypes: [
                  { category: 'HUBSPOT_DEFINED', typeId: 279 },
                  { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
                ],
              },
            ],
          })),
        }),
      )
      .on('post', '/crm/objects/2026-03/companies/batch/read', (r) =>
        json(200, { results: inputsOf(r).map((x) => companyJson(x.id, `Company ${x.id}`)) }),
      );
    const contactIds = Array.from({ length: 150 }, (_, i) => String(i + 1));
    const companies = crm.primaryCompanies(contactIds);

    expect(http.rounds).toHaveLength(2);
    expect(http.rounds[0].map((r) => inputsOf(r).length)).toEqual([100, 50]);
    expect(http.rounds[1].map((r) => inputsOf(r).length)).toEqual([100, 50]);
    expect(companies.size).toBe(150);
    expect(companies.get('42')?.id).toBe('142');
    expect(companies.get('42')?.name).toBe('Company 142');
  });

  it('takes the first company when none is primary, and skips contacts without one', () => {
    const { http, crm } = setup();
    http
      .on(
        'post',
        '/crm/associations/2026-03/contacts/companies/batch/read',
        json(207, {
          results: [
            { from: { id: '1' }, to: [{ toObjectId: '300', associationTypes: [{ typeId: 279 }] }] },
            { from: { id: '2' }, to: [] },
          ],
          errors: [{ category: 'OBJECT_NOT_FOUND', message: 'not found', context: { ids: ['3'] } }],
        }),
      )
      .on(
        'post',
        '/crm/objects/2026-03/companies/batch/read',
        json(200, { results: [companyJson('300', 'Solo')] }),
      );
    const companies = crm.primaryCompanies(['1', '2', '3']);
    expect([...companies.keys()]).toEqual(['1']);
    expect(inputsOf(http.rounds[1][0])).toEqual([{ id: '300' }]);
  });
});

describe('HubSpotCrm reads', () => {
  it('deals: batch/read by id, in the order asked, amounts and dates from strings', () => {
    const { http, crm } = setup();
    http
      .on(
        'post',
        '/crm/objects/2026-03/deals/batch/read',
        json(200, {
          results: [
            {
              id: '2',
              properties: {
                dealname: 'Renewal',
                dealstage: 'closedwon',
                amount: '1,500.50',
                deal_currency_code: 'eur',
                closedate: null,
              },
            },
            {
              id: '1',
              properties: {
                dealname: 'Pilot',
                amount: 'n/a',
                deal_currency_code: 'not a code',
                closedate: '2026-06-30T00:00:00Z',
              },
            },
          ],
        }),
      )
      .on('get', '/crm/pipelines/2026-03/deals', json(200, { results: [] }));
    const deals = runCall(http, crm.deals(['1', '2', '3']));
    expect((http.requests[0].body as { properties: string[] }).properties).toEqual([
      'dealname',
      'dealstage',
      'pipeline',
      'hs_is_closed',
      'amount',
      'deal_currency_code',
      'closedate',
    ]);
    expect(deals).toEqual([
      {
        id: '1',
        name: 'Pilot',
        stage: null,
        stageLabel: null,
        closed: null,
        amount: null,
        currency: null,
        closeDate: Date.UTC(2026, 5, 30),
      },
      {
        id: '2',
        name: 'Renewal',
        stage: 'closedwon',
        stageLabel: null,
        closed: null,
        amount: 1500.5,
        currency: 'EUR',
        closeDate: null,
      },
    ]);
  });

  it('deals: the pipelines in the same round trip give each stage its own label and closedness', () => {
    const { http, crm } = setup();
    const stage = (id: string, label: string, isClosed: string) => ({
      id,
      label,
      displayOrder: 0,
      metadata: { isClosed, probability: '0.5' },
    });
    http
      .on(
        'post',
        '/crm/objects/2026-03/deals/batch/read',
        json(200, {
          results: [
            { id: '1', properties: { dealstage: '1101', pipeline: '761', hs_is_closed: 'false' } },
            { id: '2', properties: { dealstage: '1102', pipeline: '761', hs_is_closed: 'true' } },
            // Without hs_is_closed, the stage's isClosed decides; without pipeline, the default one.
            { id: '3', properties: { dealstage: '1103', pipeline: '761' } },
            { id: '4', properties: { dealstage: 'contractsent' } },
          ],
        }),
      )
      .on(
        'get',
        '/crm/pipelines/2026-03/deals',
        json(200, {
          results: [
            {
              id: 'default',
              label: 'Sales Pipeline',
              stages: [stage('contractsent', 'Contract Sent', 'false')],
            },
            {
              id: '761',
              label: 'Renewals',
              stages: [
                stage('1101', 'Renewal due', 'false'),
                stage('1102', 'Renewed', 'true'),
                stage('1103', 'Churned', 'true'),
              ],
            },
          ],
        }),
      );
    const deals = runCall(http, crm.deals(['1', '2', '3', '4']));
    expect(http.rounds).toHaveLength(1);
    expect(deals.map((d) => [d.id, d.stageLabel, d.closed])).toEqual([
      ['1', 'Renewal due', false],
      ['2', 'Renewed', true],
      ['3', 'Churned', true],
      ['4', 'Contract Sent', false],
    ]);
  });

  it('deals: still shown, with stage ids, when the pipelines cannot be read', () => {
    const { http, crm } = setup();
    http
      .on(
        'post',
        '/crm/objects/2026-03/deals/batch/read',
        json(200, { results: [{ id: '1', properties: { dealstage: '1101', hs_is_closed: 'false' } }] }),
      )
      .on('get', '/crm/pipelines/2026-03/deals', json(503, {}));
    expect(runCall(http, crm.deals(['1']))).toEqual([
      expect.objectContaining({ id: '1', stage: '1101', stageLabel: null, closed: false }),
    ]);
    expect(runCall(http, crm.deals([]))).toEqual([]);
    expect(http.rounds).toHaveLength(1);
  });

  it('owners: the dated owners path, owners without an email left out', () => {
    const { http, crm } = setup();
    http.on(
      'get',
      '/crm/owners/2026-03',
      json(200, {
        results: [
          { id: '77', email: 'Sam@Seller.io', firstName: 'Sam', lastName: 'Seller', userId: 9 },
          { id: '78', email: null, firstName: 'Queue' },
          { email: 'noid@seller.io' },
        ],
        paging: { next: { after: '3' } },
      }),
    );
    const owners = runCall(http, crm.owners());
    expect(http.requests[0].query).toEqual({ limit: '500' });
    expect(owners).toEqual([{ id: '77', email: 'sam@seller.io', firstName: 'Sam', lastName: 'Seller' }]);
  });

  it('submissionsPage: limit at most 50, the cursor passed on, the next cursor read', () => {
    const { http, crm } = setup();
    http.on(
      'get',
      '/form-integrations/v1/submissions/forms/f-123',
      json(200, {
        results: [
          {
            conversionId: 'conv-2',
            submittedAt: 1767225600000,
            values: [
              { name: 'email', value: 'ann@acme.com', objectTypeId: '0-1' },
              { name: 'age', value: 42 },
              { name: 'blank', value: null },
              { value: 'nameless' },
            ],
            pageUrl: 'https://acme.com/contact',
          },
          { conversionId: 'conv-1', submittedAt: '1767225500000' },
        ],
        paging: { next: { after: 'cursor-2', link: 'ignored' } },
      }),
    );
    const page = runCall(http, crm.submissionsPage('f-123', 'cursor-1', 500));
    expect(http.requests[0].query).toEqual({ limit: '50', after: 'cursor-1' });
    expect(page).toEqual({
      submissions: [
        {
          conversionId: 'conv-2',
          submittedAt: 1767225600000,
          values: [
            { name: 'email', value: 'ann@acme.com' },
            { name: 'age', value: '42' },
            { name: 'blank', value: null },
          ],
          pageUrl: 'https://acme.com/contact',
          pageTitle: null,
        },
        { conversionId: 'conv-1', submittedAt: 1767225500000, values: [], pageUrl: null, pageTitle: null },
      ],
      after: 'cursor-2',
    });
  });

  it('submissionsPage: the first page has no cursor, the last page none either', () => {
    const { http, crm } = setup();
    http.on('get', /^\/form-integrations\/v1\/submissions\/forms\//, json(200, { results: [] }));
    expect(runCall(http, crm.submissionsPage('f/1', null, 0))).toEqual({ submissions: [], after: null });
    expect(http.requests[0].path).toBe('/form-integrations/v1/submissions/forms/f%2F1');
    expect(http.requests[0].query).toEqual({ limit: '50' });
  });

  it('submissionsPage: passes on a submission without id or date, for the poller to reject', () => {
    const { http, crm } = setup();
    http.on(
      'get',
      /^\/form-integrations/,
      json(200, { results: [{ values: [] }, { conversionId: 'c2', submittedAt: 5, values: [] }] }),
    );
    const page = runCall(http, crm.submissionsPage('f', null, 50));
    expect(page.submissions.map((s) => [s.conversionId, s.submittedAt])).toEqual([
      ['', 0],
      ['c2', 5],
    ]);
  });
});

function task(i: number, over: Partial<NewTask> = {}): NewTask {
  return {
    contactId: `c${i}`,
    subject: `Reply to lead ${i}`,
    body: `Body ${i}\n${markerLine(`conv-${i}`)}`,
    dueAt: Date.UTC(2026, 2, 2, 9, 0),
    ownerId: '77',
    priority: 'HIGH',
    type: 'EMAIL',
    ...over,
  };
}

/** Answers batch/create with ids derived from the inputs, results in reverse order (HubSpot promises none). */
function createdInReverse(prefix: string) {
  return (r: { body: unknown }) => {
    const inputs = (
      r.body as { inputs: { objectWriteTraceId: string; associations: { to: { id: string } }[] }[] }
    ).inputs;
    return json(201, {
      status: 'COMPLETE',
      results: inputs
        .map((input) => ({
          id: `${prefix}-${input.associations[0].to.id}`,
          objectWriteTraceId: input.objectWriteTraceId,
          properties: {},
        }))
        .reverse(),
    });
  };
}

describe('HubSpotCrm writes', () => {
  it('createTasks: the task properties and the contact association, ids in input order', () => {
    const { http, crm } = setup();
    http.on('post', '/crm/objects/2026-03/tasks/batch/create', createdInReverse('t'));
    const ids = runCall(
      http,
      crm.createTasks([task(1), task(2, { ownerId: null, priority: 'LOW', type: 'TODO' })]),
    );
    expect(ids).toEqual(['t-c1', 't-c2']);
    const inputs = (http.requests[0].body as { inputs: unknown[] }).inputs;
    expect(inputs[0]).toEqual({
      properties: {
        hs_timestamp: '2026-03-02T09:00:00.000Z',
        hs_task_subject: 'Reply to lead 1',
        hs_task_body: `Body 1<br>${markerLine('conv-1')}`,
        hs_task_status: 'NOT_STARTED',
        hs_task_priority: 'HIGH',
        hs_task_type: 'EMAIL',
        hubspot_owner_id: '77',
      },
      associations: [
        { to: { id: 'c1' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }] },
      ],
      objectWriteTraceId: '0',
    });
    expect((inputs[1] as { properties: Record<string, string> }).properties).not.toHaveProperty(
      'hubspot_owner_id',
    );
  });

  it('createTasks: chunks of 100 in one round trip', () => {
    const { http, crm } = setup();
    http.on('post', '/crm/objects/2026-03/tasks/batch/create', createdInReverse('t'));
    const tasks = Array.from({ length: 201 }, (_, i) => task(i));
    const ids = runCall(http, crm.createTasks(tasks));
    expect(http.rounds).toHaveLength(1);
    expect(http.rounds[0].map((r) => inputsOf(r).length)).toEqual([100, 100, 1]);
    expect(ids).toEqual(tasks.map((t) => `t-${t.contactId}`));
  });

  it('createTasks: a partly failed batch is a failure, with HubSpot reason', () => {
    const { http, crm } = setup();
    http.on(
      'post',
      '/crm/objects/2026-03/tasks/batch/create',
      json(207, {
        status: 'COMPLETE',
        results: [{ id: 't1', objectWriteTraceId: '0' }],
        errors: [
          { status: 'error', category: 'VALIDATION_ERROR', message: 'Property values were not valid' },
        ],
      }),
    );
    let error: unknown;
    try {
      runCall(http, crm.createTasks([task(1), task(2)]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).kind).toBe('bad_request');
    expect((error as CrmError).message).toBe('HubSpot created 1 of 2 tasks: Property values were not valid');
  });

  it('createTasks and createNotes: no tasks, no request', () => {
    const { http, crm } = setup();
    expect(runCall(http, crm.createTasks([]))).toEqual([]);
    expect(runCall(http, crm.createNotes([]))).toEqual([]);
    expect(http.rounds).toHaveLength(0);
  });

  it('createNotes: the HTML body cut to 65,536 characters, association 202', () => {
    const { http, crm } = setup();
    http.on('post', '/crm/objects/2026-03/notes/batch/create', createdInReverse('n'));
    const long = 'x'.repeat(65535) + '😀' + 'tail';
    const entities = 'x'.repeat(65530) + '&&';
    const notes: NewNote[] = [
      { contactId: 'c1', body: long, timestamp: Date.UTC(2026, 0, 1), ownerId: null },
      { contactId: 'c2', body: 'short', timestamp: Date.UTC(2026, 0, 1), ownerId: '77' },
      { contactId: 'c3', body: entities, timestamp: Date.UTC(2026, 0, 1), ownerId: null },
    ];
    expect(runCall(http, crm.createNotes(notes))).toEqual(['n-c1', 'n-c2', 'n-c3']);
    const inputs = (
      http.requests[0].body as { inputs: { properties: Record<string, string>; associations: unknown }[] }
    ).inputs;
    expect(inputs[0].properties.hs_note_body).toBe('x'.repeat(65535));
    // "&&" is 10 characters of HTML: only one fits, and never half an entity.
    expect(inputs[2].properties.hs_note_body).toBe('x'.repeat(65530) + '&amp;');
    expect(inputs[0].properties.hs_timestamp).toBe('2026-01-01T00:00:00.000Z');
    expect(inputs[0].associations).toEqual([
      { to: { id: 'c1' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] },
    ]);
    expect(inputs[1].properties).toEqual({
      hs_timestamp: '2026-01-01T00:00:00.000Z',
      hs_note_body: 'short',
      hubspot_owner_id: '77',
    });
  });

  it('createTasks and createNotes: prospect text is escaped HTML that keeps its line breaks', () => {
    const { http, crm } = setup();
    http
      .on('post', '/crm/objects/2026-03/tasks/batch/create', createdInReverse('t'))
      .on('post', '/crm/objects/2026-03/notes/batch/create', createdInReverse('n'));
    const typed = 'Hi <a href="https://evil.example">click</a>\r\n<img src=x onerror=alert(1)>\nBye & thanks';
    runTogether(
      http,
      crm.createTasks([task(1, { body: typed })]),
      crm.createNotes([{ contactId: 'c1', body: typed, timestamp: 0, ownerId: null }]),
    );
    const expected =
      'Hi &lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt;<br>' +
      '&lt;img src=x onerror=alert(1)&gt;<br>Bye &amp; thanks';
    const [taskRequest, noteRequest] = http.rounds[0];
    expect(
      (taskRequest.body as { inputs: { properties: Record<string, string> }[] }).inputs[0].properties
        .hs_task_body,
    ).toBe(expected);
    expect(
      (noteRequest.body as { inputs: { properties: Record<string, string> }[] }).inputs[0].properties
        .hs_note_body,
    ).toBe(expected);
  });

  it('createTasks and createNotes travel together', () => {
    const { http, crm } = setup();
    http
      .on('post', '/crm/objects/2026-03/tasks/batch/create', createdInReverse('t'))
      .on('post', '/crm/objects/2026-03/notes/batch/create', createdInReverse('n'));
    const [tasks, notes] = runTogether(
      http,
      crm.createTasks([task(1)]),
      crm.createNotes([{ contactId: 'c1', body: 'b', timestamp: 0, ownerId: null }]),
    );
    expect(http.rounds).toHaveLength(1);
    expect(tasks).toEqual({ ok: true, value: ['t-c1'] });
    expect(notes).toEqual({ ok: true, value: ['n-c1'] });
  });

  it('createContact: the properties given, nulls left out; 409 is a conflict', () => {
    const { http, crm } = setup();
    http.on('post', '/crm/objects/2026-03/contacts', (_request, round) =>
      round === 1
        ? json(201, { id: '601', properties: {} })
        : json(409, {
            status: 'error',
            message: 'Contact already exists. Existing ID: 601',
            category: 'CONFLICT',
            correlationId: 'corr-9',
          }),
    );
    const contact = {
      email: ' New@Acme.com',
      firstName: 'New',
      lastName: null,
      company: 'Acme',
      phone: null,
      ownerId: '77',
    };
    expect(crm.createContact(contact)).toBe('601');
    expect(http.requests[0].body).toEqual({
      properties: { email: 'new@acme.com', firstname: 'New', company: 'Acme', hubspot_owner_id: '77' },
    });
    expect(() => crm.createContact(contact)).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        message: 'HubSpot reported a conflict: Contact already exists. Existing ID: 601',
        details: expect.objectContaining({ status: 409, correlationId: 'corr-9', category: 'CONFLICT' }),
      }) as unknown as Error,
    );
  });

  it('createContact: an answer without an id is invalid', () => {
    const { http, crm } = setup();
    http.on('post', '/crm/objects/2026-03/contacts', raw(201, '{"properties":{}}'));
    expect(() =>
      crm.createContact({
        email: 'a@b.co',
        firstName: null,
        lastName: null,
        company: null,
        phone: null,
        ownerId: null,
      }),
    ).toThrow(expect.objectContaining({ kind: 'invalid_response' }) as unknown as Error);
  });
});

describe('HubSpotCrm.activityMarkers', () => {
  it('reads the tasks and notes of the contacts and indexes their markers: two round trips', () => {
    const { http, crm } = setup();
    const links = (prefix: string) => (r: { body: unknown }) =>
      json(200, {
        results: (r.body as { inputs: { id: string }[] }).inputs.map((x) => ({
          from: { id: x.id },
          to: [1, 2].map((n) => ({
            toObjectId: Number(`${n}${x.id}`),
            associationTypes: [{ typeId: prefix === 't' ? 204 : 202 }],
          })),
        })),
      });
    http
      .on('post', '/crm/associations/2026-03/contacts/tasks/batch/read', links('t'))
      .on('post', '/crm/associations/2026-03/contacts/notes/batch/read', links('n'))
      .on('post', '/crm/objects/2026-03/tasks/batch/read', (r) =>
        json(200, {
          results: inputsOf(r).map((x) => ({
            id: x.id,
            properties: {
              hs_task_body: x.id.startsWith('1')
                ? `Reply soon\n${markerLine(`conv-${x.id.slice(1)}`)}`
                : 'manual',
            },
          })),
        }),
      )
      .on('post', '/crm/objects/2026-03/notes/batch/read', (r) =>
        json(200, {
          results: inputsOf(r).map((x) => ({
            id: x.id,
            properties: { hs_note_body: x.id.startsWith('2') ? markerLine(`conv-${x.id.slice(1)}`) : null },
          })),
        }),
      );

    const markers = crm.activityMarkers(['5', '6']);

    expect(http.rounds).toHaveLength(2);
    expect(http.rounds[0].map((r) => r.path)).toEqual([
      '/crm/associations/2026-03/contacts/tasks/batch/read',
      '/crm/associations/2026-03/contacts/notes/batch/read',
    ]);
    expect((http.rounds[1][0].body as { properties: string[] }).properties).toEqual(['hs_task_body']);
    expect(markers.tasks).toEqual(
      new Map([
        [activityMarker('conv-5'), '15'],
        [activityMarker('conv-6'), '16'],
      ]),
    );
    expect(markers.notes).toEqual(
      new Map([
        [activityMarker('conv-5'), '25'],
        [activityMarker('conv-6'), '26'],
      ]),
    );
  });

  it('follows paging.next.after of each contact until the last page, then reads every body', () => {
    const { http, crm } = setup();
    // Contact 5 has three pages of tasks, contact 6 one; notes fit one page.
    http
      .on('post', '/crm/associations/2026-03/contacts/tasks/batch/read', (r) =>
        json(200, {
          results: (r.body as { inputs: { id: string; after?: string }[] }).inputs.map((x) => {
            const page = x.after ? Number(x.after.slice(1)) : 1;
            const result: Record<string, unknown> = {
              from: { id: x.id },
              to: [{ toObjectId: `${x.id}0${page}`, associationTypes: [{ typeId: 204 }] }],
            };
            if (x.id === '5' && page < 3) result.paging = { next: { after: `p${page + 1}` } };
            return result;
          }),
        }),
      )
      .on('post', '/crm/associations/2026-03/contacts/notes/batch/read', json(200, { results: [] }))
      .on('post', '/crm/objects/2026-03/tasks/batch/read', (r) =>
        json(200, {
          results: inputsOf(r).map((x) => ({
            id: x.id,
            properties: { hs_task_body: x.id === '503' ? markerLine('conv-5') : 'manual' },
          })),
        }),
      )
      .on('post', '/crm/objects/2026-03/notes/batch/read', json(200, { results: [] }));

    const markers = crm.activityMarkers(['5', '6']);

    expect(markers.tasks).toEqual(new Map([[activityMarker('conv-5'), '503']]));
    expect(http.rounds).toHaveLength(4);
    expect(http.rounds[1].map((r) => r.body)).toEqual([{ inputs: [{ id: '5', after: 'p2' }] }]);
    expect(http.rounds[2].map((r) => r.body)).toEqual([{ inputs: [{ id: '5', after: 'p3' }] }]);
    expect(inputsOf(http.rounds[3][0]).map((x) => x.id)).toEqual(['501', '502', '503', '601']);
  });

  it('gives up with an error, rather than miss a marker, when the pages never end', () => {
    const { http, crm } = setup();
    http
      .on('post', '/crm/associations/2026-03/contacts/tasks/batch/read', () =>
        json(200, {
          results: [
            {
              from: { id: '5' },
              to: [{ toObjectId: String(http.rounds.length), associationTypes: [{ typeId: 204 }] }],
              paging: { next: { after: `p${http.rounds.length}` } },
            },
          ],
        }),
      )
      .on('post', '/crm/associations/2026-03/contacts/notes/batch/read', json(200, { results: [] }));
    expect(() => crm.activityMarkers(['5'])).toThrow(
      expect.objectContaining({ kind: 'invalid_response' }) as unknown as Error,
    );
    expect(http.rounds).toHaveLength(20);
  });

  it('throws the HubSpot error when a read fails', () => {
    const { http, crm } = setup();
    http
      .on('post', '/crm/associations/2026-03/contacts/tasks/batch/read', json(200, { results: [] }))
      .on('post', '/crm/associations/2026-03/contacts/notes/batch/read', json(503, {}));
    expect(() => crm.activityMarkers(['5'])).toThrow(
      expect.objectContaining({ kind: 'unavailable' }) as unknown as Error,
    );
  });
});

describe('HubSpotCrm options', () => {
  it('sends to another base URL (the workbench sandbox)', () => {
    const http = new FakeHttp();
    const crm = new HubSpotCrm(http, TOKEN, { baseUrl: 'http://127.0.0.1:4010/' });
    expect(crm.owners().requests[0].url).toBe('http://127.0.0.1:4010/crm/owners/2026-03?limit=500');
  });

  it('does not show the token when the adapter is logged or serialised', () => {
    const crm = new HubSpotCrm(new FakeHttp(), TOKEN);
    expect(JSON.stringify(crm)).not.toContain(TOKEN);
    expect(Object.values(crm).map(String).join(' ')).not.toContain(TOKEN);
  });
});
