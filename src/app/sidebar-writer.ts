// The sidebar's "Create reply draft" with the message writer: when the rep chose it in the Message
// choice and the team turned it on, the model gets one request within the card's budget; past it, or on
// any failure, the template's draft is made as before. Either way the audit row says who wrote it.
import type { ComposeInput, ComposedDraft } from '../core/compose';
import { composeDraft } from '../core/compose';
import type { LeadView } from '../core/lead-view';
import { writeDrafts } from '../core/writer';
import type { LeadFacts, WriterNote } from '../core/writer';
import { WRITER_KEY_KEY } from '../services/settings-store';
import type { AppContext } from './context';

/** The Message choice's values (cards/message-choice.ts). */
export const MESSAGE_WRITERS = { template: 'template', model: 'writer' } as const;

/** The model's request may take this long on the server; the card has 30 s in all. */
const SIDEBAR_MODEL_TIMEOUT_MS = 10_000;
/** Kept after the model's turn for the draft, its label, the records and the audit delivery. */
const AFTER_MODEL_MS = 4_000;

export function sidebarDraft(
  ctx: AppContext,
  input: ComposeInput,
  view: LeadView | null,
  choice: string | null,
): { draft: ComposedDraft; writer: WriterNote | null } {
  if (choice !== MESSAGE_WRITERS.model) return { draft: composeDraft(input), writer: null };
  // The sidebar's copy of the team's settings leaves the key out (sidebar-memory.ts): the one request that
  // needs it reads it from script properties, on this path only.
  const { shared, writerKey } = ctx.team;
  if (!writerKey && shared.writer && shared.writer.enabled)
    ctx.team = { ...ctx.team, writerKey: ctx.scriptStore.get(WRITER_KEY_KEY) };
  const writer = ctx.writer;
  if (!writer) return { draft: composeDraft(input), writer: null };
  const [written] = writeDrafts(
    [{ input, facts: factsOf(view, input) }],
    writer.model,
    ctx.team.shared.writer,
    {
      clock: ctx.clock,
      deadline: ctx.deadline - AFTER_MODEL_MS,
      requestTimeoutMs: SIDEBAR_MODEL_TIMEOUT_MS,
      secrets: writer.secrets,
    },
  );
  return { draft: written.draft, writer: written.note };
}

function factsOf(view: LeadView | null, input: ComposeInput): LeadFacts {
  const found = view && view.crm.state === 'found' ? view.crm : null;
  return {
    firstName: input.recipient.firstName,
    company: input.recipient.company,
    jobTitle: found ? found.contact.jobTitle : null,
    industry: found && found.company ? found.company.industry : null,
    lifecycleStage: found ? found.contact.lifecycleStage : null,
    openDeal: !!found && found.contact.dealIds.length > 0,
    earlierSubjects: view ? view.conversations.map((c) => c.subject) : [],
    message: null,
    senderName: input.sender.name,
  };
}
