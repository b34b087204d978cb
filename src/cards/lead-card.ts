// The Gmail sidebar for an open message: who this is in HubSpot, earlier conversations, free times to
// offer, and the reply-draft button. Every time is shown in the user's zone; the prospect's zone is added
// beside a slot when HubSpot knows it.
import type { CrmSection, LeadView, ServiceProblem, SlotOption, SlotSection } from '../core/lead-view';
import type { ConversationSummary, CrmCompany, CrmContact, CrmDeal } from '../core/ports';
import type { Template } from '../core/templates';
import { ACTIONS, INPUTS } from './actions';
import { messageChoice } from './message-choice';
import { internalThreadCard, unreadableSenderCard } from './message-cards';
import {
  button,
  buttonRow,
  card,
  checkboxes,
  dayLabel,
  dropdown,
  footer,
  hint,
  keyValue,
  knownValues,
  linkButton,
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
  /** The signed-in user: thread links name this account, not whichever is signed in first. */
  userEmail: string;
  /** A one-line result of the action that led here ("Slot held"). */
  notice?: string;
}

type ContactSuggestion = Extract<CrmSection, { state: 'unknown' }>['suggestion'];

const MAX_CONVERSATIONS = 5;
/** More than a sidebar can usefully offer; the view normally holds 3 to 5. */
const MAX_SLOTS = 20;
const PRESELECTED_SLOTS = 2;

/** HubSpot's internal lifecycle stage values, as HubSpot labels them. */
const LIFECYCLE_LABELS: Record<string, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  marketingqualifiedlead: 'Marketing qualified lead',
  salesqualifiedlead: 'Sales qualified lead',
  opportunity: 'Opportunity',
  customer: 'Customer',
  evangelist: 'Evangelist',
  other: 'Other',
};

export function leadCard(view: LeadView, options: LeadCardOptions): Card {
  const counterpart = view.counterpart;
  if (!counterpart) {
    return view.unreadableSender ? unreadableSenderCard(view.unreadableSender) : internalThreadCard();
  }
  const draftParams: Params = {
    messageId: view.messageId,
    threadId: view.threadId,
    email: counterpart.email,
  };
  const banner = view.problems.map((problem) => paragraph(problemLine(problem)));
  const sections: Section[] = [];
  if (options.notice) sections.push(section(null, [paragraph(options.notice)]));
  if (banner.length) sections.push(section(null, banner));
  sections.push(
    section('HubSpot', crmWidgets(view.crm, view.userTimeZone, view.builtAt, view.messageId)),
    section(
      'Earlier conversations',
      conversationWidgets(view.conversations, counterpart.email, view, options.userEmail),
    ),
    section('Free times', freeTimeWidgets(view, options, draftParams)),
    section(null, [buttonRow(followUpButtons(view))]),
  );
  return card(
    {
      title: counterpart.name || counterpart.email,
      subtitle: headerSubtitle(view.crm, counterpart.name ? counterpart.email : null),
      name: 'lead',
      footer: footer(replyDraftButton(draftParams)),
    },
    sections,
  );
}

/** Plain words for what is missing from the sidebar and why. */
function problemLine(problem: ServiceProblem): string {
  switch (problem.service) {
    case 'HubSpot':
      if (problem.kind === 'rate_limited') {
        return 'HubSpot is busy right now — showing Gmail and Calendar only. Refresh in a minute.';
      }
      if (problem.kind === 'auth' || problem.kind === 'forbidden') {
        return 'HubSpot did not accept the access token — showing Gmail and Calendar only.';
      }
      return 'HubSpot is not answering right now — showing Gmail and Calendar only.';
    case 'Google Calendar':
      return 'Your calendar could not be read right now — no free times to offer.';
    case 'Gmail':
      return 'Earlier conversations could not be loaded from Gmail right now.';
  }
}

function headerSubtitle(crm: CrmSection, fallback: string | null): string | null {
  if (crm.state === 'found') {
    const company = (crm.company && crm.company.name) || crm.contact.companyName;
    const parts = [crm.contact.jobTitle, company].filter((part): part is string => !!part);
    if (parts.length) return parts.join(' · ');
  }
  if (crm.state === 'unknown' && crm.suggestion.company) return crm.suggestion.company;
  return fallback;
}

function replyDraftButton(params: Params) {
  return button('Create reply draft', ACTIONS.createReplyDraft, params, {
    primary: true,
    composesReply: true,
  });
}

// ---- HubSpot -------------------------------------------------------------------------------------

/**
 * What HubSpot knows of one person; shared by the lead card and the calendar event card. `messageId` is
 * passed on to actions so they can refresh the lead card's cached view.
 */
export function crmWidgets(
  crm: CrmSection,
  userTimeZone: string,
  now: number | null,
  messageId?: string,
): Widget[] {
  switch (crm.state) {
    case 'found':
      return foundWidgets(
        crm.contact,
        crm.company,
        crm.ownerName,
        crm.recordUrl,
        userTimeZone,
        now,
        crm.openDeals,
      );
    case 'unknown':
      return [
        paragraph('Not in HubSpot yet.'),
        button('Create contact', ACTIONS.createContact, suggestionParams(crm.suggestion, messageId)),
      ];
    case 'no_token':
      return [
        paragraph("Connect HubSpot in Settings to see this person's record."),
        button('Settings', ACTIONS.openSettings),
      ];
    case 'auth_failed':
      return [
        paragraph('HubSpot rejected the access token. An admin can update it in Settings.'),
        button('Settings', ACTIONS.openSettings),
      ];
    case 'unavailable':
      return [paragraph(crm.message)];
  }
}

/**
 * The button carries the suggestion and no form inputs: onCreateContact then opens createContactCard,
 * whose inputs it reads on the second click. Parameters are strings only, so unknown parts are left out.
 */
function suggestionParams(suggestion: ContactSuggestion, messageId?: string): Params {
  const params: Params = { email: suggestion.email };
  if (suggestion.firstName) params.firstName = suggestion.firstName;
  if (suggestion.lastName) params.lastName = suggestion.lastName;
  if (suggestion.company) params.company = suggestion.company;
  if (messageId) params.messageId = messageId;
  return params;
}

function fullName(contact: CrmContact): string | null {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ') || null;
}

function lifecycleLabel(stage: string | null): string | null {
  if (!stage) return null;
  return LIFECYCLE_LABELS[stage.toLowerCase()] || stage;
}

/** HubSpot industries are enum values such as COMPUTER_SOFTWARE. */
function industryLabel(industry: string | null): string | null {
  if (!industry) return null;
  const words = industry.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Acme Logistics - Fleet analytics · Appointment scheduled · 48,000 · closes Apr 30" per open deal. */
function dealWidgets(deals: CrmDeal[] | null | undefined): Widget[] {
  if (!deals || !deals.length) return [];
  return deals.map((deal) =>
    keyValue(
      'Open deal',
      [
        deal.name || 'Unnamed deal',
        deal.stageLabel || (deal.stage ? stageLabel(deal.stage) : null),
        deal.amount !== null ? deal.amount.toLocaleString('en-US') : null,
      ]
        .filter(Boolean)
        .join(' · '),
    ),
  );
}

/** HubSpot stage ids such as appointmentscheduled read as words. */
function stageLabel(stage: string): string {
  const known: Record<string, string> = {
    appointmentscheduled: 'Appointment scheduled',
    qualifiedtobuy: 'Qualified to buy',
    presentationscheduled: 'Presentation scheduled',
    decisionmakerboughtin: 'Decision maker bought in',
    contractsent: 'Contract sent',
  };
  return known[stage] || stage;
}

function foundWidgets(
  contact: CrmContact,
  company: CrmCompany | null,
  ownerName: string | null,
  recordUrl: string | null,
  userTimeZone: string,
  now: number | null,
  deals: CrmDeal[] | null | undefined,
): Widget[] {
  const widgets = knownValues([
    ['Contact', fullName(contact) || contact.email],
    ['Title', contact.jobTitle],
    ['Lifecycle stage', lifecycleLabel(contact.lifecycleStage)],
    ['Owner', ownerName || 'No owner'],
    [
      'Last activity',
      contact.lastActivityAt === null ? null : dayLabel(contact.lastActivityAt, userTimeZone, now),
    ],
    ['Phone', contact.phone],
    ['Company', (company && company.name) || contact.companyName],
    ['Domain', company && company.domain],
    ['Industry', industryLabel(company && company.industry)],
    ['Size', company && company.employees !== null ? `${company.employees} employees` : null],
    // When the deals themselves could not be read, at least how many are linked.
    ['Deals', contact.dealIds.length && !deals ? `${contact.dealIds.length} associated` : null],
  ]).concat(dealWidgets(deals));
  if (recordUrl) widgets.push(linkButton('Open in HubSpot', recordUrl));
  return widgets;
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

// ---- free times ----------------------------------------------------------------------------------

function freeTimeWidgets(view: LeadView, options: LeadCardOptions, draftParams: Params): Widget[] {
  const slots = offeredSlots(view.slots);
  const widgets: Widget[] = [];
  if (slots.ok) {
    widgets.push(
      checkboxes(
        INPUTS.slots,
        `Times to offer (your time, ${view.userTimeZone})`,
        slots.slots.map((slot, i) => ({
          text: slotText(slot),
          value: String(slot.start),
          selected: i < PRESELECTED_SLOTS,
        })),
      ),
    );
  } else {
    widgets.push(paragraph(slots.reason), hint('The reply draft will ask for their availability instead.'));
  }
  if (options.templates.length) widgets.push(templatePicker(options.templates, options.defaultTemplateId));
  widgets.push(...messageChoice(!!options.writerOn));
  const buttons = [replyDraftButton(draftParams)];
  if (slots.ok) buttons.push(button('Hold first chosen slot', ACTIONS.holdSlot, draftParams));
  widgets.push(buttonRow(buttons));
  return widgets;
}

function offeredSlots(slots: SlotSection): { ok: true; slots: SlotOption[] } | { ok: false; reason: string } {
  if (slots.state === 'unavailable') return { ok: false, reason: slots.reason };
  if (!slots.slots.length) {
    return { ok: false, reason: 'No free times in your working hours within the search window.' };
  }
  return { ok: true, slots: slots.slots.slice(0, MAX_SLOTS) };
}

/**
 * "Tue, Mar 10, 10:00 – 10:30 AM EDT · 3:00 – 3:30 PM GMT for them" (the prospect's label already leaves
 * out a day shared with the user: core/lead-view.ts slotOption). Selection items are plain text, so
 * nothing here is escaped.
 */
export function slotText(slot: SlotOption): string {
  return slot.prospectLabel ? `${slot.userLabel} · ${slot.prospectLabel} for them` : slot.userLabel;
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
    const params = { contactId: view.crm.contact.id, email: view.crm.contact.email };
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
  dueDays: number;
}

export function taskFormCard(contactId: string, email: string, defaults: TaskDefaults): Card {
  return card({ title: 'Add HubSpot task', subtitle: email, name: 'task-form' }, [
    section(null, [
      textInput(INPUTS.taskSubject, 'Task', { value: defaults.subject }),
      textInput(INPUTS.taskDueDays, 'Due in (days)', { value: String(defaults.dueDays) }),
      button('Add task', ACTIONS.addTask, { contactId, email }, { primary: true }),
    ]),
  ]);
}

export function noteFormCard(contactId: string, email: string): Card {
  return card({ title: 'Log a HubSpot note', subtitle: email, name: 'note-form' }, [
    section(null, [
      textInput(INPUTS.noteBody, 'Note', { multiline: true }),
      button('Log note', ACTIONS.logNote, { contactId, email }, { primary: true }),
    ]),
  ]);
}
