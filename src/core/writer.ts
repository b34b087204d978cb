// The message writer: a model-written first draft over the template's, or the template's when the model
// cannot give one that passes the guard. Two writers behind one function: the template (composeDraft, the
// default and always the fallback) and a model behind ModelPort (services/gemini-writer.ts).
//
// What the model can change, by construction: the body's words only. The draft's recipient, subject and
// thread are the template draft's (the model's answer is never parsed for them), the proposed times are
// put in by our code where the model kept [[TIMES]], and the answer is plain text that writer-guard.ts
// passed, escaped into the HTML body here.
//
// Cost: one fetchAll per batch of at most requestsPerMinute prompts; a second batch waits until a minute
// has passed since the first started, and only while the caller's deadline allows. A 429 waits once (the
// server's retryDelay, capped) and asks again for those prompts; a second 429 stops the model for the
// rest of the call. Whatever is not written falls back to the template with its reason.
import { composeDraft } from './compose';
import type { ComposeInput, ComposedDraft } from './compose';
import { textToHtml } from './html';
import type { Clock } from './ports';
import { templateTokens } from './templates';
import { checkModelText, linksIn, TIMES_MARKER } from './writer-guard';
import { buildPrompt } from './writer-prompt';
import type { LeadFacts, ModelPrompt } from './writer-prompt';
import type { FallbackReason } from './writer-fallback';
import type { WriterSettings } from './writer-settings';

export type { LeadFacts, ModelPrompt } from './writer-prompt';

export type { FallbackReason } from './writer-fallback';

export type ModelAnswer =
  | { ok: true; text: string; promptTokens: number | null; outputTokens: number | null }
  | { ok: false; reason: FallbackReason; detail: string; retryAfterMs?: number };

/** A text model behind one round trip per batch. Never throws: a failure is an answer. */
export interface ModelPort {
  readonly provider: string;
  readonly model: string;
  /** All prompts in one fetchAll; the server is asked to give up after timeoutMs. */
  ask(prompts: ModelPrompt[], timeoutMs: number): ModelAnswer[];
}

/** What an audit row says about who wrote a draft; never the prompt or the answer. */
export interface WriterNote {
  writer: 'model' | 'template';
  provider?: string;
  model?: string;
  latencyMs?: number;
  promptTokens?: number | null;
  outputTokens?: number | null;
  fallback?: FallbackReason;
  detail?: string;
}

export interface WriterJob {
  input: ComposeInput;
  facts: LeadFacts;
}

export interface WrittenDraft {
  draft: ComposedDraft;
  note: WriterNote;
}

export interface WriterBudget {
  clock: Clock;
  /** No model request starts when it could not end before this instant. */
  deadline: number;
  /** The server's time limit for one request (X-Server-Timeout). */
  requestTimeoutMs: number;
  /** Values the answer must never contain (the API key, the HubSpot token). */
  secrets: string[];
}

const MINUTE_MS = 60_000;
const MAX_RETRY_WAIT_MS = 20_000;
const DEFAULT_RETRY_WAIT_MS = 5_000;
/** Refused past this many characters per allowed word (long words, and the times line, fit easily). */
const CHARS_PER_WORD = 8;

/** The skeleton the model adapts: the template with [[TIMES]] for the times and without their message. */
function skeletonOf(input: ComposeInput): { skeleton: string; times: string | null } {
  const tokens = templateTokens(input.template.body);
  const hasTimes = tokens.some((t) => t.kind === 'placeholder' && t.name === 'slots');
  const body = tokens
    .map((t) => (t.kind === 'text' ? t.text : t.name === 'slots' ? TIMES_MARKER : `{{${t.name}}}`))
    .join('');
  const recipient = { ...input.recipient, message: null };
  const skeleton = composeDraft({ ...input, recipient, template: { ...input.template, body } }).textBody;
  const times = hasTimes
    ? composeDraft({ ...input, template: { ...input.template, body: '{{slots}}' } }).textBody
    : null;
  return { skeleton, times };
}

interface Pending {
  index: number;
  prompt: ModelPrompt;
  skeleton: string;
  times: string | null;
}

/**
 * Each job's draft: the model's where it answered well, else the template's. Throws only what
 * composeDraft throws for the template itself (a broken template or address), as the template path does.
 */
export function writeDrafts(
  jobs: WriterJob[],
  model: ModelPort | null,
  settings: WriterSettings,
  budget: WriterBudget,
): WrittenDraft[] {
  const results: WrittenDraft[] = jobs.map((job) => ({
    draft: composeDraft(job.input),
    note: { writer: 'template' },
  }));
  if (!model || !settings.enabled || !jobs.length) return results;
  const pending: Pending[] = jobs.map((job, index) => {
    const { skeleton, times } = skeletonOf(job.input);
    return { index, prompt: buildPrompt(skeleton, job.facts, settings), skeleton, times };
  });
  const base = { provider: model.provider, model: model.model };
  const fallBack = (items: Pending[], reason: FallbackReason, detail: string, latencyMs?: number) => {
    for (const item of items)
      results[item.index].note = { writer: 'template', ...base, fallback: reason, detail, latencyMs };
  };
  const size = Math.max(1, settings.requestsPerMinute);
  let windowStart = budget.clock.now();
  for (let at = 0; at < pending.length; at += size) {
    const batch = pending.slice(at, at + size);
    if (at > 0) {
      const wait = windowStart + MINUTE_MS - budget.clock.now();
      if (!fits(budget, Math.max(0, wait))) {
        fallBack(pending.slice(at), 'time_budget', 'no time left for another minute of requests');
        break;
      }
      if (wait > 0) budget.clock.sleep(wait);
      windowStart = budget.clock.now();
    }
    if (!fits(budget, 0)) {
      fallBack(pending.slice(at), 'time_budget', 'no time left to ask the model');
      break;
    }
    const stopped = askBatch(batch, model, settings, budget, jobs, results, fallBack);
    if (stopped) {
      fallBack(pending.slice(at + size), 'quota', 'the model refused more requests in this run');
      break;
    }
  }
  return results;
}

function fits(budget: WriterBudget, waitMs: number): boolean {
  return budget.clock.now() + waitMs + budget.requestTimeoutMs <= budget.deadline;
}

/** One batch, and once more for its 429s after the server's delay. True when the model stays refused. */
function askBatch(
  batch: Pending[],
  model: ModelPort,
  settings: WriterSettings,
  budget: WriterBudget,
  jobs: WriterJob[],
  results: WrittenDraft[],
  fallBack: (items: Pending[], reason: FallbackReason, detail: string, latencyMs?: number) => void,
): boolean {
  let todo = batch;
  for (let attempt = 0; attempt < 2 && todo.length; attempt++) {
    const started = budget.clock.now();
    const answers = model.ask(
      todo.map((p) => p.prompt),
      budget.requestTimeoutMs,
    );
    const latencyMs = budget.clock.now() - started;
    const limited: Pending[] = [];
    let retryAfter = DEFAULT_RETRY_WAIT_MS;
    todo.forEach((item, i) => {
      const answer = answers[i];
      if (!answer) return fallBack([item], 'malformed', 'no answer for this prompt', latencyMs);
      if (!answer.ok) {
        if (answer.reason !== 'quota') return fallBack([item], answer.reason, answer.detail, latencyMs);
        limited.push(item);
        retryAfter = Math.max(retryAfter, answer.retryAfterMs || 0);
        return;
      }
      accept(item, answer, jobs[item.index], settings, budget, model, latencyMs, results, fallBack);
    });
    if (!limited.length) return false;
    const wait = Math.min(retryAfter, MAX_RETRY_WAIT_MS);
    if (attempt === 1 || !fits(budget, wait)) {
      fallBack(limited, 'quota', 'the model answered 429 RESOURCE_EXHAUSTED', latencyMs);
      return true;
    }
    budget.clock.sleep(wait);
    todo = limited;
  }
  return false;
}

function accept(
  item: Pending,
  answer: Extract<ModelAnswer, { ok: true }>,
  job: WriterJob,
  settings: WriterSettings,
  budget: WriterBudget,
  model: ModelPort,
  latencyMs: number,
  results: WrittenDraft[],
  fallBack: (items: Pending[], reason: FallbackReason, detail: string, latencyMs?: number) => void,
): void {
  const template = job.input.template;
  const checked = checkModelText(answer.text, {
    expectTimes: item.times !== null,
    allowedLinks: linksIn(`${template.subject}\n${template.body}`).concat(settings.allowedLinks),
    allowedAddresses: [job.input.recipient.email, job.input.sender.email],
    secrets: budget.secrets,
    maxChars: settings.maxWords * CHARS_PER_WORD,
    skeleton: item.skeleton,
  });
  if (!checked.ok) return fallBack([item], checked.reason, checked.detail, latencyMs);
  const textBody = item.times === null ? checked.text : checked.text.replace(TIMES_MARKER, item.times);
  const draft = results[item.index].draft;
  results[item.index] = {
    // Recipient and subject stay the template draft's: the model's words are the body alone.
    draft: { to: draft.to, subject: draft.subject, textBody, htmlBody: textToHtml(textBody) },
    note: {
      writer: 'model',
      provider: model.provider,
      model: model.model,
      latencyMs,
      promptTokens: answer.promptTokens,
      outputTokens: answer.outputTokens,
    },
  };
}
