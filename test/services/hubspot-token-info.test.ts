import { runCall } from '../../src/core/http';
import { missingScopes, tokenInfo } from '../../src/services/hubspot/token-info';
import { FakeHttp, json, TOKEN } from './hubspot-fake-http';

const PATH = '/oauth/v2/private-apps/get/access-token-info';

describe('tokenInfo', () => {
  it('asks HubSpot about the token and reads the account and scopes', () => {
    const http = new FakeHttp().on(
      'post',
      PATH,
      json(200, { userId: 1, hubId: 123456, appId: 9, scopes: ['crm.objects.contacts.read', 'forms', 7] }),
    );
    expect(runCall(http, tokenInfo(TOKEN))).toEqual({
      hubId: '123456',
      scopes: ['crm.objects.contacts.read', 'forms'],
    });
    expect(http.requests[0].url).toBe(`https://api.hubapi.com${PATH}`);
    expect(http.requests[0].body).toEqual({ tokenKey: TOKEN });
  });

  it('a rejected token is an auth error that does not show the token', () => {
    const http = new FakeHttp().on('post', PATH, json(401, { message: `bad token ${TOKEN}` }));
    let error: unknown;
    try {
      runCall(http, tokenInfo(TOKEN, 'http://127.0.0.1:4010/'));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ kind: 'auth' });
    expect(String(error) + JSON.stringify(error)).not.toContain(TOKEN);
    expect(http.requests[0].url).toBe(`http://127.0.0.1:4010${PATH}`);
  });
});

describe('missingScopes', () => {
  it('names what each missing scope is for; a sensitive variant counts', () => {
    expect(
      missingScopes([
        'crm.objects.contacts.sensitive.read.v2',
        'crm.objects.contacts.write',
        'crm.objects.companies.read',
        'forms',
      ]),
    ).toEqual([
      { purpose: 'read deals', scope: 'crm.objects.deals.read' },
      { purpose: 'route leads to their owner', scope: 'crm.objects.owners.read' },
    ]);
    expect(missingScopes([])).toHaveLength(6);
  });
});
