// Sweeps over every round trip k of the first poll run: call k fails once in some way, then the hourly
// reruns finish the work. The crash-point sweep of issue 5 ("exactly once") uses two kinds of failure:
// - exception: call k throws as an Apps Script service does (quota, server error); the add-on may catch it;
// - crash: the execution dies at call k (call k and every later call fail, nothing can be caught), the
//   hardest case for "nothing twice": everything before k happened, nothing after it did.
// A fault at a UrlFetchApp call loses the answer of requests HubSpot did handle (see url-fetch.ts).
import { runTrial, runTrials } from '../case';
import type { ReliabilityCase } from '../case';
import { armFault, recordCalls } from '../faults';
import type { Call, CallFault } from '../faults';
import { pollWorld } from '../world';
import type { PollWorld, WorldOptions } from '../world';

export interface SweepOptions {
  name: string;
  group?: string;
  fast: boolean;
  world: Omit<WorldOptions, 'name'>;
  /** What happens at call k. */
  fault: Omit<CallFault, 'when'>;
}

export function sweep(options: SweepOptions): ReliabilityCase {
  const world = (): PollWorld => pollWorld({ name: options.name, ...options.world });
  return {
    name: options.name,
    group: options.group || 'crash-point sweep',
    fast: options.fast,
    async run(bundleCode) {
      let calls: Call[] = [];
      await runTrial(world(), bundleCode, (trial) => {
        calls = recordCalls(trial);
        trial.poll();
      });
      return runTrials(
        calls.map((call, k) => ({
          label: `k=${k} ${call.service}.${call.method}`,
          world,
          drive: (trial) => {
            armFault(trial, { ...options.fault, when: (c) => c.index === k });
            trial.poll();
            trial.runner.world.ledger.beforeCall = null;
            trial.pollUntilSettled();
            return { allowedThrows: 1 };
          },
        })),
        bundleCode,
      );
    },
  };
}

export function crashSweep(
  options: Omit<SweepOptions, 'fault'> & { mode: 'exception' | 'crash' },
): ReliabilityCase {
  return sweep({ ...options, fault: { mode: options.mode } });
}
