// Every entry point runs inside a handler: it gets a fresh context, turns any failure into a friendly card
// whose reference is the id of an audit row, and delivers the execution's audit events in one write.
import { ConfigError, CrmError, describeError } from '../core/errors';
import { lateOutboxKey } from '../core/poll-state';
import { errorCard, pushCard, setupNeededCard } from '../cards/message-cards';
import { oldestQueued } from '../services/sheet-audit-log';
import { AppContext, CARD_LOCK_WAIT_MS } from './context';
import type { AddOnEvent } from './events';

type CardResult = GoogleAppsScript.Card_Service.Card | GoogleAppsScript.Card_Service.Card[];
/** What a button may return (a universal action has its own wrapper, below). */
type ActionResult =
  GoogleAppsScript.Card_Service.ActionResponse | GoogleAppsScript.Card_Service.UpdateDraftActionResponse;

/** A trigger that returns cards (homepage, contextual, compose, event open). */
export function cardTrigger(name: string, body: (ctx: AppContext, e: AddOnEvent) => CardResult) {
  return (e: AddOnEvent): CardResult => run(e, body, (ctx, error) => failureCard(ctx, name, error));
}

/** A button's callback: failures come back as a pushed error card. */
export function cardAction(name: string, body: (ctx: AppContext, e: AddOnEvent) => ActionResult) {
  return (e: AddOnEvent): ActionResult =>
    run(e, body, (ctx, error) => pushCard(failureCard(ctx, name, error)));
}

/**
 * A universal action (the add-on's menu): the host takes only a UniversalActionResponse, so the cards, or
 * the failure card, are displayed through one.
 * https://developers.google.com/workspace/add-ons/concepts/universal-actions
 */
export function universalAction(
  name: string,
  body: (ctx: AppContext, e: AddOnEvent) => GoogleAppsScript.Card_Service.Card[],
) {
  const display = (cards: GoogleAppsScript.Card_Service.Card[]) =>
    CardService.newUniversalActionResponseBuilder().displayAddOnCards(cards).build();
  return (e: AddOnEvent): GoogleAppsScript.Card_Service.UniversalActionResponse =>
    run(
      e,
      (ctx, event) => display(body(ctx, event)),
      (ctx, error) => display([failureCard(ctx, name, error)]),
    );
}

/**
 * A button that opens Gmail's compose window: Gmail accepts only a draft in return, so a failure is
 * audited and thrown with its reference (Gmail shows the message) instead of returning a card.
 */
export function composeAction(
  name: string,
  body: (ctx: AppContext, e: AddOnEvent) => GoogleAppsScript.Card_Service.ComposeActionResponse,
) {
  return (e: AddOnEvent): GoogleAppsScript.Card_Service.ComposeActionResponse =>
    run(e, body, (ctx, error) => {
      const reference = failureEvent(ctx, name, error);
      throw new Error(`${friendly(error)} (reference ${reference})`);
    });
}

function run<R>(
  e: AddOnEvent,
  body: (ctx: AppContext, e: AddOnEvent) => R,
  onError: (ctx: AppContext, error: unknown) => R,
): R {
  const ctx = new AppContext('card');
  try {
    return body(ctx, e || {});
  } catch (error) {
    return onError(ctx, error);
  } finally {
    deliverAudit(ctx);
  }
}

function failureCard(ctx: AppContext, name: string, error: unknown): GoogleAppsScript.Card_Service.Card {
  if (error instanceof ConfigError) return setupNeededCard(error.message);
  return errorCard(failureEvent(ctx, name, error), friendly(error));
}

/** Audits an unexpected failure; the event id is the reference the user sees. */
function failureEvent(ctx: AppContext, name: string, error: unknown): string {
  const described = describeError(error);
  const event = ctx.audit().record(error instanceof CrmError ? 'connector_error' : 'internal_error', {
    resourceType: 'run',
    resourceId: name,
    outcome: 'failure',
    summary: `${name} failed: ${described.message}`,
    details: { kind: described.kind, entryPoint: name },
  });
  return event.id;
}

function friendly(error: unknown): string {
  if (error instanceof CrmError || error instanceof ConfigError) return describeError(error).message;
  return 'Something unexpected happened. Nothing was sent, and you can try again.';
}

/** Apps Script ends an add-on callback at 30 s (https://developers.google.com/apps-script/guides/services/quotas). */
const CARD_LIMIT_MS = 30_000;
/**
 * The longest a card's drain may take: the script lock (CARD_LOCK_WAIT_MS), then open, tail read, write,
 * flush and the queue's marks (about 1.5 s in the workbench's model), with room to spare for the card.
 */
const SHEET_DELIVERY_MS = CARD_LOCK_WAIT_MS + 3_000;
/**
 * A card of the sheet's owner drains the queue only when its oldest event has waited longer than one poll
 * interval plus this: the owner's hourly trigger is missing or failing. Apps Script runs an hourly trigger
 * at some minute of each hour (https://developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers),
 * and a run takes up to 6 minutes.
 */
export const STALE_QUEUE_MARGIN_MS = 30 * 60_000;

/**
 * Appends the execution's audit events to the team's queue (one setProperties, no lock, no sheet). When
 * the queue cannot take them (full, not set up, failing) they wait in the user's own outbox, which the
 * user's next poll run moves on; the homepage says so. A card of the sheet's owner then drains the queue
 * only when the owner's trigger has let it go stale.
 */
export function deliverAudit(ctx: AppContext): void {
  const trail = ctx.audit();
  const events = trail.takeAll();
  if (events.length) {
    try {
      ctx.auditLog().append(events);
    } catch {
      ctx.userStore.setAll({ [lateOutboxKey(trail.runId)]: JSON.stringify(events) });
    }
  }
  if (
    ctx.kind === 'card' &&
    queueIsStale(ctx) &&
    ctx.clock.now() + SHEET_DELIVERY_MS < ctx.startedAt + CARD_LIMIT_MS
  )
    drainAuditQueue(ctx);
}

/** Whether this is the sheet's owner and the queue's oldest event waited past a poll interval and a margin. */
function queueIsStale(ctx: AppContext): boolean {
  // Looked at only when this execution read the script store anyway: a click never pays a read for it.
  if (ctx.scriptStore.loadedBytes() === null) return false;
  if (!ctx.team.shared.auditSpreadsheetId || !ownsAuditSheet(ctx)) return false;
  const oldest = oldestQueued(ctx.scriptStore.getAll());
  const interval = ctx.team.shared.pollerIntervalMinutes * 60_000;
  return oldest !== null && ctx.clock.now() - oldest > interval + STALE_QUEUE_MARGIN_MS;
}

/**
 * The owner's drain of the team's queue to the sheet, within the execution's time. A failure leaves the
 * queue as it was (nothing is lost) and is queued as an audit event, which the next drain writes.
 */
export function drainAuditQueue(ctx: AppContext): void {
  if (!ctx.team.shared.auditSpreadsheetId || !ownsAuditSheet(ctx)) return;
  try {
    ctx.auditLog().drain();
  } catch (error) {
    const event = ctx.audit().record('internal_error', {
      resourceType: 'audit',
      resourceId: ctx.team.shared.auditSpreadsheetId,
      outcome: 'failure',
      summary: `The audit queue could not be written to the sheet: ${describeError(error).message}`,
    });
    try {
      ctx.auditLog().append(ctx.audit().takeAll());
    } catch {
      ctx.userStore.setAll({ [lateOutboxKey(`${ctx.audit().runId}.${event.id}`)]: JSON.stringify([event]) });
    }
  }
}

/**
 * Whether this user can open the audit sheet: its owner (recorded when it was created; see settings.ts).
 * A sheet from before the owner was recorded is tried by everyone, as then.
 */
export function ownsAuditSheet(ctx: AppContext): boolean {
  const owner = ctx.team.auditOwner;
  return !owner || owner.toLowerCase() === ctx.userEmail;
}
