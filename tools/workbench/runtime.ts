// The simulated clock and the call ledger every Apps Script fake charges. A call costs modelled latency
// (docs/workbench.md lists the figures and their sources); an execution that runs past its limit fails
// at its next service call, as Apps Script stops a script that exceeds its time.

export class SimClock {
  constructor(private nowMs: number) {}
  now(): number {
    return this.nowMs;
  }
  advance(ms: number): void {
    if (ms < 0 || !Number.isFinite(ms)) throw new Error(`cannot advance the clock by ${ms} ms`);
    this.nowMs += ms;
  }
  set(ms: number): void {
    this.nowMs = ms;
  }
}

export interface CallRecord {
  execution: number;
  service: string;
  method: string;
  /** Modelled latency charged to the simulated clock. */
  latencyMs: number;
  /** False for local work (builders, formatters) that never leaves the Apps Script runtime. */
  roundTrip: boolean;
  at: number;
  /** Executions running when the call was made: 1 for a plain one, 2 inside an overlapping one. */
  depth: number;
}

/** Apps Script's limits on one execution (https://developers.google.com/apps-script/guides/services/quotas). */
export const EXECUTION_LIMIT_MS = {
  /** Add-on card callbacks and contextual triggers. */
  card: 30_000,
  /** Time-driven triggers and functions run from the editor. */
  trigger: 6 * 60_000,
} as const;

export type ExecutionKind = keyof typeof EXECUTION_LIMIT_MS;

export class ExecutionTimeout extends Error {
  constructor(kind: ExecutionKind) {
    super(
      kind === 'card'
        ? 'Exceeded maximum execution time (add-on callbacks are limited to 30 seconds)'
        : 'Exceeded maximum execution time',
    );
    this.name = 'ExecutionTimeout';
  }
}

export interface Execution {
  id: number;
  kind: ExecutionKind;
  functionName: string;
  startedAt: number;
  deadline: number;
}

/**
 * Records every service call, charges its latency to the clock, and enforces the running execution's time
 * limit. A fault hook lets tests fail the k-th call of a run (the crash-point sweep).
 */
export class CallLedger {
  readonly calls: CallRecord[] = [];
  /** Executions in progress: a "concurrent" one started from beforeCall runs on top of the outer one. */
  private readonly stack: Execution[] = [];
  private nextExecutionId = 1;
  /** Called before each recorded call; throw from it to inject a fault at that call. */
  beforeCall:
    ((call: { service: string; method: string; index: number; execution: Execution }) => void) | null = null;

  constructor(readonly clock: SimClock) {}

  begin(kind: ExecutionKind, functionName: string): Execution {
    const now = this.clock.now();
    const execution = {
      id: this.nextExecutionId++,
      kind,
      functionName,
      startedAt: now,
      deadline: now + EXECUTION_LIMIT_MS[kind],
    };
    this.stack.push(execution);
    return execution;
  }

  /** Ends the innermost execution, after the writes it held back; the outer one (if any) carries on. */
  end(): void {
    this.settle();
    this.stack.pop();
  }

  /** How many executions are running: 1 for a plain one, more while a concurrent one runs inside it. */
  get depth(): number {
    return this.stack.length;
  }

  get execution(): Execution | null {
    return this.stack.length ? this.stack[this.stack.length - 1] : null;
  }

  /** Records a call; latency 0 marks local work that is not a round trip. */
  charge(service: string, method: string, latencyMs: number): void {
    this.record(service, method, latencyMs);
    this.clock.advance(latencyMs);
  }

  /** Latency of held-back writes, by execution id, not yet on the clock. */
  private readonly pending = new Map<number, number>();

  /**
   * Records a round trip whose latency Apps Script spends later: Sheets holds writes back until
   * SpreadsheetApp.flush(), a read of the spreadsheet, or the end of the execution
   * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush). The call keeps
   * its place in the ledger (counts and crash-sweep indices are unchanged); settle() charges its time.
   */
  defer(service: string, method: string, latencyMs: number): void {
    this.record(service, method, latencyMs);
    const id = this.execution ? this.execution.id : 0;
    this.pending.set(id, (this.pending.get(id) ?? 0) + latencyMs);
  }

  /** Charges the running execution's held-back writes to the clock (a flush, a read, the end). */
  settle(): void {
    const id = this.execution ? this.execution.id : 0;
    const ms = this.pending.get(id) ?? 0;
    this.pending.delete(id);
    if (ms > 0) this.clock.advance(ms);
  }

  private record(service: string, method: string, latencyMs: number): void {
    const execution = this.execution;
    if (execution && this.clock.now() >= execution.deadline) throw new ExecutionTimeout(execution.kind);
    const roundTrip = latencyMs > 0;
    if (execution && roundTrip && this.beforeCall) {
      const index = this.calls.filter((c) => c.execution === execution.id && c.roundTrip).length;
      this.beforeCall({ service, method, index, execution });
    }
    this.calls.push({
      execution: execution ? execution.id : 0,
      service,
      method,
      latencyMs,
      roundTrip,
      at: this.clock.now(),
      depth: this.stack.length,
    });
  }

  /** Simulated ms spent in wait(), by execution id (0 outside any execution). */
  private readonly waited = new Map<number, number>();

  /**
   * Time spent waiting (Utilities.sleep, lock waits) or on local work (Utilities.computeDigest): advances
   * the clock without being a call.
   */
  wait(ms: number): void {
    const execution = this.execution;
    const id = execution ? execution.id : 0;
    this.waited.set(id, (this.waited.get(id) ?? 0) + ms);
    this.clock.advance(ms);
    if (execution && this.clock.now() >= execution.deadline) throw new ExecutionTimeout(execution.kind);
  }

  /** Simulated ms an execution (or all of them) spent in wait(): its time beyond its calls' latencies. */
  waitedMs(executionId?: number): number {
    if (executionId !== undefined) return this.waited.get(executionId) ?? 0;
    let total = 0;
    this.waited.forEach((ms) => (total += ms));
    return total;
  }

  roundTrips(executionId?: number): CallRecord[] {
    return this.calls.filter(
      (c) => c.roundTrip && (executionId === undefined || c.execution === executionId),
    );
  }
}
