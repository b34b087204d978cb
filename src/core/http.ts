// Plain HTTP shapes, so adapters can describe requests that the runtime sends together in one round trip
// (UrlFetchApp.fetchAll). Nothing here performs I/O.

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface HttpRequest {
  url: string;
  method: HttpMethod;
  headers?: Record<string, string>;
  /** JSON text for post/put/patch. */
  payload?: string;
}

export interface HttpResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** One round trip carrying any number of requests (UrlFetchApp.fetchAll in Apps Script). */
export interface HttpPort {
  fetchAll(requests: HttpRequest[]): HttpResponse[];
}

/**
 * A read described as requests plus how to read their answers. Several calls can share one round trip:
 * see runTogether.
 */
export interface Call<T> {
  requests: HttpRequest[];
  parse(responses: HttpResponse[]): T;
}

export function runCall<T>(http: HttpPort, call: Call<T>): T {
  return call.parse(call.requests.length ? http.fetchAll(call.requests) : []);
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Sends every call's requests in a single fetchAll and parses each call's share of the answers. One call
 * failing (HubSpot down) does not hide the others' results (the calendar still shows).
 */
export function runTogether<A, B>(http: HttpPort, a: Call<A>, b: Call<B>): [Settled<A>, Settled<B>];
export function runTogether<A, B, C>(
  http: HttpPort,
  a: Call<A>,
  b: Call<B>,
  c: Call<C>,
): [Settled<A>, Settled<B>, Settled<C>];
export function runTogether(http: HttpPort, ...calls: Call<unknown>[]): Settled<unknown>[] {
  const all = calls.flatMap((call) => call.requests);
  const responses = all.length ? http.fetchAll(all) : [];
  let offset = 0;
  return calls.map((call) => {
    const share = responses.slice(offset, offset + call.requests.length);
    offset += call.requests.length;
    try {
      return { ok: true, value: call.parse(share) };
    } catch (error) {
      return { ok: false, error };
    }
  });
}

export function mapCall<T, U>(call: Call<T>, map: (value: T) => U): Call<U> {
  return { requests: call.requests, parse: (responses) => map(call.parse(responses)) };
}
