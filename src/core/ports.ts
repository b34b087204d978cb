// The interfaces core needs from the outside world. services/ implements each one over an Apps Script
// service; the workbench and tests implement them over fakes. Every method is synchronous, as Apps Script is.
import type { Call } from './http';
import type { FormSubmission } from './prospect';
import type { BusyEvent, Slot } from './slots';
import type { AuditEvent } from './audit';

export interface Clock {
  now(): number;
  /** Waits (sleep in Apps Script; advances the simulated clock in the workbench). */
  sleep(ms: number): void;
}

/** A Properties store: strings only, 9 KB per value, 500 KB per store. */
export interface KeyValueStore {
  /** Forgets what this execution has read, so the next read sees other executions' writes. */
  reload(): void;
  get(key: string): string | null;
  getAll(): Record<string, string>;
  setAll(values: Record<string, string>): void;
  delete(key: string): void;
}

export interface Lock {
  tryLock(timeoutMs: number): boolean;
  release(): void;
}

export interface Hasher {
  sha256Hex(text: string): string;
}

// ---- HubSpot -------------------------------------------------------------------------------------

export interface CrmContact {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  phone: string | null;
  companyName: string | null;
  lifecycleStage: string | null;
  ownerId: string | null;
  /** Epoch ms of the last activity HubSpot knows of. */
  lastActivityAt: number | null;
  /** IANA zone if HubSpot knows it (hs_timezone). */
  timeZone: string | null;
  primaryCompanyId: string | null;
  dealIds: string[];
}

export interface CrmCompany {
  id: string;
  name: string | null;
  domain: string | null;
  industry: string | null;
  employees: number | null;
}

export interface CrmDeal {
  id: string;
  name: string | null;
  /** The stage id (`dealstage`): HubSpot's default ids, or numbers in an account's own pipelines. */
  stage: string | null;
  /** The stage's name in the deal's own pipeline, when the pipelines could be read. */
  stageLabel: string | null;
  /** HubSpot's `hs_is_closed` (won or lost, in any pipeline); null when HubSpot did not say. */
  closed: boolean | null;
  amount: number | null;
  /** `deal_currency_code` (ISO 4217, e.g. "EUR"); null or absent when HubSpot did not say. */
  currency?: string | null;
  closeDate: number | null;
}

export interface CrmOwner {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
}

export interface LeadLookup {
  contact: CrmContact | null;
  /** The contact's primary company, or the company whose domain matches the email's. */
  company: CrmCompany | null;
}

export interface NewTask {
  contactId: string;
  subject: string;
  body: string;
  dueAt: number;
  ownerId: string | null;
  priority: 'LOW' | 'MEDIUM' | 'HIGH';
  type: 'EMAIL' | 'CALL' | 'TODO';
}

export interface NewNote {
  contactId: string;
  body: string;
  timestamp: number;
  ownerId: string | null;
}

export interface NewContact {
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  phone: string | null;
  ownerId: string | null;
}

export interface SubmissionPage {
  submissions: FormSubmission[];
  /** Cursor for the next (older) page, or null at the end. */
  after: string | null;
}

/**
 * HubSpot CRM. Reads are Calls so a use case can send several of them in one round trip; writes are
 * batched by nature. Failures throw CrmError (core/errors.ts).
 */
export interface Crm {
  lookupLead(email: string): Call<LeadLookup>;
  /** batch/read with idProperty email; emails not found are absent from the map. Keys are lower case. */
  contactsByEmail(emails: string[]): Call<Map<string, CrmContact>>;
  /**
   * Contacts whose secondary emails include these addresses (a search: use it only for addresses the
   * primary lookup missed). Keyed by the lower-case address looked up; contacts carry no dealIds.
   */
  contactsBySecondaryEmail(emails: string[]): Call<Map<string, CrmContact>>;
  /** associations batch/read then companies batch/read; keyed by contact id. */
  primaryCompanies(contactIds: string[]): Map<string, CrmCompany>;
  /** The deals, with their pipeline's stage labels read in the same round trip. */
  deals(ids: string[]): Call<CrmDeal[]>;
  owners(): Call<CrmOwner[]>;
  submissionsPage(formGuid: string, after: string | null, limit: number): Call<SubmissionPage>;
  /** batch/create; a Call so tasks and notes are written in one round trip. Ids in input order. */
  createTasks(tasks: NewTask[]): Call<string[]>;
  createNotes(notes: NewNote[]): Call<string[]>;
  /**
   * The Prospector markers ("prospector:<ref>") found in the bodies of the tasks and notes associated with
   * these contacts: how a rerun after a crash knows which writes already happened.
   */
  activityMarkers(contactIds: string[]): { tasks: Map<string, string>; notes: Map<string, string> };
  createContact(contact: NewContact): string;
}

// ---- Gmail ---------------------------------------------------------------------------------------

export interface MailAddress {
  email: string;
  name: string | null;
}

export interface OpenedMessage {
  id: string;
  threadId: string;
  /** null when the From header names no address (MAILER-DAEMON, an empty <>, a broken header). */
  from: MailAddress | null;
  /** The From header as one line, for saying who sent it when there is no address. */
  fromText: string;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  date: number;
  /**
   * The plain-text body, read only from HubSpot's notification sender (core/form-notification.ts): the
   * lead such a message is about is in its body. null for every other message.
   */
  notificationBody?: string | null;
}

export interface ConversationSummary {
  threadId: string;
  /** The newest message, to reply to. */
  lastMessageId: string;
  subject: string;
  lastMessageAt: number;
  messageCount: number;
  /** Address of whoever wrote the last message. */
  lastFrom: string;
}

export interface DraftContent {
  to: string;
  subject: string;
  textBody: string;
  htmlBody: string;
}

export interface PreparedDraft {
  draftId: string;
  threadId: string;
  messageId: string;
  to: string;
  subject: string;
  /** When Gmail dated the draft. */
  date: number;
}

export interface Mailbox {
  /** Reads the message open in the sidebar using the add-on's current-message token. */
  openMessage(messageId: string, accessToken: string): OpenedMessage;
  /** Whether Gmail holds any thread with these addresses: a Call, to ride in another fetchAll. */
  anyConversationsWith(emails: string[]): Call<boolean>;
  /** Earlier threads with each address, from a single search. Keys are lower case. */
  conversationsWith(emails: string[], perAddress: number): Map<string, ConversationSummary[]>;
  /** A reply draft in the thread of messageId (never sent). */
  createReplyDraft(messageId: string, draft: DraftContent): PreparedDraft;
  /** A new draft (never sent). */
  createDraft(draft: DraftContent): PreparedDraft;
  /**
   * Puts the add-on's label on the drafts (for people to find them): ONE round trip when the label's id is
   * remembered (PREPARED_LABEL_ID_KEY in the user's store), a few more the first time or after the label
   * was deleted.
   */
  labelPrepared(drafts: PreparedDraft[]): void;
  /** The label's id, found or created: a list and a create in one round trip. */
  findPreparedLabel(): Call<string>;
  /** The label put on the drafts' messages in one request, to ride in another fetchAll; 'missing' when the id is gone. */
  labelDrafts(drafts: PreparedDraft[], labelId: string): Call<'labelled' | 'missing'>;
  /** Ids of the user's drafts (one call). */
  draftIds(): string[];
  /**
   * The user's drafts with their recipients, optionally only those to these addresses or dated at or after
   * `since`. Costs a call per draft: for recovery after a crash.
   */
  drafts(filter?: { to?: string[]; since?: number }): PreparedDraft[];
  deleteDraft(draftId: string): void;
  /** Threads in which the user sent a message after `since`: thread id -> when it was sent. */
  sentSince(threadIds: string[], since: number): Map<string, number>;
}

/**
 * Gmail's REST API for the sidebar's "earlier conversations": as HTTP calls they travel in the same
 * fetchAll as the HubSpot and Calendar reads, which saves two round trips over a Gmail search plus
 * getMessagesForThreads. https://developers.google.com/gmail/api/reference/rest/v1/users.threads
 */
export interface MailSearch {
  /** Ids of the newest threads with this address (users.threads.list). */
  threadIds(email: string, max: number): Call<string[]>;
  /** Subject, date, size and last writer of each thread (users.threads.get, format=metadata). */
  summaries(threadIds: string[]): Call<ConversationSummary[]>;
}

/** Where the user's store remembers the id of the add-on's Gmail label (see Mailbox.labelPrepared). */
export const PREPARED_LABEL_ID_KEY = 'gmail.preparedLabelId';

// ---- Calendar ------------------------------------------------------------------------------------

export interface CalendarPort {
  /** Busy time of the user's primary calendar: a Call so it can share a round trip with HubSpot reads. */
  busy(from: number, to: number): Call<BusyEvent[]>;
  /** The zone of the user's primary calendar: a Call so it can share a round trip too. */
  zone(): Call<string>;
  /** An event on the user's own calendar only: no guests, no invitation. */
  hold(slot: Slot, title: string, description: string): string;
}

// ---- Audit ---------------------------------------------------------------------------------------

export interface AuditLog {
  /** Writes all events in one batch. */
  append(events: AuditEvent[]): void;
}
