// The daily upkeep: releasing calendar holds nobody confirmed (everyone's), and for the audit sheet's owner
// only, retention, the dashboard and the verification of the hash chain (the sheet opens for nobody else).
// Each user's one trigger (pollSubmissions) runs it once a day; dailyMaintenance runs it on its own (e.g.
// from the Apps Script editor).
import { countOf } from '../core/plural';
import { describeError } from '../core/errors';
import { releaseUnconfirmedHold } from '../services/google-calendar';
import { buildDashboard } from '../core/dashboard';
import { writeDashboard } from '../services/dashboard-sheet';
import { auditTab, pruneAuditSheet, readAuditRows, verifyAuditSheet } from '../services/sheet-audit-log';
import { AppContext } from './context';
import { deliverAudit, drainAuditQueue, ownsAuditSheet } from './handler';
import { rememberedHolds } from './holds';

/** User property: when this user's daily upkeep last ran (epoch ms). */
export const LAST_UPKEEP_KEY = 'maintenance.lastRun';
const DAY_MS = 86_400_000;

export function dailyMaintenance(): void {
  const ctx = new AppContext('trigger');
  try {
    runDailyMaintenance(ctx);
  } finally {
    deliverAudit(ctx);
    drainAuditQueue(ctx);
  }
}

/** True when a day has passed since this user's upkeep last ran (the schedule starts when their trigger is installed). */
export function upkeepDue(ctx: AppContext): boolean {
  const last = ctx.userStore.get(LAST_UPKEEP_KEY);
  return last !== null && ctx.clock.now() - Number(last) >= DAY_MS;
}

/** The upkeep in the caller's execution; a failure is audited and rethrown. */
export function runDailyMaintenance(ctx: AppContext): void {
  const audit = ctx.audit('maintenance');
  ctx.userStore.setAll({ [LAST_UPKEEP_KEY]: String(ctx.clock.now()) });
  try {
    releaseHolds(ctx);
    const id = ctx.team.shared.auditSpreadsheetId;
    // Only the owner can open the sheet: anyone else would fail here every day, and Google would email them
    // each failure. Their events reach the sheet through the queue the owner's executions write.
    if (id && ownsAuditSheet(ctx)) sheetUpkeep(ctx, id);
  } catch (error) {
    audit.record('internal_error', {
      resourceType: 'run',
      resourceId: 'dailyMaintenance',
      outcome: 'failure',
      summary: `Daily maintenance failed: ${describeError(error).message}`,
    });
    throw error;
  }
}

/** Retention and the dashboard under the script lock, then the hash chain's verification, continued daily. */
function sheetUpkeep(ctx: AppContext, id: string): void {
  const audit = ctx.audit('maintenance');
  // The queue first, so that retention and the Dashboard see every event recorded so far.
  drainAuditQueue(ctx);
  if (ctx.scriptLock.tryLock(30_000)) {
    try {
      const cutoff = ctx.clock.now() - ctx.team.shared.retentionDays * 86_400_000;
      const { removed, anchor } = pruneAuditSheet(id, ctx.scriptStore, cutoff);
      if (removed) {
        audit.record('retention_pruned', {
          resourceType: 'audit',
          resourceId: id,
          outcome: 'success',
          summary: `Removed ${countOf(removed, 'audit row')} older than ${countOf(ctx.team.shared.retentionDays, 'day')}; the chain continues from hash ${String(anchor).slice(0, 12)}…`,
          details: { removed, anchor, retentionDays: ctx.team.shared.retentionDays },
        });
      }
      const formNames: Record<string, string> = {};
      ctx.team.shared.forms.forEach((form) => (formNames[form.guid] = form.name));
      refreshDashboard(id, ctx.clock.now(), formNames);
    } finally {
      ctx.scriptLock.release();
    }
  }
  // Emptied audit queue keys, one deletion each: once a day is enough (each is a few bytes).
  ctx.auditLog().forgetDrained(ctx.deadline - 60_000);
  // Outside the lock: it reads the sheet for as long as the trigger can spare, and writes nothing to it.
  const result = verifyAuditSheet(id, ctx.scriptStore, ctx.hasher, ctx.clock, ctx.deadline);
  if (result.state === 'broken') recordBrokenTrail(ctx, id, result.message);
}

/** The alert for a verification that found a break, whoever ran it. */
export function recordBrokenTrail(ctx: AppContext, spreadsheetId: string, message: string): void {
  ctx.audit().record('security_alert', {
    resourceType: 'audit',
    resourceId: spreadsheetId,
    outcome: 'failure',
    summary: `Audit trail verification failed: ${message}`,
  });
}

/** Recomputes the Dashboard tab from the Audit tab. */
function refreshDashboard(spreadsheetId: string, now: number, formNames: Record<string, string>): void {
  const sheet = auditTab(spreadsheetId);
  if (sheet) writeDashboard(spreadsheetId, buildDashboard(readAuditRows(sheet), formNames), new Date(now));
}

/** Deletes holds older than the user's release window whose title still says [Hold]. */
function releaseHolds(ctx: AppContext): void {
  const releaseAfter = ctx.user.holdReleaseDays * 86_400_000;
  const now = ctx.clock.now();
  const done: Record<string, string> = {};
  for (const [key, hold] of rememberedHolds(ctx.userStore)) {
    if (now - hold.heldAt < releaseAfter && hold.start > now) continue;
    if (hold.start > now && releaseUnconfirmedHold(hold.eventId)) {
      ctx.audit('maintenance').record('slot_held', {
        resourceType: 'event',
        resourceId: hold.eventId,
        outcome: 'info',
        summary: `Released an unconfirmed hold after ${countOf(ctx.user.holdReleaseDays, 'day')}`,
      });
    }
    done[key] = '';
  }
  ctx.userStore.setAll(done);
}
