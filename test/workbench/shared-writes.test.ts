// Issue "Ready for a real team", items 2 and 3, and issue 15's audit path: the audit queue is written
// without a lock under keys no other execution writes, and the sheet's owner drains it (in its trigger) by
// emptying exactly the keys it wrote; settings are saved by a three-way merge. So a colleague's save or
// queued events made in the middle of the owner's save or drain are never undone or lost. (Every call index is swept by `npm run reliability`, group
// "concurrency"; these are the interleavings that lost writes before the fix.)
import { join } from 'node:path';
import { auditRows } from '../../tools/workbench/outcome';
import { ScenarioRunner } from '../../tools/workbench/runner';
import { loadScenario } from '../../tools/workbench/scenario';
import type { Step } from '../../tools/workbench/scenario';
import { bundleCode } from './run-fixture';

const TEAM = join(__dirname, '..', '..', 'fixtures', 'scenarios', 'team', 'three-people.json');
const ALEX = 'alex.rivera@northwind.example';
const SAM = 'sam.okafor@northwind.example';
const MORGAN = 'morgan.lee@northwind.example';

/** The owner (Alex) saves a setting of his own. */
const ownerSaves: Step = { saveSettings: { user: { senderName: 'Alex R.' } }, as: ALEX };
/** The owner's trigger: a poll run, then the drain of the team's audit queue to the sheet. */
const ownerDrains: Step = { poll: true, as: ALEX };

async function interleave(
  inner: Step,
  afterCall: number,
  check: (runner: ScenarioRunner) => void,
  outer: Step = ownerSaves,
) {
  const runner = new ScenarioRunner(loadScenario(TEAM), await bundleCode());
  try {
    runner.step({ ...inner, during: outer, afterCall } as Step);
    expect(runner.results.map((r) => r.error)).toEqual([null, null]);
    check(runner);
  } finally {
    await runner.world.close();
  }
}

test.each([1, 2])("an admin's save after call %i of the owner's own save is not undone", async (k) => {
  await interleave({ saveSettings: { shared: { domainDailyLimit: 5 } }, as: MORGAN }, k, (runner) => {
    const shared = JSON.parse(runner.world.properties.script.get('settings.shared') as string);
    expect(shared.domainDailyLimit).toBe(5);
  });
});

/** The call indices of the owner's trigger from its drain on (the script lock, then the sheet). */
async function drainCalls(): Promise<number[]> {
  const runner = new ScenarioRunner(loadScenario(TEAM), await bundleCode());
  try {
    const calls = runner.step(ownerDrains).roundTrips;
    const sheet = calls.findIndex((c) => c.service === 'SpreadsheetApp');
    expect(sheet).toBeGreaterThan(0);
    return calls.map((_, i) => i).filter((i) => i >= sheet - 1);
  } finally {
    await runner.world.close();
  }
}

test("a rep's audit events queued at each call of the owner's drain are written or still queued", async () => {
  const calls = await drainCalls();
  expect(calls.length).toBeGreaterThan(4);
  for (const k of calls) {
    await interleave(
      { saveSettings: { user: { senderName: 'Sam O.' } }, as: SAM },
      k,
      (runner) => {
        const queued = [...runner.world.properties.script.entries()]
          .filter(([key]) => key.startsWith('auditq:'))
          .map(([, value]) => value);
        const everywhere = auditRows(runner.world)
          .rows.map((row) => row.join(' '))
          .concat(queued);
        expect(
          everywhere.filter((s) => s.includes('Personal settings changed') && s.includes(SAM)),
        ).toHaveLength(1);
        // A colleague's card callback records its events without waiting for the script lock.
        const samCalls = runner.results.filter((r) => r.user === SAM).flatMap((r) => r.roundTrips);
        expect(samCalls.filter((c) => c.service === 'LockService')).toEqual([]);
      },
      ownerDrains,
    );
  }
});
