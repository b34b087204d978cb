// Runs a fixture scenario (optionally changed in code) against the real bundle, built once per test file.
import { join } from 'node:path';
import { buildBundle } from '../../tools/build';
import type { Outcome } from '../../tools/workbench/outcome';
import { runScenario } from '../../tools/workbench/run-scenario';
import { loadScenario } from '../../tools/workbench/scenario';
import type { Scenario } from '../../tools/workbench/scenario';

let bundle: Promise<string> | null = null;

export function bundleCode(): Promise<string> {
  if (!bundle) bundle = buildBundle().then((b) => b.code);
  return bundle;
}

export function fixture(name: string): Scenario {
  return loadScenario(join(__dirname, '..', '..', 'fixtures', 'scenarios', `${name}.json`));
}

export async function run(scenario: Scenario): Promise<Outcome> {
  return runScenario(scenario, await bundleCode());
}

/** Every text a person can read on a card, joined: for "the card says ..." assertions. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string') {
      if (['text', 'title', 'subtitle', 'topLabel', 'bottomLabel', 'header', 'label', 'value'].includes(key))
        texts.push(value);
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(card);
  return texts.join('\n');
}

/**
 * The types of the events recorded: on the sheet, or waiting in the team's queue for the sheet owner's
 * next drain (every card action queues; only the owner's trigger writes the sheet).
 */
export function auditTypes(outcome: Outcome): string[] {
  return outcome.audit.rows.map((row) => row[3]).concat((outcome.auditQueued || []).map((e) => e.type));
}
