// The least work the platform allows for the same job, computed from the APIs' batch sizes and the
// workbench's latency model (tools/workbench/latency.ts), term by term so anyone can check the sum.
// Batch sizes: 50 form submissions per page; 100 inputs per HubSpot batch/read, batch/create and
// associations batch/read; one free/busy query per run; one Gmail call per draft (Apps Script has no
// batch draft creation); one sheet write per run. Independent requests of one step share a fetchAll
// (one round trip, as long as its slowest request); dependent ones cannot (a page's cursor, a contact's
// company id).
import { latencyOf } from '../workbench/latency';

const SUBMISSIONS_PER_PAGE = 50;
const RECORDS_PER_BATCH = 100;
/** Ours searches Gmail for 100 prospects' addresses at once; the bench's minimum allows the same. */
const ADDRESSES_PER_GMAIL_SEARCH = 100;
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

/** One execution of the minimal poller over `n` submissions. */
function pollerExecution(n: number): MinimumTerm[] {
  const crm = batches(n, RECORDS_PER_BATCH);
  return [
    term(
      'settings and progress read (one Properties read)',
      1,
      1,
      latencyOf('PropertiesService', 'getProperties'),
    ),
    term(
      'submission pages (50 each, one after another)',
      batches(n, SUBMISSIONS_PER_PAGE),
      batches(n, SUBMISSIONS_PER_PAGE),
      HUBSPOT_FETCH,
    ),
    term('contacts batch/read by email + free/busy, one fetchAll', crm + 1, 1, HUBSPOT_FETCH),
    term('contact->company associations batch/read, one fetchAll', crm, 1, HUBSPOT_FETCH),
    term('companies batch/read, one fetchAll', crm, 1, HUBSPOT_FETCH),
    term(
      'Gmail search for earlier conversations (100 addresses each)',
      batches(n, ADDRESSES_PER_GMAIL_SEARCH),
      batches(n, ADDRESSES_PER_GMAIL_SEARCH),
      latencyOf('GmailApp', 'search'),
    ),
    term('drafts (one call each)', n, n, latencyOf('GmailApp', 'createDraft')),
    term('tasks + notes batch/create, one fetchAll', 2 * crm, 1, HUBSPOT_FETCH),
    term('audit rows (one setValues)', 1, 1, latencyOf('SpreadsheetApp', 'setValues')),
    term('progress save (one setProperties)', 1, 1, latencyOf('PropertiesService', 'setProperties')),
  ];
}

/** HubSpot requests among a poller execution's terms: pages, CRM reads and writes (not free/busy). */
function hubspotRequestsOf(n: number): number {
  return batches(n, SUBMISSIONS_PER_PAGE) + 5 * batches(n, RECORDS_PER_BATCH);
}

function sum(terms: MinimumTerm[], key: 'requests' | 'roundTrips' | 'modelledMs'): number {
  return terms.reduce((total, t) => total + t[key], 0);
}

/** The minimal poller draining `submissions`: as few executions as fit the 6-minute limit, evenly split. */
export function pollerMinimum(submissions: number): Minimum {
  for (let executions = 1; ; executions++) {
    const shares = Array.from({ length: executions }, (_, i) =>
      Math.floor((submissions + i) / executions),
    ).filter((n) => n > 0);
    const runs = shares.map(pollerExecution);
    if (runs.some((terms) => sum(terms, 'modelledMs') > EXECUTION_LIMIT_MS)) continue;
    const terms = runs[0].map((first, k) => ({
      what: first.what,
      requests: runs.reduce((total, run) => total + run[k].requests, 0),
      roundTrips: runs.reduce((total, run) => total + run[k].roundTrips, 0),
      modelledMs: runs.reduce((total, run) => total + run[k].modelledMs, 0),
    }));
    return {
      terms,
      requests: sum(terms, 'requests'),
      roundTrips: sum(terms, 'roundTrips'),
      hubspotRequests: shares.reduce((total, n) => total + hubspotRequestsOf(n), 0),
      sheetWrites: shares.length,
      modelledMs: sum(terms, 'modelledMs'),
      executions: shares.length,
    };
  }
}

export type SidebarAction =
  | 'firstOpen'
  | 'coldOpen'
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
