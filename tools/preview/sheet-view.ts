// The audit spreadsheet as the dev page shows it: the "Dashboard" tab's figures and charts (charts drawn
// as small SVGs from the ranges they plot) and the "Audit" tab as a table.
import type { CellState, ChartState, SheetState, SpreadsheetsState } from '../workbench/fakes/spreadsheet';
import type { AuditEvent } from '../../src/core/audit';
import { escapeHtml } from './rich-text';

export interface DashboardCell {
  value: string;
  bold: boolean;
  background?: string;
}

export interface ChartView {
  type: string;
  title: string;
  labels: string[];
  series: Array<{ name: string; values: number[] }>;
}

export interface DashboardView {
  cells: DashboardCell[][];
  charts: ChartView[];
}

const DASHBOARD_TAB = 'Dashboard';
/** Columns shown until "All columns" is ticked; the rest are hashes, ids and JSON. */
const MAIN_AUDIT_COLUMNS = ['Local time', 'Event type', 'Actor', 'Outcome', 'Summary'];

function cellText(cell: CellState | undefined): string {
  if (!cell || cell.value === null || cell.value === undefined) return '';
  if (cell.value instanceof Date) return cell.value.toISOString();
  return String(cell.value);
}

/** The smallest block holding every non-empty cell, from A1. */
function usedCells(sheet: SheetState): DashboardCell[][] {
  const rows = sheet.cells.map((row) => (row || []).map((cell) => ({ cell, text: cellText(cell) })));
  let lastRow = -1;
  let lastColumn = -1;
  rows.forEach((row, r) =>
    row.forEach(({ text }, c) => {
      if (text !== '') {
        lastRow = Math.max(lastRow, r);
        lastColumn = Math.max(lastColumn, c);
      }
    }),
  );
  const used: DashboardCell[][] = [];
  for (let r = 0; r <= lastRow; r++) {
    const line: DashboardCell[] = [];
    for (let c = 0; c <= lastColumn; c++) {
      const entry = rows[r]?.[c];
      line.push({
        value: entry ? entry.text : '',
        bold: entry?.cell?.fontWeight === 'bold',
        background: entry?.cell?.background,
      });
    }
    used.push(line);
  }
  return used;
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** The values of an A1 range such as "Dashboard!A1:B8", "'Audit trail'!C2:C9" or "A1:B2" (on `home`). */
export function rangeValues(sheets: SheetState[], range: string, home: SheetState): string[][] {
  const match = /^(?:(?:'((?:[^']|'')+)'|([^!]+))!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(
    range.trim(),
  );
  if (!match) return [];
  const name = match[1] ? match[1].replace(/''/g, "'") : match[2];
  const sheet = name ? sheets.find((s) => s.name === name) : home;
  if (!sheet) return [];
  const [top, left] = [Number(match[4]) - 1, columnNumber(match[3]) - 1];
  const bottom = match[6] ? Number(match[6]) - 1 : top;
  const right = match[5] ? columnNumber(match[5]) - 1 : left;
  const values: string[][] = [];
  for (let r = top; r <= Math.min(bottom, sheet.cells.length - 1); r++) {
    values.push([]);
    for (let c = left; c <= right; c++) values[values.length - 1].push(cellText(sheet.cells[r]?.[c]));
  }
  return values;
}

/** A chart's data the way Sheets reads it: first column labels, others series, a text first row names them. */
function chartView(chart: ChartState, sheets: SheetState[], home: SheetState): ChartView {
  // Rows reserved for later days are empty; Sheets draws nothing for them.
  const rows = chart.ranges
    .flatMap((range) => rangeValues(sheets, range, home))
    .filter((row) => row.some((text) => text !== ''));
  const numeric = (text: string) => text !== '' && Number.isFinite(Number(text));
  const hasHeader = rows.length > 0 && rows[0].slice(1).some((text) => text !== '' && !numeric(text));
  const body = hasHeader ? rows.slice(1) : rows;
  const width = Math.max(0, ...rows.map((row) => row.length));
  const series = [];
  for (let c = 1; c < width; c++) {
    series.push({
      name: hasHeader ? rows[0][c] : `Series ${c}`,
      values: body.map((row) => (numeric(row[c] ?? '') ? Number(row[c]) : 0)),
    });
  }
  return {
    type: chart.type,
    title: String(chart.options.title ?? ''),
    labels: body.map((row) => row[0] ?? ''),
    series,
  };
}

/** The Dashboard tab of the audit spreadsheet, or null when there is none or it is empty. */
export function dashboardOf(spreadsheets: SpreadsheetsState): DashboardView | null {
  for (const file of spreadsheets.files.values()) {
    const sheet = file.sheets.find((s) => s.name === DASHBOARD_TAB);
    if (!sheet || !file.sheets.some((s) => s.name === 'Audit')) continue;
    const view = {
      cells: usedCells(sheet),
      charts: sheet.charts.map((c) => chartView(c, file.sheets, sheet)),
    };
    return view.cells.length || view.charts.length ? view : null;
  }
  return null;
}

const PALETTE = ['#1a73e8', '#e8710a', '#188038', '#d93025', '#9334e6', '#12b5cb'];

function pieSvg(view: ChartView): string {
  const values = (view.series[0]?.values || []).map((v) => Math.max(0, v));
  const total = values.reduce((a, b) => a + b, 0);
  if (!total) return '<div class="chart-empty">No data yet</div>';
  let angle = -Math.PI / 2;
  const slices = values.map((value, i) => {
    const sweep = (value / total) * Math.PI * 2;
    const [x1, y1] = [60 + 50 * Math.cos(angle), 60 + 50 * Math.sin(angle)];
    angle += sweep;
    const [x2, y2] = [60 + 50 * Math.cos(angle), 60 + 50 * Math.sin(angle)];
    const color = PALETTE[i % PALETTE.length];
    if (value === total) return `<circle cx="60" cy="60" r="50" fill="${color}"/>`;
    return `<path d="M60,60 L${x1.toFixed(2)},${y1.toFixed(2)} A50,50 0 ${sweep > Math.PI ? 1 : 0} 1 ${x2.toFixed(2)},${y2.toFixed(2)} Z" fill="${color}"/>`;
  });
  const legend = view.labels
    .map(
      (label, i) =>
        `<div class="legend-item"><span class="swatch" style="background:${PALETTE[i % PALETTE.length]}"></span>${escapeHtml(label)}: ${values[i] ?? 0}</div>`,
    )
    .join('');
  return `<div class="chart-pie"><svg viewBox="0 0 120 120" width="120" height="120" role="img">${slices.join('')}</svg><div class="legend">${legend}</div></div>`;
}

function barsSvg(view: ChartView): string {
  const count = view.labels.length;
  const max = Math.max(0, ...view.series.flatMap((s) => s.values));
  if (!count || !max) return '<div class="chart-empty">No data yet</div>';
  const [width, height, base] = [360, 150, 130];
  const group = width / count;
  // Bars at most 40 px wide, each group centred on its label (as Sheets draws a short series).
  const bar = Math.min(40, Math.max(2, (group * 0.7) / Math.max(1, view.series.length)));
  const bars = view.labels.flatMap((label, i) =>
    view.series.map((s, k) => {
      const h = ((s.values[i] ?? 0) / max) * (base - 10);
      const x = i * group + (group - bar * view.series.length) / 2 + k * bar;
      return `<rect x="${x.toFixed(1)}" y="${(base - h).toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${PALETTE[k % PALETTE.length]}"><title>${escapeHtml(label)}: ${s.values[i] ?? 0}</title></rect>`;
    }),
  );
  const step = Math.ceil(count / 8);
  const labels = view.labels
    .map((label, i) =>
      i % step
        ? ''
        : `<text x="${(i * group + group / 2).toFixed(1)}" y="${height - 4}" text-anchor="middle">${escapeHtml(label.slice(0, 10))}</text>`,
    )
    .join('');
  const legend =
    view.series.length > 1
      ? `<div class="legend">${view.series.map((s, k) => `<span class="legend-item"><span class="swatch" style="background:${PALETTE[k % PALETTE.length]}"></span>${escapeHtml(s.name)}</span>`).join('')}</div>`
      : '';
  return `<svg class="chart-bars" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img"><line x1="0" y1="${base}" x2="${width}" y2="${base}" stroke="#dadce0"/>${bars.join('')}<text x="2" y="10">${max}</text>${labels}</svg>${legend}`;
}

export function renderDashboard(view: DashboardView): string {
  const figures = view.cells.length
    ? `<table class="sheet-table dashboard-figures">${view.cells
        .map(
          (row) =>
            `<tr>${row
              .map(
                (cell) =>
                  `<td class="${cell.bold ? 'bold' : ''}"${cell.background ? ` style="background:${escapeHtml(cell.background)}"` : ''}>${escapeHtml(cell.value)}</td>`,
              )
              .join('')}</tr>`,
        )
        .join('')}</table>`
    : '';
  const charts = view.charts
    .map(
      (chart) =>
        `<figure class="chart" data-chart-type="${escapeHtml(chart.type)}"><figcaption>${escapeHtml(chart.title || chart.type)}</figcaption>${chart.type === 'PIE' ? pieSvg(chart) : barsSvg(chart)}</figure>`,
    )
    .join('');
  return `<div class="dashboard"><h3>Dashboard tab</h3>${figures}<div class="charts">${charts}</div></div>`;
}

function outcomeChip(outcome: string): string {
  return `<span class="chip chip-${escapeHtml(outcome.toLowerCase())}">${escapeHtml(outcome)}</span>`;
}

export function renderAuditTable(audit: { header: string[]; rows: string[][] }): string {
  if (!audit.header.length) return '<p class="empty">No audit sheet yet (Settings → Create audit sheet).</p>';
  const main = audit.header.map((name) => MAIN_AUDIT_COLUMNS.includes(name));
  const slug = (name: string) =>
    name
      .toLowerCase()
      .replace(/[^a-z]+/g, '-')
      .replace(/-$/, '');
  const cls = (i: number) => `${main[i] ? 'col-main' : 'col-extra'} col-${slug(audit.header[i])}`;
  const head = audit.header.map((name, i) => `<th class="${cls(i)}">${escapeHtml(name)}</th>`).join('');
  const rows = [...audit.rows]
    .reverse()
    .map(
      (row) =>
        `<tr>${audit.header
          .map((name, i) => {
            const value = row[i] ?? '';
            const content = name === 'Outcome' ? outcomeChip(value) : escapeHtml(value);
            return `<td class="${cls(i)}"${value.length > 40 ? ` title="${escapeHtml(value)}"` : ''}>${content}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  return (
    `<div class="audit-tab"><h3>Audit tab <span class="count">${audit.rows.length} rows, newest first</span>` +
    `<label class="toggle"><input type="checkbox" data-toggle="audit-all-columns"> All ${audit.header.length} columns</label></h3>` +
    `<div class="table-scroll"><table class="sheet-table audit-table">` +
    `<thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div></div>`
  );
}

/**
 * The team's audit queue (script properties): events every execution appended, which the sheet owner's
 * next trigger run writes to the Audit tab. Shown so a click's events are visible before that run.
 */
export function renderAuditQueue(events: AuditEvent[], timeZone: string): string {
  if (!events.length) return '';
  const time = (at: number) =>
    new Date(at).toLocaleString('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const rows = [...events]
    .reverse()
    .map(
      (e) =>
        `<tr><td>${escapeHtml(time(e.at))}</td><td>${escapeHtml(e.type)}</td><td>${escapeHtml(e.actor)}</td>` +
        `<td>${outcomeChip(e.outcome)}</td><td>${escapeHtml(e.summary)}</td></tr>`,
    )
    .join('');
  return (
    `<div class="audit-queue"><h3>Waiting for the sheet <span class="count">${events.length} queued, newest first; ` +
    `the sheet owner's next trigger run writes them</span></h3>` +
    `<div class="table-scroll"><table class="sheet-table audit-queue-table"><thead><tr>` +
    `<th>Time</th><th>Event type</th><th>Actor</th><th>Outcome</th><th>Summary</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></div></div>`
  );
}
