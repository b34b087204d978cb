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
      /^Connected to HubSpot\. 2 owners visible\. 3 forms found; .* The token's scopes could not be listed/,
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
    // The amount in the deal's own currency (deal_currency_code, read through the sandbox).
    expect(text).toContain('Acme Logistics - Fleet analytics · £48,000');
    expect(text).toContain('Appointment Scheduled');
    expect(text).toContain('Acme renewal 2026');
    expect(text).toContain('Renewal due');
    expect(text).not.toContain('Acme renewal 2025');
    expect(text).not.toContain('1101');
  });
});

describe('a contact known by a secondary email', () => {
  function withSecondaryEmail(address: string) {
    const scenario = fixture('default');
    const marcus = scenario.hubspot.contacts?.find((c) => c.id === '1002');
    if (!marcus) throw new Error('the default fixture has no contact 1002');
    marcus.properties.hs_additional_emails = `marcus@old-brightpath.example;${address}`;
    return scenario;
  }

  it('shows the contact in the sidebar instead of offering to create one', async () => {
    const scenario = withSecondaryEmail('jordan.lee@newco.example');
    scenario.steps = [{ open: 'msg-jordan' }];
    const outcome = await run(scenario);
    const text = cardText(outcome.steps[0].card);
    expect(text).toContain('Marcus Johnson');
    expect(text).not.toMatch(/Create contact/i);
  });

  it('the poller attaches its task and note to that contact, the prospect text escaped', async () => {
    const scenario = withSecondaryEmail('m.johnson@brightpath-clinics.example');
    const submission = Object.values(scenario.hubspot.forms ?? {})[0][0];
    submission.values = submission.values.map((v) =>
      v.name === 'email'
        ? { ...v, value: 'm.johnson@brightpath-clinics.example' }
        : v.name === 'message'
          ? { ...v, value: 'Demo please.\nSee <a href="https://evil.example">our site</a> <img src=x>' }
          : v,
    );
    scenario.steps = [{ poll: true }];
    const outcome = await run(scenario);
    const creates = (path: string) =>
      outcome.hubspotWrites
        .filter((w) => w.path.endsWith(path))
        .flatMap((w) => (w.body as { inputs: { associations: { to: { id: string } }[] }[] }).inputs);
    expect(creates('/tasks/batch/create').map((i) => i.associations[0].to.id)).toContain('1002');
    expect(creates('/notes/batch/create').map((i) => i.associations[0].to.id)).toContain('1002');
    const note = (outcome.hubspotRecords.notes as { properties: Record<string, string> }[]).find((n) =>
      n.properties.hs_note_body.includes('Demo please.'),
    );
    expect(note?.properties.hs_note_body).toContain(
      'Demo please.<br>See &lt;a href=&quot;https://evil.example&quot;&gt;our site&lt;/a&gt; &lt;img src=x&gt;',
    );
    expect(note?.properties.hs_note_body).not.toContain('<a ');
  });
});
