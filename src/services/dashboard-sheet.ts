// The "Dashboard" tab of the audit spreadsheet: the figures of core/dashboard.ts as tables (one setValues)
// and, the first time, charts over them (SpreadsheetApp's embedded charts).
// https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
import { inertForExport, sheetSafe } from '../core/audit';
import type { Dashboard } from '../core/dashboard';
import { DASHBOARD_TAB } from './audit-sheet-setup';

/** Rows reserved for each day-by-day table: a year and a bit. */
const TABLE_ROWS = 400;
const WIDTH = 11;

type Cell = string | number;

export function writeDashboard(spreadsheetId: string, dashboard: Dashboard, updatedAt: Date): void {
  const spreadsheet = SpreadsheetApp.openById(spreadsheetId);
  const sheet = spreadsheet.getSheetByName(DASHBOARD_TAB) || spreadsheet.insertSheet(DASHBOARD_TAB);
  const grid = layout(dashboard, updatedAt);
  if (sheet.getMaxRows() < grid.length)
    sheet.insertRowsAfter(sheet.getMaxRows(), grid.length - sheet.getMaxRows());
  sheet.getRange(1, 1, grid.length, WIDTH).setValues(grid);
  if (!sheet.getCharts().length) insertCharts(sheet);
}

/** All tables side by side in one grid, so the tab is written in a single call. */
export function layout(d: Dashboard, updatedAt: Date): Cell[][] {
  const grid: Cell[][] = [];
  for (let r = 0; r < TABLE_ROWS + 2; r++) grid.push(new Array<Cell>(WIDTH).fill(''));
  const put = (row: number, column: number, value: Cell) => {
    grid[row][column] = typeof value === 'string' ? sheetSafe(inertForExport(value)) : value;
  };
  put(0, 0, 'Prospector dashboard');
  put(0, 1, `Updated ${updatedAt.toISOString()} from ${d.rows} audit rows`);
  put(2, 0, 'Draft outcome');
  put(2, 1, 'Drafts');
  const outcomes: Array<[string, number]> = [
    ['Sent by a person', d.outcomes.sent],
    ['Discarded', d.outcomes.discarded],
    ['Waiting for review', d.outcomes.waiting],
  ];
  outcomes.forEach(([label, n], i) => {
    put(3 + i, 0, label);
    put(3 + i, 1, n);
  });
  put(7, 0, 'Drafts prepared');
  put(7, 1, d.outcomes.prepared);
  put(8, 0, 'Median minutes from prepared to sent');
  put(8, 1, d.medianTurnaroundMinutes === null ? 'no draft sent yet' : d.medianTurnaroundMinutes);
  table(put, 3, ['Day (UTC)', 'Drafts prepared'], d.draftsPerDay);
  table(put, 6, ['Form', 'Leads'], d.leadsByForm);
  table(put, 9, ['Day (UTC)', 'Connector errors'], d.errorsPerDay);
  return grid;
}

function table(
  put: (row: number, column: number, value: Cell) => void,
  column: number,
  header: [string, string],
  rows: Array<[string, number]>,
): void {
  put(0, column, header[0]);
  put(0, column + 1, header[1]);
  rows.slice(-TABLE_ROWS).forEach(([key, n], i) => {
    put(1 + i, column, key);
    put(1 + i, column + 1, n);
  });
}

function insertCharts(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
  const charts: Array<[GoogleAppsScript.Charts.ChartType, string, string, number, number]> = [
    [Charts.ChartType.COLUMN, `D1:E${TABLE_ROWS + 1}`, 'Drafts prepared per day', 12, 1],
    [Charts.ChartType.PIE, 'A3:B6', 'Prepared drafts: sent, discarded, waiting', 12, 6],
    [Charts.ChartType.BAR, `G1:H${TABLE_ROWS + 1}`, 'Leads by source form', 30, 1],
    [Charts.ChartType.LINE, `J1:K${TABLE_ROWS + 1}`, 'Connector errors per day', 30, 6],
  ];
  for (const [type, range, title, row, column] of charts) {
    sheet.insertChart(
      sheet
        .newChart()
        .setChartType(type)
        .addRange(sheet.getRange(range))
        .setOption('title', title)
        .setPosition(row, column, 0, 0)
        .build(),
    );
  }
}
