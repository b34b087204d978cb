// The Gemini adapter: its request fits the schema the workbench's stand-in checks (written from Google's
// reference), the key travels in the header only, and each documented answer maps to one outcome.
import Ajv from 'ajv';
import type { HttpRequest, HttpResponse } from '../../src/core/http';
import { GeminiWriter } from '../../src/services/gemini-writer';
import schema from '../../tools/sandbox/model/generate-content.schema.json';

const KEY = 'AIzaSyTestKey000000000000000000000000000';
const prompt = { system: 'rules', user: 'TEMPLATE: hi', maxOutputTokens: 514 };

function writerAnswering(responses: HttpResponse[] | Error, model = 'gemini-2.5-flash') {
  const sent: HttpRequest[][] = [];
  const writer = new GeminiWriter(
    {
      fetchAll: (requests) => {
        sent.push(requests);
        if (responses instanceof Error) throw responses;
        return responses;
      },
    },
    KEY,
    model,
  );
  return { writer, sent };
}

const json = (status: number, body: unknown): HttpResponse => ({
  status,
  body: JSON.stringify(body),
  headers: {},
});

test('the request fits GenerateContentRequest and carries the key in x-goog-api-key only', () => {
  const validate = new Ajv({ strict: true }).compile(schema);
  for (const model of ['gemini-2.5-flash', 'gemini-2.5-pro']) {
    const request = writerAnswering([], model).writer.request(prompt, 10_000);
    expect(validate(JSON.parse(request.payload as string))).toBe(true);
    expect(request.url).toBe(
      `https://generativelanguage.googleapis.com/v1beta/models/${model}:generateContent`,
    );
    expect(request.url).not.toContain(KEY);
    expect(request.headers).toEqual({ 'x-goog-api-key': KEY, 'X-Server-Timeout': '10' });
  }
});

test('answers: text with token counts, blocks, truncation, errors with their reasons', () => {
  const { writer } = writerAnswering([
    json(200, {
      candidates: [{ content: { parts: [{ text: 'Hi ' }, { text: 'there' }] }, finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 120, candidatesTokenCount: 30 },
    }),
    json(200, { promptFeedback: { blockReason: 'SAFETY' } }),
    json(200, { candidates: [{ content: { parts: [{ text: 'Hi' }] }, finishReason: 'MAX_TOKENS' }] }),
    json(200, { candidates: [{ finishReason: 'SAFETY' }] }),
    json(429, {
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '27s' }],
      },
    }),
    json(504, { error: { code: 504, status: 'DEADLINE_EXCEEDED' } }),
    json(400, { error: { code: 400, status: 'INVALID_ARGUMENT', message: `bad key ${KEY}` } }),
    { status: 200, body: '{"candidates": [', headers: {} },
  ]);
  const answers = writer.ask(Array(8).fill(prompt), 30_000);
  expect(answers[0]).toEqual({ ok: true, text: 'Hi there', promptTokens: 120, outputTokens: 30 });
  expect(answers.slice(1).map((a) => (a.ok ? 'ok' : a.reason))).toEqual([
    'blocked',
    'truncated',
    'blocked',
    'quota',
    'timeout',
    'http_error',
    'malformed',
  ]);
  expect(answers[4]).toMatchObject({ retryAfterMs: 27_000 });
  expect(JSON.stringify(answers)).not.toContain(KEY);
});

test('a round trip that times out is a timeout for every prompt of it', () => {
  const { writer } = writerAnswering(
    new Error('Timeout: https://generativelanguage.googleapis.com/v1beta/models/x'),
  );
  expect(writer.ask([prompt, prompt], 30_000).map((a) => (a.ok ? 'ok' : a.reason))).toEqual([
    'timeout',
    'timeout',
  ]);
});
