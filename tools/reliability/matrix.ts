// The reliability matrix: every case, and the run that turns them into rows.
import type { ReliabilityCase } from './case';
import { APPS_SCRIPT_FAULTS, appsScriptFaults, timeSweeps } from './cases/apps-script-faults';
import { concurrencyCases } from './cases/concurrency';
import { crashSweep, unsettledSweep } from './cases/crash-sweep';
import { hostileCases } from './cases/hostile';
import { HUBSPOT_FAULTS, hubspotFaults } from './cases/hubspot-faults';
import { overlapCases } from './cases/overlap';
import { pollerEdgeCases } from './cases/poller-edges';
import { addMetrics, emptyMetrics } from './measure';
import type { Metrics } from './measure';
import type { CaseRow } from './report';

export const CASES: ReliabilityCase[] = [
  crashSweep({
    name: 'sweep: exception at each call (2 valid, 1 invalid)',
    fast: true,
    world: { valid: 2, invalid: 1 },
    mode: 'exception',
  }),
  crashSweep({
    name: 'sweep: crash at each call (2 valid, 1 invalid)',
    fast: true,
    world: { valid: 2, invalid: 1 },
    mode: 'crash',
  }),
  unsettledSweep({
    name: 'sweep: exception at each draft and HubSpot call (2 valid, 1 invalid)',
    fast: true,
  }),
  crashSweep({
    name: 'sweep: exception at each call (6 valid, 2 invalid)',
    fast: false,
    world: { valid: 6, invalid: 2 },
    mode: 'exception',
  }),
  crashSweep({
    name: 'sweep: crash at each call (6 valid, 2 invalid)',
    fast: false,
    world: { valid: 6, invalid: 2 },
    mode: 'crash',
  }),
  hubspotFaults({
    name: 'HubSpot: 429 and 5xx on reads and writes',
    fast: true,
    trials: HUBSPOT_FAULTS.filter((t) => /^(429 SECONDLY|503 on the task write after)/.test(t.label)),
  }),
  ...HUBSPOT_FAULTS.map((t) => hubspotFaults({ name: `HubSpot: ${t.label}`, fast: false, trials: [t] })),
  ...APPS_SCRIPT_FAULTS.map((t) =>
    appsScriptFaults({ name: `Apps Script: ${t.label}`, fast: false, trials: [t] }),
  ),
  ...timeSweeps(),
  ...overlapCases(),
  ...hostileCases(),
  ...pollerEdgeCases(),
  ...concurrencyCases(),
];

export function selectCases(options: { fast: boolean; filter?: string }): ReliabilityCase[] {
  return CASES.filter(
    (c) =>
      (!options.fast || c.fast) &&
      (!options.filter || `${c.group} ${c.name}`.toLowerCase().includes(options.filter.toLowerCase())),
  );
}

export async function runMatrix(
  cases: ReliabilityCase[],
  bundleCode: string,
  onRow: (row: CaseRow) => void = () => undefined,
): Promise<{ rows: CaseRow[]; totals: Metrics }> {
  const rows: CaseRow[] = [];
  const totals = emptyMetrics();
  for (const c of cases) {
    const started = Date.now();
    const metrics = await c.run(bundleCode);
    const row: CaseRow = { name: c.name, group: c.group, ms: Date.now() - started, ...metrics };
    rows.push(row);
    addMetrics(totals, metrics, c.name);
    onRow(row);
  }
  totals.findings = [];
  return { rows, totals };
}
