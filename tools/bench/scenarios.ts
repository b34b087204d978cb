// The benchmark's worlds, generated in code so any size can be asked for: a small team (the measured rep,
// BENCH_USER, who does not own the audit sheet; the admin, who created it and owns it; another rep), N form
// submissions from N distinct prospects (each a HubSpot contact owned by the measured rep, with a primary
// company of its own domain, so routing and the per-domain cooldown let every one through), earlier Gmail
// conversations with every fourth prospect, and a busy two weeks on the rep's calendar.
import { zonedToEpoch } from '../../src/core/time-zone';
import type { CalendarEventState } from '../workbench/fakes/calendar';
import type { MailThreadState } from '../workbench/fakes/gmail';
import { ALL_HUBSPOT_SCOPES } from '../workbench/scenario';
import type { Scenario } from '../workbench/scenario';
import type { FormSubmission, SeedAssociation, SeedObject } from '../sandbox/types';

export const BENCH_NOW = Date.parse('2026-03-10T14:30:00Z');
export const BENCH_USER = {
  email: 'alex.rivera@northwind.example',
  name: 'Alex Rivera',
  timeZone: 'America/New_York',
  locale: 'en-US',
};
/** The team's admin: created the audit sheet, so owns it and drains the team's audit queue. */
export const BENCH_ADMIN = {
  email: 'morgan.lee@northwind.example',
  name: 'Morgan Lee',
  timeZone: 'America/New_York',
  locale: 'en-US',
};
/** Another rep of the team. */
const BENCH_COLLEAGUE = {
  email: 'sam.okafor@northwind.example',
  name: 'Sam Okafor',
  timeZone: 'America/Chicago',
  locale: 'en-US',
};
const BENCH_TOKEN = 'pat-na1-bench0000-0000-4000-8000-000000000000';
const BENCH_FORM = 'b0b0b0b0-0000-4000-8000-00000000f001';
const PORTAL_ID = 4815162;
const USER_OWNER = '501';
/** Every fourth prospect has written before, so a quarter of the poller's drafts are replies. */
const EARLIER_THREAD_EVERY = 4;
/** Submissions arrive this far apart, the newest a minute before now. */
const SUBMISSION_SPACING_MS = 20_000;

/** The sidebar's two known contacts: the first open reads settings, the second is the true cold open. */
export const SIDEBAR_FIRST = { messageId: 'msg-open-first', email: 'first.sidebar@firstco.example' };
export const SIDEBAR_SECOND = { messageId: 'msg-open-second', email: 'second.sidebar@secondco.example' };
/** A sender HubSpot does not know yet: the sidebar offers Create contact. */
export const SIDEBAR_UNKNOWN = { messageId: 'msg-open-unknown', email: 'new.person@thirdco.example' };
/** A meeting on the rep's calendar with the second contact as guest (the Calendar add-on's event card). */
export const BENCH_MEETING = 'bench-meeting@google.com';
/** Earlier threads with each sidebar contact: the naive open reads each one. */
const SIDEBAR_EARLIER_THREADS = 4;

function prospectEmail(i: number): string {
  return `lead${i}@company${i}.example`;
}

interface Person {
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  domain: string;
}

function person(i: number): Person {
  return {
    email: prospectEmail(i),
    firstName: `Lead${i}`,
    lastName: 'Prospect',
    company: `Company ${i}`,
    domain: `company${i}.example`,
  };
}

function sidebarPerson(email: string, firstName: string): Person {
  const domain = email.slice(email.indexOf('@') + 1);
  return { email, firstName, lastName: 'Sidebar', company: domain.split('.')[0], domain };
}

/** A contact owned by the user and its primary company (ids derived from k so they never collide). */
function crmRecords(
  k: number,
  p: Person,
): { contact: SeedObject; company: SeedObject; link: SeedAssociation } {
  const contactId = String(100_000 + k);
  const companyId = String(200_000 + k);
  return {
    contact: {
      id: contactId,
      properties: {
        email: p.email,
        firstname: p.firstName,
        lastname: p.lastName,
        jobtitle: 'Head of Operations',
        company: p.company,
        lifecyclestage: 'lead',
        hubspot_owner_id: USER_OWNER,
        hs_timezone: k % 2 ? 'europe_slash_london' : 'america_slash_chicago',
        associatedcompanyid: companyId,
      },
    },
    company: {
      id: companyId,
      properties: { name: p.company, domain: p.domain, industry: 'LOGISTICS_AND_SUPPLY_CHAIN' },
    },
    link: {
      fromType: 'contacts',
      fromId: contactId,
      toType: 'companies',
      toId: companyId,
      typeIds: [1, 279],
    },
  };
}

function submission(i: number, submissions: number): FormSubmission {
  const p = person(i);
  return {
    conversionId: `bench-conv-${String(i).padStart(5, '0')}`,
    submittedAt: BENCH_NOW - 60_000 - (submissions - i) * SUBMISSION_SPACING_MS,
    pageUrl: 'https://northwind.example/demo',
    values: [
      { name: 'email', value: p.email },
      { name: 'firstname', value: p.firstName },
      { name: 'lastname', value: p.lastName },
      { name: 'company', value: p.company },
      { name: 'message', value: `We would like a demo for team ${i}.` },
    ],
  };
}

/**
 * An earlier conversation. Its message carries no current-message token: the poller reads it with the
 * full mail scope the manifest grants, which the Gmail fake models as a message without a token.
 */
function thread(id: string, from: string, to: string, subject: string, date: number): MailThreadState {
  return {
    id,
    labels: [],
    messages: [
      {
        id: `${id}-m1`,
        from,
        to,
        subject,
        date,
        plainBody: `About ${subject}.`,
      },
    ],
  };
}

function sidebarThreads(): MailThreadState[] {
  const user = `${BENCH_USER.name} <${BENCH_USER.email}>`;
  const open = (who: { messageId: string; email: string }, name: string): MailThreadState => ({
    id: `thread-${who.messageId}`,
    labels: [],
    messages: [
      {
        id: who.messageId,
        from: `${name} <${who.email}>`,
        to: user,
        subject: 'Demo for our team',
        date: BENCH_NOW - 2 * 3_600_000,
        plainBody: 'Could we see a demo this week or next?',
        unread: true,
        accessToken: `message-token-${who.messageId}`,
      },
    ],
  });
  const earlier = (who: { email: string }, name: string, count: number): MailThreadState[] =>
    Array.from({ length: count }, (_, k) =>
      thread(
        `thread-${who.email}-earlier-${k + 1}`,
        `${name} <${who.email}>`,
        user,
        `Earlier conversation ${k + 1}`,
        BENCH_NOW - (k + 3) * 86_400_000,
      ),
    );
  return [
    open(SIDEBAR_FIRST, 'First Sidebar'),
    open(SIDEBAR_SECOND, 'Second Sidebar'),
    open(SIDEBAR_UNKNOWN, 'New Person'),
    ...earlier(SIDEBAR_FIRST, 'First Sidebar', SIDEBAR_EARLIER_THREADS),
    ...earlier(SIDEBAR_SECOND, 'Second Sidebar', SIDEBAR_EARLIER_THREADS),
  ];
}

/**
 * A busy working fortnight in the user's zone: `perDay` meetings each weekday from 9:00, alternating
 * 30 and 60 minutes with a 30-minute gap, for `days` local days from the day of `now`.
 */
function busyFortnight(
  now: number,
  timeZone: string,
  days: number,
  perDay: number,
): Array<{ start: number; end: number }> {
  const events: Array<{ start: number; end: number }> = [];
  const today = new Date(now);
  for (let d = 0; d < days; d++) {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + d));
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    let minute = 9 * 60;
    for (let k = 0; k < perDay; k++) {
      const length = k % 2 ? 60 : 30;
      const start = zonedToEpoch(
        {
          year: day.getUTCFullYear(),
          month: day.getUTCMonth() + 1,
          day: day.getUTCDate(),
          hour: Math.floor(minute / 60),
          minute: minute % 60,
        },
        timeZone,
      );
      events.push({ start, end: start + length * 60_000 });
      minute += length + 30;
    }
  }
  return events;
}

function calendarEvents(): CalendarEventState[] {
  const busy = busyFortnight(BENCH_NOW, BENCH_USER.timeZone, 15, 4).map((e, i) => ({
    id: `busy-${i + 1}@google.com`,
    title: `Meeting ${i + 1}`,
    start: e.start,
    end: e.end,
  }));
  const meeting = {
    id: BENCH_MEETING,
    title: 'Demo with Second Sidebar',
    start: BENCH_NOW + 2 * 86_400_000,
    end: BENCH_NOW + 2 * 86_400_000 + 30 * 60_000,
    guests: [SIDEBAR_SECOND.email],
  };
  return busy.concat(meeting);
}

/** A world with `submissions` new form submissions waiting, and the sidebar's two contacts. */
export function benchScenario(submissions: number): Scenario {
  const people = Array.from({ length: submissions }, (_, k) => person(k + 1));
  const sidebar = [
    sidebarPerson(SIDEBAR_FIRST.email, 'First'),
    sidebarPerson(SIDEBAR_SECOND.email, 'Second'),
  ];
  const records = people.concat(sidebar).map((p, k) => crmRecords(k + 1, p));
  const earlier = people
    .filter((_, k) => (k + 1) % EARLIER_THREAD_EVERY === 0)
    .map((p) =>
      thread(
        `thread-earlier-${p.email}`,
        `${p.firstName} ${p.lastName} <${p.email}>`,
        BENCH_USER.email,
        `Question from ${p.company}`,
        BENCH_NOW - 5 * 86_400_000,
      ),
    );
  return {
    file: `bench:${submissions}`,
    name: `Benchmark world: ${submissions} submission(s)`,
    description: 'Generated by tools/bench/scenarios.ts',
    now: BENCH_NOW,
    user: BENCH_USER,
    // The measured rep first (the default actor, whose mailbox and calendar the world fills).
    users: [
      { ...BENCH_USER, settings: { takeUnassignedLeads: true, senderName: BENCH_USER.name } },
      { ...BENCH_ADMIN, settings: { takeUnassignedLeads: false, senderName: BENCH_ADMIN.name } },
      { ...BENCH_COLLEAGUE, settings: { takeUnassignedLeads: false, senderName: BENCH_COLLEAGUE.name } },
    ],
    addOn: true,
    settings: {
      hubspotToken: BENCH_TOKEN,
      // The admin creates the audit sheet in the world's setup, so it is theirs.
      admins: [BENCH_ADMIN.email],
      shared: {
        portalId: String(PORTAL_ID),
        forms: [{ guid: BENCH_FORM, name: 'Book a demo' }],
        pollerEnabled: true,
        pollerIntervalMinutes: 60,
      },
      user: { takeUnassignedLeads: true, senderName: BENCH_USER.name },
      createAuditSheet: true,
    },
    hubspot: {
      portalId: PORTAL_ID,
      tokens: { [BENCH_TOKEN]: { portalId: PORTAL_ID, scopes: ALL_HUBSPOT_SCOPES } },
      owners: [
        { id: USER_OWNER, email: BENCH_USER.email, firstName: 'Alex', lastName: 'Rivera' },
        { id: '502', email: BENCH_COLLEAGUE.email, firstName: 'Sam', lastName: 'Okafor' },
        { id: '503', email: BENCH_ADMIN.email, firstName: 'Morgan', lastName: 'Lee' },
      ],
      contacts: records.map((r) => r.contact),
      companies: records.map((r) => r.company),
      associations: records.map((r) => r.link),
      forms: { [BENCH_FORM]: people.map((_, k) => submission(k + 1, submissions)) },
      now: BENCH_NOW,
    },
    threads: sidebarThreads().concat(earlier),
    calendarEvents: calendarEvents(),
    steps: [],
  };
}
