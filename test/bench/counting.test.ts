// The bench's counts must be the workbench's own records, counted the way (a fetchAll is one
// round trip): checked here against the ledger, the runner's step results, the UrlFetchApp fakes'
// request records and the HubSpot sandbox's log, for our poller, the naive poller and a sidebar open.
import { buildBundle } from '../../tools/build';
import { openAuditSheetTo, openBenchRunner } from '../../tools/bench/bench-world';
import type { BenchBundles } from '../../tools/bench/bench-world';
import { CostMeter, isSheetWrite } from '../../tools/bench/cost-meter';
import type { Cost } from '../../tools/bench/cost-meter';
import { buildNaiveBundle } from '../../tools/bench/naive-bundle';
import { benchScenario, SIDEBAR_SECOND } from '../../tools/bench/scenarios';
import { HUBSPOT_ORIGIN } from '../../tools/workbench/fakes/url-fetch';
import type { ScenarioRunner, StepResult } from '../../tools/workbench/runner';

jest.setTimeout(30_000);

let bundles: BenchBundles;
beforeAll(async () => {
  bundles = { addOn: (await buildBundle()).code, naive: await buildNaiveBundle() };
});

/** Runs one execution under a meter and returns the meter's figures beside the records' own. */
function meterOne<T>(runner: ScenarioRunner, run: () => T) {
  const world = runner.world;
  const calls = world.ledger.calls.length;
  const fetchers = world.urlFetches.length;
  const logged = world.hubspotRequests().length;
  const meter = new CostMeter(world);
  const value = meter.execution(run);
  const cost = meter.cost();
  const recorded = world.ledger.calls.slice(calls);
  const executionIds = [...new Set(recorded.map((c) => c.execution))];
  const requests = world.urlFetches.slice(fetchers).flatMap((f) => f.requests);
  return {
    value,
    cost,
    executionIds,
    ledgerRoundTrips: world.ledger.roundTrips(executionIds[0]),
    recorded,
    hubspotFetches: requests.filter((r) => r.url.startsWith(`${HUBSPOT_ORIGIN}/`)).length,
    fetchRequests: requests.length,
    sandboxLog: world.hubspotRequests().slice(logged),
  };
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function expectConsistent(cost: Cost): void {
  expect(sum(cost.byService)).toBe(cost.roundTrips);
  expect(sum(cost.byMethod)).toBe(cost.roundTrips);
  expect(cost.perExecution.reduce((n, e) => n + e.roundTrips, 0)).toBe(cost.roundTrips);
}

describe('our poller, 3 submissions', () => {
  let runner: ScenarioRunner;
  let measured: ReturnType<typeof meterOne<StepResult>>;
  let step: StepResult;
  beforeAll(() => {
    runner = openBenchRunner(benchScenario(3), bundles);
    measured = meterOne(runner, () => runner.step({ poll: true }));
    step = measured.value;
  });
  afterAll(() => runner.world.close());

  it('did the work: three drafts', () => {
    expect(step.error).toBeNull();
    expect(runner.world.mailbox.drafts).toHaveLength(3);
    expect(measured.cost.drafts).toBe(3);
  });

  it('counts exactly the ledger round trips of the one execution, as the runner step does', () => {
    expect(measured.executionIds).toHaveLength(1);
    expect(measured.cost.executions).toBe(1);
    expect(measured.cost.roundTrips).toBe(measured.ledgerRoundTrips.length);
    expect(measured.cost.roundTrips).toBe(step.roundTrips.length);
    expect(measured.cost.modelledMs).toBe(step.modelledMs);
    // Round trips plus local work (the audit chain's hashing) and waits.
    expect(measured.cost.modelledMs).toBe(
      measured.ledgerRoundTrips.reduce((ms, c) => ms + c.latencyMs, 0) +
        runner.world.ledger.waitedMs(measured.executionIds[0]),
    );
    expectConsistent(measured.cost);
  });

  it('counts a fetchAll once however many requests it carries', () => {
    const urlFetchCalls = measured.ledgerRoundTrips.filter((c) => c.service === 'UrlFetchApp').length;
    expect(measured.cost.byService.UrlFetchApp).toBe(urlFetchCalls);
    expect(measured.fetchRequests).toBeGreaterThan(urlFetchCalls);
  });

  it("counts the HubSpot requests the sandbox logged, which are the fakes' requests to HubSpot", () => {
    expect(measured.cost.hubspotRequests).toBe(measured.sandboxLog.length);
    expect(measured.cost.hubspotRequests).toBe(measured.hubspotFetches);
    expect(measured.cost.googleApiRequests).toBe(measured.fetchRequests - measured.hubspotFetches);
  });

  it('counts sheet writes as the spreadsheet calls that change the file: none for a rep, who only queues', () => {
    const writes = measured.recorded.filter((c) => c.roundTrip && isSheetWrite(c));
    expect(measured.cost.sheetWrites).toBe(writes.length);
    // The measured rep does not own the audit sheet: their poll appends its events to the team's queue.
    expect(writes.map((c) => c.method)).toEqual([]);
    expect(measured.recorded.filter((c) => c.service === 'SpreadsheetApp')).toEqual([]);
  });
});

describe('the naive poller, 3 submissions, in the same sandbox', () => {
  let runner: ScenarioRunner;
  let measured: ReturnType<typeof meterOne<unknown>>;
  beforeAll(() => {
    runner = openBenchRunner(benchScenario(3), bundles);
    openAuditSheetTo(runner.world, runner.world.user.email);
    measured = meterOne(runner, () => runner.world.run('naivePoll', 'trigger'));
  });
  afterAll(() => runner.world.close());

  it('does the same work, a draft, a task and a note each', () => {
    const records = runner.world.hubspotState().records;
    expect([runner.world.mailbox.drafts.length, records.tasks.length, records.notes.length]).toEqual([
      3, 3, 3,
    ]);
  });

  it('sends one HubSpot request per UrlFetchApp.fetch, and the counts match the records', () => {
    expect(measured.cost.roundTrips).toBe(measured.ledgerRoundTrips.length);
    expect(measured.cost.byMethod['UrlFetchApp.fetch']).toBe(measured.sandboxLog.length);
    expect(measured.cost.hubspotRequests).toBe(measured.hubspotFetches);
    expect(measured.cost.byMethod['SpreadsheetApp.appendRow']).toBe(measured.cost.sheetWrites);
    expectConsistent(measured.cost);
  });
});

describe('a sidebar open', () => {
  it('counts the same round trips and time as the runner step and the ledger', async () => {
    const runner = openBenchRunner(benchScenario(0), bundles);
    try {
      const measured = meterOne(runner, () => runner.step({ open: SIDEBAR_SECOND.messageId }));
      const result = measured.value;
      expect(result.error).toBeNull();
      expect(measured.cost.roundTrips).toBe(result.roundTrips.length);
      expect(measured.cost.roundTrips).toBe(measured.ledgerRoundTrips.length);
      expect(measured.cost.modelledMs).toBe(result.modelledMs);
      expect(measured.cost.hubspotRequests).toBe(measured.sandboxLog.length);
    } finally {
      await runner.world.close();
    }
  });
});

describe('isSheetWrite', () => {
  it('treats opening and reading as reads, everything else on a sheet as a write', () => {
    const sheet = (method: string) => isSheetWrite({ service: 'SpreadsheetApp', method });
    expect(['openById', 'getLastRow', 'getValues', 'flush'].map(sheet)).toEqual([false, false, false, false]);
    expect(['setValues', 'appendRow', 'insertRowsAfter'].map(sheet)).toEqual([true, true, true]);
    expect(isSheetWrite({ service: 'PropertiesService', method: 'setProperties' })).toBe(false);
  });
});
