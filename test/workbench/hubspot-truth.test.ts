// What HubSpot really holds, through the real bundle and the sandbox (issue 14, items 5, 16, 17, 18, 19).
import type { SeedPipelineStage } from '../../tools/sandbox/types';
import { auditTypes, cardText, fixture, run } from './run-fixture';

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

describe('deals in an account with a pipeline of its own', () => {
  it('lists open deals with their own stage names and leaves closed ones out, in any pipeline', async () => {
    const scenario = fixture('default');
    const hubspot = scenario.hubspot;
    const stage = (id: string, label: string, closed: boolean): SeedPipelineStage => ({
      id,
      label,
      metadata: { isClosed: closed ? 'true' : 'false', probability: closed ? '1.0' : '0.5' },
    });
    hubspot.pipelines = {
      deals: [
        {
          id: 'default',
          label: 'Sales Pipeline',
          stages: [
            stage('appointmentscheduled', 'Appointment Scheduled', false),
            stage('closedwon', 'Closed Won', true),
          ],
        },
        {
          id: '7612345',
          label: 'Renewals',
          stages: [stage('1101', 'Renewal due', false), stage('1102', 'Renewed', true)],
        },
      ],
    };
    hubspot.deals?.push(
      { id: '3002', properties: { dealname: 'Acme renewal 2025', pipeline: '7612345', dealstage: '1102' } },
      { id: '3003', properties: { dealname: 'Acme renewal 2026', pipeline: '7612345', dealstage: '1101' } },
    );
    hubspot.associations?.push(
      { fromType: 'contacts', fromId: '1001', toType: 'deals', toId: '3002' },
      { fromType: 'contacts', fromId: '1001', toType: 'deals', toId: '3003' },
    );
    scenario.steps = [{ open: 'msg-sarah-demo' }];
    const outcome = await run(scenario);
    const text = cardText(outcome.steps[0].card);
    expect(text).toContain('Acme Logistics - Fleet analytics · Appointment Scheduled');
    expect(text).toContain('Acme renewal 2026 · Renewal due');
    expect(text).not.toContain('Acme renewal 2025');
    expect(text).not.toContain('1101');
  });
});
