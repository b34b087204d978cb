// Runs a whole scenario and reads what it left behind: the one call tests, the demo and the reports use.
import { collectOutcome } from './outcome';
import type { Outcome } from './outcome';
import type { Project } from './project';
import { ScenarioRunner } from './runner';
import type { Scenario } from './scenario';

export async function runScenario(scenario: Scenario, project?: Project | string): Promise<Outcome> {
  const runner = new ScenarioRunner(scenario, project);
  try {
    const steps = runner.runAll();
    return collectOutcome(
      runner.world,
      steps,
      scenario.name,
      scenario.now,
      runner.preset?.settingsAtEnd(runner) ?? null,
    );
  } finally {
    await runner.world.close();
  }
}
