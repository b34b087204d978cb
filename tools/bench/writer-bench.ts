// The poller's cost with the message writer on, beside the template path: the same 100-lead world drained
// twice, once as it is and once with `writer: { enabled: true }`, a key and the Gemini stand-in (its
// modelled server time, MODEL_BASE_LATENCY_MS, is an estimate: docs/workbench.md). Round trips, model
// requests and modelled time come from what the workbench recorded (cost-meter.ts).
// `npx tsx tools/bench/writer-bench.ts [leads]` prints the table; `npm run bench` adds it to its report.
import type { PollSummary } from '../../src/core/poll-run';
import { buildBundle } from '../build';
import { openBenchRunner } from './bench-world';
import type { BenchBundles } from './bench-world';
import { CostMeter } from './cost-meter';
import { queuedAuditEvents } from '../workbench/outcome';
import { benchScenario } from './scenarios';

const KEY = 'AIzaSyBench-writer-key-00000000000000000';
const MAX_EXECUTIONS = 10;

export interface WriterPathCost {
  path: 'template' | 'writer';
  leads: number;
  executions: number;
  roundTrips: number;
  modelRequests: number;
  modelledMs: number;
  drafts: number;
  /** Drafts whose words the model wrote (its audit row says writer "model"). */
  modelDrafts: number;
}

export async function benchWriter(bundles: BenchBundles, leads = 100): Promise<WriterPathCost[]> {
  return [await drainPath(bundles, leads, 'template'), await drainPath(bundles, leads, 'writer')];
}

async function drainPath(
  bundles: BenchBundles,
  leads: number,
  path: WriterPathCost['path'],
): Promise<WriterPathCost> {
  const scenario = benchScenario(leads);
  if (path === 'writer') {
    scenario.settings.shared = { ...scenario.settings.shared, writer: { enabled: true } };
    scenario.settings.writerKey = KEY;
    scenario.model = { key: KEY };
  }
  const runner = openBenchRunner(scenario, bundles);
  try {
    const meter = new CostMeter(runner.world);
    for (let i = 0; i < MAX_EXECUTIONS; i++) {
      const summary = meter.execution(() => runner.step({ poll: true }).returned as PollSummary | null);
      if (!summary || (summary.status === 'finished' && summary.pending === 0)) break;
    }
    const cost = meter.cost();
    // The rep's events wait in the team's queue for the sheet owner's trigger; some may be on the sheet.
    const modelDrafts =
      countModelDrafts(runner.world.spreadsheets.files.values()) +
      queuedAuditEvents(runner.world).filter(
        (e) => e.type === 'draft_created' && /"writer":"model"/.test(JSON.stringify(e.details)),
      ).length;
    return {
      path,
      leads,
      executions: cost.executions,
      roundTrips: cost.roundTrips,
      modelRequests: runner.world.modelRequests().length,
      modelledMs: cost.modelledMs,
      drafts: runner.world.mailbox.drafts.length,
      modelDrafts,
    };
  } finally {
    await runner.world.close();
  }
}

function countModelDrafts(files: Iterable<{ sheets: Array<{ name: string; cells: unknown[][] }> }>): number {
  for (const file of files) {
    const sheet = file.sheets.find((s) => s.name === 'Audit');
    if (!sheet) continue;
    return sheet.cells.filter((row) =>
      (row || []).some((cell) =>
        /"writer":\{"writer":"model"/.test(String((cell as { value?: unknown })?.value ?? '')),
      ),
    ).length;
  }
  return 0;
}

export function writerReport(rows: WriterPathCost[]): string {
  const lines = [
    '| path | leads | executions | round trips | model requests | modelled time | drafts (by the model) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.path} | ${r.leads} | ${r.executions} | ${r.roundTrips} | ${r.modelRequests} | ${(r.modelledMs / 1000).toFixed(1)} s | ${r.drafts} (${r.modelDrafts}) |`,
    ),
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const leads = Number(process.argv[2]) || 100;
  void (async () => {
    const { buildNaiveBundle } = await import('./naive-bundle');
    const bundles = { addOn: (await buildBundle()).code, naive: await buildNaiveBundle() };
    console.log(writerReport(await benchWriter(bundles, leads)));
  })();
}
