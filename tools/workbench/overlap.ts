// The overlap sweep: execution B run to completion at every call index of execution A, each in a fresh
// world, so a race shows wherever it can happen (the concurrency rows of `npm run reliability`).
import type { Project } from './project';
import { ScenarioRunner } from './runner';
import type { Scenario, Step } from './scenario';

export interface OverlapSweep {
  /** The world; its own steps run first in every trial, as the story before the overlap. */
  scenario: Scenario;
  project: Project | string;
  /** A's step. */
  outer: Step;
  /** B's step, run in the middle of A. */
  inner: Step;
}

/**
 * Runs A alone once to count its round trips n, then n trials with B after A's call k = 0..n-1; `measure`
 * reads each trial's world (before it is closed). Returns the measures in call order.
 */
export async function sweepOverlap<T>(
  sweep: OverlapSweep,
  measure: (runner: ScenarioRunner, afterCall: number) => T,
): Promise<T[]> {
  const calls = await withRunner(sweep, (runner) => {
    runner.runAll();
    return runner.step(sweep.outer).roundTrips.length;
  });
  const measures: T[] = [];
  for (let k = 0; k < calls; k++) {
    measures.push(
      await withRunner(sweep, (runner) => {
        runner.runAll();
        runner.step({ ...sweep.inner, during: sweep.outer, afterCall: k } as Step);
        return measure(runner, k);
      }),
    );
  }
  return measures;
}

async function withRunner<T>(sweep: OverlapSweep, body: (runner: ScenarioRunner) => T): Promise<T> {
  const runner = new ScenarioRunner(sweep.scenario, sweep.project);
  try {
    return body(runner);
  } finally {
    await runner.world.close();
  }
}
