// An in-memory HttpPort for the HubSpot adapter's tests: routes by method and path, records every request
// and counts round trips (fetchAll calls).
import type { HttpMethod, HttpPort, HttpRequest, HttpResponse } from '../../src/core/http';

export const TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555';

export interface Recorded {
  method: HttpMethod;
  url: string;
  /** Path without the query, still URL-encoded. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (request: Recorded, round: number) => HttpResponse;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } };
}

export function raw(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, body, headers };
}

export class FakeHttp implements HttpPort {
  readonly requests: Recorded[] = [];
  /** The requests of each fetchAll, in order. */
  readonly rounds: Recorded[][] = [];
  private readonly routes: { method: HttpMethod; path: string | RegExp; handler: Handler }[] = [];

  on(method: HttpMethod, path: string | RegExp, handler: Handler | HttpResponse): this {
    this.routes.push({ method, path, handler: typeof handler === 'function' ? handler : () => handler });
    return this;
  }

  fetchAll(requests: HttpRequest[]): HttpResponse[] {
    const round = requests.map(record);
    this.rounds.push(round);
    this.requests.push(...round);
    return round.map((r) => {
      const route = this.routes.find(
        (x) =>
          x.method === r.method && (typeof x.path === 'string' ? x.path === r.path : x.path.test(r.path)),
      );
      if (!route) throw new Error(`no route for ${r.method.toUpperCase()} ${r.path}`);
      return route.handler(r, this.rounds.length);
    });
  }
}

function record(request: HttpRequest): Recorded {
  const url = new URL(request.url);
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (query[key] = value));
  return {
    method: request.method,
    url: request.url,
    path: url.pathname,
    query,
    headers: request.headers ?? {},
    body: request.payload === undefined ? undefined : JSON.parse(request.payload),
  };
}

/** The inputs of a batch request body. */
export function inputsOf(r: Recorded): { id: string }[] {
  return (r.body as { inputs: { id: string }[] }).inputs;
}
