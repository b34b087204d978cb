// Collects the audit events of one execution so they reach the sheet in a single batched write.
import type { AuditEvent, AuditEventType, AuditOutcome, AuditResourceType } from './audit';
import type { AuditLog, Clock } from './ports';

export interface AuditFields {
  resourceType: AuditResourceType;
  resourceId: string;
  outcome: AuditOutcome;
  summary: string;
  details?: Record<string, unknown>;
}

export class AuditTrail {
  private readonly pending: AuditEvent[] = [];
  private sequence = 0;
  /** Event ids are the run's key and a number: short for a person to quote, unique across runs. */
  private readonly runKey: string;

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    readonly actor: string,
    readonly runId: string,
  ) {
    this.runKey = runId.replace(/[^0-9a-zA-Z]/g, '').slice(-12) || runId;
  }

  record(type: AuditEventType, fields: AuditFields): AuditEvent {
    const event: AuditEvent = {
      id: `${this.runKey}.${++this.sequence}`,
      type,
      at: this.clock.now(),
      actor: this.actor,
      resourceType: fields.resourceType,
      resourceId: fields.resourceId,
      outcome: fields.outcome,
      summary: fields.summary,
      details: fields.details || {},
      runId: this.runId,
    };
    this.pending.push(event);
    return event;
  }

  get events(): readonly AuditEvent[] {
    return this.pending;
  }

  /** Hands over everything recorded so far and forgets it. */
  takeAll(): AuditEvent[] {
    return this.pending.splice(0, this.pending.length);
  }

  /** Writes everything recorded so far in one batch; the events stay pending if the write fails. */
  flush(log: AuditLog): void {
    if (!this.pending.length) return;
    log.append(this.pending.slice());
    this.pending.length = 0;
  }
}
