// A scenario runner for the bench: the add-on's bundle and the naive baselines loaded together (two files
// of one Apps Script project).
import { ScenarioRunner } from '../workbench/runner';
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
