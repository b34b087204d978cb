// A case of the matrix: one or more trials in fresh worlds, measured and added up into one row.
import { addMetrics, emptyMetrics, measure } from './measure';
import type { MeasureOptions, Metrics } from './measure';
import { Trial } from './trial';
import type { PollWorld } from './world';

export interface ReliabilityCase {
  name: string;
  /** The promise family: crash-point sweep, HubSpot faults, Apps Script faults, overlap, hostile input. */
  group: string;
  /** Part of the fast subset (`--fast`, npm test). */
  fast: boolean;
  run(bundleCode: string): Promise<Metrics>;
}

/** What a trial does in its world; what it returns tells the measurement what to allow. */
export type Drive = (trial: Trial) => MeasureOptions | void;

/** One trial: builds the world, drives it, measures it, and always stops the world's HubSpot sandbox. */
export async function runTrial(world: PollWorld, bundleCode: string, drive: Drive): Promise<Metrics> {
  const trial = new Trial(world, bundleCode);
  try {
    const options = drive(trial) || {};
    trial.runner.world.ledger.beforeCall = null;
    return measure(trial, options);
  } finally {
    await trial.close();
  }
}

/** A case of several trials, each a fresh world; findings are labelled with the trial's name. */
export async function runTrials(
  trials: Array<{ label: string; world: () => PollWorld; drive: Drive }>,
  bundleCode: string,
): Promise<Metrics> {
  const total = emptyMetrics();
  for (const t of trials) addMetrics(total, await runTrial(t.world(), bundleCode, t.drive), t.label);
  return total;
}
