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
  /** Only the calls k this accepts (default: every call of the run). */
  only?: (call: Call) => boolean;
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
        calls
          .filter((call) => !options.only || options.only(call))
          .map((call) => ({
            label: `k=${call.index} ${call.service}.${call.method}`,
            world,
            drive: (trial) => {
              armFault(trial, { ...options.fault, when: (c) => c.index === call.index });
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

/**
 * Exceptions at the calls that leave leads unsettled when the run goes on (a draft that failed, a HubSpot
 * read or write that failed): the run then moves the watermark, which must stop before them. A crash
 * ends the run before it moves the watermark, so the crash sweep cannot see a watermark that skips them.
 */
export function unsettledSweep(options: { name: string; fast: boolean }): ReliabilityCase {
  return sweep({
    name: options.name,
    fast: options.fast,
    world: { valid: 2, invalid: 1 },
    fault: { mode: 'exception' },
    only: (call) => /createDraft|createReplyDraft/.test(call.method) || call.service === 'UrlFetchApp',
  });
}

export function crashSweep(
  options: Omit<SweepOptions, 'fault'> & { mode: 'exception' | 'crash' },
): ReliabilityCase {
  return sweep({ ...options, fault: { mode: options.mode } });
}
