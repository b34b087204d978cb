// The add-on's Gmail label through Gmail's REST API, so labelling rides in a fetchAll the caller already
// makes and the label's id, once known, saves asking Gmail whether the label exists.
// https://developers.google.com/gmail/api/reference/rest/v1/users.labels/list
// https://developers.google.com/gmail/api/reference/rest/v1/users.labels/create
// https://developers.google.com/gmail/api/reference/rest/v1/users.messages/batchModify
import type { Call, HttpResponse } from '../core/http';
import { disabledApiMessage } from './google-api-errors';

export const GMAIL_LABELS_URL = 'https://gmail.googleapis.com/gmail/v1/users/me/labels';
export const GMAIL_BATCH_MODIFY_URL = 'https://gmail.googleapis.com/gmail/v1/users/me/messages/batchModify';
/** users.messages.batchModify: "The IDs of the messages to modify. There is a limit of 1000 ids per request." */
export const BATCH_MODIFY_MAX_IDS = 1000;

type Token = () => string;

/**
 * The label's id in one round trip: the list and a create go together. A label that exists is in the
 * list (the create answers 409 "Label name exists or conflicts"); one that does not is made by the create.
 */
export function findOrCreateLabel(name: string, token: Token): Call<string> {
  return {
    requests: [
      { url: GMAIL_LABELS_URL, method: 'get', headers: auth(token) },
      {
        url: GMAIL_LABELS_URL,
        method: 'post',
        headers: auth(token),
        payload: JSON.stringify({ name, labelListVisibility: 'labelShow', messageListVisibility: 'show' }),
      },
    ],
    parse: ([listed, created]) => {
      if (created && created.status === 200) {
        const id = (readJson(created) as { id?: string }).id;
        if (id) return String(id);
      }
      const labels = (readJson(listed) as { labels?: Array<{ id?: string; name?: string }> }).labels || [];
      const found = labels.find((l) => (l.name || '').toLowerCase() === name.toLowerCase());
      if (found && found.id) return String(found.id);
      throw new Error(`Gmail could not create the label ${name} (${created ? created.status : 'no answer'})`);
    },
  };
}

/**
 * The label added to these messages (a draft's message labels its thread), in requests of up to 1,000 ids.
 * 'missing' when Gmail no longer knows the label's id (deleted: 400 "Invalid label: <id>", or 404).
 */
export function labelMessages(
  messageIds: string[],
  labelId: string,
  token: Token,
): Call<'labelled' | 'missing'> {
  const parts: string[][] = [];
  for (let i = 0; i < messageIds.length; i += BATCH_MODIFY_MAX_IDS)
    parts.push(messageIds.slice(i, i + BATCH_MODIFY_MAX_IDS));
  return {
    requests: parts.map((ids) => ({
      url: GMAIL_BATCH_MODIFY_URL,
      method: 'post' as const,
      headers: auth(token),
      payload: JSON.stringify({ ids, addLabelIds: [labelId] }),
    })),
    parse: (responses) => {
      for (const response of responses) {
        if (!response) throw new Error('Gmail gave no answer');
        if (response.status === 200 || response.status === 204) continue;
        if (response.status === 404 || (response.status === 400 && /label/i.test(response.body)))
          return 'missing';
        readJson(response);
      }
      return 'labelled';
    },
  };
}

function auth(token: Token): Record<string, string> {
  return { Authorization: `Bearer ${token()}` };
}

function readJson(response: HttpResponse | undefined): unknown {
  if (!response) throw new Error('Gmail gave no answer');
  const disabled = disabledApiMessage(response);
  if (disabled) throw new Error(disabled);
  if (response.status === 401 || response.status === 403)
    throw new Error('Gmail refused the label change (permission)');
  if (response.status !== 200) throw new Error(`Gmail answered ${response.status}`);
  try {
    return JSON.parse(response.body);
  } catch {
    throw new Error('Gmail sent an unreadable answer');
  }
}
