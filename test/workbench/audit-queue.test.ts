// Issue 15's audit path: every execution appends its events to the team's queue (one setProperties, no
// lock); the sheet's owner (Alex, who created it) drains the queue in his trigger, in event-time order, and
// in one of his clicks only when the queue went stale (his trigger missing or failing); when the queue has
// no room, a rep's events wait in their own outbox, shown on their homepage, and reach the sheet later.
import { join } from 'node:path';
import { auditRows, queuedAuditEvents } from '../../tools/workbench/outcome';
import { ScenarioRunner } from '../../tools/workbench/runner';
import { loadScenario } from '../../tools/workbench/scenario';
import { bundleCode, cardText } from './run-fixture';

jest.setTimeout(60_000);

const TEAM = join(__dirname, '..', '..', 'fixtures', 'scenarios', 'team', 'three-people.json');
const ALEX = 'alex.rivera@northwind.example';
const SAM = 'sam.okafor@northwind.example';
const MORGAN = 'morgan.lee@northwind.example';

async function withTeam(body: (runner: ScenarioRunner) => void): Promise<void> {
  const runner = new ScenarioRunner(loadScenario(TEAM), await bundleCode());
  try {
    body(runner);
  } finally {
    await runner.world.close();
  }
}

const saves = (who: string, name: string) => ({ saveSettings: { user: { senderName: name } }, as: who });
const settingsRows = (runner: ScenarioRunner) =>
  auditRows(runner.world).rows.filter((r) => r[8].includes('Personal settings changed'));
const queuedHolding = (runner: ScenarioRunner) =>
  [...runner.world.properties.script.entries()].filter(([k, v]) => k.startsWith('auditq:') && v);

test("the owner's trigger drains colleagues' and his own events, in event-time order, and the chain verifies", async () => {
  await withTeam((runner) => {
    runner.step(saves(SAM, 'Sam O.'));
    runner.step({ advance: '1m' });
    runner.step(saves(ALEX, 'Alex R.'));
    runner.step({ advance: '1m' });
    runner.step(saves(MORGAN, 'Morgan L.'));
    // Nothing reached the sheet yet: three clicks, three appends, no sheet call.
    expect(settingsRows(runner)).toEqual([]);
    expect(queuedAuditEvents(runner.world).map((e) => e.actor)).toEqual(
      expect.arrayContaining([SAM, ALEX, MORGAN]),
    );
    const drain = runner.step({ poll: true, as: ALEX });
    expect(drain.error).toBeNull();
    expect(settingsRows(runner).map((r) => r[4])).toEqual([SAM, ALEX, MORGAN]);
    const times = auditRows(runner.world).rows.map((r) => Date.parse(r[0]));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(queuedHolding(runner)).toEqual([]);
    expect(String(runner.world.run('verifyAuditTrail', 'trigger'))).toMatch(/^Intact/);
  });
});

test("a rep's poll run names the rep as its actor, so the team's one sheet tells whose run it was", async () => {
  await withTeam((runner) => {
    expect(runner.step({ poll: true, as: SAM }).error).toBeNull();
    const actors = new Set(queuedAuditEvents(runner.world).map((e) => e.actor));
    expect(actors).toContain(`poller (${SAM})`);
    expect(actors).not.toContain('poller');
  });
});

test("a stale queue (the owner's trigger not draining) makes the owner's click drain it; a fresh one does not", async () => {
  await withTeam((runner) => {
    runner.step(saves(SAM, 'Sam O.'));
    const fresh = runner.step({ homepage: 'gmail', as: ALEX });
    expect(fresh.roundTrips.map((c) => c.service)).not.toContain('SpreadsheetApp');
    expect(settingsRows(runner)).toEqual([]);
    // Longer than one poll interval (60 min) plus the margin (30 min): the trigger is missing or failing.
    runner.step({ advance: '2h' });
    const stale = runner.step({ homepage: 'gmail', as: ALEX });
    expect(stale.error).toBeNull();
    expect(stale.roundTrips.map((c) => c.service)).toContain('SpreadsheetApp');
    expect(settingsRows(runner).map((r) => r[4])).toEqual([SAM]);
    expect(queuedHolding(runner)).toEqual([]);
    // A colleague's click never drains, however stale: only the owner can open the sheet.
    runner.step(saves(MORGAN, 'Morgan L.'));
    runner.step({ advance: '2h' });
    const colleague = runner.step({ homepage: 'gmail', as: SAM });
    expect(colleague.roundTrips.map((c) => c.service)).not.toContain('SpreadsheetApp');
  });
});

test("a full queue keeps a rep's events in their own outbox, says so, and loses none", async () => {
  await withTeam((runner) => {
    const script = runner.world.properties.script;
    // Something waits in the queue, and the store is near the queue's budget (400 KB of 500 KB).
    runner.step(saves(MORGAN, 'Morgan L.'));
    for (let i = 0; i < 50; i++) script.set(`filler.${i}`, 'x'.repeat(8_000));
    const save = runner.step(saves(SAM, 'Sam O.'));
    expect(save.error).toBeNull();
    const samLate = () =>
      [...runner.world.properties.user(SAM).entries()].filter(
        ([k, v]) => k.startsWith('late:') && v && v !== '[]',
      );
    expect(samLate()).toHaveLength(1);
    expect(queuedAuditEvents(runner.world).map((e) => e.actor)).not.toContain(SAM);
    // Visible: Sam's homepage says his events wait with him.
    const home = runner.step({ homepage: 'gmail', as: SAM });
    expect(cardText(home.card)).toMatch(/\d+ audit events? waits? in your own store/);
    // The owner drains; the store has room again; Sam's next run moves his events on; the owner's next
    // drain writes them.
    for (let i = 0; i < 50; i++) script.delete(`filler.${i}`);
    runner.step({ poll: true, as: ALEX });
    runner.step({ advance: '1h' });
    runner.step({ poll: true, as: SAM });
    expect(samLate()).toEqual([]);
    runner.step({ poll: true, as: ALEX });
    expect(settingsRows(runner).map((r) => r[4])).toEqual([MORGAN, SAM]);
    expect(String(runner.world.run('verifyAuditTrail', 'trigger'))).toMatch(/^Intact/);
  });
});
