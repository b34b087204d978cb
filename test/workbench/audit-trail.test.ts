// The audit trail as a reviewer meets it in the workbench: complete, text only, tamper-evident after
// edits, inserts, deletions and pruning, and summarised on the Dashboard tab.
import { buildDashboard } from '../../src/core/dashboard';
import { auditRows } from '../../tools/workbench/outcome';
import { ScenarioRunner } from '../../tools/workbench/runner';
import type { Scenario } from '../../tools/workbench/scenario';
import type { SheetState } from '../../tools/workbench/fakes/spreadsheet';
import { formulaCells, sheetToCsv } from '../../tools/workbench/fakes/spreadsheet';
import { bundleCode, fixture } from './run-fixture';

jest.setTimeout(60_000);

const FORM = 'a1b2c3d4-0000-4000-8000-000000000001';

function hostileWorld(): Scenario {
  const scenario = fixture('default');
  scenario.hubspot.forms = {
    [FORM]: [
      {
        conversionId: 'hostile-1',
        submittedAt: scenario.now - 600_000,
        values: [
          { name: 'email', value: 'marcus.johnson@brightpath.example' },
          { name: 'firstname', value: '=HYPERLINK("http://evil.example","click")' },
          { name: 'lastname', value: '+1-555' },
          { name: 'company', value: '@SUM(A1)' },
        ],
      },
    ],
  };
  scenario.steps = [{ poll: true }, { advance: '1h' }, { person: 'sends latest draft' }, { poll: true }];
  return scenario;
}

async function withRunner(scenario: Scenario, body: (runner: ScenarioRunner) => void): Promise<void> {
  const runner = new ScenarioRunner(scenario, await bundleCode());
  try {
    body(runner);
  } finally {
    await runner.world.close();
  }
}

function auditSheet(runner: ScenarioRunner): SheetState {
  for (const file of runner.world.spreadsheets.files.values()) {
    const sheet = file.sheets.find((s) => s.name === 'Audit');
    if (sheet) return sheet;
  }
  throw new Error('no audit sheet');
}

function verify(runner: ScenarioRunner): string {
  return String(runner.world.run('verifyAuditTrail', 'trigger'));
}

describe('audit trail', () => {
  it('stores hostile text as text, never as a formula', async () => {
    await withRunner(hostileWorld(), (runner) => {
      runner.runAll();
      const rows = auditRows(runner.world).rows;
      const intake = rows.find((r) => r[3] === 'prospect_intake');
      expect(intake?.[8]).toContain('=HYPERLINK("http://evil.example","click") +1-555');
      expect(intake?.[8]).toContain('(@SUM(A1))');
      expect(formulaCells(runner.world.spreadsheets)).toEqual([]);
    });
  });

  it('keeps hostile values inert in a CSV download too, and the chain still verifies', async () => {
    // Values that begin a cell: HubSpot returns the conversion id as given, and it becomes the row's
    // resource id. A spreadsheet program opening the CSV runs any field starting with = + - @ tab or CR.
    const scenario = hostileWorld();
    const hostileIds = ['=HYPERLINK("http://evil.example","x")', '-2+3', '@SUM(A1)', '+1-555', '\uFF1D1+1'];
    scenario.hubspot.forms![FORM].push(
      ...hostileIds.map((conversionId, i) => ({
        conversionId,
        submittedAt: scenario.now - 500_000 + i * 1000,
        values: [{ name: 'email', value: `not-an-address-${i}` }],
      })),
    );
    await withRunner(scenario, (runner) => {
      runner.runAll();
      const exported = sheetToCsv(auditSheet(runner));
      const fields = exported
        .split('\r\n')
        .flatMap((line) => line.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g) || [])
        .map((field) => field.replace(/,$/, '').replace(/^"|"$/g, ''));
      expect(fields.filter((f) => /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(f))).toEqual([]);
      const values = auditRows(runner.world).rows;
      for (const id of hostileIds) {
        // Each rejected submission is a row that names it, quoted, exactly as stored.
        expect(values.some((row) => row[6] === `'${id}`)).toBe(true);
      }
      expect(values.flat().filter((v) => /^[=+\-@\t\r]/.test(v))).toEqual([]);
      expect(verify(runner)).toMatch(/^Intact: \d+ rows/);
    });
  });

  it("writes local times in the team's zone (the spreadsheet's), not the script's UTC", async () => {
    await withRunner(hostileWorld(), (runner) => {
      runner.step({ poll: true });
      // Created by the admin in New York: the sheet's zone is theirs.
      const first = auditRows(runner.world).rows;
      expect(first.length).toBeGreaterThan(0);
      for (const row of first) expect(row[1]).toMatch(/ (EDT|EST)$/);
      // An admin moves the team to Berlin in File > Settings: rows written from then on follow.
      const file = [...runner.world.spreadsheets.files.values()].find((f) =>
        f.sheets.some((sh) => sh.name === 'Audit'),
      )!;
      file.timeZone = 'Europe/Berlin';
      runner.step({ advance: '1h' });
      runner.step({ person: 'sends latest draft' });
      runner.step({ poll: true });
      const later = auditRows(runner.world).rows.slice(first.length);
      expect(later.length).toBeGreaterThan(0);
      for (const row of later) expect(row[1]).toMatch(/ (CET|GMT\+1)$/);
      expect(verify(runner)).toMatch(/^Intact/);
    });
  });

  it('has a frozen header, a filter and a protection on the Audit tab', async () => {
    await withRunner(hostileWorld(), (runner) => {
      const sheet = auditSheet(runner);
      expect(sheet.frozenRows).toBe(1);
      expect(sheet.filter).not.toBeNull();
      expect(sheet.protections.length).toBe(1);
    });
  });

  it('reports intact, then the first edited, inserted or removed row', async () => {
    await withRunner(hostileWorld(), (runner) => {
      runner.runAll();
      expect(verify(runner)).toMatch(/^Intact: \d+ rows/);
      const sheet = auditSheet(runner);
      const rows = sheet.cells;
      const count = auditRows(runner.world).rows.length;
      expect(count).toBeGreaterThan(6);

      // Edit row 4's summary (sheet row 5).
      const original = rows[4]?.[8]?.value;
      (rows[4] as NonNullable<(typeof rows)[number]>)[8] = { value: 'nothing to see here' };
      expect(verify(runner)).toMatch(/Row 4 was edited.*sheet row 5/);
      (rows[4] as NonNullable<(typeof rows)[number]>)[8] = { value: original as string };
      expect(verify(runner)).toMatch(/^Intact/);

      // Insert a copy of row 2 after row 5.
      const copy = (rows[2] as NonNullable<(typeof rows)[number]>).map((c) => (c ? { ...c } : c));
      rows.splice(6, 0, copy);
      expect(verify(runner)).toMatch(/Row 6 was inserted/);
      rows.splice(6, 1);

      // Delete row 3.
      const [removed] = rows.splice(3, 1);
      expect(verify(runner)).toMatch(/Rows before row 3 were removed/);
      rows.splice(3, 0, removed);

      // Delete the last row.
      const last = rows.splice(count, 1);
      expect(verify(runner)).toMatch(/removed/);
      rows.splice(count, 0, ...last);
      expect(verify(runner)).toMatch(/^Intact/);
    });
  });

  it('prunes rows past retention, re-anchors, and stays verifiable', async () => {
    const scenario = hostileWorld();
    scenario.settings.shared = { ...scenario.settings.shared, retentionDays: 30 };
    await withRunner(scenario, (runner) => {
      runner.runAll();
      const before = auditRows(runner.world).rows.length;
      runner.step({ advance: '40d' });
      runner.step({ trigger: 'dailyMaintenance' });
      const after = auditRows(runner.world).rows;
      const pruned = after.find((r) => r[3] === 'retention_pruned');
      expect(pruned?.[8]).toMatch(/Removed \d+ audit row/);
      expect(after.length).toBeLessThan(before);
      expect(verify(runner)).toMatch(/^Intact/);
    });
  });

  it('builds a Dashboard tab whose figures agree with the audit rows', async () => {
    await withRunner(hostileWorld(), (runner) => {
      runner.runAll();
      runner.step({ trigger: 'dailyMaintenance' });
      const rows = auditRows(runner.world).rows;
      const expected = buildDashboard(rows);
      expect(expected.outcomes.sent).toBe(1);
      expect(expected.medianTurnaroundMinutes).toBe(60);
      const file = [...runner.world.spreadsheets.files.values()][0];
      const dashboard = file.sheets.find((s) => s.name === 'Dashboard') as SheetState;
      const cell = (r: number, c: number) => dashboard.cells[r]?.[c]?.value;
      expect(cell(3, 1)).toBe(expected.outcomes.sent);
      expect(cell(7, 1)).toBe(expected.outcomes.prepared);
      expect(cell(8, 1)).toBe(60);
      expect(dashboard.charts.map((c) => c.type).sort()).toEqual(['BAR', 'COLUMN', 'LINE', 'PIE']);
      const drafted = rows.filter((r) => r[3] === 'draft_created').length;
      expect(cell(1, 4)).toBe(drafted);
    });
  });
});

describe('several users, one audit sheet', () => {
  const colleague = 'sam.okafor@northwind.example';

  function saveSettingsEvent(portalId: string) {
    return {
      commonEventObject: {
        hostApp: 'GMAIL',
        timeZone: { id: 'America/New_York' },
        parameters: {},
        formInputs: { portalId: { stringInputs: { value: [portalId] } } },
      },
    };
  }

  it('refuses a non-admin changing shared settings, audits it, and the owner writes the queued row', async () => {
    const team = hostileWorld();
    team.users = [team.user, { email: colleague, name: 'Sam Okafor', timeZone: 'America/Chicago' }];
    await withRunner(team, (runner) => {
      const before = auditRows(runner.world).rows.length;
      const response = runner.world.run('onSaveSettings', 'card', [saveSettingsEvent('999')], colleague) as {
        json: { renderActions: { action: { navigations: Array<{ updateCard: unknown }> } } };
      };
      expect(JSON.stringify(response.json)).toMatch(/Only the admins/);
      expect(runner.world.properties.script.get('settings.shared')).not.toContain('999');
      // The colleague cannot write the protected tab: the row waits in the script's queue...
      expect(auditRows(runner.world).rows.length).toBe(before);
      expect([...runner.world.properties.script.keys()].some((k) => k.startsWith('auditq:'))).toBe(true);
      // ...until the owner's next execution writes it, in the chain.
      runner.step({ poll: true });
      const rows = auditRows(runner.world).rows;
      const alert = rows.find((r) => r[3] === 'security_alert');
      expect(alert?.[4]).toBe(colleague);
      expect(alert?.[8]).toMatch(/not an admin/);
      // Drained: every queue key emptied (the daily upkeep deletes emptied keys).
      expect(
        [...runner.world.properties.script.entries()].some(([k, v]) => k.startsWith('auditq:') && v),
      ).toBe(false);
      expect(verify(runner)).toMatch(/^Intact/);
    });
  });

  it('records a config change by the admin with old and new values, and the token only as changed', async () => {
    await withRunner(hostileWorld(), (runner) => {
      const e = saveSettingsEvent('4815163');
      (e.commonEventObject.formInputs as Record<string, unknown>).hubspotToken = {
        stringInputs: { value: ['pat-na1-99999999-8888-7777-6666-555555555555'] },
      };
      runner.world.run('onSaveSettings', 'card', [e]);
      // The save queues its events; the owner's (the admin's) trigger writes them to the sheet.
      runner.step({ poll: true });
      const change = auditRows(runner.world).rows.find(
        (r) => r[3] === 'config_change' && r[9].includes('portalId'),
      );
      expect(change?.[9]).toContain('"old":"4815162"');
      expect(change?.[9]).toContain('"new":"4815163"');
      expect(change?.[9]).toContain('"field":"hubspotToken"');
      expect(change?.[9]).toContain('"new":"changed"');
      const everything = JSON.stringify(auditRows(runner.world));
      expect(everything).not.toContain('pat-na1-99999999');
      expect(everything).not.toContain('pat-na1-11111111');
    });
  });
});
