import { testConnection } from '../../src/services/hubspot/connection-test';
import { FakeHttp, json, TOKEN } from './hubspot-fake-http';

const TOKEN_INFO = '/oauth/v2/private-apps/get/access-token-info';
const OWNERS = '/crm/owners/2026-03';
const FORMS = '/marketing/v3/forms';
const forms = json(200, {
  results: [
    { id: 'f-1', name: 'Book a demo', archived: false },
    { id: 'f-2', name: '  Contact   sales ', archived: false },
    { id: 'f-3', name: 'Old form', archived: true },
  ],
});
const ALL_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.deals.read',
  'crm.objects.owners.read',
  'forms',
];
const owners = json(200, {
  results: [
    { id: '1', email: 'sam@seller.example' },
    { id: '2', email: 'rita@seller.example' },
  ],
});
const scopeRefusal = json(403, {
  status: 'error',
  category: 'MISSING_SCOPES',
  message: "This app hasn't been granted all required scopes to make this call.",
  errors: [{ context: { requiredGranularScopes: ['crm.objects.owners.read'] } }],
});

describe('testConnection (Settings > Test connection)', () => {
  it('reads the owners and the token description in one round trip', () => {
    const http = new FakeHttp()
      .on('get', FORMS, forms)
      .on('get', OWNERS, owners)
      .on('post', TOKEN_INFO, json(200, { hubId: 4815162, scopes: ALL_SCOPES }));
    const report = testConnection(http, TOKEN);
    expect(http.rounds).toHaveLength(1);
    expect(report.summary).toBe(
      'Connected to HubSpot account 4815162. Every scope Prospector needs is granted. 2 owners visible. ' +
        '2 forms found; choose the ones to watch in Settings.',
    );
    // The forms list rides the same round trip; archived forms are not offered.
    expect(report.forms).toEqual({
      forms: [
        { guid: 'f-1', name: 'Book a demo' },
        { guid: 'f-2', name: 'Contact sales' },
      ],
      more: false,
    });
  });

  it('still passes when the forms cannot be listed: Settings keeps typed GUIDs', () => {
    const http = new FakeHttp()
      .on('get', OWNERS, owners)
      .on('get', FORMS, scopeRefusal)
      .on('post', TOKEN_INFO, json(200, { hubId: 4815162, scopes: ALL_SCOPES }));
    const report = testConnection(http, TOKEN);
    expect(report.forms).toBeNull();
    expect(report.summary).toBe(
      'Connected to HubSpot account 4815162. Every scope Prospector needs is granted. 2 owners visible.',
    );
  });

  it('passes with a service key, which token-info does not describe: the owners read is the test', () => {
    const http = new FakeHttp()
      .on('get', FORMS, forms)
      .on('get', OWNERS, owners)
      .on('post', TOKEN_INFO, json(401, { status: 'error', category: 'INVALID_AUTHENTICATION' }));
    const report = testConnection(http, TOKEN);
    expect(report).toMatchObject({ hubId: null, scopes: null, missing: [], owners: 2 });
    expect(report.summary).toMatch(
      /^Connected to HubSpot\. 2 owners visible\. 2 forms found; .* The token's scopes could not/,
    );
  });

  it('passes when token-info is down or unreadable', () => {
    for (const answer of [json(503, {}), { status: 200, body: 'not json', headers: {} }]) {
      const http = new FakeHttp()
        .on('get', FORMS, forms)
        .on('get', OWNERS, owners)
        .on('post', TOKEN_INFO, answer);
      expect(testConnection(http, TOKEN).summary).toMatch(/^Connected to HubSpot\. 2 owners visible/);
    }
  });

  it('fails with the owners error when the token is rejected, whatever token-info says', () => {
    const http = new FakeHttp()
      .on('get', FORMS, forms)
      .on('get', OWNERS, json(401, { status: 'error', category: 'INVALID_AUTHENTICATION' }))
      .on('post', TOKEN_INFO, json(200, { hubId: 1, scopes: ALL_SCOPES }));
    expect(() => testConnection(http, TOKEN)).toThrow(
      expect.objectContaining({ kind: 'auth' }) as unknown as Error,
    );
  });

  it('names every missing scope when the owners read is refused for a scope token-info confirms', () => {
    const http = new FakeHttp()
      .on('get', FORMS, forms)
      .on('get', OWNERS, scopeRefusal)
      .on('post', TOKEN_INFO, json(200, { hubId: 7, scopes: ['crm.objects.contacts.read', 'forms'] }));
    const report = testConnection(http, TOKEN);
    expect(report.owners).toBeNull();
    expect(report.missing.map((m) => m.scope)).toEqual([
      'crm.objects.contacts.write',
      'crm.objects.companies.read',
      'crm.objects.deals.read',
      'crm.objects.owners.read',
    ]);
    expect(report.summary).toMatch(
      /^Connected to HubSpot account 7\. Missing scopes: .*Owners could not be read\. 2 forms found; .*$/,
    );
  });

  it('fails with the scope refusal when token-info cannot say more', () => {
    const http = new FakeHttp()
      .on('get', FORMS, forms)
      .on('get', OWNERS, scopeRefusal)
      .on('post', TOKEN_INFO, json(401, {}));
    expect(() => testConnection(http, TOKEN)).toThrow(
      'HubSpot refused: the private app lacks the scope crm.objects.owners.read',
    );
  });
});
