// A preset holds what one add-on needs beyond the manifest: how its world is set up before the story
// (settings saved, a sheet made, triggers installed), its own step kinds, and what result.json reports of
// its settings. The runner knows only the manifest; Prospector's specifics live in presets/prospector.ts.
import { prospectorPreset } from './presets/prospector';
import type { Project } from './project';
import type { ScenarioRunner, StepResult } from './runner';
import type { Scenario, Step } from './scenario';

export interface Preset {
  name: string;
  /** Before the steps: the world as the scenario says it was set up. */
  prepare(runner: ScenarioRunner): void;
  /** Performs a step kind of this preset; false when the kind is not its own. */
  perform(runner: ScenarioRunner, step: Step, result: StepResult): boolean;
  /** The add-on's settings at the end of the run, secrets masked (result.json `settingsAtEnd`). */
  settingsAtEnd(runner: ScenarioRunner): unknown;
}

/**
 * The scenario's preset: the one it names, else Prospector's for Prospector's own project (its manifest's
 * add-on name) or a scenario with Prospector's world fields, else none.
 */
export function presetFor(scenario: Scenario, project: Project): Preset | null {
  if (scenario.preset === 'none') return null;
  if (scenario.preset === 'prospector') return prospectorPreset;
  return project.manifest.addOns?.common?.name === 'Prospector' ? prospectorPreset : null;
}
