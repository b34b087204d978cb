// The message writer in the poller's step 5: leads whose template draft is composed get the model's
// version when the team turned the writer on, in batches the API's per-minute limit allows, inside the
// run's time budget. Each lead keeps a note of who wrote its words, for its draft_created audit row.
import type { Template } from './compose';
import type { CrmContact } from './ports';
import type { Lead, Sender } from './workflow';
import { composeInputFor } from './workflow';
import { writeDrafts } from './writer';
import type { LeadFacts, ModelPort, WriterBudget } from './writer';
import type { WriterSettings } from './writer-settings';

/** What the model may know of a lead: its own words and CRM record, and the earlier subjects. */
export function leadFacts(lead: Lead, sender: Sender): LeadFacts {
  const p = lead.prospect;
  const contact: CrmContact | null = lead.contact;
  return {
    firstName: p.firstName || (contact && contact.firstName),
    company: p.company || (lead.company && lead.company.name) || (contact && contact.companyName),
    jobTitle: contact && contact.jobTitle,
    industry: lead.company && lead.company.industry,
    lifecycleStage: contact && contact.lifecycleStage,
    openDeal: !!contact && contact.dealIds.length > 0,
    earlierSubjects: lead.conversations.map((c) => c.subject),
    message: p.message,
    senderName: sender.name,
  };
}

/** Rewrites the composed leads' drafts with the model where it can; the rest keep the template's. */
export function writeLeadDrafts(
  leads: Lead[],
  sender: Sender,
  template: Template,
  locale: string | undefined,
  model: ModelPort | null,
  settings: WriterSettings,
  budget: WriterBudget,
): void {
  const composed = leads.filter((l) => l.composed);
  if (!settings.enabled || !model || !composed.length) return;
  const written = writeDrafts(
    composed.map((lead) => ({
      input: composeInputFor(lead, sender, template, locale),
      facts: leadFacts(lead, sender),
    })),
    model,
    settings,
    budget,
  );
  composed.forEach((lead, i) => {
    lead.composed = written[i].draft;
    lead.writer = written[i].note;
  });
}

/** The model behind the writer and the secrets its answers must never contain (PollPorts.writer). */
export interface WriterPorts {
  model: ModelPort;
  secrets: string[];
}

/** A model request may run this long on the server (X-Server-Timeout) in a poll run. */
export const POLL_MODEL_TIMEOUT_MS = 30_000;
/** Time kept for each lead's draft and follow-ups after the model's turn (Gmail's createDraft ~0.4 s). */
const AFTER_MODEL_MS_PER_LEAD = 600;

/** The poller's writer budget: the run's deadline less the time its drafts still need. */
export function pollWriterBudget(
  ports: { clock: WriterBudget['clock']; writer?: WriterPorts | null },
  deadline: number,
  leads: number,
): WriterBudget {
  return {
    clock: ports.clock,
    deadline: deadline - leads * AFTER_MODEL_MS_PER_LEAD,
    requestTimeoutMs: POLL_MODEL_TIMEOUT_MS,
    secrets: ports.writer ? ports.writer.secrets : [],
  };
}
