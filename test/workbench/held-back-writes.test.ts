// Sheets holds writes back until a flush, a read of the file or the end of the execution, so the workbench
// charges a write's latency then: the call keeps its place and count in the ledger, only its time moves.
import { latencyOf } from '../../tools/workbench/latency';
import { CallLedger, SimClock } from '../../tools/workbench/runtime';
import { createSpreadsheetsState, FakeSpreadsheetApp } from '../../tools/workbench/fakes/spreadsheet';

const ME = 'sam@seller.example';

function world() {
  const clock = new SimClock(Date.parse('2025-03-10T12:00:00Z'));
  const ledger = new CallLedger(clock);
  const app = new FakeSpreadsheetApp(createSpreadsheetsState(ME), ledger, clock);
  ledger.begin('trigger', 'test');
  const sheet = app.create('Audit').getSheets()[0];
  return { clock, ledger, app, sheet };
}

const SET = latencyOf('SpreadsheetApp', 'setValues');

test('a write costs nothing on the clock until a flush, and then its full latency', () => {
  const { clock, ledger, app, sheet } = world();
  const before = clock.now();
  sheet.getRange(1, 1, 1, 2).setValues([['a', 'b']]);
  sheet.getRange(2, 1, 1, 2).setValues([['c', 'd']]);
  expect(clock.now()).toBe(before);
  app.flush();
  expect(clock.now()).toBe(before + 2 * SET + latencyOf('SpreadsheetApp', 'flush'));
  expect(ledger.roundTrips().filter((c) => c.method === 'setValues')).toHaveLength(2);
});

test('a read of the spreadsheet lets the held-back writes through first', () => {
  const { clock, sheet } = world();
  const before = clock.now();
  sheet.getRange(1, 1, 1, 1).setValues([['a']]);
  expect(sheet.getRange(1, 1, 1, 1).getValues()).toEqual([['a']]);
  expect(clock.now()).toBe(before + SET + latencyOf('SpreadsheetApp', 'getValues'));
});

test('the end of the execution charges what is still held back', () => {
  const { clock, ledger, sheet } = world();
  const before = clock.now();
  sheet.appendRow(['x']);
  expect(clock.now()).toBe(before);
  ledger.end();
  expect(clock.now()).toBe(before + latencyOf('SpreadsheetApp', 'appendRow'));
});
