import { FakeLockService, LOCK_TIMEOUT_MESSAGE, LockTable } from '../../tools/workbench/fakes/lock';
import { CallLedger, ExecutionTimeout, SimClock } from '../../tools/workbench/runtime';

function setup() {
  const ledger = new CallLedger(new SimClock(Date.UTC(2025, 0, 6, 9)));
  const table = new LockTable();
  const service = (userEmail: string, documentId?: string) =>
    new FakeLockService({ ledger, table, userEmail, documentId });
  return { ledger, table, service };
}

test('an execution takes, holds and releases a lock', () => {
  const { ledger, service } = setup();
  ledger.begin('trigger', 'pollSubmissions');
  const lock = service('ana@example.com').getScriptLock();
  expect(lock.hasLock()).toBe(false);
  expect(lock.tryLock(1_000)).toBe(true);
  expect(lock.hasLock()).toBe(true);
  // Another handle on the same lock in the same execution sees it held, and taking it again succeeds.
  expect(service('ana@example.com').getScriptLock().hasLock()).toBe(true);
  expect(service('ana@example.com').getScriptLock().tryLock(0)).toBe(true);
  lock.releaseLock();
  expect(lock.hasLock()).toBe(false);
});

test('while one execution holds the script lock, another waits its timeout and is refused', () => {
  const { ledger, table, service } = setup();
  const a = ledger.begin('trigger', 'pollSubmissions');
  service('ana@example.com').getScriptLock().waitLock(10_000);
  ledger.end(); // A ended without releasing: only the runner's releaseAll frees it

  ledger.begin('card', 'onPollNowAction');
  const lock = service('bob@example.com').getScriptLock();
  const before = ledger.clock.now();
  expect(lock.tryLock(5_000)).toBe(false);
  expect(ledger.clock.now() - before).toBe(30 + 5_000);
  expect(lock.hasLock()).toBe(false);
  expect(() => lock.waitLock(2_000)).toThrow(LOCK_TIMEOUT_MESSAGE);

  table.releaseAll(a.id);
  expect(lock.tryLock(5_000)).toBe(true);
});

test('a wait that runs past the execution deadline ends the execution', () => {
  const { ledger, service } = setup();
  ledger.begin('trigger', 'a');
  service('ana@example.com').getScriptLock().tryLock(0);
  ledger.end();
  ledger.begin('card', 'b');
  expect(() => service('ana@example.com').getScriptLock().tryLock(31_000)).toThrow(ExecutionTimeout);
});

test('user locks are per user and independent of the script lock; no document lock in Gmail', () => {
  const { ledger, service } = setup();
  ledger.begin('trigger', 'a');
  expect(service('ana@example.com').getUserLock().tryLock(0)).toBe(true);
  ledger.end();
  ledger.begin('trigger', 'b');
  expect(service('ana@example.com').getUserLock().tryLock(0)).toBe(false);
  expect(service('bob@example.com').getUserLock().tryLock(0)).toBe(true);
  expect(service('bob@example.com').getScriptLock().tryLock(0)).toBe(true);
  expect(service('bob@example.com').getDocumentLock()).toBeNull();
  expect(service('bob@example.com', 'doc-1').getDocumentLock()?.tryLock(0)).toBe(true);
});

test('releasing a lock someone else holds does nothing', () => {
  const { ledger, service } = setup();
  ledger.begin('trigger', 'a');
  service('ana@example.com').getScriptLock().tryLock(0);
  ledger.end();
  ledger.begin('trigger', 'b');
  service('ana@example.com').getScriptLock().releaseLock();
  expect(service('ana@example.com').getScriptLock().tryLock(0)).toBe(false);
});
