// UrlFetchApp fake (https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app).
// HubSpot URLs become REAL loopback HTTP to the sandbox (through sync-http, so a fetchAll runs its requests
// concurrently); Google's REST APIs go to an injected handler (the Calendar and Gmail fakes); any other URL
// is answered from the scenario's canned responses (world field `http`, longest matching prefix first), and
// a URL with no canned answer fails like a host that does not resolve ("Address unavailable").
//
// Time: one fetch costs the UrlFetchApp overhead plus that request's latency; one fetchAll costs its own
// (larger) overhead plus the LONGEST of its requests (they run at once) and is one round trip. A request's latency
// is the modelled server time (HubSpot or GoogleCalendarApi in latency.ts) plus any x-sandbox-latency-ms
// the sandbox reports. The call is charged after the requests were answered, so a fault injected at this
// call (ledger.beforeCall) loses the answer of a request the server did handle, which is the hard case
// for "nothing twice". Every sandbox request carries x-workbench-now: the simulated time it arrives.
//
// Apps Script's messages, as users report them: "Request failed for <origin> returned code N. Truncated
// server response: ... (use muteHttpExceptions option to examine full response)" (it names the origin
// only: quoted errors read "Request failed for https://api.line.me returned code 400" for a request to a
// path on that host; the truncation length is not documented, 100 characters is our estimate); "Timeout: <url>";
// "Address unavailable: <url>"; and for a URL outside the manifest's urlFetchWhitelist, "... failed because
// the URL has not been whitelisted in the script manifest." (its beginning as quoted in
// https://github.com/diegomanuel/binance-to-google-sheets/issues/83).
import { latencyOf } from '../latency';
import { ExecutionTimeout, type CallLedger } from '../runtime';
import { SyncHttpError, type SyncHttp, type SyncHttpResponse } from '../sync-http';
import { FakeBlob, signedBytes } from './utilities';

export const HUBSPOT_ORIGIN = 'https://api.hubapi.com';
/** The Gemini API: answered by the model sandbox (tools/sandbox/model/) when the world has one. */
export const GEMINI_ORIGIN = 'https://generativelanguage.googleapis.com';
/** Google's REST APIs the add-on calls with the script's own token: Calendar (freeBusy) and Gmail. */
export const GOOGLE_APIS_ORIGINS = ['https://www.googleapis.com', 'https://gmail.googleapis.com'];
const TRUNCATED_RESPONSE_CHARS = 100;
const MAX_REDIRECTS = 10;
const SANDBOX_HEADERS = ['x-sandbox-latency-ms', 'x-sandbox-fault'];

type Headers = Record<string, string | string[]>;
type HttpMethod = GoogleAppsScript.URL_Fetch.HttpMethod;

export interface GoogleApiRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
}

export interface GoogleApiResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** A scenario's canned answer for URLs starting with `url` (and this method, when given). */
export interface CannedResponse {
  url: string;
  method?: string;
  status: number;
  headers?: Record<string, string>;
  /** Text, or JSON written out as text. */
  body?: unknown;
}

export interface UrlFetchOptions {
  ledger: CallLedger;
  http: SyncHttp;
  /** Where the HubSpot sandbox listens, e.g. http://127.0.0.1:4010. */
  hubspotBaseUrl: string;
  /** Answers Google REST requests (the workbench wires the Calendar and Gmail fakes here). */
  googleApis?: (request: GoogleApiRequest) => GoogleApiResponse;
  /** When set, Google API requests must carry "Authorization: Bearer <this>" (ScriptApp.getOAuthToken()). */
  googleOAuthToken?: string;
  /** The manifest's urlFetchWhitelist; absent means no allowlist (a test deployment). */
  allowlist?: string[];
  /** Answers for hosts other than HubSpot and Google's APIs (world field `http`). */
  canned?: CannedResponse[];
  /** Where the model sandbox listens, started on first use; null: the world has no model (unreachable). */
  modelBaseUrl?: () => string | null;
  /** Real time to wait for the loopback sandbox before calling it a timeout. */
  realTimeoutMs?: number;
}

/** One request as the ledger's companion record: what was asked and what came back. */
export interface FetchRecord {
  execution: number;
  url: string;
  method: HttpMethod;
  /** Null when no answer reached the script (timeout, unreachable host). */
  status: number | null;
  fault?: 'timeout' | 'unreachable';
  latencyMs: number;
  at: number;
}

interface PreparedRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
  muteHttpExceptions: boolean;
  followRedirects: boolean;
}

interface Outcome {
  response: GoogleApiResponse | null;
  fault?: 'timeout' | 'unreachable';
  latencyMs: number;
}

export class FakeHTTPResponse implements GoogleAppsScript.URL_Fetch.HTTPResponse {
  constructor(
    private readonly status: number,
    private readonly headers: Headers,
    private readonly body: string,
  ) {}

  getResponseCode(): number {
    return this.status;
  }
  getContentText(): string {
    return this.body;
  }
  getContent(): GoogleAppsScript.Byte[] {
    return signedBytes(Buffer.from(this.body, 'utf8'));
  }
  /** Repeated headers as arrays. */
  getAllHeaders(): Headers {
    return { ...this.headers };
  }
  /** One value per header (the last, for a repeated one). */
  getHeaders(): Record<string, string> {
    return Object.fromEntries(
      Object.entries(this.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value[value.length - 1] : value,
      ]),
    );
  }
  getBlob(): FakeBlob {
    const contentType = headerValue(this.headers, 'content-type')?.split(';')[0].trim() ?? null;
    return new FakeBlob(Buffer.from(this.body, 'utf8'), contentType);
  }
  getAs(contentType: string): FakeBlob {
    return this.getBlob().getAs(contentType);
  }
}

function headerValue(headers: Headers, name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  if (!entry) return undefined;
  return Array.isArray(entry[1]) ? entry[1][entry[1].length - 1] : entry[1];
}

function withoutSandboxHeaders(headers: Headers): Headers {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !SANDBOX_HEADERS.includes(name.toLowerCase())),
  );
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** A manifest prefix; a leading "*." in the host matches any subdomain (allowlist-url reference). */
function allowedBy(prefix: string, url: string): boolean {
  if (!prefix.includes('*')) return url.startsWith(prefix);
  const pattern = prefix
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${pattern}`, 'u').test(url);
}

function formEncode(payload: Record<string, unknown>): string {
  return Object.entries(payload)
    .map(([key, value]) => {
      if (value instanceof FakeBlob)
        throw new Error('multipart payloads (a Blob in a payload object) are not supported by the workbench');
      return `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
    })
    .join('&');
}

function payloadText(payload: GoogleAppsScript.URL_Fetch.Payload): string {
  if (typeof payload === 'string') return payload;
  if (payload instanceof FakeBlob) return payload.getDataAsString();
  if (Array.isArray(payload)) return Buffer.from(payload.map((byte) => Number(byte) & 0xff)).toString('utf8');
  return formEncode(payload as Record<string, unknown>);
}

export class FakeUrlFetchApp implements Pick<
  GoogleAppsScript.URL_Fetch.UrlFetchApp,
  'fetch' | 'fetchAll' | 'getRequest'
> {
  /** Every request sent, in order, across executions. */
  readonly requests: FetchRecord[] = [];

  constructor(private readonly options: UrlFetchOptions) {}

  fetch(url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {}): FakeHTTPResponse {
    return this.perform([{ ...params, url }], 'fetch')[0];
  }

  fetchAll(requests: Array<GoogleAppsScript.URL_Fetch.URLFetchRequest | string>): FakeHTTPResponse[] {
    const list = Array.from(requests, (request) =>
      typeof request === 'string' ? { url: request } : request,
    );
    return this.perform(list, 'fetchAll');
  }

  /** The request fetch would send, without sending it. */
  getRequest(
    url: string,
    params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {},
  ): GoogleAppsScript.URL_Fetch.URLFetchRequest {
    const prepared = this.prepare({ ...params, url });
    return {
      url: prepared.url,
      method: prepared.method,
      headers: prepared.headers,
      payload: prepared.body ?? '',
      contentType: params.contentType,
      followRedirects: prepared.followRedirects,
      muteHttpExceptions: prepared.muteHttpExceptions,
      validateHttpsCertificates: params.validateHttpsCertificates ?? true,
      useIntranet: params.useIntranet ?? false,
    };
  }

  private prepare(request: GoogleAppsScript.URL_Fetch.URLFetchRequest): PreparedRequest {
    const url = String(request.url);
    const { allowlist } = this.options;
    if (allowlist && !allowlist.some((prefix) => allowedBy(prefix, url))) {
      throw new Error(
        `Exception requesting ${url} failed because the URL has not been whitelisted in the script manifest.`,
      );
    }
    const method = String(request.method ?? 'get').toLowerCase() as HttpMethod;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name] = String(value);
    let body: string | undefined;
    if (request.payload !== undefined && request.payload !== null && method !== 'get') {
      body = payloadText(request.payload);
      const contentTypeHeader = Object.keys(headers).find((name) => name.toLowerCase() === 'content-type');
      if (request.contentType !== undefined) {
        if (contentTypeHeader) delete headers[contentTypeHeader];
        headers['Content-Type'] = request.contentType;
      } else if (!contentTypeHeader) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    return {
      url,
      method,
      headers,
      body,
      muteHttpExceptions: request.muteHttpExceptions === true,
      followRedirects: request.followRedirects !== false,
    };
  }

  private perform(
    list: GoogleAppsScript.URL_Fetch.URLFetchRequest[],
    method: 'fetch' | 'fetchAll',
  ): FakeHTTPResponse[] {
    const { ledger } = this.options;
    const prepared = list.map((request) => this.prepare(request));
    const execution = ledger.execution;
    // A script past its deadline dies before it can send anything.
    if (execution && ledger.clock.now() >= execution.deadline) throw new ExecutionTimeout(execution.kind);
    const overhead = latencyOf('UrlFetchApp', method);
    const at = ledger.clock.now() + overhead;
    const outcomes = this.send(prepared, at);
    prepared.forEach((request, i) =>
      this.requests.push({
        execution: execution?.id ?? 0,
        url: request.url,
        method: request.method,
        status: outcomes[i].response?.status ?? null,
        fault: outcomes[i].fault,
        latencyMs: outcomes[i].latencyMs,
        at,
      }),
    );
    ledger.charge(
      'UrlFetchApp',
      method,
      overhead + Math.max(0, ...outcomes.map((outcome) => outcome.latencyMs)),
    );
    return outcomes.map((outcome, i) => this.answer(prepared[i], outcome));
  }

  /** Turns an outcome into what the script sees: a response, or Apps Script's exception. */
  private answer(request: PreparedRequest, outcome: Outcome): FakeHTTPResponse {
    if (outcome.fault === 'timeout') throw new Error(`Timeout: ${request.url}`);
    if (!outcome.response) throw new Error(`Address unavailable: ${request.url}`);
    const { status, headers, body } = outcome.response;
    if (status >= 400 && !request.muteHttpExceptions) {
      const truncated =
        body.length > TRUNCATED_RESPONSE_CHARS ? `${body.slice(0, TRUNCATED_RESPONSE_CHARS)}...` : body;
      throw new Error(
        `Request failed for ${originOf(request.url)} returned code ${status}. Truncated server response: ${truncated} ` +
          '(use muteHttpExceptions option to examine full response)',
      );
    }
    return new FakeHTTPResponse(status, headers, body);
  }

  /** Sends every request once, then follows redirects for those that asked to, hop by hop. */
  private send(requests: PreparedRequest[], at: number): Outcome[] {
    const outcomes: Outcome[] = requests.map(() => ({ response: null, latencyMs: 0 }));
    let pending = requests.map((request, index) => ({ request, index }));
    for (let hop = 0; hop <= MAX_REDIRECTS && pending.length > 0; hop++) {
      const answers = this.sendOnce(
        pending.map(({ request }) => request),
        at,
      );
      const next: typeof pending = [];
      pending.forEach(({ request, index }, i) => {
        const answer = answers[i];
        outcomes[index] = { ...answer, latencyMs: outcomes[index].latencyMs + answer.latencyMs };
        const location = answer.response && headerValue(answer.response.headers, 'location');
        const redirected = answer.response && answer.response.status >= 300 && answer.response.status < 400;
        if (request.followRedirects && redirected && location) {
          const keepsMethod = answer.response?.status === 307 || answer.response?.status === 308;
          const url = new URL(location, request.url).toString();
          next.push({
            index,
            request: keepsMethod ? { ...request, url } : { ...request, url, method: 'get', body: undefined },
          });
        }
      });
      pending = next;
    }
    return outcomes;
  }

  private sendOnce(requests: PreparedRequest[], at: number): Outcome[] {
    const outcomes: Outcome[] = new Array(requests.length);
    const toSandbox: number[] = [];
    const toModel: number[] = [];
    const modelUrl = requests.some((r) => r.url.startsWith(`${GEMINI_ORIGIN}/`))
      ? (this.options.modelBaseUrl?.() ?? null)
      : null;
    requests.forEach((request, i) => {
      if (request.url.startsWith(`${HUBSPOT_ORIGIN}/`)) toSandbox.push(i);
      else if (modelUrl && request.url.startsWith(`${GEMINI_ORIGIN}/`)) toModel.push(i);
      else if (GOOGLE_APIS_ORIGINS.some((origin) => request.url.startsWith(`${origin}/`))) {
        outcomes[i] = this.callGoogleApi(request);
      } else outcomes[i] = this.cannedAnswer(request);
    });
    if (toSandbox.length > 0) {
      const answers = this.callSandbox(
        toSandbox.map((i) => requests[i]),
        at,
      );
      toSandbox.forEach((requestIndex, i) => (outcomes[requestIndex] = answers[i]));
    }
    if (toModel.length > 0 && modelUrl) {
      const answers = this.callSandbox(
        toModel.map((i) => requests[i]),
        at,
        { origin: GEMINI_ORIGIN, baseUrl: modelUrl, latencyMs: 0 },
      );
      toModel.forEach((requestIndex, i) => (outcomes[requestIndex] = answers[i]));
    }
    return outcomes;
  }

  /** Requests to a loopback sandbox: HubSpot's, or the model's (which reports its whole latency itself). */
  private callSandbox(
    requests: PreparedRequest[],
    at: number,
    target = {
      origin: HUBSPOT_ORIGIN,
      baseUrl: this.options.hubspotBaseUrl,
      latencyMs: latencyOf('HubSpot', 'default'),
    },
  ): Outcome[] {
    const base = target.latencyMs;
    let responses: SyncHttpResponse[];
    try {
      responses = this.options.http.requestAll(
        requests.map((request) => ({
          url: target.baseUrl.replace(/\/$/u, '') + request.url.slice(target.origin.length),
          method: request.method,
          headers: { ...request.headers, 'x-workbench-now': String(at) },
          body: request.body,
        })),
        this.options.realTimeoutMs ?? 30_000,
      );
    } catch (error) {
      if (!(error instanceof SyncHttpError)) throw error;
      // One failed request fails the whole call, as in Apps Script.
      const fault = error.code === 'timeout' ? 'timeout' : 'unreachable';
      return requests.map(() => ({ response: null, fault, latencyMs: base }));
    }
    return responses.map((response) => {
      const injected = Number(headerValue(response.headers, 'x-sandbox-latency-ms') ?? 0);
      const latencyMs = base + (Number.isFinite(injected) ? injected : 0);
      const timedOut = headerValue(response.headers, 'x-sandbox-fault') === 'timeout';
      const clean = {
        status: response.status,
        headers: withoutSandboxHeaders(response.headers),
        body: response.body,
      };
      return timedOut ? { response: null, fault: 'timeout', latencyMs } : { response: clean, latencyMs };
    });
  }

  /** The longest canned prefix that matches wins, so a scenario can answer one path apart from its host. */
  private cannedAnswer(request: PreparedRequest): Outcome {
    const latencyMs = latencyOf('ExternalHttp', 'default');
    const match = (this.options.canned ?? [])
      .filter(
        (c) => request.url.startsWith(c.url) && (!c.method || c.method.toLowerCase() === request.method),
      )
      .sort((a, b) => b.url.length - a.url.length)[0];
    if (!match) return { response: null, fault: 'unreachable', latencyMs: 0 };
    const body =
      typeof match.body === 'string'
        ? match.body
        : match.body === undefined
          ? ''
          : JSON.stringify(match.body);
    return { response: { status: match.status, headers: { ...(match.headers ?? {}) }, body }, latencyMs };
  }

  private callGoogleApi(request: PreparedRequest): Outcome {
    const { googleApis, googleOAuthToken } = this.options;
    const latencyMs = latencyOf('GoogleCalendarApi', 'default');
    if (!googleApis) return { response: null, fault: 'unreachable', latencyMs };
    const authorization = headerValue(request.headers, 'authorization');
    if (googleOAuthToken !== undefined && authorization !== `Bearer ${googleOAuthToken}`) {
      return { response: googleUnauthenticated(), latencyMs };
    }
    const { url, method, headers, body } = request;
    const response = googleApis({ url, method, headers, body });
    const injected = Number(headerValue(response.headers, 'x-sandbox-latency-ms') ?? 0);
    return {
      response: { ...response, headers: withoutSandboxHeaders(response.headers) },
      latencyMs: latencyMs + (Number.isFinite(injected) ? injected : 0),
    };
  }
}

/** Google's answer to a request without a valid OAuth token. */
function googleUnauthenticated(): GoogleApiResponse {
  return {
    status: 401,
    headers: { 'Content-Type': 'application/json; charset=UTF-8' },
    body: JSON.stringify({
      error: {
        code: 401,
        message:
          'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        status: 'UNAUTHENTICATED',
      },
    }),
  };
}
