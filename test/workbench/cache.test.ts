import {
  CACHE_ITEM_CAP,
  CACHE_ITEMS_KEPT_ON_OVERFLOW,
  CACHE_VALUE_LIMIT_BYTES,
  CacheStores,
  FakeCacheService,
} from '../../tools/workbench/fakes/cache';
import { CallLedger, SimClock } from '../../tools/workbench/runtime';

function setup(userEmail = 'ana@example.com') {
  const ledger = new CallLedger(new SimClock(Date.UTC(2025, 0, 6, 9)));
  const stores = new CacheStores();
  return { ledger, stores, service: new FakeCacheService({ ledger, stores, userEmail }) };
}

test('a value expires after 600 s by default, measured on the simulated clock', () => {
  const { ledger, service } = setup();
  const cache = service.getScriptCache();
  cache.put('contact:ana', '{"id":"1"}');
  const putAt = ledger.clock.now(); // the value lands when the put's round trip completes
  ledger.clock.set(putAt + 599_000);
  expect(cache.get('contact:ana')).toBe('{"id":"1"}');
  ledger.clock.set(putAt + 599_965); // the get is answered 35 ms later, at the 600 s mark
  expect(cache.get('contact:ana')).toBeNull();
});

test('an explicit expiry is honoured up to 6 hours; longer or non-positive expiries are refused', () => {
  const { ledger, service } = setup();
  const cache = service.getScriptCache();
  cache.put('k', 'v', 21_600);
  ledger.clock.advance(21_599_000);
  expect(cache.get('k')).toBe('v');
  ledger.clock.advance(1_000);
  expect(cache.get('k')).toBeNull();
  expect(() => cache.put('k', 'v', 21_601)).toThrow('Argument too large: expirationInSeconds');
  expect(() => cache.put('k', 'v', 0)).toThrow('Invalid argument: expirationInSeconds');
});

test('keys up to 250 characters and values up to 100 KB; beyond, Apps Script errors', () => {
  const cache = setup().service.getScriptCache();
  cache.put('k'.repeat(250), 'v'.repeat(CACHE_VALUE_LIMIT_BYTES));
  expect(cache.get('k'.repeat(250))).toHaveLength(CACHE_VALUE_LIMIT_BYTES);
  expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
  expect(() => cache.get('k'.repeat(251))).toThrow('Argument too large: key');
  expect(() => cache.put('k', 'v'.repeat(CACHE_VALUE_LIMIT_BYTES + 1))).toThrow('Argument too large: value');
  expect(() => cache.putAll({ ok: 'v', big: 'é'.repeat(CACHE_VALUE_LIMIT_BYTES / 2 + 1) })).toThrow(
    'Argument too large: value',
  );
  expect(cache.get('ok')).toBeNull();
});

test('getAll returns only the keys found; putAll, remove and removeAll', () => {
  const cache = setup().service.getScriptCache();
  cache.putAll({ a: '1', b: '2', c: '3' }, 60);
  expect(cache.getAll(['a', 'b', 'missing'])).toEqual({ a: '1', b: '2' });
  cache.remove('a');
  cache.removeAll(['b', 'zzz']);
  expect(cache.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
});

test(`past ${CACHE_ITEM_CAP} items the cache keeps the ${CACHE_ITEMS_KEPT_ON_OVERFLOW} farthest from expiring`, () => {
  const cache = setup().service.getScriptCache();
  const values: Record<string, string> = {};
  for (let i = 0; i < CACHE_ITEM_CAP; i++) values[`k${i}`] = 'v';
  cache.putAll(values, 60);
  expect(Object.keys(cache.getAll(Object.keys(values)))).toHaveLength(CACHE_ITEM_CAP);
  cache.put('long-lived', 'v', 3_600);
  const left = cache.getAll([...Object.keys(values), 'long-lived']);
  expect(Object.keys(left)).toHaveLength(CACHE_ITEMS_KEPT_ON_OVERFLOW);
  expect(left['long-lived']).toBe('v');
});

test('user caches are per user, the script cache shared, and there is no document cache in Gmail', () => {
  const { ledger, stores, service } = setup('ana@example.com');
  service.getUserCache().put('k', 'ana');
  service.getScriptCache().put('k', 'script');
  const bob = new FakeCacheService({ ledger, stores, userEmail: 'bob@example.com' });
  expect(bob.getUserCache().get('k')).toBeNull();
  expect(bob.getScriptCache().get('k')).toBe('script');
  expect(service.getDocumentCache()).toBeNull();
});

test('cache calls are round trips charged on the clock', () => {
  const { ledger, service } = setup();
  const cache = service.getScriptCache();
  cache.putAll({ a: '1' });
  cache.getAll(['a']);
  expect(ledger.roundTrips().map((c) => [c.service, c.method, c.latencyMs])).toEqual([
    ['CacheService', 'putAll', 105],
    ['CacheService', 'getAll', 35],
  ]);
});
