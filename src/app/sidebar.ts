// The Gmail sidebar: the lead card for an open message and its actions (reply draft, hold, task, note,
// create contact, refresh). Nothing here sends: the reply is a draft the user opens, reviews and sends.
import { countOf } from '../core/plural';
import { INPUTS } from '../cards/actions';
import { createContactCard, leadCard, noteFormCard, taskFormCard } from '../cards/lead-card';
import type { FormPerson } from '../cards/lead-card';
import {
  backToRoot,
  draftOpenedResponse,
  notify,
  popCard,
  pushCard,
  updateCard,
} from '../cards/message-cards';
import type { ComposeInput } from '../core/compose';
import { ConfigError } from '../core/errors';
import { runCall } from '../core/http';
import { buildLeadView, hubspotRecordUrl, slotOption } from '../core/lead-view';
import type { LeadView } from '../core/lead-view';
import { markerLine } from '../core/markers';
import { PollState } from '../core/poll-state';
import { ridersTogether } from '../core/riders';
import type { Slot } from '../core/slots';
import {
  defaultDueDay,
  defaultTaskSubject,
  MAX_DUE_DAYS,
  MAX_SUBJECT_CHARS,
  pickedDay,
  pickerValue,
  shortenAtWord,
  taskDueAt,
} from '../core/task-due';
import type { DueDate } from '../core/task-due';
import type { Template } from '../core/templates';
import { SidebarMemory } from './sidebar-memory';
import { heldFor, holdEntry } from './holds';
import { arrivalsBanner, arrivalsRide } from './lead-arrivals';
import { labelRide } from './label-ride';
import type { NewLeadsBanner } from '../core/new-leads';
import { sidebarDraft } from './sidebar-writer';
import { cardAction, cardTrigger, composeAction } from './handler';
import type { AppContext } from './context';
import { dateValue, input, inputValues, parameter, userLocale, userTimeZone } from './events';
import type { AddOnEvent } from './events';

export const onGmailMessageOpen = cardTrigger('onGmailMessageOpen', (ctx, e) => [leadCardFor(ctx, e, false)]);

export const onRefreshLead = cardAction('onRefreshLead', (ctx, e) => updateCard(leadCardFor(ctx, e, true)));

/** The universal Refresh action's lead card: looked up afresh. */
export const freshLeadCards = cardTrigger('onRefreshAction', (ctx, e) => [leadCardFor(ctx, e, true)]);

/**
 * The lead card, from the sidebar's memory when this message was looked up a moment ago (one round trip),
 * otherwise from a fresh lookup (see core/lead-view.ts for the round trips it takes).
 */
function leadCardFor(ctx: AppContext, e: AddOnEvent, fresh: boolean): GoogleAppsScript.Card_Service.Card {
  const messageId = (e.gmail && e.gmail.messageId) || parameter(e, 'messageId');
  const accessToken = (e.gmail && e.gmail.accessToken) || '';
  if (!messageId) throw new ConfigError('Open an email to see its sender in HubSpot.');
  const memory = new SidebarMemory(ctx);
  const team = memory.loadTeam();
  const templates = team.templates;
  const remembered = fresh ? null : memory.view(messageId);
  if (remembered)
    return render(ctx, remembered, templates, arrivalsBanner(ctx, memory), undefined, writerOn(team.shared));
  const zone = userTimeZone(e, ctx.timeZone);
  // New leads ride this lookup's two round trips when the last check is a few minutes old.
  const arrivals = arrivalsRide(ctx, team, memory);
  // The label's id rides too while the user's store does not know it: the reply draft then labels in one call.
  const label = labelRide(ctx);
  const view = buildLeadView(
    {
      mailbox: ctx.mailbox,
      mailSearch: ctx.mailSearch,
      crm: ctx.crm,
      calendar: ctx.calendar,
      http: ctx.http,
    },
    {
      userEmail: ctx.userEmail,
      userTimeZone: zone,
      internalDomains: [],
      slotRules: { ...ctx.user.slotRules, timeZone: zone },
      slotCount: 5,
      conversationCount: 5,
      portalId: team.shared.portalId,
      // Owners come with the first lookup, in the same fetchAll: remembering them would save no round trip.
      owners: null,
      now: ctx.clock.now(),
      locale: userLocale(e),
    },
    messageId,
    accessToken,
    ridersTogether([arrivals && arrivals.rider, label && label.rider]),
  );
  if (arrivals) arrivals.finish();
  if (label) memory.include(label.learned());
  auditProblems(ctx, view);
  if (view.crm.state === 'auth_failed') memory.forgetTeam();
  else if (!view.problems.length && view.counterpart) memory.rememberView(view);
  try {
    memory.save();
  } catch {
    // Remembering only saves time: a full store means the next open looks the message up again.
  }
  return render(ctx, view, templates, arrivalsBanner(ctx, memory), undefined, writerOn(team.shared));
}

function render(
  ctx: AppContext,
  view: LeadView,
  templates: Template[],
  newLeads: NewLeadsBanner | null,
  notice?: string,
  writerOn = false,
): GoogleAppsScript.Card_Service.Card {
  return leadCard(view, {
    held: view.counterpart
      ? heldFor(ctx.userStore, view.counterpart.email, ctx.clock.now(), ctx.user.slotRules.slotMinutes)
      : [],
    templates,
    writerOn,
    userEmail: ctx.userEmail,
    defaultTemplateId: replyTemplateId(templates, ctx.user.defaultTemplateId),
    newLeads,
    notice,
  });
}

/**
 * The lead card of a message looked up a moment ago, with a notice on top (after "Prepare drafts now"),
 * or null when the sidebar no longer remembers it: no lookup is made, the card's time is spent.
 */
export function rememberedLeadCard(
  ctx: AppContext,
  messageId: string,
  notice: string,
): GoogleAppsScript.Card_Service.Card | null {
  const memory = new SidebarMemory(ctx);
  const team = memory.loadTeam();
  const view = memory.view(messageId);
  return view
    ? render(ctx, view, team.templates, arrivalsBanner(ctx, memory), notice, writerOn(team.shared))
    : null;
}

/**
 * In the sidebar the user answers an email the person wrote, so the short "times that work" reply comes
 * first when the team has it; the user's default template is for the poller's first replies to form leads.
 */
function replyTemplateId(templates: Template[], userDefault: string): string {
  return templates.some((t) => t.id === SIDEBAR_TEMPLATE_ID) ? SIDEBAR_TEMPLATE_ID : userDefault;
}

const SIDEBAR_TEMPLATE_ID = 'times-that-work';

function auditProblems(ctx: AppContext, view: LeadView): void {
  if (view.crm.state === 'auth_failed') {
    ctx.audit().record('auth_failure', {
      resourceType: 'thread',
      resourceId: view.threadId,
      outcome: 'failure',
      summary: `HubSpot rejected the access token while looking up ${view.counterpart ? view.counterpart.email : 'a sender'}`,
    });
  }
  for (const problem of view.problems) {
    if (problem.service === 'HubSpot' && view.crm.state === 'auth_failed') continue;
    ctx.audit().record('connector_error', {
      resourceType: 'thread',
      resourceId: view.threadId,
      outcome: 'failure',
      summary: `${problem.service}: ${problem.message}`,
      details: { service: problem.service, kind: problem.kind },
    });
  }
}

/** The slots the user ticked, as offered on the card (their labels) or rebuilt from the start time. */
function chosenSlots(ctx: AppContext, e: AddOnEvent, view: LeadView | null): Slot[] {
  const minutes = ctx.user.slotRules.slotMinutes;
  return inputValues(e, INPUTS.slots)
    .map(Number)
    .filter((start) => Number.isFinite(start) && start > 0)
    .sort((a, b) => a - b)
    .map((start) => {
      const offered =
        view && view.slots.state === 'ok' ? view.slots.slots.find((s) => s.start === start) : undefined;
      return offered ? { start: offered.start, end: offered.end } : { start, end: start + minutes * 60_000 };
    });
}

export const onCreateReplyDraft = composeAction('onCreateReplyDraft', (ctx, e) => {
  const messageId = parameter(e, 'messageId') || (e.gmail && e.gmail.messageId);
  if (!messageId) throw new ConfigError('Open the email you want to answer first.');
  // The team's settings and templates from the user's store, as the open remembered them: one read.
  const memory = new SidebarMemory(ctx);
  memory.loadTeam();
  const templates = memory.templates();
  const view = memory.view(messageId);
  const zone = userTimeZone(e, ctx.timeZone);
  const slots = chosenSlots(ctx, e, view);
  const template = templates.filter((t) => t.id === input(e, INPUTS.template))[0] || templates[0];
  const email = parameter(e, 'email') || (view && view.counterpart ? view.counterpart.email : '');
  const aboutLead = !!parameter(e, 'fromNotification') || !!(view && view.fromNotification);
  if (aboutLead && !email) throw new ConfigError('This notification names no lead to write to.');
  const contact = view && view.crm.state === 'found' ? view.crm.contact : null;
  const company = view && view.crm.state === 'found' ? view.crm.company : null;
  const composeInput: ComposeInput = {
    recipient: {
      email,
      firstName: contact
        ? contact.firstName
        : view && view.counterpart
          ? nameOf(view.counterpart.name).first
          : null,
      lastName: contact ? contact.lastName : null,
      company: company ? company.name : contact ? contact.companyName : null,
      timeZone: view ? view.prospectTimeZone : null,
      message: null,
      sourcePage: null,
    },
    sender: {
      name: ctx.user.senderName || senderNameOf(ctx.userEmail),
      email: ctx.userEmail,
      timeZone: zone,
    },
    slots,
    template,
    locale: userLocale(e),
    // A HubSpot notification's subject is HubSpot's: the lead gets the template's own subject.
    replySubject: view && !aboutLead ? view.subject : undefined,
  };
  const { draft: composed, writer } = sidebarDraft(ctx, composeInput, view, input(e, INPUTS.messageWriter));
  if (e.gmail && e.gmail.accessToken) ctx.mailbox.useAccessToken(e.gmail.accessToken);
  // On a HubSpot form notification the draft is a new message to the lead, never a reply to HubSpot.
  const draft = aboutLead
    ? ctx.mailbox.createDraft({ ...composed, to: email })
    : ctx.mailbox.createReplyDraft(messageId, composed);
  ctx.mailbox.labelPrepared([draft]);
  const state = PollState.load(ctx.userStore);
  state.trackDraft({
    draftId: draft.draftId,
    threadId: draft.threadId,
    to: email,
    subject: draft.subject,
    preparedAt: ctx.clock.now(),
    name: contact
      ? [contact.firstName, contact.lastName].filter(Boolean).join(' ') || null
      : view && view.counterpart
        ? view.counterpart.name
        : null,
    company: company ? company.name : contact ? contact.companyName : null,
  });
  state.noteDraft(
    email,
    email.slice(email.lastIndexOf('@') + 1),
    new Date(ctx.clock.now()).toISOString().slice(0, 10),
    ctx.clock.now(),
  );
  state.checkpoint(ctx.userStore);
  ctx.audit().record('draft_created', {
    resourceType: 'draft',
    resourceId: draft.draftId,
    outcome: 'success',
    summary: `${aboutLead ? 'Draft' : 'Reply draft'} to ${email} with ${countOf(slots.length, 'proposed time')}, prepared from the sidebar`,
    details: {
      threadId: draft.threadId,
      template: template.id,
      slots: slots.map((s) => new Date(s.start).toISOString()),
      ...(writer ? { writer } : {}),
      draftOnly: true,
    },
  });
  ctx.audit().record('approval_requested', {
    resourceType: 'draft',
    resourceId: draft.draftId,
    outcome: 'info',
    summary: `Draft to ${email} waits for you to review and send it`,
  });
  return draftOpenedResponse(ctx.mailbox.draftObject(draft.draftId));
});

export const onHoldSlot = cardAction('onHoldSlot', (ctx, e) => {
  const messageId = parameter(e, 'messageId');
  const memory = new SidebarMemory(ctx);
  memory.loadTeam();
  const view = messageId ? memory.view(messageId) : null;
  const slot = chosenSlots(ctx, e, view)[0];
  if (!slot) return notify('Tick a time first, then hold it.');
  const who = parameter(e, 'email') || 'a prospect';
  const eventId = ctx.calendar.hold(
    slot,
    `[Hold] Call with ${who}`,
    `Held by Prospector while ${who} picks a time. Released after ${countOf(ctx.user.holdReleaseDays, 'day')} unless you confirm it (remove "[Hold]" from the title).\n${markerLine(messageId || 'sidebar')}`,
  );
  ctx.userStore.setAll(
    holdEntry({
      eventId,
      start: slot.start,
      end: slot.end,
      heldAt: ctx.clock.now(),
      ...(parameter(e, 'email') ? { email: (parameter(e, 'email') as string).toLowerCase() } : {}),
    }),
  );
  const label = slotOption(slot, userTimeZone(e, ctx.timeZone), null, userLocale(e)).userLabel;
  ctx.audit().record('slot_held', {
    resourceType: 'event',
    resourceId: eventId,
    outcome: 'success',
    summary: `Held ${label} on your calendar for ${who} (no guests, no invitation)`,
    details: { start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString() },
  });
  const text = `Held ${label} on your calendar. No invitation was sent.`;
  // The lead card again, the held time marked, when the sidebar still remembers the message.
  const card = messageId ? rememberedLeadCard(ctx, messageId, '') : null;
  return card ? updateCard(card, text) : notify(text);
});

export const onShowTaskForm = cardAction('onShowTaskForm', (ctx, e) => {
  const person = formPerson(e);
  const zone = userTimeZone(e, ctx.timeZone);
  return pushCard(
    taskFormCard(person, {
      subject: defaultTaskSubject(person.name || null, person.email),
      dueDay: pickerValue(defaultDueDay(ctx.clock.now(), zone)),
    }),
  );
});

export const onShowNoteForm = cardAction('onShowNoteForm', (_ctx, e) =>
  pushCard(noteFormCard(formPerson(e))),
);

function formPerson(e: AddOnEvent): FormPerson {
  return {
    contactId: parameter(e, 'contactId') || '',
    email: parameter(e, 'email') || '',
    name: parameter(e, 'name'),
  };
}

/** The picked day at the start of the rep's working day, in their zone; a card from before the picker sent days. */
function dueAtOf(ctx: AppContext, e: AddOnEvent): DueDate {
  const zone = userTimeZone(e, ctx.timeZone);
  const picked = dateValue(e, INPUTS.taskDue);
  const now = ctx.clock.now();
  if (picked !== null) return taskDueAt(pickedDay(picked), now, zone, ctx.user.slotRules.weeklyHours);
  const days = Math.min(MAX_DUE_DAYS, Math.max(0, Number(input(e, INPUTS.taskDueDays) || 1) || 1));
  return { ok: true, dueAt: now + days * 86_400_000 };
}

export const onAddTask = cardAction('onAddTask', (ctx, e) => {
  // The token from the user's copy of the team's settings when it is fresh: no script properties read.
  new SidebarMemory(ctx).loadTeam();
  const contactId = parameter(e, 'contactId');
  const crm = ctx.crm;
  if (!crm) throw new ConfigError('Connect HubSpot in Settings to add tasks.');
  if (!contactId) return notify('This person is not in HubSpot yet: create the contact first.');
  const subject = shortenAtWord(input(e, INPUTS.taskSubject) || '', MAX_SUBJECT_CHARS);
  if (!subject) return notify('Give the task a subject.');
  const due = dueAtOf(ctx, e);
  if (!due.ok) return notify(due.message);
  const [taskId] = runCall(
    ctx.http,
    crm.createTasks([
      {
        contactId,
        subject,
        body: `Added from Gmail by ${ctx.userEmail}.`,
        dueAt: due.dueAt,
        ownerId: null,
        priority: 'MEDIUM',
        type: 'TODO',
      },
    ]),
  );
  ctx.audit().record('task_created', {
    resourceType: 'task',
    resourceId: taskId,
    outcome: 'success',
    summary: `HubSpot task "${shortenAtWord(subject, 80)}" for contact ${contactId}`,
    details: { contactId, dueAt: new Date(due.dueAt).toISOString() },
  });
  return popCard('Task added in HubSpot.');
});

export const onLogNote = cardAction('onLogNote', (ctx, e) => {
  // The token from the user's copy of the team's settings when it is fresh: no script properties read.
  new SidebarMemory(ctx).loadTeam();
  const contactId = parameter(e, 'contactId');
  const crm = ctx.crm;
  if (!crm) throw new ConfigError('Connect HubSpot in Settings to log notes.');
  if (!contactId) return notify('This person is not in HubSpot yet: create the contact first.');
  const body = (input(e, INPUTS.noteBody) || '').trim();
  if (!body) return notify('Write the note first.');
  const [noteId] = runCall(
    ctx.http,
    crm.createNotes([{ contactId, body, timestamp: ctx.clock.now(), ownerId: null }]),
  );
  ctx.audit().record('note_created', {
    resourceType: 'note',
    resourceId: noteId,
    outcome: 'success',
    summary: `HubSpot note on contact ${contactId}`,
    details: { contactId, length: body.length },
  });
  return popCard('Note logged in HubSpot.');
});

export const onCreateContact = cardAction('onCreateContact', (ctx, e) => {
  // The token from the user's copy of the team's settings when it is fresh: no script properties read.
  const memory = new SidebarMemory(ctx);
  memory.loadTeam();
  const email = parameter(e, 'email');
  const crm = ctx.crm;
  if (!crm) throw new ConfigError('Connect HubSpot in Settings to create contacts.');
  if (!email) return notify('No email address to create a contact for.');
  if (
    input(e, INPUTS.firstName) === null &&
    input(e, INPUTS.lastName) === null &&
    input(e, INPUTS.company) === null
  ) {
    return pushCard(
      createContactCard(
        {
          email,
          firstName: parameter(e, 'firstName'),
          lastName: parameter(e, 'lastName'),
          company: parameter(e, 'company'),
        },
        parameter(e, 'messageId') || undefined,
      ),
    );
  }
  const clean = (value: string | null) => (value && value.trim() ? value.trim().slice(0, 100) : null);
  const typed: TypedContact = {
    firstName: clean(input(e, INPUTS.firstName)),
    lastName: clean(input(e, INPUTS.lastName)),
    company: clean(input(e, INPUTS.company)),
  };
  const contactId = crm.createContact({ email, ...typed, phone: null, ownerId: null });
  const messageId = parameter(e, 'messageId');
  ctx.audit().record('contact_created', {
    resourceType: 'contact',
    resourceId: contactId,
    outcome: 'success',
    summary: `HubSpot contact created for ${email}`,
  });
  if (!messageId) return popCard('Contact created in HubSpot.');
  const created = createdContactCard(ctx, memory, messageId, { id: contactId, email, ...typed });
  return backToRoot(created || leadCardFor(ctx, e, true), 'Contact created in HubSpot.');
});

/** The names the rep typed in the Create contact form, trimmed. */
interface TypedContact {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
}

/**
 * The lead card with the contact just made, from the view the open remembered: HubSpot answered with the
 * new id, and everything else it would return is what the rep typed, so no second lookup is needed. Null
 * when the open's view is gone (the card then looks the sender up afresh).
 */
function createdContactCard(
  ctx: AppContext,
  memory: SidebarMemory,
  messageId: string,
  created: TypedContact & { id: string; email: string },
): GoogleAppsScript.Card_Service.Card | null {
  const team = ctx.team;
  const remembered = memory.view(messageId);
  if (!remembered) return null;
  const view: LeadView = {
    ...remembered,
    crm: {
      state: 'found',
      contact: {
        id: created.id,
        email: created.email,
        firstName: created.firstName,
        lastName: created.lastName,
        jobTitle: null,
        phone: null,
        companyName: created.company,
        lifecycleStage: null,
        ownerId: null,
        lastActivityAt: null,
        timeZone: null,
        primaryCompanyId: null,
        dealIds: [],
      },
      company: null,
      ownerName: null,
      ownerEmail: null,
      recordUrl: hubspotRecordUrl(team.shared.portalId, created.id),
      openDeals: [],
    },
  };
  memory.rememberView(view);
  memory.save();
  return render(ctx, view, team.templates, arrivalsBanner(ctx, memory), undefined, writerOn(team.shared));
}

function nameOf(name: string | null): { first: string | null } {
  return { first: name ? name.trim().split(/\s+/)[0] || null : null };
}

function senderNameOf(email: string): string {
  const local = email.slice(0, email.indexOf('@'));
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

/** A copy of the team's settings kept before the writer existed has no writer settings: off. */
function writerOn(shared: { writer?: { enabled: boolean } }): boolean {
  return !!(shared.writer && shared.writer.enabled);
}
