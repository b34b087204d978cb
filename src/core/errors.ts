// Errors core and the adapters throw on purpose, and one way to describe any error to a person.
import { redactSecrets } from './audit';
import { cleanSingleLine } from './prospect';

export type CrmErrorKind =
  | 'auth'
  | 'forbidden'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'invalid_response'
  | 'bad_request'
  | 'not_found'
  | 'conflict';

export interface CrmErrorDetails {
  status?: number;
  policyName?: string;
  retryAfterMs?: number;
  correlationId?: string;
  category?: string;
}

/** A HubSpot call that failed; `kind` decides retry and what the user is told. */
export class CrmError extends Error {
  constructor(
    readonly kind: CrmErrorKind,
    message: string,
    readonly details: CrmErrorDetails = {},
  ) {
    super(message);
    this.name = 'CrmError';
  }
}

/** Settings missing or invalid; the message tells the user what to fix. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A template that cannot produce a draft (unknown placeholder, empty subject...). */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const MAX_DESCRIPTION_CHARS = 500;

function crmDetailText(details: CrmErrorDetails): string {
  const parts: string[] = [];
  if (details.status !== undefined) parts.push(`HTTP ${details.status}`);
  if (details.category) parts.push(`category ${details.category}`);
  if (details.policyName) parts.push(`policy ${details.policyName}`);
  if (details.retryAfterMs !== undefined)
    parts.push(`retry after ${Math.ceil(details.retryAfterMs / 1000)} s`);
  if (details.correlationId) parts.push(`correlation id ${details.correlationId}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function strangeValueText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function errorKind(e: unknown): string {
  if (e instanceof CrmError) return e.kind;
  if (e instanceof ConfigError) return 'config';
  if (e instanceof TemplateError) return 'template';
  return e instanceof Error ? 'internal' : 'unknown';
}

function errorText(e: unknown): string {
  if (e instanceof CrmError) return e.message + crmDetailText(e.details);
  if (e instanceof ConfigError || e instanceof TemplateError) return e.message;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return strangeValueText(e);
}

/**
 * One line for a card or an audit row: no line breaks, at most 500 characters, and nothing shaped like a
 * HubSpot token or bearer credential (adapters should never put one in a message; this is the backstop).
 */
export function describeError(e: unknown): { kind: string; message: string } {
  let message = cleanSingleLine(redactSecrets(errorText(e), []));
  if (message.length > MAX_DESCRIPTION_CHARS) message = message.slice(0, MAX_DESCRIPTION_CHARS - 1) + '…';
  return { kind: errorKind(e), message: message || 'Unknown error' };
}
