// The worlds the reliability matrix runs in, built in code: a salesperson, HubSpot contacts that belong to
// them, form submissions (valid ones with a contact, invalid ones) and earlier Gmail threads so that some
// drafts are replies. Each submission carries what it must end as, which is what the checks compare with.
import { ALL_HUBSPOT_SCOPES } from '../workbench/scenario';
import type { Scenario } from '../workbench/scenario';
import type { MailThreadState } from '../workbench/fakes/gmail';
import type { SeedObject } from '../sandbox/types';

/** The HubSpot token of every world: the checks look for this exact string everywhere it must not be. */
export const TOKEN = 'pat-na1-9e1b7c3a-5d2f-4e8b-a6c4-0f3d2b1a9c87';
export const FORM_GUID = 'f0e1d2c3-0000-4000-8000-00000000f009';
export const NOW = Date.parse('2026-03-10T14:30:00Z');
export const USER = {
  email: 'alex.rivera@northwind.example',
  name: 'Alex Rivera',
  timeZone: 'America/New_York',
  locale: 'en-US',
};
/** The user's HubSpot owner id; '502' is a colleague's. */
export const OWNER_ID = '501';
export const COLLEAGUE = { id: '502', email: 'sam.okafor@northwind.example' };

export interface Submission {
  conversionId: string;
  submittedAt: number;
  values: Array<{ name: string; value: string }>;
  pageUrl?: string;
}

/**
 * What a submission must end as: a draft to `email` (with a HubSpot task and note when `crm`), a rejection
 * row, or nothing of its own ('none': a repeat of another submission, or older than the poller looks).
 */
export interface Expectation {
  conversionId: string;
  expect: 'draft' | 'reject' | 'none';
  email?: string;
  crm?: boolean;
  /** Why, for the report when it goes wrong. */
  why?: string;
}

export interface PollWorld {
  scenario: Scenario;
  expectations: Expectation[];
}

export interface WorldOptions {
  name: string;
  /** Valid submissions, each from a HubSpot contact owned by the user. */
  valid: number;
  invalid: number;
  /** Every third valid lead wrote before: its draft is a reply in that thread. */
  replies?: boolean;
  /** More submissions (the hostile corpus), with their expectations, and more HubSpot contacts. */
  extra?: Array<{ submission: Submission; expectation: Expectation }>;
  contacts?: SeedObject[];
  /** Shared settings over the defaults below. */
  shared?: Record<string, unknown>;
}

export function validLead(i: number): { email: string; contactId: string } {
  return { email: `lead${i}@client${i}.example`, contactId: String(7000 + i) };
}

export function pollWorld(options: WorldOptions): PollWorld {
  const submissions: Submission[] = [];
  const expectations: Expectation[] = [];
  const contacts: SeedObject[] = [...(options.contacts || [])];
  const threads: MailThreadState[] = [];
  const total = options.valid + options.invalid;
  // Oldest first, a minute apart, all inside the first run's look-back window.
  const at = (n: number) => NOW - (total - n + 1) * 60_000;
  for (let i = 1; i <= options.valid; i++) {
    const { email, contactId } = validLead(i);
    const conversionId = `conv-valid-${i}`;
    submissions.push({
      conversionId,
      submittedAt: at(i),
      pageUrl: 'https://northwind.example/demo',
      values: [
        { name: 'email', value: email },
        { name: 'firstname', value: `Lead${i}` },
        { name: 'lastname', value: 'Tester' },
        { name: 'company', value: `Client ${i}` },
        { name: 'message', value: `We would like a demo for team ${i}.` },
      ],
    });
    expectations.push({ conversionId, expect: 'draft', email, crm: true });
    contacts.push({
      id: contactId,
      properties: {
        email,
        firstname: `Lead${i}`,
        lastname: 'Tester',
        company: `Client ${i}`,
        lifecyclestage: 'lead',
        hubspot_owner_id: OWNER_ID,
        hs_timezone: 'europe_slash_london',
      },
    });
    if (options.replies && i % 3 === 0) threads.push(earlierThread(i, email));
  }
  for (let j = 1; j <= options.invalid; j++) {
    const conversionId = `conv-invalid-${j}`;
    submissions.push({
      conversionId,
      submittedAt: at(options.valid + j),
      values: [
        { name: 'email', value: `not-an-email-${j}` },
        { name: 'firstname', value: `Broken${j}` },
      ],
    });
    expectations.push({ conversionId, expect: 'reject', why: 'not an email address' });
  }
  for (const item of options.extra || []) {
    submissions.push(item.submission);
    expectations.push(item.expectation);
  }
  const scenario: Scenario = {
    file: `reliability:${options.name}`,
    name: options.name,
    description: `Reliability world: ${options.valid} valid and ${options.invalid} invalid submissions${options.extra ? ` plus ${options.extra.length} more` : ''}.`,
    now: NOW,
    user: USER,
    addOn: true,
    settings: {
      hubspotToken: TOKEN,
      admins: [USER.email],
      shared: {
        portalId: '4815162',
        forms: [{ guid: FORM_GUID, name: 'Book a demo' }],
        pollerEnabled: true,
        pollerIntervalMinutes: 60,
        ...options.shared,
      },
      user: { takeUnassignedLeads: true, senderName: USER.name },
      createAuditSheet: true,
    },
    hubspot: {
      portalId: 4815162,
      tokens: { [TOKEN]: { portalId: 4815162, scopes: ALL_HUBSPOT_SCOPES } },
      owners: [
        { id: OWNER_ID, email: USER.email, firstName: 'Alex', lastName: 'Rivera' },
        { id: COLLEAGUE.id, email: COLLEAGUE.email, firstName: 'Sam', lastName: 'Okafor' },
      ],
      contacts,
      forms: { [FORM_GUID]: submissions },
      now: NOW,
    },
    threads: threads.concat(sidebarThread()),
    calendarEvents: [],
    steps: [],
  };
  return { scenario, expectations };
}

/** A valid submission from `email` and its HubSpot contact, owned by `ownerId` (default: the user). */
export function leadOf(options: {
  email: string;
  conversionId: string;
  submittedAt: number;
  contactId: string;
  ownerId?: string;
}): { submission: Submission; contact: SeedObject } {
  const name = options.email.slice(0, options.email.indexOf('@'));
  return {
    submission: {
      conversionId: options.conversionId,
      submittedAt: options.submittedAt,
      pageUrl: 'https://northwind.example/demo',
      values: [
        { name: 'email', value: options.email },
        { name: 'firstname', value: name },
        { name: 'message', value: 'Could we see a demo?' },
      ],
    },
    contact: {
      id: options.contactId,
      properties: {
        email: options.email,
        firstname: name,
        lifecyclestage: 'lead',
        hubspot_owner_id: options.ownerId ?? OWNER_ID,
      },
    },
  };
}

function earlierThread(i: number, email: string): MailThreadState {
  return {
    id: `thread-lead-${i}`,
    labels: [],
    messages: [
      {
        id: `msg-lead-${i}`,
        from: `Lead${i} Tester <${email}>`,
        to: USER.email,
        subject: `Question from team ${i}`,
        date: NOW - 3 * 86_400_000,
        plainBody: 'Do you integrate with our tools?',
        accessToken: `message-token-msg-lead-${i}`,
      },
    ],
  };
}

/** A message the salesperson opens in the sidebar while a poll runs (the overlap cases). */
export const SIDEBAR_MESSAGE = 'msg-sidebar';
export const SIDEBAR_SENDER = 'jordan.lee@newco.example';

function sidebarThread(): MailThreadState {
  return {
    id: 'thread-sidebar',
    labels: [],
    messages: [
      {
        id: SIDEBAR_MESSAGE,
        from: `Jordan Lee <${SIDEBAR_SENDER}>`,
        to: USER.email,
        subject: 'Question about your platform',
        date: NOW - 3_600_000,
        plainBody: 'Hello, do you integrate with Shopify? What times work for a call?',
        unread: true,
        accessToken: `message-token-${SIDEBAR_MESSAGE}`,
      },
    ],
  };
}
