// Each user's one time-driven trigger, installed from their homepage (or their Settings save) because an
// installed trigger runs as whoever made it. A refused install is a notice and an audit row, never an error
// card. Who has a trigger is recorded in script properties, one key per user, because nobody can list a
// colleague's triggers (https://developers.google.com/apps-script/guides/triggers/installable#restrictions).
import { triggerMinute } from '../core/trigger-minute';
import { syncTriggers } from '../services/triggers';
import type { AppContext } from './context';
import { LAST_UPKEEP_KEY } from './maintenance';

/** User property: the interval (minutes) and minute this user's one trigger was made for ("60@17"). A new
 * name from the two-trigger versions (LEGACY_TRIGGER_KEY), so each user's next visit replaces their old pair;
 * a value without the minute (made before triggers were spread over the hour) is rebuilt the same way. */
const TRIGGER_KEY = 'trigger.interval';
const LEGACY_TRIGGER_KEY = 'poll.trigger';
/** Script property per user: when their trigger was installed (epoch ms). */
const INSTALLED_PREFIX = 'trigger.installed:';

export function installedKey(email: string): string {
  return INSTALLED_PREFIX + email.toLowerCase();
}

/**
 * Makes sure this user has their trigger at the team's interval. Returns a notice for the card when the
 * install failed, else null; `force` rebuilds it even when the recorded interval matches.
 */
export function ensureTrigger(ctx: AppContext, force = false): { notice: string | null; changes: string[] } {
  const interval = ctx.team.shared.pollerIntervalMinutes;
  const minute = triggerMinute(ctx.userEmail);
  const made = `${interval}@${minute}`;
  if (!force && ctx.userStore.get(TRIGGER_KEY) === made) return { notice: null, changes: [] };
  const sync = syncTriggers(interval, minute);
  if (sync.failure) {
    // The old trigger may be gone already: say so, and try again on the next visit.
    if (ctx.userStore.get(TRIGGER_KEY) !== null) ctx.userStore.delete(TRIGGER_KEY);
    if (ctx.scriptStore.get(installedKey(ctx.userEmail)) !== null)
      ctx.scriptStore.delete(installedKey(ctx.userEmail));
    ctx.audit().record('internal_error', {
      resourceType: 'run',
      resourceId: 'trigger',
      outcome: 'failure',
      summary: `Could not install ${ctx.userEmail}'s time-driven trigger: ${sync.failure}`,
      details: { intervalMinutes: interval, changes: sync.changes },
    });
    return {
      notice:
        `Automatic checks and the daily upkeep are not set up for you: Google refused the trigger (${sync.failure}). ` +
        'Remove unused triggers at https://script.google.com/home/triggers, then open this page again.',
      changes: sync.changes,
    };
  }
  const writes: Record<string, string> = { [TRIGGER_KEY]: made };
  // The daily upkeep's schedule starts now: its first run is a day after the install.
  if (ctx.userStore.get(LAST_UPKEEP_KEY) === null) writes[LAST_UPKEEP_KEY] = String(ctx.clock.now());
  ctx.userStore.setAll(writes);
  if (ctx.userStore.get(LEGACY_TRIGGER_KEY) !== null) ctx.userStore.delete(LEGACY_TRIGGER_KEY);
  ctx.scriptStore.setAll({ [installedKey(ctx.userEmail)]: String(ctx.clock.now()) });
  return { notice: null, changes: sync.changes };
}

/** For an admin: a notice when the audit sheet's owner has no trigger, so the team's audit queue never drains. */
export function auditOwnerNotice(ctx: AppContext): string | null {
  const owner = ctx.team.auditOwner;
  if (!ctx.isAdmin || !owner || owner.toLowerCase() === ctx.userEmail) return null;
  if (ctx.scriptStore.get(installedKey(owner))) return null;
  return (
    `The audit sheet's owner (${owner}) has no Prospector trigger, so the team's audit events wait in a queue ` +
    'that only their trigger writes to the sheet: ask them to open Prospector once.'
  );
}
