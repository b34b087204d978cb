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
  'firstOpen' | 'coldOpen' | 'coldOpenWithLeads' | 'warmOpen' | 'replyDraft' | 'holdSlot';

/**
 * The sidebar's least work. An open must read the cache first (or a re-open could not cost one call),
 * read the token and settings (from the cache once they are there), read the open message (the event
 * carries only its id), then two dependent fetchAlls (contact, company, free/busy and thread ids; then
 * the threads' summaries), and write the cache. An action reads the cached view, makes its one change
 * and records one audit event.
 */
export function sidebarMinimum(action: SidebarAction): Minimum {
  const cacheRead = term('cache read (view, settings)', 1, 1, latencyOf('CacheService', 'getAll'));
  const opening = [
    term('open message', 1, 1, latencyOf('GmailApp', 'getMessageById')),
    term('fetchAll: contact, company search, free/busy, thread ids', 4, 1, HUBSPOT_FETCH),
    term('fetchAll: thread summaries (up to 5)', 5, 1, GOOGLE_FETCH),
    term('cache write', 1, 1, latencyOf('CacheService', 'putAll')),
  ];
  const record = term('audit event (one write)', 1, 1, latencyOf('PropertiesService', 'setProperties'));
  const terms: Record<SidebarAction, MinimumTerm[]> = {
    firstOpen: [
      cacheRead,
      term('settings and token (Properties)', 1, 1, latencyOf('PropertiesService', 'getProperties')),
      ...opening,
    ],
    coldOpen: [cacheRead, ...opening],
    // The newest page per form and the new leads' owners ride the same two fetchAlls.
    coldOpenWithLeads: [cacheRead, ...opening],
    warmOpen: [cacheRead],
    replyDraft: [
      cacheRead,
      term('open message', 1, 1, latencyOf('GmailApp', 'getMessageById')),
      term('createDraftReply', 1, 1, latencyOf('GmailApp', 'createDraftReply')),
      record,
    ],
    holdSlot: [cacheRead, term('createEvent', 1, 1, latencyOf('CalendarApp', 'createEvent')), record],
  };
  const chosen = terms[action];
  return {
    terms: chosen,
    requests: sum(chosen, 'requests'),
    roundTrips: sum(chosen, 'roundTrips'),
    hubspotRequests:
      action === 'firstOpen' || action === 'coldOpen' ? 2 : action === 'coldOpenWithLeads' ? 4 : 0,
    sheetWrites: 0,
    modelledMs: sum(chosen, 'modelledMs'),
    executions: 1,
  };
}
