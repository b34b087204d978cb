// The message writer's model: the Gemini API's models.generateContent over UrlFetchApp.fetchAll.
// Request and response shapes: https://ai.google.dev/api/generate-content (GenerateContentRequest,
// GenerateContentResponse: candidates[].content.parts[].text, finishReason, promptFeedback.blockReason,
// usageMetadata.promptTokenCount / candidatesTokenCount). The key goes in the x-goog-api-key header, never
// in the URL (https://ai.google.dev/api "Authentication"), so no URL that reaches a log or an error holds
// it. X-Server-Timeout asks Google's front end to give up in time (a system parameter of every Google
// API: https://cloud.google.com/apis/docs/system-parameters): UrlFetchApp itself has no timeout option.
// Errors: https://ai.google.dev/gemini-api/docs/troubleshooting (429 RESOURCE_EXHAUSTED carries a
// google.rpc.RetryInfo retryDelay such as "27s").
import type { HttpPort, HttpRequest, HttpResponse } from '../core/http';
import type { FallbackReason, ModelAnswer, ModelPort, ModelPrompt } from '../core/writer';

export const GEMINI_ORIGIN = 'https://generativelanguage.googleapis.com';
const API_VERSION = 'v1beta';

// Finish reasons that mean the text was withheld or cut, per the FinishReason enum.
const BLOCKED_FINISH = [
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'LANGUAGE',
];

export class GeminiWriter implements ModelPort {
  readonly provider = 'gemini';

  constructor(
    private readonly http: HttpPort,
    private readonly apiKey: string,
    readonly model: string,
  ) {}

  ask(prompts: ModelPrompt[], timeoutMs: number): ModelAnswer[] {
    if (!prompts.length) return [];
    const requests = prompts.map((prompt) => this.request(prompt, timeoutMs));
    let responses: HttpResponse[];
    try {
      responses = this.http.fetchAll(requests);
    } catch (error) {
      // UrlFetchApp fails the whole fetchAll when one request times out or cannot connect.
      const message = error instanceof Error ? error.message : String(error);
      const reason: FallbackReason = /time(d)?[\s-]?out/i.test(message) ? 'timeout' : 'http_error';
      return prompts.map(() => ({ ok: false, reason, detail: this.scrub(message).slice(0, 200) }));
    }
    return responses.map((response) => this.answerOf(response));
  }

  request(prompt: ModelPrompt, timeoutMs: number): HttpRequest {
    // Thinking tokens count toward maxOutputTokens; 2.5 Flash models can switch thinking off.
    const noThinking = /^gemini-2\.5-flash/.test(this.model);
    const body = {
      systemInstruction: { parts: [{ text: prompt.system }] },
      contents: [{ role: 'user', parts: [{ text: prompt.user }] }],
      generationConfig: {
        candidateCount: 1,
        temperature: 0.4,
        responseMimeType: 'text/plain',
        ...(noThinking
          ? { maxOutputTokens: prompt.maxOutputTokens, thinkingConfig: { thinkingBudget: 0 } }
          : {}),
      },
    };
    return {
      url: `${GEMINI_ORIGIN}/${API_VERSION}/models/${encodeURIComponent(this.model)}:generateContent`,
      method: 'post',
      headers: {
        'x-goog-api-key': this.apiKey,
        'X-Server-Timeout': String(Math.max(1, Math.floor(timeoutMs / 1000))),
      },
      payload: JSON.stringify(body),
    };
  }

  private answerOf(response: HttpResponse): ModelAnswer {
    const body = parse(response.body);
    if (response.status !== 200) return this.failure(response.status, body);
    if (!isObject(body)) return { ok: false, reason: 'malformed', detail: 'the answer is not JSON' };
    const feedback = isObject(body.promptFeedback) ? body.promptFeedback : {};
    if (typeof feedback.blockReason === 'string')
      return { ok: false, reason: 'blocked', detail: `prompt blocked: ${feedback.blockReason}` };
    const candidate =
      Array.isArray(body.candidates) && isObject(body.candidates[0]) ? body.candidates[0] : null;
    if (!candidate) return { ok: false, reason: 'empty', detail: 'no candidate in the answer' };
    const finish = typeof candidate.finishReason === 'string' ? candidate.finishReason : '';
    if (BLOCKED_FINISH.includes(finish))
      return { ok: false, reason: 'blocked', detail: `finishReason ${finish}` };
    if (finish === 'MAX_TOKENS') return { ok: false, reason: 'truncated', detail: 'finishReason MAX_TOKENS' };
    if (finish !== 'STOP')
      return { ok: false, reason: 'malformed', detail: `finishReason ${finish || 'missing'}` };
    const content = isObject(candidate.content) ? candidate.content : {};
    const parts = Array.isArray(content.parts) ? content.parts : [];
    // Thought summaries (thought: true) are not the answer.
    const text = parts
      .filter((p): p is Record<string, unknown> => isObject(p) && p.thought !== true)
      .map((p) => (typeof p.text === 'string' ? p.text : ''))
      .join('');
    const usage = isObject(body.usageMetadata) ? body.usageMetadata : {};
    return {
      ok: true,
      text,
      promptTokens: typeof usage.promptTokenCount === 'number' ? usage.promptTokenCount : null,
      outputTokens: typeof usage.candidatesTokenCount === 'number' ? usage.candidatesTokenCount : null,
    };
  }

  private failure(status: number, body: unknown): ModelAnswer {
    const error = isObject(body) && isObject(body.error) ? body.error : {};
    const name = typeof error.status === 'string' ? error.status : '';
    const detail = this.scrub(`HTTP ${status}${name ? ` ${name}` : ''}`);
    if (status === 429) return { ok: false, reason: 'quota', detail, retryAfterMs: retryDelayMs(error) };
    if (status === 504 || status === 408) return { ok: false, reason: 'timeout', detail };
    return { ok: false, reason: 'http_error', detail };
  }

  /** A message can quote a request; the key never leaves this class. */
  private scrub(text: string): string {
    return this.apiKey ? text.split(this.apiKey).join('[key]') : text;
  }
}

/** google.rpc.RetryInfo's retryDelay ("27s", "1.5s") in ms, when the 429 carries one. */
function retryDelayMs(error: Record<string, unknown>): number | undefined {
  const details = Array.isArray(error.details) ? error.details : [];
  for (const detail of details) {
    if (!isObject(detail) || typeof detail.retryDelay !== 'string') continue;
    const seconds = /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay);
    if (seconds) return Math.round(Number(seconds[1]) * 1000);
  }
  return undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
