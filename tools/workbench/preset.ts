// A preset holds what one add-on needs beyond the manifest: how its world is set up before the story
// (settings saved, a sheet made, triggers installed), its own step kinds, and what result.json reports of
// its settings. The runner knows only the manifest; Prospector's specifics live in presets/prospector.ts.
import type { Scenario, Step } from './scenario';
import type { PressInputs, StepResult } from './step-result';
import type { World } from './world';

/** What a preset may do with the runner: the steps and host actions a person could take. */
export interface PresetRunner {
  readonly scenario: Scenario;
  readonly world: World;
  readonly actingUser: string;
  step(step: Step): StepResult;
  call(
    functionName: string,
    kind: 'card' | 'trigger',
    e: Record<string, unknown> | undefined,
    result: StepResult,
  ): unknown;
  universal(label: string, result: StepResult): void;
  press(text: string, how: PressInputs, result: StepResult): void;
}

export interface Preset {
  name: string;
  /** Before the steps: the world as the scenario says it was set up. */
  prepare(runner: PresetRunner): void;
  /** Performs a step kind of this preset; false when the kind is not its own. */
  perform(runner: PresetRunner, step: Step, result: StepResult): boolean;
  /** The add-on's settings at the end of the run, secrets masked (result.json `settingsAtEnd`). */
  settingsAtEnd(runner: PresetRunner): unknown;
}
