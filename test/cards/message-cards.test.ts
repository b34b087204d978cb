import { ACTIONS } from '../../src/cards/actions';
import {
  draftOpenedResponse,
  errorCard,
  internalThreadCard,
  notify,
  popCard,
  pushCard,
  setupNeededCard,
  updateCard,
} from '../../src/cards/message-cards';
import { buttonNamed, cardTexts, installCardService, jsonOf, unknownActions } from './card-json';

beforeAll(installCardService);

describe('message cards', () => {
  it('errorCard: one message a rep can act on, no reference or diagnostic id, and a way home', () => {
    const card = jsonOf(
      errorCard('evt-7f3a', 'HubSpot is not answering (HTTP 503, correlation id abc-123).'),
    );
    expect(cardTexts(card)).toEqual(['HubSpot is not answering.']);
    expect(JSON.stringify(card)).not.toMatch(/evt-7f3a|abc-123/);
    expect(buttonNamed(card, 'Prospector home').onClick.action.function).toBe(ACTIONS.goHome);
  });

  it('errorCard: escapes the message', () => {
    expect(cardTexts(jsonOf(errorCard('r1', 'bad <input> & more')))[0]).toBe('bad &lt;input&gt; &amp; more');
  });

  it('setupNeededCard: the reason and a Settings button', () => {
    const card = jsonOf(setupNeededCard('Connect HubSpot first.'));
    expect(cardTexts(card)).toEqual(['Connect HubSpot first.']);
    expect(buttonNamed(card, 'Open settings').onClick.action.function).toBe(ACTIONS.openSettings);
  });

  it('internalThreadCard: says there is nothing to look up', () => {
    expect(cardTexts(jsonOf(internalThreadCard()))).toEqual([
      'Everyone on this thread is from your own domain — nothing to look up.',
    ]);
  });

  it('all cards call only exported functions', () => {
    for (const card of [errorCard('r', 'm'), setupNeededCard('x'), internalThreadCard()]) {
      expect(unknownActions(jsonOf(card))).toEqual([]);
    }
  });
});

describe('action responses', () => {
  const card = () => internalThreadCard();

  it('notify: a toast and nothing else', () => {
    expect(jsonOf(notify('Task added in HubSpot.'))).toEqual({
      renderActions: { action: { notification: { text: 'Task added in HubSpot.' } } },
    });
  });

  it('pushCard / updateCard / popCard: navigation, with an optional toast', () => {
    expect(jsonOf(pushCard(card())).renderActions.action).toEqual({
      navigations: [{ pushCard: jsonOf(card()) }],
    });
    expect(jsonOf(updateCard(card(), 'Saved')).renderActions.action).toEqual({
      navigations: [{ updateCard: jsonOf(card()) }],
      notification: { text: 'Saved' },
    });
    expect(jsonOf(popCard('Note logged')).renderActions.action).toEqual({
      navigations: [{ pop: true }],
      notification: { text: 'Note logged' },
    });
  });

  it('draftOpenedResponse: opens the draft in compose', () => {
    const draft = { getId: () => 'r-1', getMessage: () => ({ getThread: () => ({ getId: () => 'thr-1' }) }) };
    expect(jsonOf(draftOpenedResponse(draft as unknown as GoogleAppsScript.Gmail.GmailDraft))).toEqual({
      'x-workbench-composeActionResponse': { gmailDraft: { draftId: 'r-1', threadId: 'thr-1' } },
    });
  });
});
