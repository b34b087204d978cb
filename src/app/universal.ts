// Universal "Refresh" and the script-editor function that verifies the audit trail.
import { verifyAuditSheet } from '../services/sheet-audit-log';
import { AppContext } from './context';
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

/** Run from the script editor: logs whether the audit trail is intact, or the first row that is not. */
export function verifyAuditTrail(): string {
  const ctx = new AppContext('trigger');
  const id = ctx.team.shared.auditSpreadsheetId;
  const message = id
    ? verifyAuditSheet(id, ctx.scriptStore, ctx.hasher).message
    : 'No audit spreadsheet is set up yet.';
  console.log(message);
  return message;
}
