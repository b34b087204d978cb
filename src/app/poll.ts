// The lead poller's entry points: the time-driven trigger and "Check for new leads now".
import { emptySummary, pollerActor, runPoll } from '../core/poll-run';
import type { PollSummary } from '../core/poll-run';
import { describeError } from '../core/errors';
import { takesUnassignedNow, withOptIn } from '../core/unassigned';
import type { UnassignedTaker } from '../core/unassigned';
import { readTeamConfig, UNASSIGNED_HISTORY_MS, writeUnassignedTakers } from '../services/settings-store';
import { AppContext } from './context';
import { deliverAudit, drainAuditQueue } from './handler';
import { runDailyMaintenance, upkeepDue } from './maintenance';

/** The user's zone and locale as the homepage last reported them (the poller has no event object). */
export const USER_ZONE_KEY = 'user.timeZone';
export const USER_LOCALE_KEY = 'user.locale';
export const LAST_POLL_KEY = 'poll.last';

/** How long a run waits to record an opt-in it finds missing (a few calls under the script lock). */
const OPT_IN_LOCK_WAIT_MS = 5_000;

/**
 * The team's record of who takes unassigned leads, with this rep in it when their own settings say they
 * take them but the record does not (they turned it on before the team kept a record). They are recorded
 * from now on, never back-dated: an earlier lead must keep the rep the rule gave it.
 */
function unassignedTakers(ctx: AppContext): UnassignedTaker[] {
  const takers = ctx.team.unassignedTakers;
  const now = ctx.clock.now();
  if (!ctx.user.takeUnassignedLeads || takesUnassignedNow(takers, ctx.userEmail, now)) return takers;
  if (!ctx.scriptLock.tryLock(OPT_IN_LOCK_WAIT_MS)) return takers;
  try {
    ctx.scriptStore.reload();
    const fresh = readTeamConfig(ctx.scriptStore).unassignedTakers;
    if (takesUnassignedNow(fresh, ctx.userEmail, now)) return fresh;
    const next = withOptIn(fresh, ctx.userEmail, true, now, UNASSIGNED_HISTORY_MS);
    writeUnassignedTakers(ctx.scriptStore, next);
    return next;
  } finally {
    ctx.scriptLock.release();
  }
}

/** Runs one poll as the current user; used by the trigger and by the homepage button. */
export function pollOnce(ctx: AppContext): PollSummary {
  const team = ctx.team;
  const crm = ctx.crm;
  if (!crm) {
    return emptySummary(
      '',
      'not_configured',
      'No HubSpot access token is set: an admin can add it in Settings.',
    );
  }
  const known = ctx.userStore.get(USER_ZONE_KEY);
  const locale = currentLocale(ctx);
  const template = team.templates.filter((t) => t.id === ctx.user.defaultTemplateId)[0] || team.templates[0];
  return runPoll(
    {
      crm,
      calendar: ctx.calendar,
      http: ctx.http,
      mailbox: ctx.mailbox,
      store: ctx.userStore,
      // A poll run changes this user's state only: another rep's run or card is not held up by it.
      lock: ctx.userLock,
      clock: ctx.clock,
      auditLog: ctx.auditLog(),
      newId: ctx.newId,
      writer: ctx.writer,
    },
    {
      shared: team.shared,
      personal: ctx.user,
      template,
      user: {
        email: ctx.userEmail,
        name: ctx.user.senderName || ctx.userEmail,
        // Until the run reads the calendar's zone (with its first CRM reads): the last one known.
        timeZone: known || ctx.timeZone,
        ownerId: null,
      },
      unassignedTakers: unassignedTakers(ctx),
      deadline: ctx.deadline,
      locale,
      // The user's calendar zone is read every run that drafts, so a user who moved is offered times in
      // their new zone; it is kept for the next run's first guess and for runs that draft nothing.
      lastWrite: (summary, zone) => ({
        [LAST_POLL_KEY]: JSON.stringify({
          at: ctx.clock.now(),
          summary: summary.message,
          status: summary.status,
        }),
        ...(zone && zone !== known ? { [USER_ZONE_KEY]: zone } : {}),
      }),
    },
  );
}

/** The upkeep starts only with this much of the trigger's budget left (it prunes and rewrites the sheet). */
const UPKEEP_RESERVE_MS = 60_000;

/**
 * The user's locale now, for dates in drafts as the sidebar writes them. Session gives the language only
 * ("de"); the homepage's last report adds the region ("de-AT") when its language still matches.
 */
function currentLocale(ctx: AppContext): string | undefined {
  const reported = ctx.userStore.get(USER_LOCALE_KEY) || '';
  let language = '';
  try {
    language = Session.getActiveUserLocale().replace('_', '-');
  } catch {
    // Not available in this execution: the last report stands.
  }
  const usable = (tag: string) => {
    try {
      return tag !== '' && Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
    } catch {
      return false;
    }
  };
  const sameLanguage = (a: string, b: string) =>
    a.split('-')[0].toLowerCase() === b.split('-')[0].toLowerCase();
  if (usable(reported) && (!language || sameLanguage(reported, language))) return reported;
  return usable(language) ? language : undefined;
}

/**
 * Each user's one time-driven trigger: a poll when the poller is on, then the daily upkeep when a day has
 * passed. A poll failure is audited (its progress is already saved by the run's checkpoints) and rethrown,
 * so Apps Script's execution log and failure notices show it too; it does not keep the upkeep from running.
 */
export function pollSubmissions(): PollSummary {
  const ctx = new AppContext('trigger');
  try {
    if (!ctx.team.shared.pollerEnabled) {
      return emptySummary(
        '',
        'not_configured',
        'Automatic checks are off: an admin can turn them on in Settings.',
      );
    }
    return pollOnce(ctx);
  } catch (error) {
    const described = describeError(error);
    ctx.audit(pollerActor(ctx.userEmail)).record('internal_error', {
      resourceType: 'run',
      resourceId: 'pollSubmissions',
      outcome: 'failure',
      summary: `The poll run failed: ${described.message}`,
      details: { kind: described.kind },
    });
    throw error;
  } finally {
    if (upkeepDue(ctx) && ctx.clock.now() < ctx.deadline - UPKEEP_RESERVE_MS) {
      try {
        runDailyMaintenance(ctx);
      } catch {
        // Audited by the upkeep itself.
      }
    }
    deliverAudit(ctx);
    // The sheet's owner writes the team's audit queue to the sheet, this run's events included.
    drainAuditQueue(ctx);
  }
}
