// Plain HTTP shapes, so adapters can describe requests that the runtime sends together in one round trip
// (Apps Script's fetchAll). Nothing here performs I/O.

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

/** One round trip carrying any number of requests (fetchAll in Apps Script). */
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

/** Runs calls of one kind in a single fetchAll; the first call whose answer cannot be read throws. */
export function runAll<T>(http: HttpPort, calls: Call<T>[]): T[] {
  return runTogetherList(http, calls).map((settled) => {
    if (!settled.ok) throw settled.error;
    return settled.value;
  });
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** The settled answer of each call in a tuple of calls. */
export type SettledAll<T extends readonly Call<unknown>[]> = {
  [K in keyof T]: T[K] extends Call<infer V> ? Settled<V> : never;
};

/**
 * Sends every call's requests in a single fetchAll and parses each call's share of the answers. One call
 * failing (HubSpot down) does not hide the others' results (the calendar still shows).
 */
export function runTogether<T extends readonly Call<unknown>[]>(http: HttpPort, ...calls: T): SettledAll<T> {
  return runTogetherList(http, calls as unknown as Call<unknown>[]) as unknown as SettledAll<T>;
}

/** A call that needs no request: how an optional read joins a batch. */
export function constantCall<T>(value: T): Call<T> {
  return { requests: [], parse: () => value };
}

function runTogetherList<T>(http: HttpPort, calls: Call<T>[]): Settled<T>[] {
  const all = calls.flatMap((call) => call.requests);
  const responses = all.length ? http.fetchAll(all) : [];
  let offset = 0;
  return calls.map((call) => {
    const share = responses.slice(offset, offset + call.requests.length);
    offset += call.requests.length;
    try {
      return { ok: true as const, value: call.parse(share) };
    } catch (error) {
      return { ok: false as const, error };
    }
  });
}
