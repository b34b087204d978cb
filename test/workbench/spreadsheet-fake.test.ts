import { CallLedger, SimClock } from '../../tools/workbench/runtime';
import {
  createSheetState,
  createSpreadsheetsState,
  FakeCharts,
  FakeSpreadsheetApp,
  FORMULA_NOT_EVALUATED,
  formulaCells,
  sheetToCsv,
  urlOf,
  type SpreadsheetsState,
} from '../../tools/workbench/fakes/spreadsheet';

const ME = 'sam@seller.example';

function world() {
  const clock = new SimClock(Date.parse('2025-03-10T12:00:00Z'));
  const ledger = new CallLedger(clock);
  const state: SpreadsheetsState = createSpreadsheetsState(ME);
  const app = new FakeSpreadsheetApp(state, ledger, clock);
  const spreadsheet = app.create('Prospector audit');
  const sheet = spreadsheet.getSheets()[0];
  return { clock, ledger, state, app, spreadsheet, sheet };
}

describe('how written values are read', () => {
  it('turns strings starting with = + - @ into formulas unless they are plain numbers', () => {
    const { sheet, state } = world();
    sheet
      .getRange(1, 1, 1, 9)
      .setValues([
        ['=SUM(1,2)', 'plain text', '+1-555-0100', '-2+3', '@SUM(A1)', '-5', '42', 'TRUE', '- bullet'],
      ]);

    expect(formulaCells(state).map((f) => [f.cell, f.formula])).toEqual([
      ['A1', '=SUM(1,2)'],
      ['C1', '=+1-555-0100'],
      ['D1', '=-2+3'],
      ['E1', '=SUM(A1)'],
      ['I1', '=- bullet'],
    ]);
    expect(sheet.getRange('A1:I1').getValues()).toEqual([
      [
        FORMULA_NOT_EVALUATED,
        'plain text',
        -654,
        1,
        FORMULA_NOT_EVALUATED,
        -5,
        42,
        true,
        FORMULA_NOT_EVALUATED,
      ],
    ]);
    expect(sheet.getRange('C1').getFormula()).toBe('=+1-555-0100');
  });

  it('stores an apostrophe-prefixed string as text, without the apostrophe', () => {
    const { sheet, state } = world();
    sheet.getRange('A1:B1').setValues([['\'=HYPERLINK("http://evil.example","x")', "'0042"]]);
    expect(formulaCells(state)).toEqual([]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['=HYPERLINK("http://evil.example","x")', '0042']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['', '']]);
  });

  it('keeps everything as text in a cell formatted as plain text', () => {
    const { sheet, state } = world();
    const range = sheet.getRange('A2:C2');
    range.setNumberFormat('@');
    range.setValues([['=1+1', '+44 20 7946 0000', '007']]);
    sheet.getRange('D2').setValue('=1+1');
    expect(formulaCells(state).map((f) => f.cell)).toEqual(['D2']);
    expect(range.getValues()).toEqual([['=1+1', '+44 20 7946 0000', '007']]);
    expect(range.getNumberFormat()).toBe('@');
    expect(sheet.getRange('D2').getValue()).toBe(2);
  });

  it('applies the same reading to appendRow', () => {
    const { sheet, state } = world();
    sheet.appendRow(['Ada', '=IMPORTXML("http://evil.example")', 7]);
    expect(formulaCells(state)).toEqual([
      expect.objectContaining({ sheet: 'Sheet1', cell: 'B1', formula: '=IMPORTXML("http://evil.example")' }),
    ]);
  });

  it('refuses data whose dimensions differ from the range, writing nothing', () => {
    const { sheet } = world();
    const range = sheet.getRange(1, 1, 2, 2);
    expect(() => range.setValues([['a', 'b']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => range.setValues([['a', 'b'], ['c']])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  it('refuses a cell over 50,000 characters, atomically', () => {
    const { sheet } = world();
    const message = 'Your input contains more than the maximum of 50000 characters in a single cell.';
    sheet.getRange('A1').setValue('x'.repeat(50_000));
    expect(() => sheet.getRange('A2:B2').setValues([['ok', 'y'.repeat(50_001)]])).toThrow(message);
    expect(() => sheet.appendRow(['z'.repeat(50_001)])).toThrow(message);
    expect(sheet.getLastRow()).toBe(1);
    expect(sheet.getRange('A2').getValue()).toBe('');
  });

  it('displays numbers, booleans and dates as Sheets shows them', () => {
    const { sheet } = world();
    const range = sheet.getRange('A1:D1');
    range.setValues([[0.256, true, new Date(Date.parse('2025-03-10T09:05:03Z')), 3]]);
    sheet.getRange('A1').setNumberFormat('0.0%');
    sheet.getRange('D1').setNumberFormat('0.00');
    expect(range.getDisplayValues()).toEqual([['25.6%', 'TRUE', '3/10/2025 9:05:03', '3.00']]);
  });
});

describe('grid', () => {
  it('deleteRows moves the rows below up and shrinks the grid', () => {
    const { sheet } = world();
    sheet.getRange(1, 1, 5, 1).setValues([['r1'], ['r2'], ['r3'], ['r4'], ['r5']]);
    sheet.deleteRows(2, 2);
    expect(sheet.getRange(1, 1, 4, 1).getValues()).toEqual([['r1'], ['r4'], ['r5'], ['']]);
    expect(sheet.getLastRow()).toBe(3);
    expect(sheet.getMaxRows()).toBe(998);
    expect(() => sheet.deleteRows(998, 2)).toThrow('Those rows are out of bounds.');
  });

  it('refuses to delete every row below the frozen ones', () => {
    const { app } = world();
    const sheet = app.create('Small', 3, 2).getSheets()[0];
    sheet.setFrozenRows(1);
    expect(() => sheet.deleteRows(2, 2)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    sheet.deleteRows(2, 1);
    expect(sheet.getMaxRows()).toBe(2);
  });

  it('has no cells outside the grid, but appendRow grows it', () => {
    const { app } = world();
    const sheet = app.create('Full', 2, 2).getSheets()[0];
    sheet.getRange('A1:B2').setValues([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(() => sheet.getRange(3, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    sheet.appendRow(['e', 'f', 'g']);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([3, 3]);
    expect(sheet.getRange('A3:C3').getValues()).toEqual([['e', 'f', 'g']]);
    sheet.insertRowsBefore(1, 2);
    expect(sheet.getRange('A3').getValue()).toBe('a');
    expect(sheet.getMaxRows()).toBe(5);
  });

  it('reads A1 notation', () => {
    const { sheet } = world();
    expect(sheet.getRange('b2:C3').getA1Notation()).toBe('B2:C3');
    expect(sheet.getRange('Sheet1!A1').getA1Notation()).toBe('A1');
    expect(sheet.getRange('A:B').getNumRows()).toBe(1000);
    expect(sheet.getRange('2:3').getNumColumns()).toBe(26);
    for (const bad of ['A', '7', 'A1:', 'Other!A1', '1A'])
      expect(() => sheet.getRange(bad)).toThrow('Range not found');
  });
});

describe('protections, filters, charts, sheets', () => {
  it('records a sheet protection that only the owner may edit', () => {
    const { app, sheet, state, spreadsheet } = world();
    state.files.get(spreadsheet.getId())?.editors.push('reviewer@seller.example');
    const protection = sheet.protect().setDescription('Audit trail: append only');
    expect(protection.getEditors().map((u) => u.getEmail())).toEqual([ME, 'reviewer@seller.example']);
    protection.removeEditors(protection.getEditors());
    protection.setDomainEdit(false);

    const recorded = state.files.get(spreadsheet.getId())?.sheets[0].protections;
    expect(recorded).toEqual([
      {
        type: 'SHEET',
        range: undefined,
        description: 'Audit trail: append only',
        editors: [ME],
        warningOnly: false,
        domainEdit: false,
      },
    ]);
    expect(protection.canEdit()).toBe(true);
    expect(sheet.protect().getDescription()).toBe('Audit trail: append only');
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
  });

  it('allows one filter per sheet', () => {
    const { sheet } = world();
    expect(sheet.getFilter()).toBeNull();
    sheet.getRange('A1:C10').createFilter();
    expect(() => sheet.getRange('A1:B2').createFilter()).toThrow(
      "You can't create a filter in a sheet that already has a filter.",
    );
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:C10');
    sheet.getFilter()?.remove();
    expect(sheet.getFilter()).toBeNull();
  });

  it('builds charts locally and inserts them in one round trip', () => {
    const { sheet, state, ledger, spreadsheet } = world();
    const before = ledger.roundTrips().length;
    const chart = sheet
      .newChart()
      .setChartType(FakeCharts.ChartType.PIE)
      .addRange(sheet.getRange('A1:B5'))
      .setPosition(2, 5, 0, 0)
      .setOption('title', 'Drafts by status')
      .build();
    expect(ledger.roundTrips().length).toBe(before);
    sheet.insertChart(chart);
    expect(state.files.get(spreadsheet.getId())?.sheets[0].charts).toEqual([
      {
        chartId: expect.any(Number),
        type: 'PIE',
        ranges: ['Sheet1!A1:B5'],
        options: { title: 'Drafts by status' },
        position: { row: 2, column: 5, offsetX: 0, offsetY: 0 },
      },
    ]);
    const [inserted] = sheet.getCharts();
    expect(inserted.getOptions().get('title')).toBe('Drafts by status');
    sheet.removeChart(inserted);
    expect(sheet.getCharts()).toEqual([]);
  });

  it('names sheets uniquely and keeps at least one', () => {
    const { spreadsheet } = world();
    const audit = spreadsheet.insertSheet('Audit');
    expect(() => spreadsheet.insertSheet('audit')).toThrow(
      'A sheet with the name "audit" already exists. Please enter another name.',
    );
    expect(spreadsheet.insertSheet().getName()).toBe('Sheet3');
    expect(spreadsheet.getSheetByName('Audit')?.getSheetId()).toBe(audit.getSheetId());
    expect(spreadsheet.getSheetByName('Missing')).toBeNull();
    for (const s of spreadsheet.getSheets().slice(1)) spreadsheet.deleteSheet(s);
    expect(() => spreadsheet.deleteSheet(spreadsheet.getSheets()[0])).toThrow(
      "You can't remove all the sheets in a document.",
    );
  });
});

describe('opening files', () => {
  it('opens by id and by URL, and fails like Apps Script otherwise', () => {
    const { app, spreadsheet, state } = world();
    expect(app.openById(spreadsheet.getId()).getName()).toBe('Prospector audit');
    expect(app.openByUrl(spreadsheet.getUrl()).getId()).toBe(spreadsheet.getId());
    expect(spreadsheet.getUrl()).toBe(urlOf(spreadsheet.getId()));
    expect(() => app.openById('nope')).toThrow(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
    expect(() => app.openByUrl(urlOf('nope'))).toThrow(
      'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
    );
    expect(() => app.openByUrl('https://example.com/')).toThrow('Invalid argument: url');

    state.files.set('theirs', {
      id: 'theirs',
      name: 'Not shared',
      url: urlOf('theirs'),
      owner: 'other@else.example',
      editors: ['other@else.example'],
      timeZone: 'UTC',
      sheets: [createSheetState('Sheet1', 0)],
    });
    expect(() => app.openById('theirs')).toThrow(
      'You do not have permission to access the requested document.',
    );
  });

  it('charges round trips for reads and writes, not for getRange or metadata', () => {
    const { app, spreadsheet, ledger } = world();
    const opened = app.openById(spreadsheet.getId());
    const sheet = opened.getSheetByName('Sheet1');
    const range = sheet?.getRange(1, 1, 1, 2);
    range?.setValues([['a', 'b']]);
    range?.getValues();
    expect(ledger.roundTrips().map((c) => c.method)).toEqual([
      'create',
      'openById',
      'setValues',
      'getValues',
    ]);
  });
});

describe('sheetToCsv', () => {
  it('writes RFC 4180 CSV with formulas as written', () => {
    const { sheet, state, spreadsheet } = world();
    sheet.getRange('A1:C2').setValues([
      ['name', 'note', 'n'],
      ['Ada, Countess', 'said "hi"\nthen left', '=1+1'],
    ]);
    const csv = sheetToCsv(state.files.get(spreadsheet.getId())!.sheets[0]);
    expect(csv).toBe('name,note,n\r\n"Ada, Countess","said ""hi""\nthen left",=1+1\r\n');
  });
});
