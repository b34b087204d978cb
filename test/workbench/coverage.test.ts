import { readFileSync } from 'node:fs';
import {
  cellsOf,
  computeCoverage,
  coverageTable,
  DOC,
  missingMethods,
  tableIn,
} from '../../tools/workbench/coverage';

const rows = computeCoverage();

test('the coverage table in docs/workbench.md is what the script computes (run npm run workbench:coverage)', () => {
  expect(cellsOf(tableIn(readFileSync(DOC, 'utf8')))).toEqual(cellsOf(coverageTable(rows)));
});

test('totals come from the typings and implemented from the fakes', () => {
  const of = (service: string) => rows.find((r) => r.service === service);
  // PropertiesService's interfaces hold 10 methods (deprecated ScriptProperties/UserProperties left out).
  expect(of('PropertiesService')).toMatchObject({ implemented: 10, total: 10 });
  const utilities = of('Utilities');
  expect(utilities?.total).toBeGreaterThan(25);
  expect(missingMethods('Utilities')).toEqual(expect.arrayContaining(['Utilities.gzip', 'Utilities.zip']));
  expect(missingMethods('Utilities')).not.toContain('Utilities.formatString');
  expect(missingMethods('CalendarApp')).not.toContain('CalendarApp.getCalendarById');
  // A method whose whole body is a throw (a trigger builder the workbench refuses) is not counted.
  expect(missingMethods('ScriptApp')).toContain('TriggerBuilder.forSpreadsheet');
  for (const row of rows) expect(row.implemented).toBeLessThanOrEqual(row.total);
});
