// Issue "Ready for a real team", item 11: a card callback finishes inside Google's 30 s, which the
// workbench enforces. A slow HubSpot followed by the audit append still finishes in time: the append is
// one call, no lock. ("Verify audit trail" on a 32,000-row trail is a slow sweep: test/slow/.)
import { ScenarioRunner } from '../../tools/workbench/runner';
import type { Scenario } from '../../tools/workbench/scenario';
import { EXECUTION_LIMIT_MS } from '../../tools/workbench/runtime';
import { auditTypes, bundleCode, fixture } from './run-fixture';
import { auditRows, queuedAuditEvents } from '../../tools/workbench/outcome';

jest.setTimeout(120_000);

async function withRunner(scenario: Scenario, body: (runner: ScenarioRunner) => void): Promise<void> {
  const runner = new ScenarioRunner(scenario, await bundleCode());
  try {
    body(runner);
  } finally {
    await runner.world.close();
  }
}

describe('a slow HubSpot, then the audit append', () => {
  const FAULTS = { latencyMs: 20_000 };

  const queuedTypes = (runner: ScenarioRunner) => queuedAuditEvents(runner.world).map((e) => e.type);

  it("queues the events without the script lock, finishes inside 30 s, and the owner's trigger writes them", async () => {
    const scenario = fixture('default');
    scenario.steps = [];
    await withRunner(scenario, (runner) => {
      runner.step({ open: 'msg-sarah-demo' });
      runner.step({ press: 'Add HubSpot task' });
      runner.world.setHubspotFaults(FAULTS);
      // Another execution (say the owner's drain) holds the script lock: the append does not need it.
      runner.world.locks.acquire('script', 999_999);
      const press = runner.step({ press: 'Add task', inputs: { taskSubject: 'Call back about the demo' } });
      expect(press.error).toBeNull();
      expect(press.modelledMs).toBeLessThan(EXECUTION_LIMIT_MS.card);
      expect(press.modelledMs).toBeGreaterThan(FAULTS.latencyMs);
      expect(press.roundTrips.filter((c) => c.service === 'LockService')).toEqual([]);
      expect(runner.world.hubspotState().records.tasks).toHaveLength(1);
      // Queued under a key of its own (no lock, one call), not written late or lost.
      expect(queuedTypes(runner).filter((t) => t === 'task_created')).toHaveLength(1);
      // The owner's next trigger, with the lock free, writes it to the sheet and empties the queue.
      runner.world.locks.release('script', 999_999);
      runner.world.setHubspotFaults({});
      runner.step({ poll: true });
      expect(auditTypes({ audit: auditRows(runner.world) } as never)).toContain('task_created');
      expect(queuedTypes(runner)).toEqual([]);
    });
  });

  // The redesign's point: the sheet's owner pays one append per click, never the sheet.
  it("leaves the sheet alone on the owner's own click while the queue is fresh", async () => {
    const scenario = fixture('default');
    scenario.steps = [];
    await withRunner(scenario, (runner) => {
      runner.step({ open: 'msg-sarah-demo' });
      runner.step({ press: 'Add HubSpot task' });
      const press = runner.step({ press: 'Add task', inputs: { taskSubject: 'Call back' } });
      expect(press.error).toBeNull();
      const services = press.roundTrips.map((c) => c.service);
      expect(services).not.toContain('SpreadsheetApp');
      expect(services).not.toContain('LockService');
      expect(auditRows(runner.world).rows.map((r) => r[3])).not.toContain('task_created');
      expect(queuedTypes(runner)).toContain('task_created');
    });
  });
});
