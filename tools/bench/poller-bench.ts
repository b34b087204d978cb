// The poller's rows: for N waiting submissions, ours (pollSubmissions) and the naive baseline (naivePoll)
// each run in a fresh world built from the same scenario, one time-driven execution after another until
// nothing is pending, and the work done is read back from the world (drafts, HubSpot tasks and notes).
import type { PollSummary } from '../../src/core/poll-run';
import { openBenchRunner } from './bench-world';
import type { BenchBundles } from './bench-world';
import { CostMeter } from './cost-meter';
import type { Cost } from './cost-meter';
import { pollerMinimum } from './minimum';
import type { Minimum } from './minimum';
import type { NaivePollSummary } from './naive-poller';
import { openAuditSheetTo, ownerTrigger } from './bench-world';
import { benchScenario, BENCH_ADMIN, BENCH_USER } from './scenarios';
import type { ScenarioRunner } from '../workbench/runner';

/** Runs stop here even if work remains (a backlog this size drains in far fewer). */
const MAX_EXECUTIONS = 40;
/** Executions in a row that prepare no draft: the flow is stuck, not slow. */
const STALL_LIMIT = 3;

export interface FlowResult {
  cost: Cost;
  drained: boolean;
  work: { drafts: number; tasks: number; notes: number };
  /** Why the flow stopped short of draining, with the last error an execution raised. */
  stopped: string | null;
  /** The user's Properties by key prefix (bytes) when the flow stopped short: where the quota went. */
  userStoreAtStop: Record<string, number> | null;
}

export interface PollerRow {
  submissions: number;
  ours: FlowResult;
  naive: FlowResult;
  minimum: Minimum;
}

interface ExecutionOutcome {
  pending: number;
  finished: boolean;
  error: string | null;
}

type Flow = (runner: ScenarioRunner) => ExecutionOutcome;

const ours: Flow = (runner) => {
  const step = runner.step({ poll: true });
  const summary = step.returned as PollSummary | null;
  if (step.error || !summary) return { pending: -1, finished: false, error: step.error || 'no summary' };
  return { pending: summary.pending, finished: summary.status === 'finished', error: null };
};

const naive: Flow = (runner) => {
  try {
    openAuditSheetTo(runner.world, runner.world.user.email);
    const summary = runner.world.run('naivePoll', 'trigger') as NaivePollSummary;
    return { pending: summary.pending, finished: true, error: null };
  } catch (error) {
    return { pending: -1, finished: false, error: (error as Error).message };
  }
};

export async function benchPoller(bundles: BenchBundles, submissions: number): Promise<PollerRow> {
  return {
    submissions,
    ours: await drain(bundles, submissions, ours),
    naive: await drain(bundles, submissions, naive),
    minimum: pollerMinimum(submissions),
  };
}

async function drain(bundles: BenchBundles, submissions: number, flow: Flow): Promise<FlowResult> {
  const runner = openBenchRunner(benchScenario(submissions), bundles);
  try {
    const world = runner.world;
    const meter = new CostMeter(world);
    let stalled = 0;
    let drained = false;
    let lastError: string | null = null;
    for (let i = 0; i < MAX_EXECUTIONS && stalled < STALL_LIMIT && !drained; i++) {
      const draftsBefore = world.mailbox.drafts.length;
      const outcome = meter.execution(() => flow(runner));
      ownerTrigger(runner, BENCH_ADMIN.email); // not metered: the sheet owner's drain between the rep's runs
      lastError = outcome.error || lastError;
      drained = outcome.finished && outcome.pending === 0;
      stalled = world.mailbox.drafts.length > draftsBefore ? 0 : stalled + 1;
    }
    const records = world.hubspotState().records;
    const work = {
      drafts: world.mailbox.drafts.length,
      tasks: records.tasks.length,
      notes: records.notes.length,
    };
    const complete = work.drafts === submissions && work.tasks === submissions && work.notes === submissions;
    const cost = meter.cost();
    const stopped = drained && complete ? null : stopReason(drained, stalled, cost.executions, lastError);
    return {
      cost,
      drained: drained && complete,
      work,
      stopped,
      userStoreAtStop: stopped ? bytesByPrefix(world.properties.user(BENCH_USER.email)) : null,
    };
  } finally {
    await runner.world.close();
  }
}

function stopReason(drained: boolean, stalled: number, executions: number, error: string | null): string {
  const why = drained
    ? 'reported nothing pending, but the work is incomplete'
    : stalled >= STALL_LIMIT
      ? `stuck: ${STALL_LIMIT} executions in a row prepared no draft`
      : `still pending after ${executions} executions`;
  return error ? `${why} (last error: ${error})` : why;
}

/** Bytes (key + value) per key prefix, the part before the first ':' or '.'. */
function bytesByPrefix(store: Map<string, string>): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const [key, value] of store) {
    const prefix = key.split(/[:.]/)[0];
    sizes[prefix] = (sizes[prefix] || 0) + Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  return sizes;
}
