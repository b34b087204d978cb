// Apps Script may withhold the active user's email in a time-driven trigger (the Session fake gives a
// blank one there), so the add-on must know its user by the effective user: the trigger's owner.
import { fixture, run } from './run-fixture';

jest.setTimeout(60_000);

test('a poll run knows its user although the active user is blank: it writes the audit sheet it owns and signs as the user', async () => {
  const scenario = fixture('default');
  scenario.settings.user = { takeUnassignedLeads: true }; // no sender name: the draft falls back to the email
  scenario.settings.createAuditSheet = true;
  scenario.steps = [{ poll: true }];
  const outcome = await run(scenario);
  expect(outcome.steps[0].error).toBeNull();
  expect(outcome.drafts.length).toBeGreaterThan(0);
  // Only the sheet's owner writes the audit sheet; anyone else queues. The poll's rows are in the sheet.
  const types = outcome.audit.rows.map((row) => row[3]);
  expect(types).toContain('draft_created');
  // Without a sender name the draft is signed with the user's email.
  for (const draft of outcome.drafts) expect(draft.textBody).toContain('alex.rivera@northwind.example');
});
