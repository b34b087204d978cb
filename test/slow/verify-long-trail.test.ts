// A slow sweep (npm run test:slow, run by CI): "Verify audit trail" on a 32,000-row trail checks what fits
// in a card's 30 s and continues on the next press; tampering is found in whichever press reaches it, and
// the owner's daily upkeep finishes a check a press left unfinished. Too slow for npm test's minute.
import { ScenarioRunner } from '../../tools/workbench/runner';
import type { StepResult } from '../../tools/workbench/runner';
import type { Scenario } from '../../tools/workbench/scenario';
import { EXECUTION_LIMIT_MS } from '../../tools/workbench/runtime';
import { VERIFY_LAST_KEY, VERIFY_PROGRESS_KEY } from '../../src/services/sheet-audit-log';
import { auditSheetOf, seedAuditTrail, seedCells } from '../workbench/audit-seed';
import { bundleCode, cardText, fixture } from '../workbench/run-fixture';
import { auditRows } from '../../tools/workbench/outcome';

jest.setTimeout(120_000);

/** More rows than one press can check (a press checks 12,000 to 30,000 in the workbench's model). */
const ROWS = 32_000;

async function withRunner(scenario: Scenario, body: (runner: ScenarioRunner) => void): Promise<void> {
  const runner = new ScenarioRunner(scenario, await bundleCode());
  try {
    body(runner);
  } finally {
    await runner.world.close();
  }
}

function longTrail(): Scenario {
  const scenario = fixture('default');
  scenario.steps = [];
  return scenario;
}

/** Presses Verify until the answer is no longer "so far" (at most `limit` presses). */
function pressUntilDone(runner: ScenarioRunner, limit = 10): StepResult[] {
  runner.step({ homepage: 'gmail' });
  const presses: StepResult[] = [];
  do {
    presses.push(runner.step({ press: 'Verify audit trail' }));
  } while (/intact so far/.test(cardText(presses[presses.length - 1].card)) && presses.length < limit);
  return presses;
}

function seed(runner: ScenarioRunner, scenario: Scenario): void {
  seedAuditTrail(
    runner.world,
    seedCells(ROWS, (i) => scenario.now - 30 * 86_400_000 + i * 60_000),
  );
}

describe('"Verify audit trail" on a long trail', () => {
  it(`checks ${ROWS.toLocaleString('en-US')} rows over several presses, each inside 30 s`, async () => {
    const scenario = longTrail();
    await withRunner(scenario, (runner) => {
      seed(runner, scenario);
      const presses = pressUntilDone(runner);
      for (const press of presses) {
        expect(press.error).toBeNull();
        expect(press.modelledMs).toBeLessThan(EXECUTION_LIMIT_MS.card);
      }
      expect(presses.length).toBeGreaterThan(1);
      const texts = presses.map((p) => cardText(p.card));
      expect(texts[0]).toMatch(
        /Audit trail: Checked rows 2–[\d,]+ of [\d,]+: intact so far — press Verify audit trail again to continue\./,
      );
      // Each press starts where the one before stopped.
      const ends = texts
        .slice(0, -1)
        .map((t) => Number(/Checked rows ([\d,]+)–([\d,]+)/.exec(t)?.[2].replace(/,/g, '')));
      const starts = texts
        .slice(1)
        .map((t) => Number(/Checked rows ([\d,]+)–/.exec(t)?.[1].replace(/,/g, '')));
      expect(starts).toEqual(ends.map((end) => end + 1));
      expect(texts[texts.length - 1]).toMatch(/intact — all [\d,]+ rows, none edited, inserted or removed/);
      expect(runner.world.properties.script.has(VERIFY_PROGRESS_KEY)).toBe(false);
    });
  });

  it.each([
    ['a middle press', 25_000],
    ['the last press', ROWS - 10],
  ])('finds a row edited where %s reaches it', async (_, row) => {
    const scenario = longTrail();
    await withRunner(scenario, (runner) => {
      seed(runner, scenario);
      const sheet = auditSheetOf(runner.world);
      // Data row n is sheet row n + 1, index n in cells (the header is index 0); column 9 is the summary.
      const cell = sheet.cells[row]?.[8];
      if (!cell) throw new Error('no such cell');
      cell.value = 'nothing to see here';
      const presses = pressUntilDone(runner);
      for (const press of presses) expect(press.modelledMs).toBeLessThan(EXECUTION_LIMIT_MS.card);
      const last = cardText(presses[presses.length - 1].card);
      expect(last).toContain(`Row ${row} was edited`);
      expect(last).toContain(`(sheet row ${row + 1})`);
      // The alert is queued like every event; the owner's trigger writes it to the sheet.
      runner.step({ poll: true });
      const alert = auditRows(runner.world).rows.find((r) => r[3] === 'security_alert');
      expect(alert?.[8]).toContain(`Row ${row} was edited`);
      // The presses before it found their rows intact and said so.
      expect(presses.length).toBeGreaterThan(1);
      for (const press of presses.slice(0, -1)) expect(cardText(press.card)).toMatch(/intact so far/);
      // The next press starts from the top again.
      expect(runner.world.properties.script.has(VERIFY_PROGRESS_KEY)).toBe(false);
    });
  });

  it('starts over when the trail was pruned since the last press', async () => {
    const scenario = longTrail();
    await withRunner(scenario, (runner) => {
      seed(runner, scenario);
      runner.step({ homepage: 'gmail' });
      const first = cardText(runner.step({ press: 'Verify audit trail' }).card);
      expect(first).toMatch(/intact so far/);
      runner.world.properties.script.set('audit.anchor', 'f'.repeat(64));
      const second = cardText(runner.step({ press: 'Verify audit trail' }).card);
      expect(second).toMatch(/Rows before row 1 were removed/);
    });
  });
});

describe("the owner's daily upkeep", () => {
  it('continues a check a press left unfinished, and alerts on a break', async () => {
    const scenario = longTrail();
    await withRunner(scenario, (runner) => {
      seed(runner, scenario);
      runner.step({ homepage: 'gmail' });
      expect(cardText(runner.step({ press: 'Verify audit trail' }).card)).toMatch(/intact so far/);
      const upkeep = runner.step({ trigger: 'dailyMaintenance' });
      expect(upkeep.error).toBeNull();
      const script = runner.world.properties.script;
      expect(script.has(VERIFY_PROGRESS_KEY)).toBe(false);
      const last = JSON.parse(script.get(VERIFY_LAST_KEY) || '{}');
      expect(last).toMatchObject({ intact: true });
      expect(last.message).toMatch(/^Checked rows [\d,]+–[\d,]+ of [\d,]+: intact — all/);

      const cell = auditSheetOf(runner.world).cells[5_000]?.[8];
      if (!cell) throw new Error('no such cell');
      cell.value = 'nothing to see here';
      runner.step({ trigger: 'dailyMaintenance' });
      const alert = auditRows(runner.world).rows.find((r) => r[3] === 'security_alert');
      expect(alert?.[8]).toContain('Row 5000 was edited');
    });
  });
});
