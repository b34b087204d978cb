// Short cards and responses around the main views: an error with its audit reference, the "set up first"
// card, the card for a thread among colleagues, and the action responses handlers return.
import { ACTIONS } from './actions';
import { button, card, paragraph, section } from './widgets';
import type { Card } from './widgets';

type ActionResponse = GoogleAppsScript.Card_Service.ActionResponse;

/**
 * One message a rep can act on. The reference (the audit row's id) and any technical detail (HTTP status,
 * HubSpot's correlation id) stay in the audit sheet, where an admin looks: they are not the rep's to read.
 */
export function errorCard(_reference: string, message: string): Card {
  return card({ title: "Prospector couldn't finish that", name: 'error' }, [
    section(null, [paragraph(withoutDiagnostics(message)), button('Prospector home', ACTIONS.goHome)]),
  ]);
}

/** "HubSpot is not responding (HTTP 503, correlation id abc)." -> "HubSpot is not responding." */
export function withoutDiagnostics(message: string): string {
  return message.replace(/\s*\((?:HTTP \d+|category |policy |retry after |correlation id )[^)]*\)/g, '');
}

export function setupNeededCard(reason: string): Card {
  return card({ title: 'Prospector needs setting up', name: 'setup' }, [
    section(null, [paragraph(reason), button('Open settings', ACTIONS.openSettings, {}, { primary: true })]),
  ]);
}

export function internalThreadCard(): Card {
  return card({ title: 'Prospector', name: 'internal' }, [
    section(null, [paragraph('Everyone on this thread is from your own domain — nothing to look up.')]),
  ]);
}

/** The sender names no email address (a bounce, a broken header): say who it is and that nothing was looked up. */
export function unreadableSenderCard(fromText: string): Card {
  return card({ title: 'Prospector', name: 'unreadable-sender' }, [
    section('Sender', [
      paragraph(`This message is from “${fromText}”, which is not an email address Prospector can look up.`),
      paragraph(
        'Nothing was looked up in HubSpot or Gmail. Automated messages such as delivery failures (MAILER-DAEMON) look like this.',
      ),
    ]),
  ]);
}

function notification(text: string): GoogleAppsScript.Card_Service.Notification {
  return CardService.newNotification().setText(text);
}

/** A toast, the card left as it is: "Task added". */
export function notify(text: string): ActionResponse {
  return CardService.newActionResponseBuilder().setNotification(notification(text)).build();
}

/** Opens a card on top of the current one (a form), optionally with a toast. */
export function pushCard(next: Card, text?: string): ActionResponse {
  const response = CardService.newActionResponseBuilder().setNavigation(
    CardService.newNavigation().pushCard(next),
  );
  if (text) response.setNotification(notification(text));
  return response.build();
}

/** Closes a form card, back to the card under it, optionally with a toast: "Note logged". */
export function popCard(text?: string): ActionResponse {
  const response = CardService.newActionResponseBuilder().setNavigation(
    CardService.newNavigation().popCard(),
  );
  if (text) response.setNotification(notification(text));
  return response.build();
}

/** Closes the form cards and shows the root card refreshed: after creating a contact. */
export function backToRoot(root: Card, text?: string): ActionResponse {
  const response = CardService.newActionResponseBuilder().setNavigation(
    CardService.newNavigation().popToRoot().updateCard(root),
  );
  if (text) response.setNotification(notification(text));
  return response.build();
}

/** Replaces the current card (after a refresh or a save), optionally with a toast. */
export function updateCard(next: Card, text?: string): ActionResponse {
  const response = CardService.newActionResponseBuilder().setNavigation(
    CardService.newNavigation().updateCard(next),
  );
  if (text) response.setNotification(notification(text));
  return response.build();
}

/** Opens the prepared draft in Gmail's compose window; the user reviews it and sends it themselves. */
export function draftOpenedResponse(
  draft: GoogleAppsScript.Gmail.GmailDraft,
): GoogleAppsScript.Card_Service.ComposeActionResponse {
  return CardService.newComposeActionResponseBuilder().setGmailDraft(draft).build();
}
