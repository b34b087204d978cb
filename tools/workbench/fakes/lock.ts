// LockService fake (https://developers.google.com/apps-script/reference/lock): real mutual exclusion
// between simulated executions. The lock table outlives executions and records which execution holds each
// lock; the bundle runner releases an execution's locks when it ends, as Apps Script does.
//
// Workbench executions are synchronous, so a "concurrent" execution B runs re-entrantly inside A (for
// example from ledger.beforeCall). B can never see A release, so a contended tryLock waits its whole
// timeout on the simulated clock and returns false; waitLock does the same and then throws Apps Script's
// timeout message.
import { latencyOf } from '../latency';
import type { CallLedger } from '../runtime';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

/** Who holds which lock, across executions. Keys: "script", "user:<email>", "document:<id>". */
export class LockTable {
  private readonly holders = new Map<string, number>();

  holder(lockKey: string): number | undefined {
    return this.holders.get(lockKey);
  }

  acquire(lockKey: string, executionId: number): boolean {
    const holder = this.holders.get(lockKey);
    if (holder !== undefined && holder !== executionId) return false;
    this.holders.set(lockKey, executionId);
    return true;
  }

  release(lockKey: string, executionId: number): void {
    if (this.holders.get(lockKey) === executionId) this.holders.delete(lockKey);
  }

  /** Called when an execution ends, however it ends. */
  releaseAll(executionId: number): void {
    for (const [lockKey, holder] of this.holders) if (holder === executionId) this.holders.delete(lockKey);
  }
}

export class FakeLock implements GoogleAppsScript.Lock.Lock {
  constructor(
    private readonly ledger: CallLedger,
    private readonly table: LockTable,
    private readonly lockKey: string,
  ) {}

  /** Outside any execution (a test poking the fake directly) the caller counts as execution 0. */
  private get executionId(): number {
    return this.ledger.execution?.id ?? 0;
  }

  private charge(method: string): void {
    this.ledger.charge('LockService', method, latencyOf('LockService', method));
  }

  tryLock(timeoutInMillis: number): boolean {
    this.charge('tryLock');
    if (this.table.acquire(this.lockKey, this.executionId)) return true;
    this.ledger.wait(Math.max(0, timeoutInMillis));
    return false;
  }

  waitLock(timeoutInMillis: number): void {
    this.charge('waitLock');
    if (this.table.acquire(this.lockKey, this.executionId)) return;
    this.ledger.wait(Math.max(0, timeoutInMillis));
    throw new Error(LOCK_TIMEOUT_MESSAGE);
  }

  releaseLock(): void {
    this.charge('releaseLock');
    this.table.release(this.lockKey, this.executionId);
  }

  /** Local: the execution knows whether it holds the lock. */
  hasLock(): boolean {
    return this.table.holder(this.lockKey) === this.executionId;
  }
}

export interface LockServiceOptions {
  ledger: CallLedger;
  table: LockTable;
  userEmail: string;
  /** The open document, if any; Gmail and Calendar add-ons have none. */
  documentId?: string | null;
}

export class FakeLockService implements Pick<
  GoogleAppsScript.Lock.LockService,
  'getScriptLock' | 'getUserLock'
> {
  constructor(private readonly options: LockServiceOptions) {}

  private lock(lockKey: string): FakeLock {
    return new FakeLock(this.options.ledger, this.options.table, lockKey);
  }

  getScriptLock(): FakeLock {
    return this.lock('script');
  }

  getUserLock(): FakeLock {
    return this.lock(`user:${this.options.userEmail}`);
  }

  /** Null outside a document, as the reference says (the type says Lock). */
  getDocumentLock(): FakeLock | null {
    const { documentId } = this.options;
    return documentId ? this.lock(`document:${documentId}`) : null;
  }
}
