// The matrix as a table a person reads and as JSON a tool reads. A "should be zero" column that is not
// zero is marked with '!' and fails the command.
import type { Metrics } from './measure';
import { ZERO_COLUMNS } from './measure';

export interface CaseRow extends Metrics {
  name: string;
  group: string;
  /** Wall-clock time of the case, ms. */
  ms: number;
}

export interface Report {
  generatedAt: string;
  fast: boolean;
  bundleBytes: number;
  rows: CaseRow[];
  totals: Metrics;
  /** True when every "should be zero" column is zero in every row. */
  passed: boolean;
}

const COLUMNS: Array<{ key: keyof Metrics; title: string }> = [
  { key: 'trials', title: 'trials' },
  { key: 'runs', title: 'runs' },
  { key: 'faults', title: 'faults' },
  { key: 'submissions', title: 'subs' },
  { key: 'draftsExpected', title: 'drafts exp' },
  { key: 'draftsMade', title: 'made' },
  { key: 'duplicates', title: 'dupes' },
  { key: 'lost', title: 'lost' },
  { key: 'unaudited', title: 'unaudited' },
  { key: 'lostWrites', title: 'lostWrites' },
  { key: 'formulaCells', title: 'formulas' },
  { key: 'unescapedHtml', title: 'html' },
  { key: 'headerInjection', title: 'headers' },
  { key: 'secretsLeaked', title: 'secrets' },
  { key: 'messagesSent', title: 'sent' },
  { key: 'crashes', title: 'crashes' },
  { key: 'otherOutcome', title: 'other' },
];

export function failing(row: Metrics): string[] {
  return ZERO_COLUMNS.filter((key) => row[key] !== 0);
}

export function formatTable(rows: CaseRow[], totals: Metrics): string {
  const header = ['case', ...COLUMNS.map((c) => c.title), 's'];
  const line = (name: string, m: Metrics, ms: number | null) => {
    const bad = new Set<string>(failing(m));
    return [
      name,
      ...COLUMNS.map((c) => `${m[c.key]}${bad.has(c.key) ? '!' : ''}`),
      ms === null ? '' : (ms / 1000).toFixed(1),
    ];
  };
  const body = rows.map((r) => line(r.name, r, r.ms));
  const total = line(
    'TOTAL',
    totals,
    rows.reduce((sum, r) => sum + r.ms, 0),
  );
  const all = [header, ...body, total];
  const widths = header.map((_, i) => Math.max(...all.map((cells) => cells[i].length)));
  const render = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [render(header), rule, ...body.map(render), render(total)].join('\n');
}

/** Findings of the rows that failed (and of rows with other outcomes), for the lines under the table. */
export function formatFindings(rows: CaseRow[]): string {
  const lines: string[] = [];
  for (const row of rows) {
    if (!failing(row).length && !row.otherOutcome) continue;
    lines.push(`${row.name} (${failing(row).join(', ') || 'other outcomes only'}):`);
    row.findings.slice(0, 12).forEach((f) => lines.push(`  - ${f}`));
    if (row.findings.length > 12) lines.push(`  - ... ${row.findings.length - 12} more in the JSON`);
  }
  return lines.join('\n');
}
