// Settings through the real bundle: test the HubSpot connection, refuse invalid values with a message that
// says what to fix, and install the poll trigger within Google's limits.
import { triggerMinute } from '../../src/core/trigger-minute';
import type { Json } from '../cards/card-json';
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
      'Connected to HubSpot account 4815162. Every scope Prospector needs is granted. 2 owners visible. ' +
        '3 forms found; choose the ones to watch in Settings.',
    );
    expect(auditTypes(outcome)).toContain('auth_success');
  });

  it('"Test connection" lists HubSpot’s forms as checkboxes; ticking one watches it, typed GUIDs still count', async () => {
    const scenario = fixture('default');
    const watched = 'a1b2c3d4-0000-4000-8000-000000000001';
    const sales = 'a1b2c3d4-0000-4000-8000-000000000002';
    const typed = 'b0b0b0b0-0000-4000-8000-00000000000f';
    scenario.steps = [
      { universal: 'Settings' },
      { press: 'Test connection' },
      {
        press: 'Save',
        choose: { formChoices: [watched, sales] },
        inputs: { forms: `${typed} | Partner form` },
      },
      { universal: 'Settings' },
    ];
    const outcome = await run(scenario);
    const choices = (card: unknown) =>
      ((card as Json).sections as Json[])
        .flatMap((s) => s.widgets as Json[])
        .filter((w) => w.selectionInput && w.selectionInput.name === 'formChoices')
        .flatMap((w) => w.selectionInput.items as Json[])
        .map((i) => `${i.selected ? '[x]' : '[ ]'} ${i.text}`);
    // Before the test the forms are typed lines; after it, HubSpot's three forms, the watched one ticked.
    expect(choices(outcome.steps[0].card)).toEqual([]);
    expect(choices(outcome.steps[1].card)).toEqual([
      '[x] Book a demo',
      '[ ] Contact sales',
      '[ ] Newsletter sign-up',
    ]);
    expect(outcome.steps[2].error).toBeNull();
    expect(choices(outcome.steps[3].card)).toEqual([
      '[x] Book a demo',
      '[x] Contact sales',
      '[ ] Newsletter sign-up',
    ]);
    expect(cardText(outcome.steps[3].card)).toContain(`${typed} | Partner form`);
    // A card's events wait in the team's queue until the sheet owner's trigger writes them.
    const change = outcome.auditQueued
      .filter((e) => e.type === 'config_change')
      .map((e) => JSON.stringify(e.details));
    expect(change.join('\n')).toContain('forms');
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
    // Rows and buttons name the person (recorded with the draft), not their address.
    const discard = 'Discard draft to Marcus Johnson';
    // The first press asks; the confirmation's button, named the same, discards.
    scenario.steps = [{ poll: true }, { homepage: 'gmail' }, { press: discard }, { press: discard }];
    const outcome = await run(scenario);
    const before = cardText(outcome.steps[1].card);
    expect(before).toContain('Marcus Johnson');
    expect(before).toContain('Priya Patel');
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
    expect(cardText(outcome.steps[1].card)).toContain('Checked for new leads: 2 drafts prepared, 1 rejected');
  });

  it('"Verify audit trail" says the trail is intact', async () => {
    const scenario = fixture('default');
    scenario.steps = [{ homepage: 'gmail' }, { press: 'Verify audit trail' }];
    const outcome = await run(scenario);
    expect(cardText(outcome.steps[1].card)).toMatch(/Audit trail: Intact: \d+ rows/);
  });
});
