// Runs that overlap: a second (and third) poll trigger starting while the first is at call k, and a
// salesperson using the sidebar while a poll runs. Workbench executions are synchronous, so an overlapping
// run is started from inside the first one's call k (ledger.beforeCall) and runs to its end there, which
// is the worst interleaving for that k: everything it does lands between two calls of the first run.
import { runTrial, runTrials } from '../case';
import type { ReliabilityCase } from '../case';
import { recordCalls } from '../faults';
import type { Call } from '../faults';
import type { Trial } from '../trial';
import { pollWorld, SIDEBAR_MESSAGE, SIDEBAR_SENDER } from '../world';
import type { PollWorld } from '../world';

type During = (trial: Trial) => void;

/** At round trip k of the first poll run, does `during` once (another execution, or several). */
function atCall(trial: Trial, k: number, during: During): void {
  let target: number | null = null;
  let done = false;
  trial.runner.world.ledger.beforeCall = (call) => {
    if (target === null && call.execution.functionName === 'pollSubmissions') target = call.execution.id;
    if (done || call.execution.id !== target || call.index !== k) return;
    done = true;
    trial.injectedFaults++;
    during(trial);
  };
}

const secondPoll: During = (trial) => {
  trial.nested('pollSubmissions');
};

/** A second poll starts at the first's call k, and a third at the second's call j. */
function secondAndThird(j: number): During {
  return (trial) => {
    const outer = trial.runner.world.ledger.beforeCall;
    let target: number | null = null;
    let done = false;
    trial.runner.world.ledger.beforeCall = (call) => {
      if (target === null && call.execution.functionName === 'pollSubmissions') target = call.execution.id;
      if (done || call.execution.id !== target || call.index !== j) return;
      done = true;
      trial.nested('pollSubmissions');
    };
    trial.nested('pollSubmissions');
    trial.runner.world.ledger.beforeCall = outer;
  };
}

/** The salesperson opens an email and makes a reply draft from the sidebar while the poll runs. */
const sidebarDraft: During = (trial) => {
  trial.step({ open: SIDEBAR_MESSAGE });
  trial.step({ press: 'Create reply draft', choose: { slots: 2 } });
};

export interface OverlapOptions {
  name: string;
  fast: boolean;
  during: During;
  /** Recipients of drafts `during` makes on purpose. */
  otherDrafts?: string[];
  /** Only these call indexes of the first run (default: every one). */
  indexes?: number[];
}

export function overlap(options: OverlapOptions): ReliabilityCase {
  const world = (): PollWorld => pollWorld({ name: options.name, valid: 3, invalid: 1 });
  return {
    name: options.name,
    group: 'overlap',
    fast: options.fast,
    async run(bundleCode) {
      let calls: Call[] = [];
      await runTrial(world(), bundleCode, (trial) => {
        calls = recordCalls(trial);
        trial.poll();
      });
      const indexes = options.indexes || calls.map((_, k) => k);
      return runTrials(
        indexes
          .filter((k) => k < calls.length)
          .map((k) => ({
            label: `at k=${k} ${calls[k].service}.${calls[k].method}`,
            world,
            drive: (trial) => {
              atCall(trial, k, options.during);
              trial.poll();
              trial.runner.world.ledger.beforeCall = null;
              trial.pollUntilSettled();
              return { otherDrafts: options.otherDrafts };
            },
          })),
        bundleCode,
      );
    },
  };
}

export function overlapCases(): ReliabilityCase[] {
  return [
    overlap({ name: 'two poll runs at once (second starts at each call)', fast: false, during: secondPoll }),
    overlap({
      name: 'three poll runs at once (third at the second run’s call 2)',
      fast: false,
      during: secondAndThird(2),
    }),
    overlap({
      name: 'three poll runs at once (third at the second run’s call 6)',
      fast: false,
      during: secondAndThird(6),
    }),
    overlap({
      name: 'sidebar reply draft while a poll runs (at each call)',
      fast: false,
      during: sidebarDraft,
      otherDrafts: [SIDEBAR_SENDER],
    }),
  ];
}
