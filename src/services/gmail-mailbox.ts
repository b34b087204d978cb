// The user's mailbox through GmailApp. Only draft-creating methods are used: nothing here can send.
import { isFormNotificationSender } from '../core/form-notification';
import { parseAddress, parseAddressList, parseMailbox } from '../core/addresses';
import { runCall } from '../core/http';
import type { Call, HttpPort } from '../core/http';
import { PREPARED_LABEL_ID_KEY } from '../core/ports';
import type {
  ConversationSummary,
  DraftContent,
  KeyValueStore,
  Mailbox,
  OpenedMessage,
  PreparedDraft,
} from '../core/ports';
import { findOrCreateLabel, labelMessages } from './gmail-labels';
import { GMAIL_THREADS_URL } from './gmail-rest';

export const PREPARED_LABEL = 'Prospector/Prepared';
/** Room for the query in a threads.list URL: UrlFetchApp takes URLs of up to 2 KB. */
const PROBE_QUERY_CHARS = 1_800;

/** What labelling through Gmail's REST API needs: the script's token, UrlFetchApp, and where the id is kept. */
export interface LabelAccess {
  http: () => HttpPort;
  oauthToken: () => string;
  /** The user's Properties, already read by this execution: the remembered label id costs nothing. */
  store: KeyValueStore;
}

type GmailMessage = GoogleAppsScript.Gmail.GmailMessage;
type GmailThread = GoogleAppsScript.Gmail.GmailThread;

export class GmailMailbox implements Mailbox {
  /** Drafts made in this execution, so opening one needs no extra lookup. */
  private readonly draftObjects = new Map<string, GoogleAppsScript.Gmail.GmailDraft>();
  /** Messages already read (earlier conversations), so replying to one needs no second read. */
  private readonly messagesById = new Map<string, GmailMessage>();

  constructor(
    private readonly userEmail: string,
    private readonly labels?: LabelAccess,
  ) {}

  /** Add-on callbacks may read the open message only with the token Gmail passed in the event. */
  useAccessToken(accessToken: string): void {
    GmailApp.setCurrentMessageAccessToken(accessToken);
  }

  openMessage(messageId: string, accessToken: string): OpenedMessage {
    this.useAccessToken(accessToken);
    const message = GmailApp.getMessageById(messageId);
    return toOpened(message);
  }

  /**
   * users.threads.list with maxResults=1 per group of addresses, each URL under UrlFetchApp's 2 KB limit
   * (https://developers.google.com/apps-script/guides/services/quotas): most leads have never written, and
   * then the search for earlier conversations is skipped.
   */
  anyConversationsWith(emails: string[]): Call<boolean> {
    const wanted = unique(emails.map((e) => e.toLowerCase()));
    const groups: string[][] = [];
    let group: string[] = [];
    let length = 0;
    for (const email of wanted) {
      const term = encodeURIComponent(`from:${quoteTerm(email)} OR to:${quoteTerm(email)} OR `);
      if (group.length && length + term.length > PROBE_QUERY_CHARS) {
        groups.push(group);
        group = [];
        length = 0;
      }
      group.push(email);
      length += term.length;
    }
    if (group.length) groups.push(group);
    const token = this.requireLabels().oauthToken;
    return {
      requests: groups.map((part) => ({
        url: `${GMAIL_THREADS_URL}?maxResults=1&q=${encodeURIComponent(
          part.map((e) => `from:${quoteTerm(e)} OR to:${quoteTerm(e)}`).join(' OR '),
        )}`,
        method: 'get' as const,
        headers: { Authorization: `Bearer ${token()}` },
      })),
      parse: (responses) =>
        responses.some((response) => {
          if (!response || response.status !== 200)
            throw new Error(`Gmail answered ${response ? response.status : 'nothing'}`);
          const body = JSON.parse(response.body) as { threads?: unknown[] };
          return !!(body.threads && body.threads.length);
        }),
    };
  }

  conversationsWith(emails: string[], perAddress: number): Map<string, ConversationSummary[]> {
    const result = new Map<string, ConversationSummary[]>();
    const wanted = unique(emails.map((e) => e.toLowerCase()));
    wanted.forEach((e) => result.set(e, []));
    if (!wanted.length) return result;
    const query = wanted.map((e) => `from:${quoteTerm(e)} OR to:${quoteTerm(e)}`).join(' OR ');
    const threads = GmailApp.search(query, 0, Math.min(100, perAddress * wanted.length * 2));
    if (!threads.length) return result;
    const messagesByThread = GmailApp.getMessagesForThreads(threads);
    threads.forEach((thread, i) => {
      const messages = messagesByThread[i].filter((m) => !m.isDraft());
      messages.forEach((m) => this.messagesById.set(m.getId(), m));
      if (!messages.length) return;
      const last = messages[messages.length - 1];
      const participants = new Set(
        messages.flatMap((m) =>
          [m.getFrom(), m.getTo(), m.getCc()].flatMap((h) => parseAddressList(h).map((a) => a.email)),
        ),
      );
      const summary: ConversationSummary = {
        threadId: thread.getId(),
        lastMessageId: last.getId(),
        subject: thread.getFirstMessageSubject(),
        lastMessageAt: last.getDate().getTime(),
        messageCount: messages.length,
        lastFrom: (parseAddress(last.getFrom()) || { email: last.getFrom() }).email,
      };
      for (const email of wanted) {
        const list = result.get(email) as ConversationSummary[];
        if (participants.has(email) && list.length < perAddress) list.push(summary);
      }
    });
    return result;
  }

  createReplyDraft(messageId: string, draft: DraftContent): PreparedDraft {
    const message = this.messagesById.get(messageId) || GmailApp.getMessageById(messageId);
    const created = message.createDraftReply(draft.textBody, { htmlBody: draft.htmlBody });
    const sender = parseAddress(message.getReplyTo() || message.getFrom());
    const subject = /^re:/i.test(message.getSubject()) ? message.getSubject() : `Re: ${message.getSubject()}`;
    return this.remember(created, message.getThread(), sender ? sender.email : draft.to, subject);
  }

  createDraft(draft: DraftContent): PreparedDraft {
    const created = GmailApp.createDraft(draft.to, draft.subject, draft.textBody, {
      htmlBody: draft.htmlBody,
    });
    return this.remember(created, null, draft.to, draft.subject);
  }

  /**
   * Labels the drafts: ONE round trip (users.messages.batchModify) when the user's store remembers the
   * label's id. The first time, or when the label was deleted, its id is found or made first (one round
   * trip) and remembered (one write).
   */
  labelPrepared(drafts: PreparedDraft[]): void {
    const access = this.requireLabels();
    const withMessage = drafts.filter((d) => d.messageId);
    if (!withMessage.length) return;
    const known = access.store.get(PREPARED_LABEL_ID_KEY);
    if (known && runCall(access.http(), this.labelDrafts(withMessage, known)) === 'labelled') return;
    const id = runCall(access.http(), this.findPreparedLabel());
    access.store.setAll({ [PREPARED_LABEL_ID_KEY]: id });
    if (runCall(access.http(), this.labelDrafts(withMessage, id)) === 'missing')
      throw new Error(`Gmail does not know the label ${PREPARED_LABEL} it just gave`);
  }

  findPreparedLabel(): Call<string> {
    return findOrCreateLabel(PREPARED_LABEL, this.requireLabels().oauthToken);
  }

  labelDrafts(drafts: PreparedDraft[], labelId: string): Call<'labelled' | 'missing'> {
    const ids = drafts.map((d) => d.messageId).filter(Boolean);
    return labelMessages(ids, labelId, this.requireLabels().oauthToken);
  }

  private requireLabels(): LabelAccess {
    if (!this.labels) throw new Error('Labelling needs the REST access this mailbox was made without');
    return this.labels;
  }

  draftIds(): string[] {
    return GmailApp.getDrafts().map((draft) => draft.getId());
  }

  /**
   * Drafts with their recipients, for recovery after a crash: one getDrafts, then one search of recent
   * drafts (per 40 addresses) and one read of their threads, however many drafts the user has.
   */
  drafts(filter: { to?: string[]; since?: number } = {}): PreparedDraft[] {
    const byMessage = new Map(
      GmailApp.getDrafts().map((d) => [d.getMessageId(), d] as [string, GoogleAppsScript.Gmail.GmailDraft]),
    );
    if (!byMessage.size) return [];
    const days =
      filter.since === undefined ? 30 : Math.max(1, Math.ceil((Date.now() - filter.since) / 86_400_000) + 1);
    const to = filter.to ? unique(filter.to.map((e) => e.toLowerCase())) : null;
    const queries = to
      ? chunked(to, 40).map(
          (part) => `in:drafts newer_than:${days}d {${part.map((e) => `to:${quoteTerm(e)}`).join(' ')}}`,
        )
      : [`in:drafts newer_than:${days}d`];
    const found: PreparedDraft[] = [];
    for (const query of queries) {
      const threads = GmailApp.search(query, 0, 500);
      if (!threads.length) continue;
      GmailApp.getMessagesForThreads(threads).forEach((messages, i) => {
        for (const message of messages) {
          const draft = byMessage.get(message.getId());
          if (!draft) continue;
          const recipient = parseAddressList(message.getTo())[0];
          found.push({
            draftId: draft.getId(),
            threadId: threads[i].getId(),
            messageId: message.getId(),
            to: recipient ? recipient.email : '',
            subject: message.getSubject(),
            date: message.getDate().getTime(),
          });
        }
      });
    }
    return found.filter(
      (d) => (!to || to.indexOf(d.to) >= 0) && (filter.since === undefined || d.date >= filter.since),
    );
  }

  deleteDraft(draftId: string): void {
    GmailApp.getDraft(draftId).deleteDraft();
  }

  sentSince(threadIds: string[], since: number): Map<string, number> {
    const sent = new Map<string, number>();
    if (!threadIds.length) return sent;
    const wanted = new Set(threadIds);
    const days = Math.max(1, Math.ceil((Date.now() - since) / 86_400_000) + 1);
    const threads = GmailApp.search(`in:sent newer_than:${days}d`, 0, 500).filter((t) =>
      wanted.has(t.getId()),
    );
    if (!threads.length) return sent;
    const messagesByThread = GmailApp.getMessagesForThreads(threads);
    threads.forEach((thread, i) => {
      const mine = messagesByThread[i].filter(
        (m) =>
          !m.isDraft() && (parseAddress(m.getFrom()) || { email: '' }).email === this.userEmail.toLowerCase(),
      );
      const after = mine.map((m) => m.getDate().getTime()).filter((t) => t >= since);
      if (after.length) sent.set(thread.getId(), Math.min(...after));
    });
    return sent;
  }

  /** The GmailDraft made in this execution, for a compose response that opens it. */
  draftObject(draftId: string): GoogleAppsScript.Gmail.GmailDraft {
    return this.draftObjects.get(draftId) || GmailApp.getDraft(draftId);
  }

  private remember(
    draft: GoogleAppsScript.Gmail.GmailDraft,
    thread: GmailThread | null,
    to: string,
    subject: string,
  ): PreparedDraft {
    const messageId = draft.getMessageId();
    const threadId = thread ? thread.getId() : messageId;
    this.draftObjects.set(draft.getId(), draft);
    return { draftId: draft.getId(), threadId, messageId, to: to.toLowerCase(), subject, date: Date.now() };
  }
}

function toOpened(message: GmailMessage): OpenedMessage {
  const from = parseMailbox(message.getFrom() || '');
  return {
    id: message.getId(),
    threadId: message.getThread().getId(),
    from: from.email ? { email: from.email, name: from.name } : null,
    fromText: from.text,
    to: parseAddressList(message.getTo()),
    cc: parseAddressList(message.getCc()),
    subject: message.getSubject(),
    date: message.getDate().getTime(),
    // A getter of the message already read (no round trip); only HubSpot's notifications need the body.
    notificationBody: isFormNotificationSender(from.email) ? message.getPlainBody().slice(0, 20_000) : null,
  };
}

function quoteTerm(email: string): string {
  return /^[\w.+-]+@[\w.-]+$/.test(email) ? email : `"${email.replace(/"/g, '')}"`;
}

function chunked<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

function unique<T>(items: T[]): T[] {
  return Array.from(new Set(items));
}
