// The Gmail sidebar for an open message, built around the next step: who this is and whether they are the
// user's (at a glance, at most four rows), then the times to offer, with "Create reply draft" and "Hold on
// calendar" in the fixed footer. HubSpot details, earlier conversations and the task, note and refresh
// buttons are folded away below. Times are in the user's zone, named by its city; the prospect's time is
// added to each row when HubSpot knows their zone.
import type { CrmSection, LeadView, ServiceProblem, SlotOption, SlotSection } from '../core/lead-view';
import type { ConversationSummary } from '../core/ports';
import type { Template } from '../core/templates';
import { ACTIONS, INPUTS } from './actions';
import { detailWidgets, glanceWidgets } from './at-a-glance';
import { messageChoice } from './message-choice';
import { internalThreadCard, unreadableSenderCard } from './message-cards';
import { newLeadsSections, prepareDraftButton } from './new-leads-section';
import type { NewLeadsBanner } from '../core/new-leads';
import { MAX_TIMES, timeCheckboxes, timesHeading, withHeldTimes } from './times-to-offer';
import { slotOption } from '../core/lead-view';
import { formatDay, formatTime } from '../core/time-zone';
import {
  button,
  buttonRow,
  card,
  collapsibleSection,
  datePicker,
  dayLabel,
  dropdown,
  footer,
  hint,
  keyValue,
  paragraph,
  section,
  textInput,
} from './widgets';
import type { Card, Params, Section, Widget } from './widgets';

export interface LeadCardOptions {
  templates: Template[];
  defaultTemplateId: string;
  /** The team turned the message writer on: the card offers the Message choice (cards/message-choice.ts). */
  writerOn?: boolean;
  /** The signed-in user: thread links name this account, and the owner row tells "yours" from a colleague's. */
  userEmail: string;
  /** A one-line result of the action that led here ("Time held"). */
  notice?: string;
  /** New leads waiting for this rep (the banner at the top). */
  newLeads?: NewLeadsBanner | null;
  /** Times the user holds on their calendar for this person, still ahead: shown among the times, marked held. */
  held?: Array<{ start: number; end: number }>;
  /**
   * Sections drawn above everything else (the "new leads since" banner): the only rows allowed before the
   * at-a-glance block.
   */
  leadingSections?: Section[];
}

const MAX_CONVERSATIONS = 5;

type ContactSuggestion = Extract<CrmSection, { state: 'unknown' }>['suggestion'];

export function leadCard(view: LeadView, options: LeadCardOptions): Card {
  const counterpart = view.counterpart;
  if (!counterpart) {
    return view.unreadableSender ? unreadableSenderCard(view.unreadableSender) : internalThreadCard();
  }
  const draftParams: Params = {
    messageId: view.messageId,
    threadId: view.threadId,
    email: counterpart.email,
    ...(view.fromNotification ? { fromNotification: '1' } : {}),
  };
  const name = counterpart.name || counterpart.email;
  const top: Widget[] = [];
  if (options.notice) top.push(paragraph(options.notice));
  const problem = problemLine(view);
  if (problem) top.push(paragraph(problem));
  const glance = glanceWidgets(view.crm, {
    userEmail: options.userEmail,
    userTimeZone: view.userTimeZone,
    prospectTimeZone: view.prospectTimeZone,
    now: view.builtAt,
    openedMessage: view.openedMessage,
    messageId: view.messageId,
    email: counterpart.email,
  });
  const details = detailWidgets(view.crm, view.userTimeZone, view.builtAt).concat(
    buttonRow(followUpButtons(view)),
  );
  const sections: Section[] = [
    ...(options.leadingSections || []),
    ...newLeadsSections(options.newLeads, view.userTimeZone, view.builtAt, { messageId: view.messageId }),
    section(null, top.concat(glance)),
    section(timesHeading(view.userTimeZone), timeWidgets(view, options)),
    collapsibleSection(
      'Earlier conversations',
      conversationWidgets(view.conversations, counterpart.email, view, options.userEmail),
    ),
    collapsibleSection(view.crm.state === 'found' ? 'HubSpot details' : 'More', details),
  ];
  const canHold = offeredSlots(view, options.held || []).ok;
  return card(
    {
      title: name,
      subtitle: headerSubtitle(view, counterpart.name ? counterpart.email : null),
      name: 'lead',
      peek: { title: name, subtitle: 'Back to this lead' },
      footer: footer(
        replyDraftButton(draftParams),
        canHold ? button('Hold on calendar', ACTIONS.holdSlot, draftParams) : undefined,
      ),
    },
    sections,
  );
}

/**
 * One line for everything that is missing, in words a rep can act on. The at-a-glance row already says
 * when HubSpot is the problem, so only the other services are named here; diagnostic details go to the
 * audit sheet (app/sidebar.ts auditProblems), never to the card.
 */
function problemLine(view: LeadView): string | null {
  const others = view.problems.filter((p: ServiceProblem) => p.service !== 'HubSpot');
  const hubspotBusy = view.problems.some((p) => p.service === 'HubSpot' && p.kind === 'rate_limited');
  const lines: string[] = [];
  if (hubspotBusy && view.crm.state !== 'found') lines.push('HubSpot is busy — refresh in a minute.');
  for (const problem of others) {
    if (problem.service === 'Google Calendar') lines.push('Your calendar can’t be read right now.');
    if (problem.service === 'Gmail') lines.push('Earlier conversations can’t be loaded right now.');
  }
  return lines.length ? lines.join(' ') : null;
}

/** "VP Operations · Acme Logistics", else the company guessed from the domain, else the email. */
function headerSubtitle(view: LeadView, fallback: string | null): string | null {
  const crm = view.crm;
  if (crm.state === 'found') {
    const company = (crm.company && crm.company.name) || crm.contact.companyName;
    const parts = [crm.contact.jobTitle, company].filter((part): part is string => !!part);
    if (parts.length) return parts.join(' · ');
  }
  if (crm.state === 'unknown' && crm.suggestion.company) return crm.suggestion.company;
  return fallback;
}

function replyDraftButton(params: Params) {
  if (params.fromNotification) return prepareDraftButton(params);
  return button('Create reply draft', ACTIONS.createReplyDraft, params, {
    primary: true,
    composesReply: true,
  });
}

/** A small form prefilled from the sender's name and domain; creating the contact takes a second click. */
export function createContactCard(suggestion: ContactSuggestion, messageId?: string): Card {
  const params: Params = messageId ? { email: suggestion.email, messageId } : { email: suggestion.email };
  return card({ title: 'Create HubSpot contact', subtitle: suggestion.email, name: 'create-contact' }, [
    section(null, [
      textInput(INPUTS.firstName, 'First name', { value: suggestion.firstName || '' }),
      textInput(INPUTS.lastName, 'Last name', { value: suggestion.lastName || '' }),
      textInput(INPUTS.company, 'Company', { value: suggestion.company || '' }),
      button('Create contact', ACTIONS.createContact, params, { primary: true }),
    ]),
  ]);
}

// ---- earlier conversations -----------------------------------------------------------------------

function conversationWidgets(
  conversations: ConversationSummary[],
  counterpartEmail: string,
  view: LeadView,
  userEmail: string,
): Widget[] {
  if (!conversations.length) return [paragraph('No earlier conversations.')];
  const them = counterpartEmail.toLowerCase();
  return conversations.slice(0, MAX_CONVERSATIONS).map((c) =>
    keyValue(dayLabel(c.lastMessageAt, view.userTimeZone, view.builtAt), c.subject || '(no subject)', {
      bottomLabel: `${c.lastFrom.toLowerCase() === them ? 'last from them' : 'last from you'} · ${messageCount(c.messageCount)}`,
      link: threadLink(c.threadId, userEmail),
    }),
  );
}

function messageCount(count: number): string {
  return count === 1 ? '1 message' : `${count} messages`;
}

/**
 * A link to a thread in the user's own mailbox. `/mail/u/0/` opens whichever account was signed in first
 * in the browser (often a personal one); `authuser=<email>` selects the account by address, whatever its
 * position. Google documents no URL format for Gmail threads: this is the form Gmail itself accepts and
 * keeps while redirecting to the matching `/mail/u/<n>/`.
 */
export function threadLink(threadId: string, userEmail: string): string {
  const account = userEmail ? `?authuser=${encodeURIComponent(userEmail)}` : '';
  return `https://mail.google.com/mail/${account}#all/${encodeURIComponent(threadId)}`;
}

// ---- times to offer ------------------------------------------------------------------------------

function timeWidgets(view: LeadView, options: LeadCardOptions): Widget[] {
  const slots = offeredSlots(view, options.held || []);
  const widgets: Widget[] = slots.ok
    ? [
        timeCheckboxes(
          slots.slots,
          view.userTimeZone,
          view.prospectTimeZone,
          undefined,
          new Set((options.held || []).map((h) => h.start)),
        ),
      ]
    : [paragraph(slots.reason), hint('The reply draft will ask for their availability instead.')];
  if (options.templates.length) widgets.push(templatePicker(options.templates, options.defaultTemplateId));
  widgets.push(...messageChoice(!!options.writerOn));
  return widgets;
}

function offeredSlots(
  view: LeadView,
  held: Array<{ start: number; end: number }>,
): { ok: true; slots: SlotOption[] } | { ok: false; reason: string } {
  const slots = view.slots;
  const heldOptions = held.map((h) => slotOption(h, view.userTimeZone, view.prospectTimeZone));
  const free = slots.state === 'ok' ? slots.slots : [];
  if (free.length || heldOptions.length)
    return { ok: true, slots: withHeldTimes(free, heldOptions).slice(0, MAX_TIMES) };
  if (slots.state === 'unavailable') return { ok: false, reason: slots.reason };
  return { ok: false, reason: noFreeTimeReason(slots, view.userTimeZone, view.builtAt) };
}

/**
 * "No free time in your working hours from Tue, Mar 10 to Mon, Mar 23. The first free time is Wed, Mar 25,
 * 10:00 AM." — or, when the days after are full too, the whole range named.
 */
export function noFreeTimeReason(
  slots: Extract<SlotSection, { state: 'ok' }>,
  timeZone: string,
  now: number,
): string {
  const from = formatDay(now, timeZone);
  const until = (at: number | undefined) => (at === undefined ? null : formatDay(at, timeZone));
  const range = until(slots.searchedUntil);
  if (slots.nextFree === null && until(slots.nextSearchedUntil))
    return `Your working hours are full from ${from} to ${until(slots.nextSearchedUntil)}.`;
  const full = range
    ? `No free time in your working hours from ${from} to ${range}.`
    : slots.searchedDays
      ? `No free time in your working hours in the next ${slots.searchedDays === 1 ? 'day' : `${slots.searchedDays} days`}.`
      : 'No free time in your working hours within the search window.';
  if (typeof slots.nextFree !== 'number') return full;
  return `${full} The first free time is ${formatDay(slots.nextFree, timeZone)}, ${formatTime(slots.nextFree, timeZone)}.`;
}

function templatePicker(templates: Template[], defaultTemplateId: string): Widget {
  const chosen = templates.some((t) => t.id === defaultTemplateId) ? defaultTemplateId : templates[0].id;
  return dropdown(
    INPUTS.template,
    'Message',
    templates.map((t) => ({ text: t.name, value: t.id, selected: t.id === chosen })),
  );
}

// ---- follow-ups ----------------------------------------------------------------------------------

function followUpButtons(view: LeadView) {
  const buttons = [];
  if (view.crm.state === 'found') {
    const contact = view.crm.contact;
    const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
    const params = formParams({ contactId: contact.id, email: contact.email, name });
    buttons.push(
      button('Add HubSpot task', ACTIONS.showTaskForm, params),
      button('Log note', ACTIONS.showNoteForm, params),
    );
  }
  buttons.push(button('Refresh', ACTIONS.refreshLead, { messageId: view.messageId }));
  return buttons;
}

export interface TaskDefaults {
  subject: string;
  /** The due day's DatePicker value: the day at midnight UTC (core/task-due.ts pickerValue). */
  dueDay: number;
}

/** Who a form is about: a name when HubSpot has one, else the address. */
export interface FormPerson {
  contactId: string;
  email: string;
  name?: string | null;
}

function formParams(person: FormPerson): Params {
  const params: Params = { contactId: person.contactId, email: person.email };
  if (person.name) params.name = person.name;
  return params;
}

export function taskFormCard(person: FormPerson, defaults: TaskDefaults): Card {
  return card({ title: 'Add HubSpot task', subtitle: person.name || person.email, name: 'task-form' }, [
    section(null, [
      textInput(INPUTS.taskSubject, 'Task', { value: defaults.subject }),
      datePicker(INPUTS.taskDue, 'Due', defaults.dueDay),
      button('Add task', ACTIONS.addTask, formParams(person), { primary: true }),
    ]),
  ]);
}

export function noteFormCard(person: FormPerson): Card {
  return card({ title: 'Log a HubSpot note', subtitle: person.name || person.email, name: 'note-form' }, [
    section(null, [
      textInput(INPUTS.noteBody, 'Note', { multiline: true }),
      button('Log note', ACTIONS.logNote, formParams(person), { primary: true }),
    ]),
  ]);
}
