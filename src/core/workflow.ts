// The seven-step prospecting workflow of the original design, run for many prospects at once so each
// step costs one round trip for the whole batch rather than one per prospect:
// (1) take the prospect from the form, (2) resolve contact and company in the CRM, (3) find earlier Gmail
// conversations, (4) find free slots, (5) compose the message, (6) create the draft (never sent),
// (7) create the CRM follow-up task and note.
// Each lead carries a record of its steps; a failing step degrades (CRM down: the draft is still
// prepared and the CRM writes wait for the next run) instead of failing the batch.
import type { ComposedDraft, ComposeInput, Template } from './compose';
import { composeDraft } from './compose';
import { describeError } from './errors';
import { constantCall, runCall, runTogether } from './http';
import type { Call, HttpPort, Settled } from './http';
import { markerLine } from './markers';
import type {
  CalendarPort,
  ConversationSummary,
  Crm,
  CrmCompany,
  CrmContact,
  CrmOwner,
  Mailbox,
  PreparedDraft,
} from './ports';
import type { Prospect } from './prospect';
import type { BusyEvent, Slot, SlotRules } from './slots';
import { slotsForProspect } from './prospect-hours';
import type { WriterNote } from './writer';

export type StepName =
  'intake' | 'crm_lookup' | 'conversations' | 'slots' | 'compose' | 'draft' | 'crm_write';

export interface StepOutcome {
  step: StepName;
  ok: boolean;
  detail?: string;
}

export interface Lead {
  prospect: Prospect;
  contact: CrmContact | null;
  company: CrmCompany | null;
  conversations: ConversationSummary[];
  slots: Slot[];
  composed: ComposedDraft | null;
  draft: PreparedDraft | null;
  taskId: string | null;
  noteId: string | null;
  steps: StepOutcome[];
  /** Who wrote the draft's words, when the message writer was asked (core/lead-writer.ts). */
  writer?: WriterNote;
}

export interface Sender {
  email: string;
  name: string;
  timeZone: string;
  ownerId: string | null;
}

export function newLead(prospect: Prospect): Lead {
  return {
    prospect,
    contact: null,
    company: null,
    conversations: [],
    slots: [],
    composed: null,
    draft: null,
    taskId: null,
    noteId: null,
    steps: [{ step: 'intake', ok: true }],
  };
}

function note(lead: Lead, step: StepName, ok: boolean, detail?: string): void {
  lead.steps.push(detail === undefined ? { step, ok } : { step, ok, detail });
}

export interface CrmSnapshot {
  busy: BusyEvent[] | null;
  busyError: unknown;
  owners: CrmOwner[] | null;
  crmError: unknown;
  /** The contacts could not be read: a lead without a contact may still have one in HubSpot. */
  contactsFailed: boolean;
  /** What the calls that rode along in the first round trip gave, in their order (null: no call). */
  alongside: Array<Settled<unknown> | null>;
}

/**
 * Step 2 (and the calendar read of step 4): contacts by email, the owners list and the user's busy time
 * in ONE round trip, then the contacts' primary companies.
 */
export function resolveInCrm(
  leads: Lead[],
  ports: { crm: Crm; calendar: CalendarPort; http: HttpPort },
  busyWindow: { from: number; to: number },
  knownOwners: CrmOwner[] | null = null,
  alongside: Array<Call<unknown> | null> = [],
): CrmSnapshot {
  const emails = leads.map((l) => l.prospect.email);
  const riders = alongside.filter((c): c is Call<unknown> => c !== null);
  const [contacts, owners, busy, ...rode] = runTogether(
    ports.http,
    ports.crm.contactsByEmail(emails),
    knownOwners ? constantCall(knownOwners) : ports.crm.owners(),
    ports.calendar.busy(busyWindow.from, busyWindow.to),
    ...riders,
  );
  const snapshot: CrmSnapshot = {
    busy: busy.ok ? busy.value : null,
    busyError: busy.ok ? null : busy.error,
    owners: owners.ok ? owners.value : null,
    crmError: contacts.ok ? (owners.ok ? null : owners.error) : contacts.error,
    contactsFailed: !contacts.ok,
    alongside: alongside.map((c) => (c === null ? null : (rode.shift() as Settled<unknown>))),
  };
  if (!contacts.ok) {
    for (const lead of leads) note(lead, 'crm_lookup', false, describeError(contacts.error).message);
    return snapshot;
  }
  for (const lead of leads) lead.contact = contacts.value.get(lead.prospect.email) || null;
  findBySecondaryEmail(leads, ports.crm, ports.http, snapshot);
  // The company is read only for its name, when neither the form nor the contact gives one.
  const known = leads.filter(
    (l) => l.contact && !l.prospect.company && !(l.contact as CrmContact).companyName,
  );
  if (known.length) {
    try {
      const companies = ports.crm.primaryCompanies(known.map((l) => (l.contact as CrmContact).id));
      for (const lead of known) lead.company = companies.get((lead.contact as CrmContact).id) || null;
    } catch (error) {
      snapshot.crmError = error;
      for (const lead of known) note(lead, 'crm_lookup', false, `company: ${describeError(error).message}`);
    }
  }
  for (const lead of leads) {
    if (!lead.steps.some((s) => s.step === 'crm_lookup')) {
      note(lead, 'crm_lookup', true, lead.contact ? `contact ${lead.contact.id}` : 'not in HubSpot yet');
    }
  }
  return snapshot;
}

/**
 * Leads whose email is no contact's primary one may be a contact's secondary email (hs_additional_emails):
 * one more round trip, only when some lead was missed. When that search fails, a missed lead may still be
 * a contact: the snapshot says the contacts could not be read, so its HubSpot writes wait.
 */
function findBySecondaryEmail(leads: Lead[], crm: Crm, http: HttpPort, snapshot: CrmSnapshot): void {
  const missed = leads.filter((l) => !l.contact);
  if (!missed.length) return;
  try {
    const found = runCall(http, crm.contactsBySecondaryEmail(missed.map((l) => l.prospect.email)));
    for (const lead of missed) lead.contact = found.get(lead.prospect.email.toLowerCase()) || null;
  } catch (error) {
    snapshot.crmError = error;
    snapshot.contactsFailed = true;
    for (const lead of missed) {
      note(lead, 'crm_lookup', false, `secondary emails: ${describeError(error).message}`);
    }
  }
}

/** Step 3: one Gmail search for the whole batch. */
export function findConversations(leads: Lead[], mailbox: Mailbox, perLead = 3): void {
  try {
    const found = mailbox.conversationsWith(
      leads.map((l) => l.prospect.email),
      perLead,
    );
    for (const lead of leads) {
      lead.conversations = found.get(lead.prospect.email) || [];
      note(lead, 'conversations', true, `${lead.conversations.length} earlier`);
    }
  } catch (error) {
    for (const lead of leads) note(lead, 'conversations', false, describeError(error).message);
  }
}

/** Step 4: slots from the run's single busy read; each lead gets times no other lead of the run was offered. */
export function assignSlots(leads: Lead[], rules: SlotRules, busy: BusyEvent[] | null, now: number): void {
  const offered: Slot[] = [];
  for (const lead of leads) {
    if (!busy) {
      note(lead, 'slots', false, 'calendar unavailable: the draft asks for their availability');
      continue;
    }
    lead.slots = slotsForProspect(rules, busy, now, prospectZone(lead), offered);
    offered.push(...lead.slots);
    note(lead, 'slots', true, `${lead.slots.length} offered`);
  }
}

function prospectZone(lead: Lead): string | null {
  return lead.prospect.timeZone || (lead.contact && lead.contact.timeZone) || null;
}

/** What the template is filled with for one lead (also the message writer's input: core/lead-writer.ts). */
export function composeInputFor(
  lead: Lead,
  sender: Sender,
  template: Template,
  locale?: string,
): ComposeInput {
  const p = lead.prospect;
  const reply = lead.conversations[0];
  return {
    recipient: {
      email: p.email,
      firstName: p.firstName || (lead.contact && lead.contact.firstName),
      lastName: p.lastName || (lead.contact && lead.contact.lastName),
      company: p.company || (lead.company && lead.company.name),
      timeZone: prospectZone(lead),
      message: p.message,
      sourcePage: p.sourcePage,
    },
    sender: { name: sender.name, email: sender.email, timeZone: sender.timeZone },
    slots: lead.slots,
    template,
    locale,
    replySubject: reply ? reply.subject : undefined,
  };
}

/** Step 5. */
export function composeFor(lead: Lead, sender: Sender, template: Template, locale?: string): void {
  try {
    lead.composed = composeDraft(composeInputFor(lead, sender, template, locale));
    note(lead, 'compose', true);
  } catch (error) {
    note(lead, 'compose', false, describeError(error).message);
  }
}

/** Step 6: a reply in the latest earlier thread when there is one, else a new draft. Never sent. */
export function createDraftFor(lead: Lead, mailbox: Mailbox): void {
  if (!lead.composed) return;
  const reply = lead.conversations[0];
  lead.draft = reply
    ? mailbox.createReplyDraft(reply.lastMessageId, lead.composed)
    : mailbox.createDraft(lead.composed);
  note(lead, 'draft', true, reply ? `reply in thread ${reply.threadId}` : 'new draft');
}

export interface CrmWriteResult {
  error: unknown;
  /** What the call that rode along gave (null when none did). */
  alongside: Settled<unknown> | null;
}

/**
 * Step 7: follow-up tasks and notes for every lead that has a contact, both batches in one round trip.
 * `reference` gives each lead's marker so a rerun can find writes that happened before a crash.
 */
export function writeFollowUps(
  leads: Lead[],
  ports: { crm: Crm; http: HttpPort },
  sender: Sender,
  now: number,
  reference: (lead: Lead) => string,
  alongside: Call<unknown> | null = null,
): CrmWriteResult {
  const taskLeads = leads.filter((l) => l.contact && !l.taskId);
  const noteLeads = leads.filter((l) => l.contact && !l.noteId);
  if (!taskLeads.length && !noteLeads.length)
    return { error: null, alongside: alongside ? runTogether(ports.http, alongside)[0] : null };
  const dueAt = now + 24 * 3_600_000;
  const [tasks, notes, rode] = runTogether(
    ports.http,
    ports.crm.createTasks(
      taskLeads.map((lead) => ({
        contactId: (lead.contact as CrmContact).id,
        subject: `Review and send the reply draft to ${displayName(lead)}`,
        body: [
          `A reply draft with ${lead.slots.length} proposed times is waiting in Gmail (Drafts).`,
          'Review it, adjust if needed, and send it yourself: Prospector never sends.',
          '',
          markerLine(reference(lead)),
        ].join('\n'),
        dueAt,
        ownerId: (lead.contact as CrmContact).ownerId || sender.ownerId,
        priority: 'HIGH',
        type: 'EMAIL',
      })),
    ),
    ports.crm.createNotes(
      noteLeads.map((lead) => ({
        contactId: (lead.contact as CrmContact).id,
        body: noteBody(lead, reference(lead)),
        timestamp: now,
        ownerId: (lead.contact as CrmContact).ownerId || sender.ownerId,
      })),
    ),
    alongside || constantCall(null),
  );
  if (tasks.ok) taskLeads.forEach((lead, i) => (lead.taskId = tasks.value[i]));
  if (notes.ok) noteLeads.forEach((lead, i) => (lead.noteId = notes.value[i]));
  for (const lead of leads) {
    if (!lead.contact) note(lead, 'crm_write', false, 'no HubSpot contact to attach a task to');
    else if (lead.taskId && lead.noteId)
      note(lead, 'crm_write', true, `task ${lead.taskId}, note ${lead.noteId}`);
    else
      note(
        lead,
        'crm_write',
        false,
        describeError(tasks.ok ? (notes as { error: unknown }).error : tasks.error).message,
      );
  }
  return {
    error: tasks.ok ? (notes.ok ? null : notes.error) : tasks.error,
    alongside: alongside ? rode : null,
  };
}

function displayName(lead: Lead): string {
  const p = lead.prospect;
  return [p.firstName, p.lastName].filter(Boolean).join(' ') || p.email;
}

function noteBody(lead: Lead, reference: string): string {
  const p = lead.prospect;
  const lines = [
    `Form submission received${p.sourcePage ? ` on ${p.sourcePage}` : ''}.`,
    p.company ? `Company: ${p.company}` : '',
    p.message ? `Their message: ${p.message}` : '',
    lead.draft
      ? `Prospector prepared a reply draft (${lead.slots.length} proposed times); it waits for review in Gmail.`
      : '',
    markerLine(reference),
  ];
  return lines.filter(Boolean).join('\n');
}
