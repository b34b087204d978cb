// Issue "Ready for a real team", item 10: the audit sheet opens only for its owner, so only the owner's
// daily upkeep prunes it, refreshes its Dashboard and verifies it. The reps' upkeep releases their own
// calendar holds and leaves the sheet alone (no daily failure mailed to them), and a rep who presses
// "Verify audit trail" is told who can and why, without an error card or a failure row.
import { join } from 'node:path';
import { collectOutcome } from '../../tools/workbench/outcome';
import type { Outcome } from '../../tools/workbench/outcome';
import { ScenarioRunner } from '../../tools/workbench/runner';
import { loadScenario } from '../../tools/workbench/scenario';
import type { SheetState } from '../../tools/workbench/fakes/spreadsheet';
import { QUEUE_PREFIX } from '../../src/services/sheet-audit-log';
import { seedAuditTrail, seedCells } from './audit-seed';
import { bundleCode, cardText } from './run-fixture';

jest.setTimeout(60_000);

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'scenarios', 'team', 'sheet-owner-upkeep.json');
const OWNER = 'morgan.lee@northwind.example';
const REPS = ['alex.rivera@northwind.example', 'sam.okafor@northwind.example'];
const OLD_ROWS = 40;

describe('a team whose admin owns the audit sheet', () => {
  let outcome: Outcome;
  let dashboard: SheetState | undefined;
  let queued: Array<{ type: string; actor: string; summary: string }>;

  beforeAll(async () => {
    const scenario = loadScenario(FIXTURE);
    const runner = new ScenarioRunner(scenario, await bundleCode());
    try {
      // Rows from 40 days ago, past the 30-day retention, so the owner's upkeep has something to prune.
      seedAuditTrail(
        runner.world,
        seedCells(OLD_ROWS, (i) => scenario.now - 40 * 86_400_000 + i * 60_000),
      );
      runner.world.properties.script.set(
        'settings.shared',
        JSON.stringify({
          ...JSON.parse(runner.world.properties.script.get('settings.shared') || '{}'),
          retentionDays: 30,
        }),
      );
      const steps = runner.runAll();
      outcome = collectOutcome(runner.world, steps, scenario.name, scenario.now, null);
      const file = [...runner.world.spreadsheets.files.values()][0];
      dashboard = file.sheets.find((s) => s.name === 'Dashboard');
      queued = [...runner.world.properties.script.entries()]
        .filter(([key]) => key.startsWith(QUEUE_PREFIX))
        .flatMap(([, value]) => JSON.parse(value));
    } finally {
      await runner.world.close();
    }
  });

  const stepsOf = (email: string) => outcome.steps.filter((s) => s.user === email);

  it('runs every step without an error', () => {
    expect(outcome.steps.filter((s) => s.error).map((s) => `${s.label}: ${s.error}`)).toEqual([]);
  });

  it('never lets a rep touch the sheet: no SpreadsheetApp call from any rep execution', () => {
    for (const rep of REPS) {
      const calls = stepsOf(rep).flatMap((s) => s.roundTrips);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.filter((c) => c.service === 'SpreadsheetApp')).toEqual([]);
    }
  });

  it('records no failure for the reps, in the sheet or still queued', () => {
    const failures = [
      ...outcome.audit.rows.filter((r) => r[3] === 'internal_error').map((r) => r[8]),
      ...queued.filter((e) => e.type === 'internal_error').map((e) => e.summary),
    ];
    expect(failures).toEqual([]);
  });

  it("still releases a rep's own calendar hold in the rep's upkeep", () => {
    const released = outcome.audit.rows.filter((r) => r[3] === 'slot_held' && /Released/.test(r[8]));
    expect(released).toHaveLength(1);
    expect(outcome.calendarHolds).toEqual([]);
  });

  it('tells a rep who presses Verify who can verify, why, and the last finished check', () => {
    for (const rep of REPS) {
      const press = stepsOf(rep).find((s) => s.label?.includes('Verify audit trail'));
      const text = cardText(press?.card);
      expect(text).toContain(`Only the owner of the audit sheet, ${OWNER}, can verify the audit trail`);
      expect(text).toMatch(/Google Sheets opens it only for its owner and the people it is shared with/);
      expect(text).toMatch(/The last check that finished \(.+\): Intact: \d+ rows/);
      expect(text).not.toMatch(/Something unexpected|reference/);
    }
    expect(String(outcome.steps.find((s) => s.functionName === 'dailyMaintenance')?.error)).toBe('null');
  });

  it("prunes, refreshes the Dashboard and verifies in the owner's upkeep", () => {
    const pruned = outcome.audit.rows.filter((r) => r[3] === 'retention_pruned');
    expect(pruned).toHaveLength(1);
    expect(pruned[0][8]).toMatch(new RegExp(`Removed ${OLD_ROWS} audit row`));
    expect(outcome.audit.rows.some((r) => r[2].startsWith('seed-'))).toBe(false);
    // Day 2's refresh, after the owner's trigger wrote the reps' queued events.
    const updated = String(dashboard?.cells[0]?.[1]?.value);
    expect(updated).toMatch(/^Updated /);
    expect(Date.parse(updated.split(' ')[1])).toBeGreaterThanOrEqual(
      Date.parse(outcome.simulatedStart) + 49 * 3_600_000,
    );
    const ownerPress = stepsOf(OWNER).find((s) => s.label?.includes('Verify audit trail'));
    expect(cardText(ownerPress?.card)).toMatch(/Audit trail: Intact: \d+ rows/);
    expect(queued).toEqual([]);
  });
});
