// In-memory GmailApp for the workbench. Draft-only is enforced here a third time: every method that could
// send throws and is recorded in state.violations. Round trips charge the ledger; getters on objects already
// fetched are local, as in Apps Script (https://developers.google.com/apps-script/reference/gmail).
import type { CallLedger, SimClock } from '../runtime';
import { latencyOf } from '../latency';
import { parseGmailQuery, type SearchableMessage } from './gmail-search';

type Gmail = GoogleAppsScript.Gmail.GmailApp;
type GmailThread = GoogleAppsScript.Gmail.GmailThread;
type GmailMessage = GoogleAppsScript.Gmail.GmailMessage;
type GmailDraft = GoogleAppsScript.Gmail.GmailDraft;
type GmailLabel = GoogleAppsScript.Gmail.GmailLabel;
type ReplyOptions = GoogleAppsScript.Gmail.GmailReplyOptions;

export interface MailMessageState {
  id: string;
  /** Header as GmailMessage.getFrom() returns it: "Name <address>" or a bare address. */
  from: string;
  /** Comma-separated recipients. */
  to: string;
  cc?: string;
  bcc?: string;
  replyTo?: string;
  subject: string;
  /** Epoch ms. */
  date: number;
  plainBody: string;
  htmlBody?: string;
  isDraft?: boolean;
  /** Sent by the user before the run (the fake itself never sends). */
  isSent?: boolean;
  unread?: boolean;
  starred?: boolean;
  /** The current-message access token the workbench hands the add-on when this message is opened. */
  accessToken?: string;
}

export interface MailThreadState {
  id: string;
  /** User label names. */
  labels: string[];
  /** Default: 'inbox' if the thread holds a received message, else 'archived'. */
  location?: 'inbox' | 'archived' | 'spam' | 'trash';
  messages: MailMessageState[];
}

/** A draft the add-on created and has not deleted. Its message lives in its thread. */
export interface DraftRecord {
  id: string;
  messageId: string;
  threadId: string;
  createdAt: number;
}

/** Would hold every message sent; it stays empty because nothing can send. */
export interface SentRecord {
  method: string;
  at: number;
}

export interface DraftOnlyViolation {
  /** e.g. 'GmailApp.sendEmail', 'GmailDraft.send'. */
  method: string;
  at: number;
  execution: number;
}

export interface MailboxState {
  userEmail: string;
  userName?: string;
  /** Addresses the user may send as (GmailApp.getAliases()). */
  aliases?: string[];
  threads: MailThreadState[];
  /** User label names. */
  labels: string[];
  /** Gmail API ids of user labels ("Label_<n>"), given when the REST API first names a label. */
  labelIds?: Record<string, string>;
  /** The last label number given: a label made again gets a new id, as in Gmail. */
  lastLabelNumber?: number;
  drafts: DraftRecord[];
  sent: SentRecord[];
  violations: DraftOnlyViolation[];
  /** Every setCurrentMessageAccessToken call. */
  accessTokens: { token: string; execution: number; at: number }[];
  /** Next id number; ids stay deterministic across runs of the same scenario. */
  seq?: number;
}

export interface GmailFakeOptions {
  /**
   * True for an add-on holding only the current-message scopes: reading a message needs the token of the
   * opened message (GmailApp.setCurrentMessageAccessToken). False models the full mail scope.
   */
  requireMessageToken?: boolean;
}

export function createMailboxState(init: {
  userEmail: string;
  userName?: string;
  aliases?: string[];
  threads?: MailThreadState[];
  labels?: string[];
}): MailboxState {
  return {
    userEmail: init.userEmail,
    userName: init.userName,
    aliases: init.aliases,
    threads: init.threads ?? [],
    labels: init.labels ?? [...new Set((init.threads ?? []).flatMap((t) => t.labels))],
    drafts: [],
    sent: [],
    violations: [],
    accessTokens: [],
  };
}

const SERVICE = 'GmailApp';
/** GmailLabel.addToThreads: "You can add labels for up to 100 threads per batch."
 * https://developers.google.com/apps-script/reference/gmail/gmail-label#addToThreads(GmailThread) */
export const MAX_THREADS_PER_LABEL_CALL = 100;
const MAX_REPLY_SUBJECT = 250;

/** Fakes stand in for the real interfaces; members outside the modelled subset are simply absent. */
function asReal<T>(fake: object): T {
  return fake as T;
}

function addressOf(header: string): string {
  const m = /<([^>]+)>/.exec(header);
  return (m ? m[1] : header).trim().toLowerCase();
}

function splitAddresses(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function locationOf(thread: MailThreadState): NonNullable<MailThreadState['location']> {
  if (thread.location) return thread.location;
  return thread.messages.some((m) => !m.isDraft && !m.isSent) ? 'inbox' : 'archived';
}

/** A message as Gmail search sees it (shared with the Gmail REST fake). */
export function searchableMessage(message: MailMessageState, thread: MailThreadState): SearchableMessage {
  return {
    from: message.from,
    to: message.to,
    cc: message.cc ?? '',
    subject: message.subject,
    body: message.plainBody,
    date: message.date,
    isDraft: message.isDraft === true,
    isSent: message.isSent === true,
    unread: message.unread === true,
    starred: message.starred === true,
    labels: thread.labels,
    location: locationOf(thread),
  };
}

function chronological(thread: MailThreadState): MailMessageState[] {
  return [...thread.messages].sort((a, b) => a.date - b.date);
}

/** The shared machinery behind every Gmail object of one mailbox. */
class Mailbox {
  constructor(
    readonly state: MailboxState,
    readonly ledger: CallLedger,
    readonly clock: SimClock,
    readonly options: Required<GmailFakeOptions>,
  ) {}

  charge(method: string): void {
    this.ledger.charge(SERVICE, method, latencyOf(SERVICE, method));
  }

  refuse(method: string): never {
    this.state.violations.push({ method, at: this.clock.now(), execution: this.ledger.execution?.id ?? 0 });
    throw new Error(`draft-only violation: ${method}`);
  }

  nextId(prefix: string): string {
    const n = (this.state.seq ?? 0) + 1;
    this.state.seq = n;
    return `${prefix}${n.toString(16).padStart(12, '0')}`;
  }

  findThread(id: string): MailThreadState | undefined {
    return this.state.threads.find((t) => t.id === id);
  }

  findMessage(id: string): { thread: MailThreadState; message: MailMessageState } | undefined {
    for (const thread of this.state.threads) {
      const message = thread.messages.find((m) => m.id === id);
      if (message) return { thread, message };
    }
    return undefined;
  }

  draftIdOf(message: MailMessageState): string {
    return this.state.drafts.find((d) => d.messageId === message.id)?.id ?? `r-${message.id}`;
  }

  /** Apps Script refuses add-ons with only per-message scopes unless the opened message's token was set. */
  checkMessageAccess(messages: MailMessageState[]): void {
    if (!this.options.requireMessageToken) return;
    const execution = this.ledger.execution?.id ?? 0;
    const tokens = this.state.accessTokens.filter((t) => t.execution === execution).map((t) => t.token);
    if (tokens.length === 0) throw new Error('Access denied: : Missing access token for per message scope');
    if (!messages.some((m) => m.accessToken === undefined || tokens.includes(m.accessToken))) {
      throw new Error('Access denied: : Access token does not match the requested message');
    }
  }

  /** Adds or removes a user label on threads; a deleted label can no longer be used. */
  labelThreads(name: string, threads: MailThreadState[], add: boolean): void {
    if (!this.state.labels.includes(name)) throw new Error(`Gmail fake: label '${name}' was deleted`);
    for (const thread of threads) {
      if (add && !thread.labels.includes(name)) thread.labels.push(name);
      if (!add) thread.labels = thread.labels.filter((l) => l !== name);
    }
  }

  deleteLabel(name: string): void {
    if (!this.state.labels.includes(name)) throw new Error(`Gmail fake: label '${name}' was deleted`);
    this.state.labels = this.state.labels.filter((l) => l !== name);
    if (this.state.labelIds) delete this.state.labelIds[name];
    for (const thread of this.state.threads) thread.labels = thread.labels.filter((l) => l !== name);
  }

  searchable(message: MailMessageState, thread: MailThreadState): SearchableMessage {
    return searchableMessage(message, thread);
  }

  thread(state: MailThreadState): FakeGmailThread {
    return new FakeGmailThread(this, state);
  }

  message(thread: MailThreadState, message: MailMessageState): FakeGmailMessage {
    return new FakeGmailMessage(this, thread, message);
  }

  fromHeader(options: GoogleAppsScript.Gmail.GmailAdvancedOptions | undefined): string {
    const address = options?.from ?? this.state.userEmail;
    const allowed = [this.state.userEmail, ...(this.state.aliases ?? [])].map((a) => a.toLowerCase());
    if (!allowed.includes(address.toLowerCase())) throw new Error(`Invalid argument: from (${address})`);
    const name = options?.name ?? this.state.userName;
    return name ? `${name} <${address}>` : address;
  }

  /** Stores a draft message (in a new thread when thread is null) and returns it. */
  saveDraft(
    thread: MailThreadState | null,
    fields: {
      to: string;
      subject: string;
      body: string;
      options?: GoogleAppsScript.Gmail.GmailAdvancedOptions;
    },
  ): FakeGmailDraft {
    const { options } = fields;
    if (options?.attachments || options?.inlineImages) {
      throw new Error('Gmail fake: attachments and inline images are not modelled');
    }
    for (const address of [
      ...splitAddresses(fields.to),
      ...splitAddresses(options?.cc),
      ...splitAddresses(options?.bcc),
    ]) {
      if (!/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/.test(addressOf(address)))
        throw new Error(`Invalid email: ${address}`);
    }
    const id = this.nextId('18f');
    const message: MailMessageState = {
      id,
      from: this.fromHeader(options),
      to: fields.to,
      cc: options?.cc,
      bcc: options?.bcc,
      replyTo: options?.replyTo,
      subject: fields.subject,
      date: this.clock.now(),
      plainBody: fields.body,
      htmlBody: options?.htmlBody,
      isDraft: true,
    };
    const home = thread ?? { id, labels: [], messages: [] };
    if (!thread) this.state.threads.push(home);
    home.messages.push(message);
    const record: DraftRecord = {
      id: `r-${this.nextId('')}`,
      messageId: id,
      threadId: home.id,
      createdAt: message.date,
    };
    this.state.drafts.push(record);
    return new FakeGmailDraft(this, record.id, home, message);
  }

  replyDraft(
    thread: MailThreadState,
    original: MailMessageState,
    body: string,
    options: ReplyOptions | undefined,
    all: boolean,
  ): FakeGmailDraft {
    const subject =
      options?.subject ?? (/^re:/i.test(original.subject) ? original.subject : `Re: ${original.subject}`);
    if (subject.length > MAX_REPLY_SUBJECT) {
      throw new Error(`Gmail fake: a reply subject holds at most ${MAX_REPLY_SUBJECT} characters`);
    }
    const sender = original.replyTo ?? original.from;
    const me = [this.state.userEmail, ...(this.state.aliases ?? [])].map((a) => a.toLowerCase());
    const others = all
      ? [...splitAddresses(original.to), ...splitAddresses(original.cc)].filter(
          (a) => !me.includes(addressOf(a)) && addressOf(a) !== addressOf(sender),
        )
      : [];
    const cc = [...others, ...splitAddresses(options?.cc)].join(', ') || undefined;
    return this.saveDraft(thread, { to: sender, subject, body, options: { ...options, cc } });
  }
}

export class FakeGmailApp implements Pick<
  Gmail,
  | 'search'
  | 'getMessageById'
  | 'getThreadById'
  | 'getMessagesForThread'
  | 'getMessagesForThreads'
  | 'setCurrentMessageAccessToken'
  | 'createDraft'
  | 'getDrafts'
  | 'getDraft'
  | 'getUserLabelByName'
  | 'getUserLabels'
  | 'createLabel'
  | 'getAliases'
  | 'deleteLabel'
  | 'getInboxThreads'
  | 'getInboxUnreadCount'
  | 'sendEmail'
> {
  private readonly box: Mailbox;

  constructor(state: MailboxState, ledger: CallLedger, clock: SimClock, options: GmailFakeOptions = {}) {
    this.box = new Mailbox(state, ledger, clock, {
      requireMessageToken: options.requireMessageToken ?? true,
    });
  }

  /** Threads newest first; drafts are found too, Spam and Trash only when the query names them. */
  search(query: string, start?: number, max?: number): GmailThread[] {
    this.box.charge('search');
    const { state, clock } = this.box;
    const parsed = parseGmailQuery(query, { now: clock.now(), userEmail: state.userEmail });
    const found = state.threads
      .filter((t) => parsed.includesSpamAndTrash || !['spam', 'trash'].includes(locationOf(t)))
      .filter((t) => t.messages.some((m) => parsed.matches(this.box.searchable(m, t))))
      .sort((a, b) => lastDate(b) - lastDate(a));
    const from = start ?? 0;
    return found
      .slice(from, max === undefined ? undefined : from + max)
      .map((t) => asReal<GmailThread>(this.box.thread(t)));
  }

  /** Inbox threads, newest first (gmail-app#getinboxthreadsstart,-max). */
  getInboxThreads(start?: number, max?: number): GmailThread[] {
    this.box.charge('getInboxThreads');
    const inbox = this.box.state.threads
      .filter((t) => locationOf(t) === 'inbox')
      .sort((a, b) => lastDate(b) - lastDate(a));
    const from = start ?? 0;
    return inbox
      .slice(from, max === undefined ? undefined : from + max)
      .map((t) => asReal<GmailThread>(this.box.thread(t)));
  }

  /** "the number of unread threads in the inbox" (gmail-app#getinboxunreadcount). */
  getInboxUnreadCount(): number {
    this.box.charge('getInboxUnreadCount');
    return this.box.state.threads.filter((t) => locationOf(t) === 'inbox' && t.messages.some((m) => m.unread))
      .length;
  }

  getMessageById(id: string): GmailMessage {
    this.box.charge('getMessageById');
    const found = this.box.findMessage(id);
    if (!found) throw new Error('Invalid argument: id');
    this.box.checkMessageAccess([found.message]);
    return asReal<GmailMessage>(this.box.message(found.thread, found.message));
  }

  getThreadById(id: string): GmailThread {
    this.box.charge('getThreadById');
    const thread = this.box.findThread(id);
    // Apps Script answers null for an unknown id, though its typings do not say so.
    if (!thread) return null as unknown as GmailThread;
    this.box.checkMessageAccess(thread.messages);
    return asReal<GmailThread>(this.box.thread(thread));
  }

  getMessagesForThread(thread: GmailThread): GmailMessage[] {
    this.box.charge('getMessagesForThread');
    return this.messagesOf(thread);
  }

  /** One round trip for all the threads. */
  getMessagesForThreads(threads: GmailThread[]): GmailMessage[][] {
    this.box.charge('getMessagesForThreads');
    return threads.map((t) => this.messagesOf(t));
  }

  private messagesOf(thread: GmailThread): GmailMessage[] {
    const state = this.box.findThread(thread.getId());
    if (!state) throw new Error(`Invalid argument: thread ${thread.getId()}`);
    return chronological(state).map((m) => asReal<GmailMessage>(this.box.message(state, m)));
  }

  setCurrentMessageAccessToken(accessToken: string): void {
    this.box.state.accessTokens.push({
      token: accessToken,
      execution: this.box.ledger.execution?.id ?? 0,
      at: this.box.clock.now(),
    });
  }

  createDraft(
    recipient: string,
    subject: string,
    body: string,
    options?: GoogleAppsScript.Gmail.GmailAdvancedOptions,
  ): GmailDraft {
    this.box.charge('createDraft');
    return asReal<GmailDraft>(this.box.saveDraft(null, { to: recipient, subject, body, options }));
  }

  getDrafts(): GmailDraft[] {
    this.box.charge('getDrafts');
    return this.box.state.threads.flatMap((t) =>
      t.messages
        .filter((m) => m.isDraft)
        .map((m) => asReal<GmailDraft>(new FakeGmailDraft(this.box, this.box.draftIdOf(m), t, m))),
    );
  }

  getDraft(draftId: string): GmailDraft {
    this.box.charge('getDraft');
    for (const t of this.box.state.threads) {
      const m = t.messages.find((x) => x.isDraft && this.box.draftIdOf(x) === draftId);
      if (m) return asReal<GmailDraft>(new FakeGmailDraft(this.box, draftId, t, m));
    }
    throw new Error('Invalid argument: draftId');
  }

  getUserLabelByName(name: string): GmailLabel {
    this.box.charge('getUserLabelByName');
    // null when there is no such label, as in Apps Script.
    if (!this.box.state.labels.includes(name)) return null as unknown as GmailLabel;
    return asReal<GmailLabel>(new FakeGmailLabel(this.box, name));
  }

  getUserLabels(): GmailLabel[] {
    this.box.charge('getUserLabels');
    return this.box.state.labels.map((name) => asReal<GmailLabel>(new FakeGmailLabel(this.box, name)));
  }

  /** Gmail refuses a second label whose name differs only in case (users.labels.create answers 409). */
  createLabel(name: string): GmailLabel {
    this.box.charge('createLabel');
    if (this.box.state.labels.some((l) => l.toLowerCase() === name.toLowerCase())) {
      throw new Error('Label name exists or conflicts');
    }
    this.box.state.labels.push(name);
    return asReal<GmailLabel>(new FakeGmailLabel(this.box, name));
  }

  /** https://developers.google.com/apps-script/reference/gmail/gmail-app#deletelabellabel */
  deleteLabel(label: GmailLabel): Gmail {
    this.box.charge('deleteLabel');
    this.box.deleteLabel(label.getName());
    return asReal<Gmail>(this);
  }

  getAliases(): string[] {
    this.box.charge('getAliases');
    return [...(this.box.state.aliases ?? [])];
  }

  sendEmail(
    _recipient: string,
    _subject: string,
    _body: string,
    _options?: object,
  ): GoogleAppsScript.Gmail.GmailApp {
    return this.box.refuse('GmailApp.sendEmail');
  }
}

function lastDate(thread: MailThreadState): number {
  return Math.max(...thread.messages.map((m) => m.date));
}

export class FakeGmailThread implements Pick<
  GmailThread,
  | 'getId'
  | 'getFirstMessageSubject'
  | 'getLastMessageDate'
  | 'getMessageCount'
  | 'getLabels'
  | 'getPermalink'
  | 'getMessages'
  | 'isUnread'
  | 'isInInbox'
  | 'createDraftReply'
  | 'createDraftReplyAll'
  | 'reply'
  | 'replyAll'
  | 'addLabel'
  | 'removeLabel'
  | 'markRead'
  | 'markUnread'
  | 'hasStarredMessages'
  | 'isInSpam'
  | 'isInTrash'
  | 'moveToArchive'
  | 'moveToInbox'
> {
  constructor(
    private readonly box: Mailbox,
    private readonly state: MailThreadState,
  ) {}

  markRead(): GmailThread {
    this.box.charge('markRead');
    for (const m of this.state.messages) m.unread = false;
    return asReal<GmailThread>(this);
  }

  markUnread(): GmailThread {
    this.box.charge('markUnread');
    for (const m of this.state.messages) if (!m.isDraft) m.unread = true;
    return asReal<GmailThread>(this);
  }

  hasStarredMessages(): boolean {
    return this.state.messages.some((m) => m.starred === true);
  }

  isInSpam(): boolean {
    return locationOf(this.state) === 'spam';
  }

  isInTrash(): boolean {
    return locationOf(this.state) === 'trash';
  }

  moveToArchive(): GmailThread {
    this.box.charge('moveToArchive');
    this.state.location = 'archived';
    return asReal<GmailThread>(this);
  }

  moveToInbox(): GmailThread {
    this.box.charge('moveToInbox');
    this.state.location = 'inbox';
    return asReal<GmailThread>(this);
  }

  /** https://developers.google.com/apps-script/reference/gmail/gmail-thread#addlabellabel */
  addLabel(label: GmailLabel): GmailThread {
    this.box.charge('addLabel');
    this.box.labelThreads(label.getName(), [this.state], true);
    return asReal<GmailThread>(this);
  }

  /** https://developers.google.com/apps-script/reference/gmail/gmail-thread#removelabellabel */
  removeLabel(label: GmailLabel): GmailThread {
    this.box.charge('removeLabel');
    this.box.labelThreads(label.getName(), [this.state], false);
    return asReal<GmailThread>(this);
  }

  getId(): string {
    return this.state.id;
  }

  getFirstMessageSubject(): string {
    return chronological(this.state)[0]?.subject ?? '';
  }

  getLastMessageDate(): Date {
    return new Date(lastDate(this.state));
  }

  getMessageCount(): number {
    return this.state.messages.length;
  }

  getLabels(): GmailLabel[] {
    return this.state.labels.map((name) => asReal<GmailLabel>(new FakeGmailLabel(this.box, name)));
  }

  getPermalink(): string {
    return `https://mail.google.com/mail/u/0/#all/${this.state.id}`;
  }

  isUnread(): boolean {
    return this.state.messages.some((m) => m.unread);
  }

  isInInbox(): boolean {
    return locationOf(this.state) === 'inbox';
  }

  getMessages(): GmailMessage[] {
    this.box.charge('getMessages');
    return chronological(this.state).map((m) => asReal<GmailMessage>(this.box.message(this.state, m)));
  }

  /** Replies to the last message of the thread, like GmailThread.createDraftReply. */
  createDraftReply(body: string, options?: ReplyOptions): GmailDraft {
    this.box.charge('createDraftReply');
    return asReal<GmailDraft>(this.box.replyDraft(this.state, this.lastReceived(), body, options, false));
  }

  createDraftReplyAll(body: string, options?: ReplyOptions): GmailDraft {
    this.box.charge('createDraftReplyAll');
    return asReal<GmailDraft>(this.box.replyDraft(this.state, this.lastReceived(), body, options, true));
  }

  private lastReceived(): MailMessageState {
    const messages = chronological(this.state).filter((m) => !m.isDraft);
    const last = messages[messages.length - 1];
    if (!last) throw new Error('Gmail fake: the thread has no message to reply to');
    return last;
  }

  reply(_body: string, _options?: object): GmailThread {
    return this.box.refuse('GmailThread.reply');
  }

  replyAll(_body: string, _options?: object): GmailThread {
    return this.box.refuse('GmailThread.replyAll');
  }
}

export class FakeGmailMessage implements Pick<
  GmailMessage,
  | 'getId'
  | 'getFrom'
  | 'getTo'
  | 'getCc'
  | 'getBcc'
  | 'getReplyTo'
  | 'getSubject'
  | 'getDate'
  | 'getPlainBody'
  | 'getBody'
  | 'getThread'
  | 'isDraft'
  | 'isUnread'
  | 'isStarred'
  | 'isInInbox'
  | 'createDraftReply'
  | 'createDraftReplyAll'
  | 'reply'
  | 'replyAll'
  | 'forward'
  | 'getAttachments'
  | 'getHeader'
  | 'isInTrash'
  | 'isInChats'
  | 'markRead'
  | 'markUnread'
  | 'star'
  | 'unstar'
> {
  constructor(
    private readonly box: Mailbox,
    private readonly thread: MailThreadState,
    private readonly state: MailMessageState,
  ) {}

  getId(): string {
    return this.state.id;
  }
  getFrom(): string {
    return this.state.from;
  }
  getTo(): string {
    return this.state.to;
  }
  getCc(): string {
    return this.state.cc ?? '';
  }
  getBcc(): string {
    return this.state.bcc ?? '';
  }
  getReplyTo(): string {
    return this.state.replyTo ?? '';
  }
  getSubject(): string {
    return this.state.subject;
  }
  getDate(): Date {
    return new Date(this.state.date);
  }
  getPlainBody(): string {
    return this.state.plainBody;
  }
  /** The HTML body; a plain-text message reads back as its text. */
  getBody(): string {
    return this.state.htmlBody ?? this.state.plainBody;
  }
  getThread(): GmailThread {
    return asReal<GmailThread>(this.box.thread(this.thread));
  }
  isDraft(): boolean {
    return this.state.isDraft === true;
  }
  isUnread(): boolean {
    return this.state.unread === true;
  }
  isStarred(): boolean {
    return this.state.starred === true;
  }
  isInInbox(): boolean {
    return locationOf(this.thread) === 'inbox' && !this.state.isDraft;
  }

  /** The world's messages carry no attachments (drafts with attachments are refused above). */
  getAttachments(_options?: object): GoogleAppsScript.Gmail.GmailAttachment[] {
    return [];
  }

  /**
   * "The header value, or an empty string if the header doesn't exist or isn't present in the message"
   * (gmail-message#getheadername). The world keeps the address and subject headers; names are
   * case-insensitive, as RFC 5322 says.
   */
  getHeader(name: string): string {
    const headers: Record<string, string | undefined> = {
      from: this.state.from,
      to: this.state.to,
      cc: this.state.cc,
      bcc: this.state.bcc,
      'reply-to': this.state.replyTo,
      subject: this.state.subject,
    };
    return headers[String(name).toLowerCase()] ?? '';
  }
  isInTrash(): boolean {
    return locationOf(this.thread) === 'trash';
  }
  /** The world holds mail only, no chats. */
  isInChats(): boolean {
    return false;
  }
  markRead(): GmailMessage {
    this.box.charge('markRead');
    this.state.unread = false;
    return asReal<GmailMessage>(this);
  }
  markUnread(): GmailMessage {
    this.box.charge('markUnread');
    this.state.unread = true;
    return asReal<GmailMessage>(this);
  }
  star(): GmailMessage {
    this.box.charge('star');
    this.state.starred = true;
    return asReal<GmailMessage>(this);
  }
  unstar(): GmailMessage {
    this.box.charge('unstar');
    this.state.starred = false;
    return asReal<GmailMessage>(this);
  }

  /** A draft in this thread, To the sender (or Reply-To), subject "Re: ...". */
  createDraftReply(body: string, options?: ReplyOptions): GmailDraft {
    this.box.charge('createDraftReply');
    return asReal<GmailDraft>(this.box.replyDraft(this.thread, this.state, body, options, false));
  }

  createDraftReplyAll(body: string, options?: ReplyOptions): GmailDraft {
    this.box.charge('createDraftReplyAll');
    return asReal<GmailDraft>(this.box.replyDraft(this.thread, this.state, body, options, true));
  }

  reply(_body: string, _options?: object): GmailMessage {
    return this.box.refuse('GmailMessage.reply');
  }
  replyAll(_body: string, _options?: object): GmailMessage {
    return this.box.refuse('GmailMessage.replyAll');
  }
  forward(_recipient: string, _options?: object): GmailMessage {
    return this.box.refuse('GmailMessage.forward');
  }
}

export class FakeGmailDraft implements Pick<
  GmailDraft,
  'getId' | 'getMessageId' | 'getMessage' | 'deleteDraft' | 'send'
> {
  constructor(
    private readonly box: Mailbox,
    private readonly id: string,
    private readonly thread: MailThreadState,
    private readonly message: MailMessageState,
  ) {}

  getId(): string {
    return this.id;
  }

  getMessageId(): string {
    return this.message.id;
  }

  /**
   * The draft's thread, for the CardService fake's setGmailDraft: the host reads the draft object it is
   * handed, which is no call our code makes, so nothing is charged.
   */
  hostThreadId(): string {
    return this.thread.id;
  }

  getMessage(): GmailMessage {
    this.box.charge('getMessage');
    return asReal<GmailMessage>(this.box.message(this.thread, this.message));
  }

  /** Removes the draft message; a thread left empty disappears, as in Gmail. */
  deleteDraft(): void {
    this.box.charge('deleteDraft');
    const { state } = this.box;
    const index = this.thread.messages.indexOf(this.message);
    if (index === -1) throw new Error('Gmail fake: this draft was already deleted');
    this.thread.messages.splice(index, 1);
    if (this.thread.messages.length === 0) state.threads.splice(state.threads.indexOf(this.thread), 1);
    state.drafts = state.drafts.filter((d) => d.messageId !== this.message.id);
  }

  send(): GmailMessage {
    return this.box.refuse('GmailDraft.send');
  }
}

export class FakeGmailLabel implements Pick<
  GmailLabel,
  | 'getName'
  | 'getThreads'
  | 'addToThread'
  | 'addToThreads'
  | 'removeFromThread'
  | 'removeFromThreads'
  | 'deleteLabel'
> {
  constructor(
    private readonly box: Mailbox,
    private readonly name: string,
  ) {}

  getName(): string {
    return this.name;
  }

  getThreads(start?: number, max?: number): GmailThread[] {
    this.box.charge('getThreads');
    const labelled = this.box.state.threads
      .filter((t) => t.labels.includes(this.name))
      .sort((a, b) => lastDate(b) - lastDate(a));
    const from = start ?? 0;
    return labelled
      .slice(from, max === undefined ? undefined : from + max)
      .map((t) => asReal<GmailThread>(this.box.thread(t)));
  }

  addToThread(thread: GmailThread): GmailLabel {
    this.box.charge('addToThread');
    this.label([thread]);
    return asReal<GmailLabel>(this);
  }

  /** One round trip for up to 100 threads. */
  addToThreads(threads: GmailThread[]): GmailLabel {
    this.box.charge('addToThreads');
    if (threads.length > MAX_THREADS_PER_LABEL_CALL) {
      throw new Error(
        `Invalid argument: threads (GmailLabel.addToThreads takes at most ${MAX_THREADS_PER_LABEL_CALL} threads, got ${threads.length})`,
      );
    }
    this.label(threads);
    return asReal<GmailLabel>(this);
  }

  removeFromThread(thread: GmailThread): GmailLabel {
    this.box.charge('removeFromThread');
    this.label([thread], false);
    return asReal<GmailLabel>(this);
  }

  /** The same batch of at most 100 threads as addToThreads (gmail-label#removefromthreadsthreads). */
  removeFromThreads(threads: GmailThread[]): GmailLabel {
    this.box.charge('removeFromThreads');
    if (threads.length > MAX_THREADS_PER_LABEL_CALL) {
      throw new Error(
        `Invalid argument: threads (GmailLabel.removeFromThreads takes at most ${MAX_THREADS_PER_LABEL_CALL} threads, got ${threads.length})`,
      );
    }
    this.label(threads, false);
    return asReal<GmailLabel>(this);
  }

  /** Deletes the label; its threads stay, without it. */
  deleteLabel(): void {
    this.box.charge('deleteLabel');
    this.box.deleteLabel(this.name);
  }

  private label(threads: GmailThread[], add = true): void {
    const states = threads.map((t) => {
      const state = this.box.findThread(t.getId());
      if (!state) throw new Error(`Invalid argument: thread ${t.getId()}`);
      return state;
    });
    this.box.labelThreads(this.name, states, add);
  }
}
