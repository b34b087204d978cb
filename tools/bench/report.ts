// Presents a bench run: the same tables as aligned text for the terminal and as Markdown for
// docs/performance.md, then every target with PASS or FAIL.
import type { Cost } from './cost-meter';
import type { CpuResult } from './cpu';
import type { Day } from './day';
import { formatUsed } from './day-targets';
import type { FlowResult, PollerRow } from './poller-bench';
import type { SidebarResult } from './sidebar-bench';
import { callList } from './targets';
import type { Measured, TargetResult } from './targets';

type Style = 'text' | 'markdown';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : '-');

function table(headers: string[], rows: string[][], style: Style): string[] {
  if (style === 'markdown') {
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    return [line(headers), line(headers.map((_, i) => (i === 0 ? '---' : '--:'))), ...rows.map(line)];
  }
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), ...rows.map(line)];
}

/** 'GmailApp 127, PropertiesService 8, ...' largest first. */
function byService(cost: Cost): string {
  return Object.entries(cost.byService)
    .sort((a, b) => b[1] - a[1])
    .map(([service, n]) => `${service} ${n}`)
    .join(', ');
}

function sidebarTable(sidebar: SidebarResult, style: Style): string[] {
  const rows = sidebar.rows.map((r) => [
    r.label + (r.error ? ` (ERROR: ${r.error})` : ''),
    `${r.cost.roundTrips}`,
    seconds(r.cost.modelledMs),
    `${r.cost.hubspotRequests}`,
    `${r.minimum.roundTrips}`,
    times(r.cost.roundTrips, r.minimum.roundTrips),
  ]);
  const naive = sidebar.naiveOpen.cost;
  rows.splice(2, 0, [
    `naive open of the same message${sidebar.naiveOpen.error ? ` (ERROR: ${sidebar.naiveOpen.error})` : ''}`,
    `${naive.roundTrips}`,
    seconds(naive.modelledMs),
    `${naive.hubspotRequests}`,
    '',
    '',
  ]);
  return table(
    ['sidebar', 'round trips', 'modelled', 'HubSpot requests', 'minimum', 'ours / minimum'],
    rows,
    style,
  );
}

function flowCells(label: string, flow: FlowResult, ratios: [string, string]): string[] {
  const c = flow.cost;
  return [
    label,
    `${c.executions}`,
    `${c.roundTrips}`,
    `${c.hubspotRequests}`,
    `${c.googleApiRequests}`,
    `${c.sheetWrites} / ${Math.max(0, ...c.perExecution.map((e) => e.sheetWrites))}`,
    seconds(c.modelledMs),
    flow.drained ? 'yes' : `NO (${flow.work.drafts} drafts)`,
    ...ratios,
  ];
}

/** A ratio against a flow that did not finish its work compares unlike things: it is not shown. */
function ratioOf(a: FlowResult | number, b: FlowResult | number): string {
  const value = (x: FlowResult | number) => (typeof x === 'number' ? x : x.cost.roundTrips);
  const done = (x: FlowResult | number) => typeof x === 'number' || x.drained;
  return done(a) && done(b) ? times(value(a), value(b)) : 'n/a';
}

function pollerTable(rows: PollerRow[], style: Style): string[] {
  const cells = rows.flatMap((row) => [
    flowCells(`${row.submissions} ours`, row.ours, [
      ratioOf(row.naive, row.ours),
      ratioOf(row.ours, row.minimum.roundTrips),
    ]),
    flowCells(`${row.submissions} naive`, row.naive, ['', '']),
    [
      `${row.submissions} minimum`,
      `${row.minimum.executions}`,
      `${row.minimum.roundTrips}`,
      `${row.minimum.hubspotRequests}`,
      `${row.minimum.executions}`,
      `${row.minimum.sheetWrites} / 1`,
      seconds(row.minimum.modelledMs),
      '',
      '',
      '',
    ],
  ]);
  return table(
    [
      'submissions',
      'executions',
      'round trips',
      'HubSpot requests',
      'Google API requests',
      'sheet writes (total / max per run)',
      'modelled',
      'drained',
      'naive / ours',
      'ours / minimum',
    ],
    cells,
    style,
  );
}

function cpuTable(cpu: CpuResult, style: Style): string[] {
  return table(
    ['CPU (this machine)', 'median', 'p95'],
    [
      [
        `slot finding: ${cpu.slotFinding.busyEvents} busy events, ${cpu.slotFinding.horizonDays}-day horizon`,
        `${cpu.slotFinding.medianMs} ms`,
        `${cpu.slotFinding.p95Ms} ms`,
      ],
      [
        `composing ${cpu.compose100.drafts} drafts`,
        `${cpu.compose100.medianMs} ms`,
        `${cpu.compose100.p95Ms} ms`,
      ],
      [
        `bundle parse + load in a bare vm (${(cpu.bundle.bytes / 1024).toFixed(1)} KB)`,
        `${cpu.bundle.parse.medianMs} ms`,
        `${cpu.bundle.parse.p95Ms} ms`,
      ],
    ],
    style,
  );
}

/** The team's day: each quota's use at the modelled team size, then the first to run out. */
function dayTable(day: Day, style: Style): string[] {
  const rows = day.quotas.map((q) => [
    q.label,
    q.scope === 'user' ? `per user (busiest: ${q.whose})` : 'shared (account)',
    formatUsed(q.used, q.unit),
    `${q.limit.toLocaleString('en-US')} ${q.unit}`,
    `${(q.share * 100).toFixed(2)} %`,
  ]);
  const first = day.firstToRunOut
    ? `First to run out as the team grows: ${day.firstToRunOut.label}, at ${day.firstToRunOut.atReps} reps.`
    : 'No quota runs out up to the largest team searched.';
  const lines = [
    ...table(
      [
        `day: ${day.reps} reps + ${day.admins} admin, ${day.submissions} submissions`,
        'whose',
        'used',
        'limit',
        'share',
      ],
      rows,
      style,
    ),
    '',
    first,
  ];
  if (day.missing.length)
    lines.push(
      '',
      `INCOMPLETE: the bench measured no ${day.missing.join('; no ')}. Those count as zero: every figure above is a lower bound.`,
    );
  if (day.extrapolated.length)
    lines.push(`Extrapolated beyond the measured sizes: ${day.extrapolated.join('; ')}.`);
  return lines;
}

function targetLines(targets: TargetResult[], style: Style): string[] {
  return table(
    ['target', 'actual', 'result'],
    targets.map((t) => [t.target, t.actual, t.pass ? 'PASS' : 'FAIL']),
    style,
  );
}

/** What the terminal shows: tables, the calls behind each row, targets, and the failures at the end. */
export function textReport(measured: Measured, targets: TargetResult[]): string {
  const { sidebar, poller, cpu } = measured;
  const lines = [
    `Prospector benchmark. Round trips and modelled latency from the workbench's call ledger and simulated`,
    `clock (latency model: docs/workbench.md); CPU on ${cpu.machine.cpu}, Node ${cpu.machine.node}.`,
    '',
    ...sidebarTable(sidebar, 'text'),
    '',
    ...speedTable(measured, 'text'),
    'Calls per sidebar row:',
    ...sidebar.rows.map((r) => `  ${r.label}: ${callList(r.cost).join(', ')}`),
    `  naive open: ${callList(sidebar.naiveOpen.cost).join(', ')}`,
    `  same lookup? ours ${JSON.stringify(sidebar.lookups.ours)}`,
    `               naive ${JSON.stringify(sidebar.lookups.naive)}`,
    '',
    ...pollerTable(poller, 'text'),
    '',
    'Round trips by service:',
    ...poller.flatMap((row) => [
      `  ${row.submissions} ours: ${byService(row.ours.cost)}`,
      `  ${row.submissions} naive: ${byService(row.naive.cost)}`,
    ]),
    '',
    ...cpuTable(cpu, 'text'),
    '',
    ...(measured.day ? [...dayTable(measured.day, 'text'), ''] : []),
    ...targetLines(targets, 'text'),
  ];
  const failed = targets.filter((t) => !t.pass);
  lines.push('');
  if (!failed.length) lines.push('All targets pass.');
  else {
    lines.push(`${failed.length} target(s) FAIL:`);
    for (const t of failed) {
      lines.push(`  FAIL ${t.target}: ${t.actual}`);
      t.excess.forEach((e) => lines.push(`       ${e}`));
    }
  }
  return lines.join('\n');
}

/** The Markdown block docs/performance.md shows between its bench markers. */
export function markdownReport(measured: Measured, targets: TargetResult[]): string {
  return [
    ...sidebarTable(measured.sidebar, 'markdown'),
    '',
    ...pollerTable(measured.poller, 'markdown'),
    '',
    ...speedTable(measured, 'markdown'),
    ...cpuTable(measured.cpu, 'markdown'),
    '',
    ...(measured.day ? [...dayTable(measured.day, 'markdown'), ''] : []),
    ...targetLines(targets, 'markdown'),
  ].join('\n');
}

/** Minutes from submission to prepared draft, working-hours leads (tools/bench/speed-to-lead.ts). */
function speedTable(measured: Measured, style: Style): string[] {
  const speed = measured.speedToLead;
  if (!speed) return [];
  const row = (name: string, d: typeof speed.hourly) => [
    name,
    String(speed.leads),
    String(d.draftP50Min),
    String(d.draftP90Min),
    String(d.draftP95Min),
  ];
  return [
    ...table(
      ['speed to lead (minutes to draft)', 'leads', 'p50', 'p90', 'p95'],
      [row('hourly trigger alone', speed.hourly), row('hourly trigger + sidebar', speed.rideAlong)],
      style,
    ),
    '',
  ];
}
