// The Gmail half of the dev page: the inbox list, the open conversation, the drafts the add-on prepared
// and the compose window Gmail opens on a draft. Message bodies are shown as plain text.
import type { MailThreadState } from '../workbench/fakes/gmail';
import type { DraftOutcome } from '../workbench/outcome';
import { escapeHtml } from './rich-text';

export interface MailViewContext {
  userEmail: string;
  timeZone: string;
  now: number;
}

function attr(name: string, value: unknown): string {
  return ` ${name}="${escapeHtml(value)}"`;
}

const NAMED_ADDRESS = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/;

function addressOf(header: string): string {
  const match = NAMED_ADDRESS.exec(header);
  return (match ? match[2] : header).trim();
}

/** "Sarah Chen <sarah@x>" -> "Sarah Chen"; the user's own address reads "me", as in Gmail. */
export function displayName(header: string, userEmail: string): string {
  const address = addressOf(header);
  if (address.toLowerCase() === userEmail.toLowerCase()) return 'me';
  const match = NAMED_ADDRESS.exec(header);
  return (match && match[1].trim()) || address;
}

function dayKey(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);
}

/** Gmail's list dates: the time today, the day otherwise. */
export function listDate(ms: number, context: MailViewContext): string {
  const sameDay = dayKey(ms, context.timeZone) === dayKey(context.now, context.timeZone);
  return new Intl.DateTimeFormat('en-US', {
    timeZone: context.timeZone,
    ...(sameDay ? { hour: 'numeric', minute: '2-digit' } : { month: 'short', day: 'numeric' }),
  }).format(ms);
}

export function fullDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(ms);
}

/** Threads Gmail lists in the inbox: those holding a received message, unless archived, spam or trash. */
export function inboxThreads(threads: MailThreadState[], userEmail: string): MailThreadState[] {
  const received = (t: MailThreadState) =>
    t.messages.some((m) => !m.isDraft && displayName(m.from, userEmail) !== 'me');
  return threads
    .filter((t) => (t.location ? t.location === 'inbox' : received(t)))
    .sort((a, b) => lastDate(b) - lastDate(a));
}

function lastDate(thread: MailThreadState): number {
  return Math.max(...thread.messages.filter((m) => !m.isDraft).map((m) => m.date), 0);
}

/** The message Gmail hands the add-on when a thread is opened: its newest non-draft message. */
export function newestMessageId(thread: MailThreadState): string | null {
  const real = thread.messages.filter((m) => !m.isDraft).sort((a, b) => b.date - a.date);
  return real.length ? real[0].id : null;
}

export function renderThreadList(
  threads: MailThreadState[],
  selectedThreadId: string | null,
  context: MailViewContext,
): string {
  const items = inboxThreads(threads, context.userEmail).map((thread) => {
    const real = thread.messages.filter((m) => !m.isDraft);
    const newest = real[real.length - 1] || thread.messages[thread.messages.length - 1];
    const people = [...new Set(real.map((m) => displayName(m.from, context.userEmail)))].join(', ');
    const count = real.length > 1 ? ` <span class="count">${real.length}</span>` : '';
    const draft = thread.messages.some((m) => m.isDraft) ? '<span class="draft-mark">Draft</span> ' : '';
    const unread = real.some((m) => m.unread) ? ' unread' : '';
    const selected = thread.id === selectedThreadId ? ' selected' : '';
    const labels = thread.labels.map((l) => `<span class="label-chip">${escapeHtml(l)}</span>`).join('');
    return (
      `<li class="thread${unread}${selected}"${attr('data-thread-id', thread.id)}${attr('data-message-id', newestMessageId(thread))}>` +
      `<span class="thread-from">${escapeHtml(people)}${count}</span>` +
      `<span class="thread-date">${escapeHtml(listDate(lastDate(thread), context))}</span>` +
      `<span class="thread-subject">${draft}${labels}${escapeHtml(newest.subject)}</span>` +
      `<span class="thread-snippet">${escapeHtml(newest.plainBody.slice(0, 90))}</span></li>`
    );
  });
  return items.length
    ? `<ul class="thread-list">${items.join('')}</ul>`
    : '<p class="empty">No conversations.</p>';
}

export function renderThreadView(thread: MailThreadState | null, context: MailViewContext): string {
  if (!thread)
    return '<div class="no-thread"><p>Select a conversation on the left to open it; the add-on opens beside it.</p></div>';
  const subject = thread.messages[0]?.subject ?? '';
  const labels = thread.labels.map((l) => `<span class="label-chip">${escapeHtml(l)}</span>`).join('');
  const messages = thread.messages
    .map((m) => {
      const from = displayName(m.from, context.userEmail);
      return (
        `<article class="message${m.isDraft ? ' message-draft' : ''}"${attr('data-message-id', m.id)}>` +
        `<div class="avatar avatar-circle">${escapeHtml(from.charAt(0).toUpperCase())}</div>` +
        `<div class="message-main"><div class="message-head">` +
        `${m.isDraft ? '<span class="draft-mark">Draft</span> ' : ''}<b>${escapeHtml(from)}</b> ` +
        `<span class="address">&lt;${escapeHtml(addressOf(m.from))}&gt;</span>` +
        `<span class="message-date">${escapeHtml(fullDate(m.date, context.timeZone))}</span></div>` +
        `<div class="message-to">to ${escapeHtml(m.to)}</div>` +
        `<div class="message-body">${escapeHtml(m.plainBody)}</div></div></article>`
      );
    })
    .join('');
  return `<div class="thread-view"${attr('data-thread-id', thread.id)}><h2>${escapeHtml(subject)} ${labels}</h2>${messages}</div>`;
}

export function renderCompose(draft: DraftOutcome): string {
  return (
    `<div class="compose"${attr('data-draft-id', draft.draftId)}>` +
    `<div class="compose-title"><span>${draft.reply ? 'Reply draft' : 'Draft'}: ${escapeHtml(draft.subject)}</span>` +
    `<button type="button" class="compose-close" title="Close">×</button></div>` +
    `<div class="compose-row"><span class="compose-key">To</span> ${escapeHtml(draft.to)}</div>` +
    `<div class="compose-row"><span class="compose-key">Subject</span> ${escapeHtml(draft.subject)}</div>` +
    `<div class="compose-body">${escapeHtml(draft.textBody)}</div>` +
    `<div class="compose-foot"><button type="button" class="btn btn-filled" disabled title="The workbench never sends">Send</button>` +
    '<span>Prospector only prepares drafts: you review and send them in Gmail.</span></div></div>'
  );
}

export function renderDrafts(drafts: DraftOutcome[], timeZone: string): string {
  if (!drafts.length)
    return '<p class="empty">No drafts. Open a conversation and press "Create reply draft", or run the poller.</p>';
  const items = [...drafts]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map(
      (d) =>
        `<li class="draft-item"${attr('data-draft-id', d.draftId)}>` +
        `<div><span class="draft-mark">Draft</span> <b>${escapeHtml(d.to)}</b>` +
        `<span class="draft-date">${escapeHtml(fullDate(Date.parse(d.createdAt), timeZone))}</span></div>` +
        `<div class="draft-subject">${escapeHtml(d.subject)}${d.reply ? ' <span class="label-chip">reply in thread</span>' : ''}</div>` +
        `<div class="draft-snippet">${escapeHtml(d.textBody)}</div>` +
        `<button type="button" class="btn btn-outlined" data-open-draft="${escapeHtml(d.draftId)}">Open draft</button></li>`,
    )
    .join('');
  return `<ul class="draft-list">${items}</ul>`;
}
