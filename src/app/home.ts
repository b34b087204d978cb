// The homepage (Gmail and Calendar): drafts waiting for review, new leads, setup, and the run-now buttons.
import { confirmDiscardCard, homeCard } from '../cards/home-card';
import { backToRoot, notify, popCard, pushCard, updateCard } from '../cards/message-cards';
import { ConfigError } from '../core/errors';
import { runCall } from '../core/http';
import type { HomeView, NewLead } from '../core/home-view';
import { slotOption } from '../core/lead-view';
import { countOf } from '../core/plural';
import { PollState } from '../core/poll-state';
import { findFreeSlots } from '../core/slots';
import { CalendarUnavailable } from '../services/google-calendar';
import { lastVerification, verifyAuditSheet } from '../services/sheet-audit-log';
import { dayTimeLabel } from '../cards/widgets';
import type { AppContext } from './context';
import { parameter, userLocale, userTimeZone } from './events';
import type { AddOnEvent } from './events';
import { NO_ADMIN_YET } from './admins';
import { cardAction, cardTrigger, ownsAuditSheet, universalAction } from './handler';
import { recordBrokenTrail } from './maintenance';
import { LAST_POLL_KEY, pollOnce, USER_LOCALE_KEY, USER_ZONE_KEY } from './poll';
import { auditOwnerNotice, ensureTrigger } from './trigger-setup';
import { arrivalsBanner } from './lead-arrivals';
import { SidebarMemory } from './sidebar-memory';

const LAST_VISIT_KEY = 'home.lastVisit';

export const onHomepage = cardTrigger('onHomepage', (ctx, e) => [homeFor(ctx, e, null)]);

/** A card's Back/Home button: the homepage in place of the card on screen. */
export const onGoHome = cardAction('onGoHome', (ctx, e) => updateCard(homeFor(ctx, e, null)));

/** A pushed card's Back button (Settings, a form): the card the user came from, as they left it. */
export const onBack = cardAction('onBack', () => popCard());

export const onCalendarHomepage = cardTrigger('onCalendarHomepage', (ctx, e) => [
  homeFor(ctx, e, null, 'calendar'),
]);

/** "Check for new leads now" from the add-on's menu. */
export const onPollNowAction = universalAction('onPollNowAction', (ctx, e) => [pollNowHome(ctx, e)]);

/** The homepage's own "Check for new leads now" button. */
export const onPollNow = cardAction('onPollNow', (ctx, e) => updateCard(pollNowHome(ctx, e)));

function pollNowHome(ctx: AppContext, e: AddOnEvent): GoogleAppsScript.Card_Service.Card {
  const summary = pollOnce(ctx);
  return homeFor(ctx, e, `Checked for new leads: ${summary.message}`);
}

export const onDiscardDraft = cardAction('onDiscardDraft', (ctx, e) => {
  const draftId = parameter(e, 'draftId');
  if (!draftId) return notify('That draft is already gone.');
  // The first click asks; only the confirmation card's button, which names the person, discards.
  if (parameter(e, 'confirmed') !== 'yes') {
    return pushCard(confirmDiscardCard(draftId, parameter(e, 'to') || 'this person'));
  }
  const state = PollState.load(ctx.userStore);
  const tracked = state.trackedDrafts().filter((d) => d.draftId === draftId)[0];
  ctx.mailbox.deleteDraft(draftId);
  state.untrackDraft(draftId);
  state.checkpoint(ctx.userStore);
  ctx.audit().record('draft_discarded', {
    resourceType: 'draft',
    resourceId: draftId,
    outcome: 'info',
    summary: `Draft${tracked ? ` to ${tracked.to}` : ''} discarded from the homepage`,
    details: { threadId: tracked ? tracked.threadId : null },
  });
  ctx.audit().record('approval_denied', {
    resourceType: 'draft',
    resourceId: draftId,
    outcome: 'info',
    summary: 'Not sent: discarded by the user',
  });
  return backToRoot(homeFor(ctx, e, 'Draft discarded. Nothing was sent.'));
});

/**
 * "Verify audit trail": checks as much of the chain as the card's time allows (the homepage and the audit
 * delivery still come after it) and says how far it got; the next press, or the owner's daily upkeep,
 * continues from there. Only the sheet's owner can open it: anyone else is told who can, and the outcome of
 * the last check that finished.
 */
export const onVerifyAudit = cardAction('onVerifyAudit', (ctx, e) => {
  const id = ctx.team.shared.auditSpreadsheetId;
  if (!id) throw new ConfigError('No audit spreadsheet yet: create one in Settings.');
  if (!ownsAuditSheet(ctx))
    return updateCard(homeFor(ctx, e, notTheOwner(ctx, userTimeZone(e, ctx.timeZone))));
  const result = verifyAuditSheet(id, ctx.scriptStore, ctx.hasher, ctx.clock, ctx.deadline);
  if (result.state === 'broken') recordBrokenTrail(ctx, id, result.message);
  const more = result.state === 'partial' ? ' — press Verify audit trail again to continue.' : '';
  return updateCard(homeFor(ctx, e, `Audit trail: ${result.message}${more}`));
});

function notTheOwner(ctx: AppContext, zone: string): string {
  const owner = ctx.team.auditOwner as string;
  const last = lastVerification(ctx.scriptStore);
  return (
    `Only the owner of the audit sheet, ${owner}, can verify the audit trail: Google Sheets opens it only ` +
    'for its owner and the people it is shared with, and Prospector runs as you. The owner\u2019s daily upkeep ' +
    'verifies it. ' +
    (last
      ? `The last check that finished (${dayTimeLabel(last.at, zone, null)}): ${last.message}`
      : 'No check has finished yet.')
  );
}

export function homeFor(
  ctx: AppContext,
  e: AddOnEvent,
  notice: string | null,
  host: HomeView['host'] = e.commonEventObject && e.commonEventObject.hostApp === 'CALENDAR'
    ? 'calendar'
    : 'gmail',
): GoogleAppsScript.Card_Service.Card {
  const zone = userTimeZone(e, ctx.timeZone);
  const state = PollState.load(ctx.userStore);
  const lastVisit = Number(ctx.userStore.get(LAST_VISIT_KEY) || 0);
  const present = new Set(ctx.mailbox.draftIds());
  const team = ctx.team;
  const formNames = new Map(team.shared.forms.map((f) => [f.guid, f.name] as [string, string]));
  const records = state.records();
  const formOfDraft = new Map(
    records
      .filter(([, r]) => r.draftId)
      .map(([, r]) => [r.draftId as string, formNames.get(r.formGuid) || null]),
  );
  const drafts = state
    .trackedDrafts()
    .filter((d) => present.has(d.draftId))
    .map((d) => ({
      draftId: d.draftId,
      threadId: d.threadId,
      to: d.to,
      subject: d.subject,
      preparedAt: d.preparedAt,
      // Recorded with the draft since the homepage showed them; older records fall back to the address.
      name: d.name || null,
      company: d.company || null,
      sourceForm: (d.formGuid && formNames.get(d.formGuid)) || formOfDraft.get(d.draftId) || null,
    }));
  // Drafted leads are already listed as drafts: only those that got none need the user.
  const attention: NewLead[] = records
    .filter(([, r]) => r.updatedAt > lastVisit && r.stage === 'rejected')
    .map(([conversionId, r]) => ({
      email: r.email,
      conversionId,
      submittedAt: r.submittedAt,
      stage: r.stage,
      sourceForm: formNames.get(r.formGuid) || null,
    }))
    .sort((a, b) => b.submittedAt - a.submittedAt);
  let nextSlots = null;
  let calendarNotice: string | null = null;
  if (host === 'calendar') {
    const now = ctx.clock.now();
    const rules = { ...ctx.user.slotRules, timeZone: zone };
    try {
      const busy = runCall(ctx.http, ctx.calendar.busy(now, now + (rules.horizonDays + 1) * 86_400_000));
      nextSlots = findFreeSlots(rules, busy, now).map((s) => slotOption(s, zone, null, userLocale(e)));
    } catch (error) {
      // The rest of the homepage still works without free times (e.g. the Calendar API is disabled).
      if (!(error instanceof CalendarUnavailable)) throw error;
      calendarNotice = `Times to offer can’t be shown: ${error.message}`;
    }
  }
  const lastPoll = ctx.userStore.get(LAST_POLL_KEY);
  const writes: Record<string, string> = { [LAST_VISIT_KEY]: String(ctx.clock.now()) };
  // Installed triggers run as the user who made them: each user gets their one trigger the first time they
  // open the homepage (and again after an admin changes the interval).
  const trigger = ensureTrigger(ctx);
  if (ctx.userStore.get(USER_ZONE_KEY) !== zone) writes[USER_ZONE_KEY] = zone;
  const locale = userLocale(e);
  if (locale && ctx.userStore.get(USER_LOCALE_KEY) !== locale) writes[USER_LOCALE_KEY] = locale;
  ctx.userStore.setAll(writes);
  const banner = arrivalsBanner(ctx, new SidebarMemory(ctx));
  return homeCard({
    arrivals: banner ? { banner, now: ctx.clock.now() } : null,
    host,
    userEmail: ctx.userEmail,
    userTimeZone: zone,
    drafts,
    attention,
    lastPoll: lastPoll ? JSON.parse(lastPoll) : null,
    setup: {
      hasToken: !!team.token,
      hasAuditSheet: !!team.shared.auditSpreadsheetId,
      auditSheetUrl: team.shared.auditSpreadsheetId
        ? `https://docs.google.com/spreadsheets/d/${team.shared.auditSpreadsheetId}/edit`
        : null,
      formCount: team.shared.forms.length,
      pollerEnabled: team.shared.pollerEnabled,
      isAdmin: ctx.isAdmin,
    },
    nextSlots,
    notice:
      [
        notice || team.problem,
        team.admins.length ? null : NO_ADMIN_YET,
        calendarNotice,
        trigger.notice,
        auditOwnerNotice(ctx),
        heldAuditNotice(ctx),
      ]
        .filter(Boolean)
        .join('\n\n') || null,
  });
}

/**
 * When the team's audit queue had no room, this user's events wait in their own store (late:*): said here,
 * so a full queue is never silent. They move on with the user's next poll run, once the owner has drained.
 */
function heldAuditNotice(ctx: AppContext): string | null {
  const all = ctx.userStore.getAll();
  let held = 0;
  for (const key of Object.keys(all)) {
    if (key.indexOf('late:') !== 0 || !all[key] || all[key] === '[]') continue;
    try {
      const parsed = JSON.parse(all[key]);
      held += Array.isArray(parsed) ? parsed.length : Array.isArray(parsed.e) ? parsed.e.length : 0;
    } catch {
      held++;
    }
  }
  if (!held) return null;
  const owner = ctx.team.auditOwner || 'the audit sheet\u2019s owner';
  return (
    `${countOf(held, 'audit event')} ${held === 1 ? 'waits' : 'wait'} in your own store: the team's audit queue was full, because ${owner}'s ` +
    'trigger has not written it to the sheet. Nothing is lost: they move on with your next check for leads.'
  );
}
