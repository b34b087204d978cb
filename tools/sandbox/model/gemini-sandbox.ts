// A stand-in for the Gemini API's models.generateContent, answering what Google's reference documents:
// the request body is checked against a schema written from https://ai.google.dev/api/generate-content
// (generate-content.schema.json; a misfit is 400 INVALID_ARGUMENT), the key must come in x-goog-api-key
// (https://ai.google.dev/api "Authentication"; a key in the URL is recorded as a violation, a wrong key is
// 400 API_KEY_INVALID, none is 403 PERMISSION_DENIED), errors have the google.rpc shape of
// https://ai.google.dev/gemini-api/docs/troubleshooting, a 429 RESOURCE_EXHAUSTED carries a RetryInfo
// retryDelay, and X-Server-Timeout (https://cloud.google.com/apis/docs/system-parameters) turns a slower
// answer into 504 DEADLINE_EXCEEDED.
//
// Replies are deterministic, built from the prompt: the TEMPLATE block with one sentence about the lead's
// company after its greeting. A scenario's `model.reply` replaces that with a scripted text, to play a
// model that obeys whatever a form message told it; `model.faults` play every way a model fails.
import Ajv from 'ajv';
import schema from './generate-content.schema.json';

export type ModelFaultKind =
  | '400'
  | '403'
  | '429'
  | '500'
  | '503'
  | 'timeout'
  | 'malformed'
  | 'empty'
  | 'blocked'
  | 'safety'
  | 'max_tokens';

export interface ModelFault {
  kind: ModelFaultKind;
  /** How many requests in a row it applies to; absent: every request from then on. */
  count?: number;
}

/** A scenario's `model` field. */
export interface ModelScenario {
  /** The key the API accepts; absent: whatever the scenario saved as settings.writerKey. */
  key?: string;
  /** Scripted answer text (played for every request). */
  reply?: string;
  /** Server time added to each request, ms (charged to the simulated clock). */
  latencyMs?: number;
  faults?: ModelFault[];
  /** The project's requests per minute; past it, 429 RESOURCE_EXHAUSTED. */
  requestsPerMinute?: number;
}

export interface ModelRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  rawBody: string;
  now: number;
}

export interface ModelResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  latencyMs: number;
  fault?: 'timeout';
}

export interface ModelLogEntry {
  at: number;
  model: string;
  status: number;
  /** The key arrived in the URL (?key=): Prospector must never send it there. */
  keyInUrl: boolean;
  fault?: ModelFaultKind;
  promptChars: number;
}

const ajv = new Ajv({ allErrors: false, strict: true });
const validateRequest = ajv.compile(schema);
/** Estimate of Gemini's server time for a short answer (no published figure): see docs/workbench.md. */
export const MODEL_BASE_LATENCY_MS = 2_000;
const PATH = /^\/(v1|v1beta)\/models\/([^/:]+):generateContent$/;

function googleError(code: number, status: string, message: string, details: unknown[] = []) {
  return JSON.stringify({ error: { code, message, status, ...(details.length ? { details } : {}) } });
}

export class GeminiSandbox {
  readonly log: ModelLogEntry[] = [];
  private faults: Array<{ kind: ModelFaultKind; left: number }>;

  constructor(private readonly scenario: ModelScenario & { key: string }) {
    this.faults = (scenario.faults || []).map((f) => ({ kind: f.kind, left: f.count ?? Infinity }));
  }

  handle(request: ModelRequest): ModelResponse {
    const match = PATH.exec(request.path);
    const model = match ? decodeURIComponent(match[2]) : '';
    const response = this.answer(request, match ? model : null);
    this.log.push({
      at: request.now,
      model,
      status: response.status,
      keyInUrl: request.query.has('key'),
      fault: response.faultKind,
      promptChars: request.rawBody.length,
    });
    return response;
  }

  private answer(
    request: ModelRequest,
    model: string | null,
  ): ModelResponse & { faultKind?: ModelFaultKind } {
    const json = (status: number, body: string, latencyMs = 20) => ({
      status,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body,
      latencyMs,
    });
    if (model === null) return json(404, googleError(404, 'NOT_FOUND', `Path ${request.path} not found.`));
    if (request.method !== 'POST')
      return json(405, googleError(405, 'METHOD_NOT_ALLOWED', 'Only POST is allowed.'));
    const key = request.headers['x-goog-api-key'] ?? request.query.get('key');
    if (!key)
      return json(
        403,
        googleError(
          403,
          'PERMISSION_DENIED',
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        ),
      );
    if (key !== this.scenario.key)
      return json(
        400,
        googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
          },
        ]),
      );
    let body: unknown;
    try {
      body = JSON.parse(request.rawBody);
    } catch {
      return json(400, googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.'));
    }
    if (!validateRequest(body)) {
      const error = validateRequest.errors?.[0];
      const where = error?.instancePath || '(root)';
      const unknown =
        error?.keyword === 'additionalProperties'
          ? ` Unknown name "${String(error.params.additionalProperty)}"`
          : '';
      return json(
        400,
        googleError(
          400,
          'INVALID_ARGUMENT',
          `Invalid JSON payload received at ${where}.${unknown} ${error?.message ?? ''}`.trim(),
        ),
      );
    }
    const latencyMs = MODEL_BASE_LATENCY_MS + (this.scenario.latencyMs ?? 0);
    const fault = this.nextFault();
    if (fault) return { ...this.faultResponse(fault, latencyMs, json), faultKind: fault };
    if (this.overRate(request.now))
      return {
        ...json(
          429,
          googleError(
            429,
            'RESOURCE_EXHAUSTED',
            'You exceeded your current quota, please check your plan and billing details.',
            [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '20s' }],
          ),
        ),
        faultKind: '429',
      };
    const serverTimeout = Number(request.headers['x-server-timeout']);
    if (Number.isFinite(serverTimeout) && serverTimeout > 0 && latencyMs > serverTimeout * 1000)
      return json(
        504,
        googleError(504, 'DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.'),
        serverTimeout * 1000,
      );
    const prompt = promptText(body as unknown as GenerateContent);
    const text = this.scenario.reply ?? replyFrom(prompt);
    return json(
      200,
      JSON.stringify({
        candidates: [{ content: { parts: [{ text }], role: 'model' }, finishReason: 'STOP', index: 0 }],
        usageMetadata: {
          promptTokenCount: Math.ceil(prompt.length / 4),
          candidatesTokenCount: Math.ceil(text.length / 4),
          totalTokenCount: Math.ceil(prompt.length / 4) + Math.ceil(text.length / 4),
        },
        modelVersion: model,
        responseId: `sandbox-${this.log.length + 1}`,
      }),
      latencyMs,
    );
  }

  private nextFault(): ModelFaultKind | null {
    const head = this.faults[0];
    if (!head) return null;
    head.left -= 1;
    if (head.left <= 0) this.faults.shift();
    return head.kind;
  }

  private overRate(now: number): boolean {
    const limit = this.scenario.requestsPerMinute;
    if (!limit) return false;
    const recent = this.log.filter((e) => e.status === 200 && e.at > now - 60_000).length;
    return recent >= limit;
  }

  private faultResponse(
    kind: ModelFaultKind,
    latencyMs: number,
    json: (status: number, body: string, latencyMs?: number) => ModelResponse,
  ): ModelResponse {
    const ok = (payload: unknown) => json(200, JSON.stringify(payload), latencyMs);
    const candidate = (finishReason: string, text = 'Hello') => ({
      candidates: [{ content: { parts: [{ text }], role: 'model' }, finishReason, index: 0 }],
    });
    switch (kind) {
      case '400':
        return json(400, googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.'));
      case '403':
        return json(403, googleError(403, 'PERMISSION_DENIED', 'The caller does not have permission.'));
      case '429':
        return json(
          429,
          googleError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota.', [
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' },
          ]),
        );
      case '500':
        return json(500, googleError(500, 'INTERNAL', 'An internal error has occurred.'), latencyMs);
      case '503':
        return json(503, googleError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'));
      case 'timeout':
        return { ...json(200, ''), latencyMs, fault: 'timeout' };
      case 'malformed':
        return { ...json(200, '{"candidates": [{"content": '), latencyMs };
      case 'empty':
        return ok({ candidates: [], usageMetadata: { promptTokenCount: 10, totalTokenCount: 10 } });
      case 'blocked':
        return ok({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 10 } });
      case 'safety':
        return ok(candidate('SAFETY', ''));
      case 'max_tokens':
        return ok(candidate('MAX_TOKENS', 'Hi there, thank you for'));
    }
  }
}

interface GenerateContent {
  contents: Array<{ parts: Array<{ text: string }> }>;
  systemInstruction?: { parts: Array<{ text: string }> };
}

/** The whole prompt, as promptTokenCount counts it: the system instruction and the contents. */
function promptText(body: GenerateContent): string {
  const system = body.systemInstruction ? body.systemInstruction.parts.map((p) => p.text) : [];
  return system.concat(body.contents.flatMap((c) => c.parts.map((p) => p.text))).join('\n');
}

/** The TEMPLATE block with a sentence about the company after the greeting line. */
export function replyFrom(prompt: string): string {
  const block = /<<<TEMPLATE\n([\s\S]*?)\nTEMPLATE>>>/.exec(prompt);
  const skeleton = block ? block[1] : 'Hello,\n\nThank you for your message.';
  const company = /^Company: (.+)$/m.exec(prompt);
  const lines = skeleton.split('\n');
  const sentence = company
    ? `It is good to hear from the team at ${company[1].trim()}.`
    : 'It is good to hear from you.';
  return [lines[0], '', sentence, ...lines.slice(1)].join('\n');
}
