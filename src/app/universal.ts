// Universal "Refresh" and the script-editor function that verifies the audit trail.
import { verifyAuditSheet } from '../services/sheet-audit-log';
import { AppContext } from './context';
import { ownsAuditSheet } from './handler';
import type { AddOnEvent } from './events';
import { onHomepage } from './home';
import { freshLeadCards } from './sidebar';

/** Refresh what the user is looking at: the open message's lead card (bypassing the cache), or the homepage. */
export function onRefreshAction(e: AddOnEvent): GoogleAppsScript.Card_Service.UniversalActionResponse {
  const cards = e && e.gmail && e.gmail.messageId ? freshLeadCards(e) : onHomepage(e);
  return CardService.newUniversalActionResponseBuilder()
    .displayAddOnCards(Array.isArray(cards) ? cards : [cards])
    .build();
}

/**
 * Run from the script editor: logs whether the audit trail is intact, or the first row that is not. A long
 * trail is checked for as long as the execution allows; running it again continues where it stopped. The
 * person at the editor reads the outcome; the homepage button and the daily upkeep audit a break.
 */
export function verifyAuditTrail(): string {
  const ctx = new AppContext('trigger');
  const message = verifyMessage(ctx);
  console.log(message);
  return message;
}

function verifyMessage(ctx: AppContext): string {
  const id = ctx.team.shared.auditSpreadsheetId;
  if (!id) return 'No audit spreadsheet is set up yet.';
  if (!ownsAuditSheet(ctx))
    return `Only the owner of the audit sheet, ${String(ctx.team.auditOwner)}, can open it: run verifyAuditTrail as them.`;
  const result = verifyAuditSheet(id, ctx.scriptStore, ctx.hasher, ctx.clock, ctx.deadline);
  return result.state === 'partial'
    ? `${result.message} — run verifyAuditTrail again to continue.`
    : result.message;
}
