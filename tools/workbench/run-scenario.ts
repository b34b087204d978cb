// Runs a whole scenario and reads what it left behind: the one call tests, the demo and the reports use.
import { collectOutcome } from './outcome';
import type { Outcome } from './outcome';
import { ScenarioRunner } from './runner';
import type { Scenario } from './scenario';

export async function runScenario(scenario: Scenario, bundleCode?: string): Promise<Outcome> {
  const runner = new ScenarioRunner(scenario, bundleCode);
  try {
    const steps = runner.runAll();
    return collectOutcome(runner.world, steps, scenario.name, scenario.now);
  } finally {
    await runner.world.close();
  }
}
