// A scenario runner for the bench: the add-on's bundle and the naive baselines loaded together (two files
// of one Apps Script project).
import { ScenarioRunner } from '../workbench/runner';
import type { StepResult } from '../workbench/runner';
import type { Scenario } from '../workbench/scenario';
import type { World } from '../workbench/world';

export interface BenchBundles {
  /** dist/Code.js as buildBundle() makes it. */
  addOn: string;
  /** buildNaiveBundle(). */
  naive: string;
}

export function openBenchRunner(scenario: Scenario, bundles: BenchBundles): ScenarioRunner {
  return new ScenarioRunner(scenario, `${bundles.addOn}\n${bundles.naive}`);
}

/**
 * The naive baseline is the original single-user design: its audit sheet is not protected for one owner,
 * so the measured rep may append to it. Our add-on never relies on this (a rep only queues).
 */
export function openAuditSheetTo(world: World, email: string): void {
  for (const file of world.spreadsheets.files.values()) {
    if (!file.editors.includes(email)) file.editors.push(email);
    for (const sheet of file.sheets)
      for (const protection of sheet.protections)
        if (!protection.editors.includes(email)) protection.editors.push(email);
  }
}

/**
 * The audit sheet owner's hourly trigger with the poller off (an admin's setting, restored after), so it
 * does nothing but drain the team's audit queue to the sheet: what runs between a rep's hourly runs.
 */
export function ownerTrigger(runner: ScenarioRunner, owner: string): StepResult {
  const script = runner.world.properties.script;
  const shared = script.get('settings.shared') || '{}';
  script.set('settings.shared', JSON.stringify({ ...JSON.parse(shared), pollerEnabled: false }));
  try {
    return runner.step({ poll: true, as: owner });
  } finally {
    script.set('settings.shared', shared);
  }
}
