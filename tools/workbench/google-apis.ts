// Google's REST endpoints the add-on calls through UrlFetchApp with the script's own token, answered from the
// same in-memory mailbox and calendar the GmailApp and CalendarApp fakes use:
// - POST https://www.googleapis.com/calendar/v3/freeBusy
//   https://developers.google.com/calendar/api/v3/reference/freebusy/query
// - GET https://www.googleapis.com/calendar/v3/calendars/primary/events (calendar-events-api.ts)
//   https://developers.google.com/calendar/api/v3/reference/events/list
// - GET https://gmail.googleapis.com/gmail/v1/users/me/threads?q=&maxResults=
//   https://developers.google.com/gmail/api/reference/rest/v1/users.threads/list
// - GET https://gmail.googleapis.com/gmail/v1/users/me/threads/{id}?format=metadata&metadataHeaders=
//   https://developers.google.com/gmail/api/reference/rest/v1/users.threads/get
// Anything else answers 404 in Google's error shape, so the add-on cannot rely on an endpoint we do not model.
import { eventsListResponse } from './calendar-events-api';
import { CalendarApiError, freeBusyResponse } from './fakes/calendar';
import type { CalendarState } from './fakes/calendar';
import { searchableMessage } from './fakes/gmail';
import type { MailboxState, MailMessageState, MailThreadState } from './fakes/gmail';
import { parseGmailQuery } from './fakes/gmail-search';
import type { GoogleApiRequest, GoogleApiResponse } from './fakes/url-fetch';

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=UTF-8' };
/** users.threads.list caps maxResults at 500. */
const MAX_RESULTS = 500;

export interface GoogleApiWorld {
  mailbox: MailboxState;
  calendar: CalendarState;
  now: () => number;
}

export function googleApis(world: GoogleApiWorld): (request: GoogleApiRequest) => GoogleApiResponse {
  return (request) => {
    const url = new URL(request.url);
    try {
      if (
        url.host === 'www.googleapis.com' &&
        url.pathname === '/calendar/v3/freeBusy' &&
        request.method === 'post'
      ) {
        return ok(freeBusyResponse(world.calendar, JSON.parse(request.body || '{}')));
      }
      const events = /^\/calendar\/v3\/calendars\/([^/]+)\/events$/.exec(url.pathname);
      if (url.host === 'www.googleapis.com' && events && request.method === 'get') {
        const id = decodeURIComponent(events[1]);
        if (id !== 'primary' && id.toLowerCase() !== world.calendar.ownerEmail.toLowerCase()) {
          return error(404, 'Not Found', 'notFound');
        }
        return ok(eventsListResponse(world.calendar, url.searchParams));
      }
      const calendar = /^\/calendar\/v3\/calendars\/([^/]+)$/.exec(url.pathname);
      if (url.host === 'www.googleapis.com' && calendar && request.method === 'get') {
        return getCalendar(world, decodeURIComponent(calendar[1]));
      }
      if (url.host === 'gmail.googleapis.com' && url.pathname === '/gmail/v1/users/me/labels') {
        if (request.method === 'get') return ok({ labels: listLabels(world.mailbox) });
        if (request.method === 'post') return createLabel(world.mailbox, JSON.parse(request.body || '{}'));
      }
      if (
        url.host === 'gmail.googleapis.com' &&
        url.pathname === '/gmail/v1/users/me/messages/batchModify' &&
        request.method === 'post'
      ) {
        return batchModify(world.mailbox, JSON.parse(request.body || '{}'));
      }
      if (url.host === 'gmail.googleapis.com' && request.method === 'get') {
        const list = /^\/gmail\/v1\/users\/me\/threads$/.exec(url.pathname);
        if (list) return ok(listThreads(world, url.searchParams));
        const get = /^\/gmail\/v1\/users\/me\/threads\/([^/]+)$/.exec(url.pathname);
        if (get) return getThread(world, decodeURIComponent(get[1]), url.searchParams);
      }
      return error(404, 'Not Found', 'notFound');
    } catch (caught) {
      if (caught instanceof CalendarApiError) {
        return { status: caught.status, headers: JSON_HEADERS, body: JSON.stringify(caught.body) };
      }
      if (caught instanceof SyntaxError) return error(400, 'Invalid JSON payload received.', 'parseError');
      // An unsupported Gmail query is the add-on's bug: Gmail would answer 400 invalidArgument.
      return error(400, (caught as Error).message, 'invalidArgument');
    }
  };
}

/**
 * calendars.get: the calendar's metadata, its zone among them; another user's calendar is not the fake's to
 * show. https://developers.google.com/calendar/api/v3/reference/calendars/get
 */
function getCalendar(world: GoogleApiWorld, id: string): GoogleApiResponse {
  const owner = world.calendar.ownerEmail;
  if (id !== 'primary' && id.toLowerCase() !== owner.toLowerCase())
    return error(404, 'Not Found', 'notFound');
  return ok({ kind: 'calendar#calendar', id: owner, summary: owner, timeZone: world.calendar.timeZone });
}

/** A user label's Gmail API id, given the first time the API names it ("Label_<n>", as Gmail's look). */
function labelIdOf(mailbox: MailboxState, name: string): string {
  const ids = (mailbox.labelIds = mailbox.labelIds || {});
  if (!ids[name]) {
    mailbox.lastLabelNumber = (mailbox.lastLabelNumber || 0) + 1;
    ids[name] = `Label_${mailbox.lastLabelNumber}`;
  }
  return ids[name];
}

const SYSTEM_LABELS = ['INBOX', 'SENT', 'DRAFT', 'SPAM', 'TRASH', 'UNREAD', 'STARRED', 'IMPORTANT'];

/** users.labels.list: system labels, then the user's. https://developers.google.com/gmail/api/reference/rest/v1/users.labels/list */
function listLabels(mailbox: MailboxState): unknown[] {
  return [
    ...SYSTEM_LABELS.map((id) => ({ id, name: id, type: 'system' })),
    ...mailbox.labels.map((name) => ({ id: labelIdOf(mailbox, name), name, type: 'user' })),
  ];
}

/**
 * users.labels.create: a name another label already has (in any case) answers 409 "Label name exists or
 * conflicts". https://developers.google.com/gmail/api/reference/rest/v1/users.labels/create
 */
function createLabel(mailbox: MailboxState, body: { name?: unknown }): GoogleApiResponse {
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (!name) return error(400, 'Invalid label name', 'invalidArgument');
  const taken = SYSTEM_LABELS.concat(mailbox.labels).some((l) => l.toLowerCase() === name.toLowerCase());
  if (taken) return error(409, 'Label name exists or conflicts', 'failedPrecondition');
  mailbox.labels.push(name);
  return ok({ id: labelIdOf(mailbox, name), name, type: 'user' });
}

/**
 * users.messages.batchModify: at most 1,000 ids; an unknown label id answers 400 "Invalid label: <id>";
 * success is an empty body. The fake keeps user labels per thread, so a message's label is its thread's.
 * https://developers.google.com/gmail/api/reference/rest/v1/users.messages/batchModify
 */
function batchModify(
  mailbox: MailboxState,
  body: { ids?: unknown; addLabelIds?: unknown },
): GoogleApiResponse {
  const ids = Array.isArray(body.ids) ? body.ids.map(String) : [];
  const add = Array.isArray(body.addLabelIds) ? body.addLabelIds.map(String) : [];
  if (ids.length > 1000) return error(400, 'Too many ids: at most 1000', 'invalidArgument');
  if (!add.length) return error(400, 'No label add or removes specified', 'invalidArgument');
  const byId = new Map(mailbox.labels.map((name) => [labelIdOf(mailbox, name), name]));
  const unknown = add.find((id) => !byId.has(id) && !SYSTEM_LABELS.includes(id));
  if (unknown) return error(400, `Invalid label: ${unknown}`, 'invalidArgument');
  const names = add.filter((id) => byId.has(id)).map((id) => byId.get(id) as string);
  const wanted = new Set(ids);
  for (const thread of mailbox.threads) {
    if (!thread.messages.some((m) => wanted.has(m.id))) continue;
    for (const name of names) if (!thread.labels.includes(name)) thread.labels.push(name);
  }
  return { status: 204, headers: {}, body: '' };
}

function listThreads(world: GoogleApiWorld, params: URLSearchParams): unknown {
  const max = Math.min(MAX_RESULTS, Number(params.get('maxResults') || 100));
  const query = parseGmailQuery(params.get('q') || '', {
    now: world.now(),
    userEmail: world.mailbox.userEmail,
  });
  const threads = world.mailbox.threads
    .filter((t) => query.includesSpamAndTrash || !['spam', 'trash'].includes(t.location || ''))
    .filter((t) => t.messages.some((m) => query.matches(searchableMessage(m, t))))
    .sort((a, b) => lastDate(b) - lastDate(a))
    .slice(0, max);
  return {
    threads: threads.map((t) => ({ id: t.id, snippet: snippet(t), historyId: String(t.messages.length) })),
    resultSizeEstimate: threads.length,
  };
}

function getThread(world: GoogleApiWorld, id: string, params: URLSearchParams): GoogleApiResponse {
  const thread = world.mailbox.threads.find((t) => t.id === id);
  if (!thread) return error(404, 'Requested entity was not found.', 'notFound');
  const wanted = params.getAll('metadataHeaders').map((h) => h.toLowerCase());
  const messages = [...thread.messages].sort((a, b) => a.date - b.date);
  return ok({
    id: thread.id,
    historyId: String(messages.length),
    messages: messages.map((m) => ({
      id: m.id,
      threadId: thread.id,
      labelIds: labelIds(m, thread),
      snippet: m.plainBody.slice(0, 100),
      internalDate: String(m.date),
      payload: {
        mimeType: 'text/plain',
        headers: headers(m).filter((h) => !wanted.length || wanted.includes(h.name.toLowerCase())),
      },
    })),
  });
}

function headers(m: MailMessageState): Array<{ name: string; value: string }> {
  const list = [
    { name: 'From', value: m.from },
    { name: 'To', value: m.to },
    { name: 'Subject', value: m.subject },
    { name: 'Date', value: new Date(m.date).toUTCString() },
  ];
  if (m.cc) list.push({ name: 'Cc', value: m.cc });
  return list;
}

function labelIds(m: MailMessageState, thread: MailThreadState): string[] {
  const ids: string[] = [];
  if (m.isDraft) ids.push('DRAFT');
  if (m.isSent) ids.push('SENT');
  if (!m.isDraft && !m.isSent && (thread.location || 'inbox') === 'inbox') ids.push('INBOX');
  if (m.unread) ids.push('UNREAD');
  return ids;
}

function snippet(thread: MailThreadState): string {
  const last = [...thread.messages].sort((a, b) => b.date - a.date)[0];
  return last ? last.plainBody.slice(0, 100) : '';
}

function lastDate(thread: MailThreadState): number {
  return Math.max(0, ...thread.messages.map((m) => m.date));
}

function ok(body: unknown): GoogleApiResponse {
  return { status: 200, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

function error(status: number, message: string, reason: string): GoogleApiResponse {
  return {
    status,
    headers: JSON_HEADERS,
    body: JSON.stringify({
      error: { code: status, message, errors: [{ message, domain: 'global', reason }], status: reason },
    }),
  };
}
