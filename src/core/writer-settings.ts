// The message writer's team settings (settings.shared.writer): off by default, and every field has a
// default, so `{ "enabled": true }` plus a key is a working setup. The key itself is not here: it lives in
// its own script property, like the HubSpot token (services/settings-store.ts).
import type { FieldError } from './field-error';

export const WRITER_TONES = ['friendly', 'formal', 'brief'] as const;
export type WriterTone = (typeof WRITER_TONES)[number];

export interface WriterSettings {
  enabled: boolean;
  /** A Gemini model id, as in .../models/{model}:generateContent. */
  model: string;
  tone: WriterTone;
  /** The draft's body is asked for in at most this many words, and refused past 8 characters a word. */
  maxWords: number;
  /**
   * Requests per minute the team's Gemini project allows (rate limits are per project, not per key:
   * https://ai.google.dev/gemini-api/docs/rate-limits). The poller's batches never exceed it.
   */
  requestsPerMinute: number;
  /** Links a draft may carry besides those in the template (e.g. the booking page). */
  allowedLinks: string[];
}

export const DEFAULT_WRITER_SETTINGS: WriterSettings = {
  enabled: false,
  model: 'gemini-2.5-flash',
  tone: 'friendly',
  maxWords: 180,
  requestsPerMinute: 60,
  allowedLinks: [],
};

const MODEL_ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const LINK = /^https:\/\/[^\s<>"']{4,200}$/;
const MAX_LINKS = 10;

/** The writer settings from untrusted input, with an error per field that is wrong (defaults meanwhile). */
export function readWriterSettings(input: unknown): { value: WriterSettings; errors: FieldError[] } {
  const d = DEFAULT_WRITER_SETTINGS;
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field: `writer.${field}`, message });
  if (input === undefined || input === null) return { value: { ...d, allowedLinks: [] }, errors };
  if (typeof input !== 'object' || Array.isArray(input)) {
    errors.push({ field: 'writer', message: 'Message writer settings must be an object' });
    return { value: { ...d, allowedLinks: [] }, errors };
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw))
    if (!(key in d)) fail(key, `Unknown message writer setting '${key.slice(0, 40)}'`);

  let enabled = d.enabled;
  if (raw.enabled !== undefined) {
    if (typeof raw.enabled === 'boolean' || raw.enabled === 'true' || raw.enabled === 'false')
      enabled = raw.enabled === true || raw.enabled === 'true';
    else fail('enabled', 'Message writer on must be true or false');
  }
  let model = d.model;
  if (raw.model !== undefined) {
    const text = typeof raw.model === 'string' ? raw.model.trim().replace(/^models\//, '') : '';
    if (MODEL_ID.test(text)) model = text;
    else fail('model', 'Model must be a Gemini model id such as gemini-2.5-flash');
  }
  let tone = d.tone;
  if (raw.tone !== undefined) {
    if ((WRITER_TONES as readonly unknown[]).includes(raw.tone)) tone = raw.tone as WriterTone;
    else fail('tone', `Tone must be one of: ${WRITER_TONES.join(', ')}`);
  }
  const whole = (key: 'maxWords' | 'requestsPerMinute', min: number, max: number, label: string) => {
    const value = raw[key];
    if (value === undefined) return d[key];
    const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max)
      return number;
    fail(key, `${label} must be a whole number from ${min} to ${max}`);
    return d[key];
  };
  let allowedLinks: string[] = [];
  if (raw.allowedLinks !== undefined) {
    const list = Array.isArray(raw.allowedLinks) ? raw.allowedLinks : null;
    if (!list || list.length > MAX_LINKS || !list.every((l) => typeof l === 'string' && LINK.test(l.trim())))
      fail('allowedLinks', `Allowed links must be up to ${MAX_LINKS} https:// addresses`);
    else allowedLinks = list.map((l) => (l as string).trim());
  }
  return {
    value: {
      enabled,
      model,
      tone,
      maxWords: whole('maxWords', 40, 400, 'Length (words)'),
      requestsPerMinute: whole('requestsPerMinute', 1, 1000, 'Requests per minute'),
      allowedLinks,
    },
    errors,
  };
}
