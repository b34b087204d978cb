import { createSheetState, createSpreadsheetsState } from '../../tools/workbench/fakes/spreadsheet';
import type { ChartState, SpreadsheetFileState } from '../../tools/workbench/fakes/spreadsheet';
import { dashboardOf, rangeValues, renderAuditTable, renderDashboard } from '../../tools/preview/sheet-view';

function chart(type: string, range: string, title: string): ChartState {
  return {
    chartId: 1,
    type,
    ranges: [range],
    options: { title },
    position: { row: 1, column: 4, offsetX: 0, offsetY: 0 },
  };
}

function auditFile(dashboardValues: (string | number)[][], charts: ChartState[] = []): SpreadsheetFileState {
  const dashboard = createSheetState('Dashboard', 2, dashboardValues);
  dashboard.charts = charts;
  return {
    id: 'sheet-1',
    name: 'Prospector audit trail',
    url: 'https://docs.google.com/spreadsheets/d/sheet-1/edit',
    owner: 'alex@example.com',
    editors: ['alex@example.com'],
    timeZone: 'Etc/UTC',
    sheets: [createSheetState('Audit', 1, [['Timestamp (UTC)']]), dashboard],
  };
}

describe('rangeValues', () => {
  const sheet = createSheetState('My tab', 1, [
    ['a', 'b', 'c'],
    ['d', 'e', 'f'],
  ]);
  it('reads A1 ranges with or without a (quoted) sheet name', () => {
    expect(rangeValues([sheet], "'My tab'!B1:C2", sheet)).toEqual([
      ['b', 'c'],
      ['e', 'f'],
    ]);
    expect(rangeValues([sheet], 'A2', sheet)).toEqual([['d']]);
    expect(rangeValues([sheet], 'Other!A1:B2', sheet)).toEqual([]);
  });
});

describe('dashboardOf', () => {
  it('is null while the Dashboard tab is empty', () => {
    const state = createSpreadsheetsState('alex@example.com', [auditFile([])]);
    expect(dashboardOf(state)).toBeNull();
  });

  it('reads the figures and the data behind each chart', () => {
    const state = createSpreadsheetsState('alex@example.com', [
      auditFile(
        [
          ['Day', 'Drafts prepared'],
          ['2026-03-09', 2],
          ['2026-03-10', 5],
        ],
        [chart('COLUMN', 'Dashboard!A1:B3', 'Drafts per day')],
      ),
    ]);
    const view = dashboardOf(state);
    expect(view?.cells[2].map((c) => c.value)).toEqual(['2026-03-10', '5']);
    expect(view?.charts).toEqual([
      {
        type: 'COLUMN',
        title: 'Drafts per day',
        labels: ['2026-03-09', '2026-03-10'],
        series: [{ name: 'Drafts prepared', values: [2, 5] }],
      },
    ]);
  });
});

describe('renderDashboard', () => {
  it('draws bar charts with one bar per value and pie charts with one slice per label', () => {
    const html = renderDashboard({
      cells: [[{ value: 'Median turnaround', bold: true }]],
      charts: [
        { type: 'COLUMN', title: 'Per day', labels: ['Mon', 'Tue'], series: [{ name: 'n', values: [1, 3] }] },
        {
          type: 'PIE',
          title: 'Outcomes',
          labels: ['sent', 'discarded'],
          series: [{ name: 'n', values: [3, 1] }],
        },
      ],
    });
    expect(html).toContain('<td class="bold">Median turnaround</td>');
    expect(html.match(/<rect /g)).toHaveLength(2);
    expect(html.match(/<path d="M60,60/g)).toHaveLength(2);
    expect(html).toContain('sent: 3');
  });
});

describe('renderAuditTable', () => {
  it('shows the rows newest first, outcome chips, and escapes cell text', () => {
    const html = renderAuditTable({
      header: ['Timestamp (UTC)', 'Outcome', 'Summary'],
      rows: [
        ['2026-03-10T14:30:00Z', 'success', 'first'],
        ['2026-03-10T14:31:00Z', 'failure', '<b>second</b>'],
      ],
    });
    expect(html.indexOf('&lt;b&gt;second&lt;/b&gt;')).toBeLessThan(html.indexOf('>first<'));
    expect(html).toContain('<span class="chip chip-failure">failure</span>');
    expect(html).toContain('2 rows, newest first');
  });
});
