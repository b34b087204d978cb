// Message templates live in the audit spreadsheet's Templates tab: an admin edits them there and loads
// them from Settings; a broken row is named and nothing changes.
import { ScenarioRunner } from '../../tools/workbench/runner';
import type { SheetState } from '../../tools/workbench/fakes/spreadsheet';
import { auditRows } from '../../tools/workbench/outcome';
import { bundleCode, cardText, fixture } from './run-fixture';

jest.setTimeout(60_000);

function templatesTab(runner: ScenarioRunner): SheetState {
  const file = [...runner.world.spreadsheets.files.values()][0];
  return file.sheets.find((s) => s.name === 'Templates') as SheetState;
}

function addRow(sheet: SheetState, cells: string[]): void {
  sheet.cells.push(cells.map((value) => ({ value })));
}

async function withRunner(body: (runner: ScenarioRunner) => Promise<void> | void): Promise<void> {
  const runner = new ScenarioRunner(fixture('default'), await bundleCode());
  try {
    await body(runner);
  } finally {
    await runner.world.close();
  }
}

describe('templates', () => {
  it('the Templates tab starts with the three defaults under a header', async () => {
    await withRunner((runner) => {
      const rows = templatesTab(runner).cells.map((row) => (row || []).map((c) => String(c?.value ?? '')));
      expect(rows[0]).toEqual(['Id', 'Name', 'Subject', 'Body']);
      expect(rows.slice(1).map((r) => r[0])).toEqual([
        'form-lead-first-reply',
        'known-contact-follow-up',
        'times-that-work',
      ]);
    });
  });

  it('loads an edited template and offers it in the sidebar and the draft', async () => {
    await withRunner((runner) => {
      addRow(templatesTab(runner), [
        'demo-invite',
        'Demo invitation',
        'A demo for {{company}}',
        'Hello {{firstName}},\n\nWould one of these suit you for a demo?\n\n{{slots}}\n\n{{senderName}}',
      ]);
      runner.step({ universal: 'Settings' });
      const loaded = runner.step({ press: 'Load templates from the sheet' });
      expect(cardText(loaded.card)).toContain('Loaded 4 templates from the sheet.');
      const open = runner.step({ open: 'msg-jordan' });
      expect(cardText(open.card)).toContain('Demo invitation');
      const draft = runner.step({
        press: 'Create reply draft',
        choose: { slots: 1, template: ['demo-invite'] },
      });
      expect(draft.openedDraft).not.toBeNull();
      const message = runner.world.mailbox.threads
        .flatMap((t) => t.messages)
        .find((m) => m.isDraft && m.plainBody.includes('Would one of these suit you for a demo?'));
      expect(message?.plainBody).toMatch(/^Hello Jordan,/);
      // The admin's save was queued; the sheet owner's (the admin's) trigger writes it to the sheet.
      runner.step({ poll: true });
      const change = auditRows(runner.world).rows.find(
        (r) => r[3] === 'config_change' && r[6] === 'templates',
      );
      expect(change?.[8]).toContain('Demo invitation');
    });
  });

  it('names a broken row and keeps the templates in use', async () => {
    await withRunner((runner) => {
      addRow(templatesTab(runner), ['broken', 'Broken', 'Hi', 'Hello {{nickname}}']);
      runner.step({ universal: 'Settings' });
      const refused = runner.step({ press: 'Load templates from the sheet' });
      expect(cardText(refused.card)).toMatch(
        /Templates not loaded: Row 5 \(broken\): Unknown placeholder \{\{nickname\}\}/,
      );
      const open = runner.step({ open: 'msg-jordan' });
      expect(cardText(open.card)).toContain('First reply to a form lead');
      expect(cardText(open.card)).not.toContain('Broken');
    });
  });
});
