import { runEntryPoint } from '../../tools/workbench/bundle-runner';
import { FakeLogger } from '../../tools/workbench/fakes/logger';
import { bundleProject } from '../../tools/workbench/project';

test("log(data) and log(format, ...values) with %s placeholders; getLog holds this execution's lines", () => {
  const sunk: string[] = [];
  const logger = new FakeLogger((line) => sunk.push(line));
  expect(logger.log('Opened %s at %s', 'm1', 12).log({ id: 'm1' })).toBe(logger);
  expect(logger.getLog()).toBe('Opened m1 at 12\n{"id":"m1"}');
  logger.clear();
  expect(logger.getLog()).toBe('');
  expect(sunk).toEqual(['Opened m1 at 12', '{"id":"m1"}']);
});

test('a script chains Logger calls as in Apps Script', () => {
  const script = `function run() { return Logger.log('a').log('b %s', 'c').getLog(); }`;
  expect(runEntryPoint(bundleProject(script), { Logger: new FakeLogger() }, 'run', [])).toBe('a\nb c');
});
