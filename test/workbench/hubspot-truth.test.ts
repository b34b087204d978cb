// What HubSpot really holds, through the real bundle and the sandbox (issue 14, items 5, 16, 17, 18, 19).
import { auditTypes, fixture, run } from './run-fixture';

jest.setTimeout(60_000);

describe('Test connection with a service key', () => {
  it('passes on the owners read although token-info does not know the key', async () => {
    const scenario = fixture('default');
    const token = scenario.settings.hubspotToken as string;
    const grant = (scenario.hubspot.tokens as Record<string, { portalId: number; scopes: string[] }>)[token];
    scenario.hubspot.tokens = { [token]: { ...grant, kind: 'service-key' } };
    scenario.steps = [{ universal: 'Settings' }, { press: 'Test connection' }];
    const outcome = await run(scenario);
    expect(outcome.steps[1].notification).toMatch(
      /^Connected to HubSpot\. 2 owner\(s\) visible\. The token's scopes could not be listed/,
    );
    expect(auditTypes(outcome)).toContain('auth_success');
    expect(auditTypes(outcome)).not.toContain('auth_failure');
  });
});
