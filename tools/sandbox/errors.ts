// HubSpot's error bodies. Field set and order follow HubSpot: status, message, correlationId, then errors,
// context, links, category, subCategory where an endpoint sends them; clients must treat each as optional.
// https://developers.hubspot.com/docs/faq/api-error-responses
// https://developers.hubspot.com/docs/api-reference/latest/crm/objects/guide (400/403 examples)
import { randomBytes } from 'node:crypto';

/** What a handler answers; the pipeline adds HubSpot's common headers. */
export interface Reply {
  status: number;
  /** JSON-serialised unless it is a string (sent as is, e.g. a deliberately broken body). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ErrorDetail {
  message: string;
  code?: string;
  in?: string;
  context?: Record<string, unknown>;
}

export interface ErrorOptions {
  category?: string;
  subCategory?: string;
  errors?: ErrorDetail[];
  context?: Record<string, unknown>;
  links?: Record<string, string>;
}

/** A UUIDv7 (millisecond time + random bits): the form of HubSpot's recent correlation ids. */
export function correlationId(now: number): string {
  const bytes = randomBytes(16);
  const ms = Math.max(0, Math.floor(now));
  for (let i = 0; i < 6; i++) bytes[i] = Math.floor(ms / 2 ** (8 * (5 - i))) % 256;
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function errorReply(status: number, message: string, now: number, options: ErrorOptions = {}): Reply {
  const body: Record<string, unknown> = { status: 'error', message, correlationId: correlationId(now) };
  if (options.errors) body.errors = options.errors;
  if (options.context) body.context = options.context;
  if (options.links) body.links = options.links;
  if (options.category) body.category = options.category;
  if (options.subCategory) body.subCategory = options.subCategory;
  return { status, body };
}

/** 401: the text api.hubapi.com returns for a missing or unknown token. */
export const AUTH_MESSAGE =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more ' +
  'details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

export function unauthorized(now: number): Reply {
  return errorReply(401, AUTH_MESSAGE, now, { category: 'INVALID_AUTHENTICATION' });
}

/** 403 MISSING_SCOPES, listing the scopes of which one would do. */
export function missingScopes(requiredAnyOf: string[], now: number): Reply {
  return errorReply(
    403,
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: " +
      'https://developers.hubspot.com/scopes.',
    now,
    {
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: requiredAnyOf },
        },
      ],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
      category: 'MISSING_SCOPES',
    },
  );
}

/** 404 for a well-formed id that names nothing (HubSpot sends no category here). */
export function resourceNotFound(now: number): Reply {
  return errorReply(404, 'resource not found', now);
}

/** 400 for a body that does not fit the endpoint's input (schema violations, limits). */
export function invalidInput(message: string, now: number): Reply {
  return errorReply(400, `Invalid input JSON: ${message}`, now, { category: 'VALIDATION_ERROR' });
}
