import { FakeCardService, type FakeCard } from '../../tools/workbench/fakes/card-service';
import { FakeLockService, LockTable } from '../../tools/workbench/fakes/lock';
import {
  FakePropertiesService,
  PROPERTY_QUOTA_MESSAGE,
  PropertyStores,
} from '../../tools/workbench/fakes/properties';
import { listGlobalFunctions, runEntryPoint, runExecution } from '../../tools/workbench/bundle-runner';
import { bundleProject } from '../../tools/workbench/project';
import { CallLedger, ExecutionTimeout, SimClock } from '../../tools/workbench/runtime';

// A stand-in for dist/Code.js: top-level functions over Apps Script globals, as the real bundle's footer declares.
const source = `
var counter = 0;
function bump() { counter++; return counter; }
function probe() {
  return [typeof require, typeof process, typeof setTimeout, typeof Buffer, typeof fetch, typeof module,
          typeof globalThis.global, typeof Array, typeof JSON];
}
function shapes() { return { list: [1, 2], when: new Date(0), nested: { ok: true } }; }
function keysAreArrays() {
  var props = PropertiesService.getScriptProperties();
  props.setProperties({ a: '1', b: '2' });
  var keys = props.getKeys();
  return [keys instanceof Array, Array.isArray(keys), props.getProperties() instanceof Object];
}
function catchQuota() {
  try {
    PropertiesService.getScriptProperties().setProperty('k', new Array(10000).join('x'));
  } catch (e) {
    return [e instanceof Error, e.name, e.message];
  }
}
function failLoudly() { PropertiesService.getScriptProperties().setProperty('k', new Array(10000).join('x')); }
function buildCard(title) {
  return CardService.newCardBuilder()
    .setHeader(CardService.newCardHeader().setTitle(title))
    .addSection(CardService.newCardSection().addWidget(CardService.newTextParagraph().setText('hi')))
    .build();
}
function swallowEverything() {
  for (var i = 0; i < 100; i++) {
    try { PropertiesService.getScriptProperties().getProperty('k'); } catch (e) { /* keep going */ }
  }
  return 'finished';
}
function pollWithLock() {
  var lock = LockService.getScriptLock();
  if (!lock.tryLock(1000)) return 'busy';
  PropertiesService.getScriptProperties().setProperty('owner', 'A');
  PropertiesService.getScriptProperties().setProperty('step', '2');
  return 'done';
}
function tryToPoll() {
  var lock = LockService.getScriptLock();
  return lock.tryLock(5000) ? 'got it' : 'busy';
}
`;
const bundle = bundleProject(source);

function world() {
  const ledger = new CallLedger(new SimClock(Date.UTC(2025, 0, 6, 9)));
  const stores = new PropertyStores();
  const locks = new LockTable();
  const globals = {
    PropertiesService: new FakePropertiesService({ ledger, stores, userEmail: 'ana@example.com' }),
    LockService: new FakeLockService({ ledger, table: locks, userEmail: 'ana@example.com' }),
    CardService: new FakeCardService(),
  };
  return { ledger, stores, locks, globals };
}

test('the context is bare: no require, process, timers, Buffer, fetch or module', () => {
  const { globals } = world();
  expect(runEntryPoint(bundle, globals, 'probe', [])).toEqual([
    'undefined',
    'undefined',
    'undefined',
    'undefined',
    'undefined',
    'undefined',
    'undefined',
    'function',
    'object',
  ]);
});

test('every execution starts from a fresh context, as in Apps Script', () => {
  const { globals } = world();
  expect(runEntryPoint(bundle, globals, 'bump', [])).toBe(1);
  expect(runEntryPoint(bundle, globals, 'bump', [])).toBe(1);
});

test('a missing entry point is a clear error naming what the bundle does define', () => {
  expect(() => runEntryPoint(bundle, world().globals, 'onGmailMessageOpen', [])).toThrow(
    /no global function onGmailMessageOpen; it has: buildCard, bump, catchQuota/,
  );
});

test("listGlobalFunctions lists the bundle's own top-level functions only", () => {
  const names = listGlobalFunctions(bundle, world().globals);
  expect(names).toEqual([...names].sort());
  expect(names).toContain('pollWithLock');
  expect(names).not.toContain('CardService');
  expect(names).not.toContain('parseInt');
});

test('values cross the boundary as plain values of the receiving realm', () => {
  const { globals } = world();
  const result = runEntryPoint(bundle, globals, 'shapes', []) as {
    list: number[];
    when: Date;
    nested: object;
  };
  expect(result.list).toBeInstanceOf(Array);
  expect(result.when).toBeInstanceOf(Date);
  expect(result).toEqual({ list: [1, 2], when: new Date(0), nested: { ok: true } });
  // Inside, what the fakes return is the script realm's Array and Object.
  expect(runEntryPoint(bundle, globals, 'keysAreArrays', [])).toEqual([true, true, true]);
});

test("a fake's error reaches the script as its own Error, named Exception as Apps Script names it", () => {
  const { globals } = world();
  expect(runEntryPoint(bundle, globals, 'catchQuota', [])).toEqual([
    true,
    'Exception',
    PROPERTY_QUOTA_MESSAGE,
  ]);
  let uncaught: unknown;
  try {
    runEntryPoint(bundle, globals, 'failLoudly', []);
  } catch (error) {
    uncaught = error;
  }
  expect(uncaught).toBeInstanceOf(Error);
  expect(uncaught).toMatchObject({ name: 'Exception', message: PROPERTY_QUOTA_MESSAGE });
});

test("a card built inside comes back as the fake's Card", () => {
  const card = runEntryPoint(bundle, world().globals, 'buildCard', ['Ana']) as FakeCard;
  expect(JSON.parse(card.printJson()).header).toEqual({ title: 'Ana' });
});

test('running out of time cannot be swallowed by the script', () => {
  const { ledger, globals } = world();
  ledger.begin('card', 'swallowEverything');
  ledger.clock.advance(29_990);
  expect(() => runEntryPoint(bundle, globals, 'swallowEverything', [])).toThrow(ExecutionTimeout);
});

test('a concurrent execution started inside another waits for the lock and is refused', () => {
  const { ledger, locks, stores, globals } = world();
  const run = (kind: 'card' | 'trigger', functionName: string) =>
    runExecution({ ledger, locks, kind, project: bundle, globals, functionName, args: [] });
  let concurrent: unknown;
  let waited = 0;
  ledger.beforeCall = ({ method, execution }) => {
    // While A is between its two writes, the user clicks "Check for new leads now" (execution B).
    if (execution.functionName === 'pollWithLock' && method === 'setProperty' && concurrent === undefined) {
      const before = ledger.clock.now();
      concurrent = run('card', 'tryToPoll');
      waited = ledger.clock.now() - before;
    }
  };
  expect(run('trigger', 'pollWithLock')).toBe('done');
  expect(concurrent).toBe('busy');
  expect(waited).toBe(30 + 5_000); // B's tryLock round trip plus its whole timeout
  expect(Object.fromEntries(stores.script)).toEqual({ owner: 'A', step: '2' });
  // A's writes after B ran are still A's: the ledger handed the execution back.
  expect(ledger.calls.filter((c) => c.method === 'setProperty').map((c) => c.execution)).toEqual([1, 1]);
  expect(ledger.execution).toBeNull();
  // A ended, so its lock was released: the next poll gets it.
  ledger.beforeCall = null;
  expect(run('card', 'tryToPoll')).toBe('got it');
});
