// One trial: a fresh world, the poll runs and other executions a case drives in it, and a log of how each
// execution ended. Executions started from inside another (overlap) are logged like the outer ones.
import type { PollSummary } from '../../src/core/poll-run';
import { ScenarioRunner } from '../workbench/runner';
import type { Step } from '../workbench/scenario';
import type { PollWorld } from './world';

export interface ExecutionLog {
  functionName: string;
  /** The message of what the execution threw, if it threw. */
  error: string | null;
  /** True when started while another execution was running. */
  nested: boolean;
}

/** The hourly trigger's interval: the time between reruns. */
const RERUN_INTERVAL_MS = 60 * 60_000;

export class Trial {
  readonly runner: ScenarioRunner;
  readonly executions: ExecutionLog[] = [];
  readonly startedAt: number;
  /** Apps Script calls a case made fail (HubSpot's injected faults are read from its request log). */
  injectedFaults = 0;

  constructor(
    readonly world: PollWorld,
    bundleCode: string,
  ) {
    this.runner = new ScenarioRunner(world.scenario, bundleCode);
    this.startedAt = this.runner.world.clock.now();
  }

  /** One poll trigger run as a scenario step; its summary, or null when it threw. */
  poll(): PollSummary | null {
    const result = this.step({ poll: true });
    return result.error ? null : (result.returned as PollSummary);
  }

  step(step: Step): { error: string | null; returned: unknown } {
    const result = this.runner.step(step);
    if (result.functionName)
      this.executions.push({ functionName: result.functionName, error: result.error, nested: false });
    return result;
  }

  /** An execution started while another runs (from ledger.beforeCall): the overlap cases. */
  nested(functionName: string): unknown {
    try {
      const returned = this.runner.world.run(functionName, 'trigger');
      this.executions.push({ functionName, error: null, nested: true });
      return returned;
    } catch (error) {
      this.executions.push({ functionName, error: (error as Error).message, nested: true });
      return null;
    }
  }

  /**
   * Reruns the hourly poll until a run finishes with nothing pending (at most `maxRuns`), as the trigger
   * would. Returns the number of runs.
   */
  pollUntilSettled(maxRuns = 8): number {
    for (let run = 1; run <= maxRuns; run++) {
      this.runner.world.clock.advance(RERUN_INTERVAL_MS);
      const summary = this.poll();
      if (summary && summary.status === 'finished' && summary.pending === 0) return run;
    }
    return maxRuns;
  }

  get pollRuns(): number {
    return this.executions.filter((e) => e.functionName === 'pollSubmissions').length;
  }

  close(): Promise<void> {
    this.runner.world.ledger.beforeCall = null;
    return this.runner.world.close();
  }
}
