// Earlier conversations through Gmail's REST API, so the lookups ride in the same UrlFetchApp.fetchAll as
// HubSpot's. The script's own OAuth token (ScriptApp.getOAuthToken) carries the mail scope the add-on has.
// https://developers.google.com/gmail/api/reference/rest/v1/users.threads/list
// https://developers.google.com/gmail/api/reference/rest/v1/users.threads/get
import { parseAddress } from '../core/addresses';
import type { Call, HttpResponse } from '../core/http';
import type { ConversationSummary, MailSearch } from '../core/ports';
import { disabledApiMessage } from './google-api-errors';

export const GMAIL_THREADS_URL = 'https://gmail.googleapis.com/gmail/v1/users/me/threads';

interface ThreadResource {
  id?: string;
  messages?: Array<{
    id?: string;
    labelIds?: string[];
    internalDate?: string;
    payload?: { headers?: Array<{ name?: string; value?: string }> };
  }>;
}

export class GmailRestSearch implements MailSearch {
  constructor(private readonly oauthToken: () => string) {}

  threadIds(email: string, max: number): Call<string[]> {
    const query = `from:${email} OR to:${email}`;
    return {
      requests: [
        {
          url: `${GMAIL_THREADS_URL}?q=${encodeURIComponent(query)}&maxResults=${max}`,
          method: 'get',
          headers: this.headers(),
        },
      ],
      parse: ([response]) => {
        const body = readJson(response) as { threads?: Array<{ id?: string }> };
        return (body.threads || []).map((t) => String(t.id || '')).filter(Boolean);
      },
    };
  }

  summaries(threadIds: string[]): Call<ConversationSummary[]> {
    const metadata = ['From', 'Subject', 'Date'].map((h) => `metadataHeaders=${h}`).join('&');
    return {
      requests: threadIds.map((id) => ({
        url: `${GMAIL_THREADS_URL}/${encodeURIComponent(id)}?format=metadata&${metadata}`,
        method: 'get' as const,
        headers: this.headers(),
      })),
      parse: (responses) =>
        responses
          .map((response) => summarise(readJson(response) as ThreadResource))
          .filter((s): s is ConversationSummary => s !== null)
          .sort((a, b) => b.lastMessageAt - a.lastMessageAt),
    };
  }

  private headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.oauthToken()}` };
  }
}

function summarise(thread: ThreadResource): ConversationSummary | null {
  const messages = (thread.messages || []).filter((m) => (m.labelIds || []).indexOf('DRAFT') < 0);
  if (!thread.id || !messages.length) return null;
  const header = (m: (typeof messages)[number], name: string) =>
    ((m.payload && m.payload.headers) || []).find((h) => (h.name || '').toLowerCase() === name.toLowerCase());
  const first = messages[0];
  const last = messages[messages.length - 1];
  const from = header(last, 'From');
  const subject = header(first, 'Subject');
  return {
    threadId: thread.id,
    lastMessageId: String(last.id || ''),
    subject: subject && subject.value ? subject.value : '(no subject)',
    lastMessageAt: Number(last.internalDate) || 0,
    messageCount: messages.length,
    lastFrom: from && from.value ? (parseAddress(from.value) || { email: from.value }).email : '',
  };
}

function readJson(response: HttpResponse | undefined): unknown {
  if (!response) throw new Error('Gmail gave no answer');
  const disabled = disabledApiMessage(response);
  if (disabled) throw new Error(disabled);
  if (response.status === 401 || response.status === 403)
    throw new Error('Gmail refused the lookup (permission)');
  if (response.status !== 200) throw new Error(`Gmail answered ${response.status}`);
  try {
    return JSON.parse(response.body);
  } catch {
    throw new Error('Gmail sent an unreadable answer');
  }
}
