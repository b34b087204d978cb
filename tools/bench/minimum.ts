// The least work the platform allows for the same job, computed from the APIs' batch sizes and the
// workbench's latency model (tools/workbench/latency.ts), term by term so anyone can check the sum. The
// poller's terms are derived in docs/performance.md ("The minimum"), from what the APIs allow, not from
// what our code does. Batch sizes: 50 form submissions per page; 100 inputs per HubSpot batch/read and
// batch/create; one free/busy query per run; one Gmail call per draft (Apps Script has no batch draft
// creation, and Gmail's per-user concurrency limit is unpublished, so drafts are not sent 100 at a time
// through the REST API either); up to 1,000 messages per users.messages.batchModify. Independent requests of
// one step share a fetchAll (one round trip, as long as its slowest request); dependent ones cannot (a page's
// cursor). In a team the shared settings live in the script's Properties and each rep's progress in their
// own (a rep's records do not fit a store the whole team shares): two reads.
import { latencyOf } from '../workbench/latency';

const SUBMISSIONS_PER_PAGE = 50;
const RECORDS_PER_BATCH = 100;
/** One Gmail search takes 100 prospects' addresses (the search and its messages' read: two calls). */
const ADDRESSES_PER_GMAIL_SEARCH = 100;
/** The bench's worlds (scenarios.ts): every fourth prospect has written before. */
const EARLIER_THREAD_EVERY = 4;
export const EXECUTION_LIMIT_MS = 6 * 60_000;

export interface MinimumTerm {
  what: string;
  requests: number;
  roundTrips: number;
  modelledMs: number;
}

export interface Minimum {
  terms: MinimumTerm[];
  /** Every service call and HTTP request counted on its own. */
  requests: number;
  /** Sequential calls, a fetchAll counting once: comparable with a ledger's round trips. */
  roundTrips: number;
  hubspotRequests: number;
  sheetWrites: number;
  modelledMs: number;
  executions: number;
}

const FETCH_OVERHEAD = latencyOf('UrlFetchApp', 'fetchAll');
const HUBSPOT_FETCH = FETCH_OVERHEAD + latencyOf('HubSpot', 'default');
const GOOGLE_FETCH = FETCH_OVERHEAD + latencyOf('GoogleCalendarApi', 'default');

function term(what: string, requests: number, roundTrips: number, msEach: number): MinimumTerm {
  return { what, requests, roundTrips, modelledMs: roundTrips * msEach };
}

const batches = (n: number, size: number) => Math.ceil(n / size);
const PROPERTIES_READ = latencyOf('PropertiesService', 'getProperties');
const PROPERTIES_WRITE = latencyOf('PropertiesService', 'setProperties');

/**
 * One execution of the minimal poller: `k` leads to draft, `pages` submission pages to read, `earlier` of
 * the leads with an earlier conversation. A poll that finds nothing reads and notes the time it checked.
 */
function pollerExecution(k: number, pages: number, earlier: number): MinimumTerm[] {
  const reads = [
    term('team settings and token (script Properties)', 1, 1, PROPERTIES_READ),
    term("the rep's progress and settings (user Properties)", 1, 1, PROPERTIES_READ),
    term('submission pages (50 each, one after another)', pages, pages, HUBSPOT_FETCH),
  ];
  if (k === 0) return [...reads, term('time of the check (user Properties)', 1, 1, PROPERTIES_WRITE)];
  const crm = batches(k, RECORDS_PER_BATCH);
  const searches = earlier ? batches(k, ADDRESSES_PER_GMAIL_SEARCH) : 0;
  return [
    ...reads,
    term(
      "the rep's lock (overlapping runs must not draft a lead twice)",
      1,
      1,
      latencyOf('LockService', 'tryLock'),
    ),
    term(
      'fetchAll: contacts by email (owner, company name), owners, free/busy, zone, any earlier thread?',
      crm + 4,
      1,
      HUBSPOT_FETCH,
    ),
    term(
      'earlier conversations: a Gmail search and its messages (only when some lead wrote before)',
      2 * searches,
      2 * searches,
      latencyOf('GmailApp', 'search'),
    ),
    term('intent recorded before the drafts (exactly once)', 1, 1, PROPERTIES_WRITE),
    term('drafts (one call each)', k, k, latencyOf('GmailApp', 'createDraft')),
    term('fetchAll: tasks + notes batch/create, label batchModify', 2 * crm + 1, 1, HUBSPOT_FETCH),
    term('records settled and the time of the check (user Properties)', 1, 1, PROPERTIES_WRITE),
    term('audit events (one append)', 1, 1, PROPERTIES_WRITE),
  ];
}

function sum(terms: MinimumTerm[], key: 'requests' | 'roundTrips' | 'modelledMs'): number {
  return terms.reduce((total, t) => total + t[key], 0);
}

/**
 * The minimal poller draining `submissions`: as few executions as fit the 6-minute limit, evenly split. The
 * first reads every page (newest first, it cannot know where the new ones end) and keeps the leads it has
 * no time for in the rep's store; each later execution reads one page, for anything newer.
 */
export function pollerMinimum(submissions: number): Minimum {
  for (let executions = 1; ; executions++) {
    const shares = Array.from({ length: executions }, (_, i) =>
      Math.floor((submissions + i) / executions),
    ).filter((n, i) => n > 0 || i === 0);
    const runs = shares.map((k, i) =>
      pollerExecution(
        k,
        i === 0 ? Math.max(1, batches(submissions, SUBMISSIONS_PER_PAGE)) : 1,
        Math.floor(k / EARLIER_THREAD_EVERY),
      ),
    );
    if (runs.some((terms) => sum(terms, 'modelledMs') > EXECUTION_LIMIT_MS)) continue;
    const byWhat = new Map<string, MinimumTerm>();
    for (const t of runs.flat()) {
      const seen = byWhat.get(t.what);
      byWhat.set(
        t.what,
        seen
          ? {
              what: t.what,
              requests: seen.requests + t.requests,
              roundTrips: seen.roundTrips + t.roundTrips,
              modelledMs: seen.modelledMs + t.modelledMs,
            }
          : { ...t },
      );
    }
    const terms = [...byWhat.values()];
    const pages = terms.find((t) => t.what.startsWith('submission pages'))?.requests ?? 0;
    return {
      terms,
      requests: sum(terms, 'requests'),
      roundTrips: sum(terms, 'roundTrips'),
      // pages, then per execution with leads: contacts, owners, tasks and notes per 100
      hubspotRequests:
        pages +
        shares.filter((k) => k > 0).reduce((total, k) => total + 1 + 3 * batches(k, RECORDS_PER_BATCH), 0),
      sheetWrites: 0,
      modelledMs: sum(terms, 'modelledMs'),
      executions: shares.length,
    };
  }
}

export type SidebarAction =
  | 'firstOpen'
  | 'coldOpen'
  | 'coldOpenWithLeads'
  | 'warmOpen'
  | 'replyDraft'
  | 'holdSlot'
  | 'addTask'
  | 'logNote'
  | 'createContact'
  | 'insertFreeTimes'
  | 'calendarEventOpen'
  | 'homepage'
  | 'ownerDrain';

const PROPS_READ = latencyOf('PropertiesService', 'getProperties');
const PROPS_WRITE = latencyOf('PropertiesService', 'setProperties');

/**
 * Each card action's least work, by the issue's rule: the reads it cannot skip, its one outside effect,
 * one write of the user's own state where the action changes it, and one append of its audit events
 * (one setProperties under a key of its own: the sheet is the owner's drain's cost, its own row).
 * docs/performance.md derives each term. An open: one read of what the user's store remembers (views,
 * the user's settings, a copy of the team's), the team's settings on the very first open, the open
 * message (the event carries only its id), two dependent fetchAlls (contact, company, free/busy and
 * thread ids; then the threads' summaries) and one write; a re-open is that one read.
 */
export function sidebarMinimum(action: SidebarAction): Minimum {
  const userRead = term(
    "the user's store: remembered view, settings, the team's copy (one read)",
    1,
    1,
    PROPS_READ,
  );
  const opening = [
    term('open message', 1, 1, latencyOf('GmailApp', 'getMessageById')),
    term('fetchAll: contact, company search, free/busy, thread ids', 4, 1, HUBSPOT_FETCH),
    term('fetchAll: thread summaries (up to 5)', 5, 1, GOOGLE_FETCH),
    term("the view remembered (the user's store, one write)", 1, 1, PROPS_WRITE),
  ];
  const userWrite = (what: string) => term(`${what} (the user's store, one write)`, 1, 1, PROPS_WRITE);
  const append = term("audit events appended to the team's queue (one write)", 1, 1, PROPS_WRITE);
  const hubspotWrite = (what: string) => term(what, 1, 1, HUBSPOT_FETCH);
  const terms: Record<SidebarAction, MinimumTerm[]> = {
    firstOpen: [
      userRead,
      term("the team's settings (script Properties, one read)", 1, 1, PROPS_READ),
      ...opening,
    ],
    coldOpen: [userRead, ...opening],
    // The newest page per form and the new leads' owners ride the same two fetchAlls.
    coldOpenWithLeads: [userRead, ...opening],
    warmOpen: [userRead],
    replyDraft: [
      userRead,
      term('the message replied to (getMessageById)', 1, 1, latencyOf('GmailApp', 'getMessageById')),
      term(
        'createDraftReply (returns the draft the compose response needs)',
        1,
        1,
        latencyOf('GmailApp', 'createDraftReply'),
      ),
      userWrite('the draft followed for review, the cooldown'),
      append,
    ],
    holdSlot: [
      userRead,
      term(
        'createEvent on the default calendar (title, times, description in one call)',
        1,
        1,
        latencyOf('CalendarApp', 'createEvent'),
      ),
      userWrite('the hold, for its release'),
      append,
    ],
    addTask: [userRead, hubspotWrite('tasks batch/create with its contact association'), append],
    logNote: [userRead, hubspotWrite('notes batch/create with its contact association'), append],
    createContact: [
      userRead,
      hubspotWrite('contacts create'),
      userWrite('the remembered view, now with the contact'),
      append,
    ],
    insertFreeTimes: [userRead],
    calendarEventOpen: [
      term('the team settings: token, portal (one read)', 1, 1, PROPS_READ),
      term("fetchAll: each guest's contact with its company + owners", 2, 1, HUBSPOT_FETCH),
    ],
    homepage: [
      userRead,
      term('the drafts still in Gmail (getDrafts)', 1, 1, latencyOf('GmailApp', 'getDrafts')),
      userWrite('the visit time'),
    ],
    ownerDrain: [
      term("the trigger's user state: is the daily upkeep due (one read)", 1, 1, PROPS_READ),
      term('the queue and the team settings (script Properties, one read)', 1, 1, PROPS_READ),
      term('the script lock (taken, released)', 2, 2, latencyOf('LockService', 'tryLock')),
      term('open the audit spreadsheet', 1, 1, latencyOf('SpreadsheetApp', 'openById')),
      term("the sheet's tail (dedupe, previous hash)", 1, 1, latencyOf('SpreadsheetApp', 'getValues')),
      term('every queued event, chained, in one setValues', 1, 1, latencyOf('SpreadsheetApp', 'setValues')),
      term('flush: the rows saved before the queue forgets them', 1, 1, latencyOf('SpreadsheetApp', 'flush')),
      term('the queue emptied with the last hash (one write)', 1, 1, PROPS_WRITE),
    ],
  };
  const chosen = terms[action];
  const hubspot: Partial<Record<SidebarAction, number>> = {
    firstOpen: 2,
    coldOpen: 2,
    coldOpenWithLeads: 4,
    addTask: 1,
    logNote: 1,
    createContact: 1,
    calendarEventOpen: 2,
  };
  return {
    terms: chosen,
    requests: sum(chosen, 'requests'),
    roundTrips: sum(chosen, 'roundTrips'),
    hubspotRequests: hubspot[action] || 0,
    sheetWrites: action === 'ownerDrain' ? 1 : 0,
    modelledMs: sum(chosen, 'modelledMs'),
    executions: 1,
  };
}

/** The target of issue 15: within max(1.2 x minimum, minimum + 1) round trips. */
export function allowedRoundTrips(minimum: number): number {
  return Math.max(Math.floor(1.2 * minimum), minimum + 1);
}
