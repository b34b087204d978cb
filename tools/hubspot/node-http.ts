// The HubSpot adapter's Calls run from Node (the smoke test against a real account, never the bundle):
// every request of a Call goes out at once, as UrlFetchApp.fetchAll sends them, and the Call parses the
// answers exactly as it does in Apps Script. Failures are worded like UrlFetchApp's ("Timeout: <url>").
import type { Call, HttpRequest, HttpResponse } from '../../src/core/http';

const TIMEOUT_MS = 30_000;

async function fetchOne(request: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method.toUpperCase(),
      headers: request.headers,
      body: request.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new Error(`${timedOut ? 'Timeout' : 'Address unavailable'}: ${request.url}`, { cause: error });
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return { status: response.status, body: await response.text(), headers };
}

/** All requests concurrently; answers in request order. */
export async function fetchAllNode(requests: HttpRequest[], timeoutMs = TIMEOUT_MS): Promise<HttpResponse[]> {
  return Promise.all(requests.map((request) => fetchOne(request, timeoutMs)));
}

export async function runCallNode<T>(call: Call<T>): Promise<T> {
  return call.parse(call.requests.length ? await fetchAllNode(call.requests) : []);
}
