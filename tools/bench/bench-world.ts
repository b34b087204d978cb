// A scenario runner for the bench: the add-on's bundle and the naive baselines loaded together (two files
// of one Apps Script project).
import { ScenarioRunner } from '../workbench/runner';
import type { Scenario } from '../workbench/scenario';

export interface BenchBundles {
  /** dist/Code.js as buildBundle() makes it. */
  addOn: string;
  /** buildNaiveBundle(). */
  naive: string;
}

export function openBenchRunner(scenario: Scenario, bundles: BenchBundles): ScenarioRunner {
  return new ScenarioRunner(scenario, `${bundles.addOn}\n${bundles.naive}`);
}
