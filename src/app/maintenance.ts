// The daily upkeep: audit retention, the dashboard, and releasing calendar holds nobody confirmed. Each
// user's one trigger (pollSubmissions) runs it once a day; dailyMaintenance runs it on its own (e.g. from
// the Apps Script editor).
import { describeError } from '../core/errors';
import { releaseUnconfirmedHold } from '../services/google-calendar';
import { buildDashboard } from '../core/dashboard';
import { writeDashboard } from '../services/dashboard-sheet';
import { auditTab, pruneAuditSheet, readAuditRows } from '../services/sheet-audit-log';
import { AppContext } from './context';
import { deliverAudit } from './handler';

const HOLD_PREFIX = 'hold:';

/** User property: when this user's daily upkeep last ran (epoch ms). */
export const LAST_UPKEEP_KEY = 'maintenance.lastRun';
const DAY_MS = 86_400_000;

export function dailyMaintenance(): void {
  const ctx = new AppContext('trigger');
  try {
    runDailyMaintenance(ctx);
  } finally {
    deliverAudit(ctx);
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
    if (id && ctx.scriptLock.tryLock(30_000)) {
      try {
        const cutoff = ctx.clock.now() - ctx.team.shared.retentionDays * 86_400_000;
        const { removed, anchor } = pruneAuditSheet(id, ctx.scriptStore, cutoff);
        if (removed) {
          audit.record('retention_pruned', {
            resourceType: 'audit',
            resourceId: id,
            outcome: 'success',
            summary: `Removed ${removed} audit row(s) older than ${ctx.team.shared.retentionDays} days; the chain continues from hash ${String(anchor).slice(0, 12)}…`,
            details: { removed, anchor, retentionDays: ctx.team.shared.retentionDays },
          });
          ctx.auditLog(true).append(audit.takeAll());
        }
        const formNames: Record<string, string> = {};
        ctx.team.shared.forms.forEach((form) => (formNames[form.guid] = form.name));
        refreshDashboard(id, ctx.clock.now(), formNames);
      } finally {
        ctx.scriptLock.release();
      }
    }
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
  for (const [key, raw] of Object.entries(ctx.userStore.getAll())) {
    if (key.indexOf(HOLD_PREFIX) !== 0 || !raw) continue;
    const hold = JSON.parse(raw) as { eventId: string; heldAt: number; start: number };
    if (now - hold.heldAt < releaseAfter && hold.start > now) continue;
    if (hold.start > now && releaseUnconfirmedHold(hold.eventId)) {
      ctx.audit('maintenance').record('slot_held', {
        resourceType: 'event',
        resourceId: hold.eventId,
        outcome: 'info',
        summary: `Released an unconfirmed hold after ${ctx.user.holdReleaseDays} day(s)`,
      });
    }
    done[key] = '';
  }
  ctx.userStore.setAll(done);
}
