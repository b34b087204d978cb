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
