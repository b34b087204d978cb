// Settings through the real bundle: test the HubSpot connection, refuse invalid values with a message that
// says what to fix, and install the poll trigger within Google's limits.
import { triggerMinute } from '../../src/core/trigger-minute';
import { auditTypes, cardText, fixture, run } from './run-fixture';

jest.setTimeout(60_000);

describe('settings', () => {
  it('"Test connection" names the HubSpot account and the scopes, and audits it', async () => {
    const scenario = fixture('default');
    scenario.steps = [{ universal: 'Settings' }, { press: 'Test connection' }];
    const outcome = await run(scenario);
    expect(cardText(outcome.steps[0].card)).toContain('pat-na1-…5555');
    expect(cardText(outcome.steps[0].card)).not.toContain('pat-na1-11111111');
    expect(outcome.steps[1].notification).toBe(
      'Connected to HubSpot account 4815162. Every scope Prospector needs is granted. 2 owner(s) visible.',
    );
    expect(auditTypes(outcome)).toContain('auth_success');
  });

  it('"Test connection" names a missing scope', async () => {
    const scenario = fixture('default');
    const token = scenario.settings.hubspotToken as string;
    scenario.hubspot.tokens = {
      [token]: { portalId: 4815162, scopes: ['crm.objects.contacts.read', 'forms'] },
    };
    scenario.steps = [{ universal: 'Settings' }, { press: 'Test connection' }];
    const outcome = await run(scenario);
    expect(outcome.steps[1].notification).toMatch(/Missing scopes: crm\.objects\.contacts\.write/);
    expect(auditTypes(outcome)).toContain('auth_failure');
  });

  it('refuses an interval an installed add-on cannot have, says why, and saves nothing', async () => {
    const scenario = fixture('default');
    scenario.steps = [{ universal: 'Settings' }, { press: 'Save', inputs: { pollerIntervalMinutes: '15' } }];
    const outcome = await run(scenario);
    const text = cardText(outcome.steps[1].card);
    expect(text).toContain('Nothing was saved');
    expect(text).toMatch(/60 minutes or more|at most hourly|hourly/);
    // The only config change is the setup's audit sheet, not the refused interval.
    const changes = outcome.audit.rows.filter((r) => r[3] === 'config_change');
    expect(changes.map((r) => r[9]).join('\n')).not.toContain('pollerIntervalMinutes');
  });

  it('gives each user ONE trigger, at the interval the admin saved, and never a second', async () => {
    const scenario = fixture('default');
    scenario.settings.shared = { ...scenario.settings.shared, pollerEnabled: false };
    scenario.steps = [
      { universal: 'Settings' },
      { press: 'Save', inputs: { pollerEnabled: 'on', pollerIntervalMinutes: '120' } },
      { homepage: 'gmail' },
      { homepage: 'gmail' },
    ];
    const outcome = await run(scenario);
    expect(outcome.steps[1].error).toBeNull();
    const polls = outcome.triggers.filter((t) => t.handler === 'pollSubmissions');
    expect(polls).toHaveLength(1);
    expect(polls[0].schedule).toEqual({ kind: 'hours', every: 2, nearMinute: triggerMinute(polls[0].user) });
    expect(outcome.triggers).toHaveLength(1);
    expect(auditTypes(outcome)).toContain('config_change');
  });
});

describe('homepage', () => {
  it('discards the chosen draft (the second Discard), audits it, and lists the rest', async () => {
    const scenario = fixture('default');
    const discard = 'Discard draft to marcus.johnson@brightpath.example';
    // The first press asks; the confirmation's button, named the same, discards.
    scenario.steps = [{ poll: true }, { homepage: 'gmail' }, { press: discard }, { press: discard }];
    const outcome = await run(scenario);
    const before = cardText(outcome.steps[1].card);
    expect(before).toContain('marcus.johnson@brightpath.example');
    expect(before).toContain('priya.patel@lumenretail.example');
    expect(outcome.steps[2].error).toBeNull();
    expect(outcome.steps[3].error).toBeNull();
    expect(outcome.drafts).toHaveLength(1);
    const after = cardText(outcome.steps[3].card);
    expect(after).toContain('Draft discarded. Nothing was sent.');
    expect(auditTypes(outcome)).toEqual(expect.arrayContaining(['draft_discarded', 'approval_denied']));
  });

  it('"Check for new leads now" runs the poller and shows what it found', async () => {
    const scenario = fixture('default');
    scenario.steps = [{ homepage: 'gmail' }, { press: 'Check for new leads now' }];
    const outcome = await run(scenario);
    expect(cardText(outcome.steps[1].card)).toContain(
      'Checked for new leads: 2 draft(s) prepared, 1 rejected',
    );
  });

  it('"Verify audit trail" says the trail is intact', async () => {
    const scenario = fixture('default');
    scenario.steps = [{ homepage: 'gmail' }, { press: 'Verify audit trail' }];
    const outcome = await run(scenario);
    expect(cardText(outcome.steps[1].card)).toMatch(/Audit trail: Intact: \d+ rows/);
  });
});
