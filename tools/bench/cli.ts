// `npm run bench [-- --submissions 0,1,10,100,1000]`: measures the sidebar and the poller in the workbench
// (ours, the naive baseline and the minimum), our code's CPU time and the bundle, checks the targets,
// models a team's working day against Google's and HubSpot's quotas from those measurements, prints a
// table and writes bench/results.json, the charts in docs/images/ and the table block of docs/performance.md. It is a report: it exits 0 even when a target fails, and lists failures last.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { buildBundle } from '../build';
import { quotaChart, sidebarChart } from './bench-charts';
import { callsChart } from './chart';
import { modelDay } from './day';
import { benchDay } from './day-bench';
import { benchBundle, benchCompose, benchSlotFinding, machine } from './cpu';
import { buildNaiveBundle } from './naive-bundle';
import { benchPoller } from './poller-bench';
import type { PollerRow } from './poller-bench';
import { markdownReport, textReport } from './report';
import { benchSidebar } from './sidebar-bench';
import { speedChart } from './speed-chart';
import { benchSpeedToLead } from './speed-to-lead';
import { benchWriter, writerReport } from './writer-bench';
import { evaluateTargets } from './targets';
import type { Measured } from './targets';

const ROOT = join(__dirname, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results.json');
const CHART = join(ROOT, 'docs', 'images', 'bench-calls.svg');
const SIDEBAR_CHART = join(ROOT, 'docs', 'images', 'bench-sidebar.svg');
const QUOTA_CHART = join(ROOT, 'docs', 'images', 'bench-day-quotas.svg');
const SPEED_CHART = join(ROOT, 'docs', 'images', 'speed-to-lead.svg');
const DOC = join(ROOT, 'docs', 'performance.md');
const DOC_BEGIN = '<!-- bench:begin (written by npm run bench) -->';
const DOC_END = '<!-- bench:end -->';
/** A poll of 0 is the common case: most hourly runs find nothing. */
const DEFAULT_SUBMISSIONS = [0, 1, 10, 100, 1000];

function parseSubmissions(argv: string[]): number[] {
  const at = argv.indexOf('--submissions');
  if (at < 0) return DEFAULT_SUBMISSIONS;
  const list = (argv[at + 1] || '').split(',').map(Number);
  if (!list.length || list.some((n) => !Number.isInteger(n) || n < 0))
    throw new Error('Usage: npm run bench -- [--submissions 0,1,10,100,1000]');
  return list;
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/**
 * Replaces the block between the markers in docs/performance.md, leaving the prose around it alone, and
 * formats the page as `npm run format` would, so a bench run leaves nothing for the format check.
 */
async function updateDoc(block: string): Promise<boolean> {
  const text = readFileSync(DOC, 'utf8');
  const begin = text.indexOf(DOC_BEGIN);
  const end = text.indexOf(DOC_END);
  if (begin < 0 || end < begin) return false;
  const updated = `${text.slice(0, begin + DOC_BEGIN.length)}\n\n${block}\n\n${text.slice(end)}`;
  writeFileSync(DOC, await format(updated, { ...(await resolveConfig(DOC)), filepath: DOC }));
  return true;
}

async function main(): Promise<void> {
  const submissions = parseSubmissions(process.argv.slice(2));
  const addOn = (await buildBundle()).code;
  const bundles = { addOn, naive: await buildNaiveBundle() };
  const progress = (line: string) => process.stderr.write(`${line}\n`);

  progress('sidebar ...');
  const sidebar = await benchSidebar(bundles);
  const poller: PollerRow[] = [];
  for (const n of submissions) {
    progress(`poller, ${n} submission(s) ...`);
    poller.push(await benchPoller(bundles, n));
  }
  progress("the team's day: colleagues' polls and the daily maintenance ...");
  const dayBench = await benchDay(bundles);
  const day = modelDay({
    sidebar: sidebar.rows,
    ownPolls: poller.map((row) => ({ submissions: row.submissions, cost: row.ours.cost })),
    colleaguePolls: dayBench.colleaguePolls.filter((poll) => !poll.error),
    maintenance: dayBench.maintenance.error ? null : dayBench.maintenance.cost,
  });
  for (const poll of dayBench.colleaguePolls)
    if (poll.error) progress(`  colleague poll of ${poll.submissions}: ${poll.error}`);
  if (dayBench.maintenance.error) progress(`  daily maintenance failed: ${dayBench.maintenance.error}`);
  progress('speed to lead: a working week, hourly trigger alone and with the sidebar ...');
  const speedToLead = await benchSpeedToLead(addOn);
  progress('poller with the message writer, 100 leads ...');
  const writer = await benchWriter(bundles);
  progress('CPU ...');
  const cpu = {
    slotFinding: benchSlotFinding(),
    compose100: benchCompose(),
    bundle: await benchBundle(addOn),
    machine: machine(),
  };
  const measured: Measured = { sidebar, poller, cpu, day, speedToLead };
  const targets = evaluateTargets(measured);

  console.log(textReport(measured, targets));
  console.log(`\nThe poller with the message writer on, beside the template path:\n${writerReport(writer)}`);
  write(
    RESULTS,
    `${JSON.stringify({ latencyModel: 'docs/workbench.md', ...measured, dayBench, writer, targets }, null, 2)}\n`,
  );
  write(CHART, callsChart(poller));
  write(SIDEBAR_CHART, sidebarChart(sidebar));
  write(QUOTA_CHART, quotaChart(day));
  write(SPEED_CHART, speedChart(speedToLead));
  const documented = await updateDoc(markdownReport(measured, targets));
  console.log(
    `\nWrote bench/results.json, docs/images/bench-calls.svg, bench-sidebar.svg, bench-day-quotas.svg, speed-to-lead.svg${documented ? ' and the table in docs/performance.md' : ''}.`,
  );
}

main().catch((error) => {
  console.error(`The bench failed: ${(error as Error).stack || error}`);
  process.exit(2);
});
