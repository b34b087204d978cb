// Every entry point runs inside a handler: it gets a fresh context, turns any failure into a friendly card
// whose reference is the id of an audit row, and delivers the execution's audit events in one write.
import { ConfigError, CrmError, describeError } from '../core/errors';
import { lateOutboxKey } from '../core/poll-state';
import { errorCard, pushCard, setupNeededCard } from '../cards/message-cards';
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
 * The longest a sheet delivery may take: SheetAuditLog.append waits up to CARD_LOCK_WAIT_MS for the script
 * lock, then opens the sheet, reads its tail and writes (about 1 s in the workbench's model), with room to
 * spare for returning the card.
 */
const SHEET_DELIVERY_MS = CARD_LOCK_WAIT_MS + 3_000;

/**
 * Writes the execution's audit events to the sheet; when the sheet cannot take them (not set up, busy,
 * failing), or a card callback has no time left to wait for it, they wait in the user's outbox, which the
 * next poll run delivers.
 */
export function deliverAudit(ctx: AppContext): void {
  const trail = ctx.audit();
  const events = trail.takeAll();
  if (!events.length) return;
  const late = ctx.kind === 'card' && ctx.clock.now() + SHEET_DELIVERY_MS > ctx.startedAt + CARD_LIMIT_MS;
  try {
    // No time to wait for the sheet: the team's queue (no lock, one call), which the owner writes next.
    if (late) ctx.auditLog().queue(events);
    else ctx.auditLog().append(events);
    return;
  } catch {
    // Kept in the outbox below.
  }
  ctx.userStore.setAll({ [lateOutboxKey(trail.runId)]: JSON.stringify(events) });
}
