import {
  FakeUrlFetchApp,
  type GoogleApiRequest,
  type UrlFetchOptions,
} from '../../tools/workbench/fakes/url-fetch';
import { workbenchOAuthToken } from '../../tools/workbench/fakes/script-app';
import { CallLedger, ExecutionTimeout, SimClock } from '../../tools/workbench/runtime';
import { createSyncHttp, type SyncHttp } from '../../tools/workbench/sync-http';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';

const HUB = 'https://api.hubapi.com';
const T0 = Date.UTC(2025, 0, 6, 9);
let server: LoopbackServer;
let http: SyncHttp;

beforeAll(async () => {
  server = await startLoopbackServer();
  http = createSyncHttp();
});

afterAll(async () => {
  http.close();
  await server.stop();
});

function setup(options: Partial<UrlFetchOptions> = {}) {
  const ledger = new CallLedger(new SimClock(T0));
  const app = new FakeUrlFetchApp({ ledger, http, hubspotBaseUrl: server.baseUrl, ...options });
  return { ledger, app };
}

test('a HubSpot URL is fetched from the sandbox over real HTTP, stamped with the simulated time', () => {
  const { ledger, app } = setup();
  const response = app.fetch(`${HUB}/echo?limit=10`, { headers: { Authorization: 'Bearer pat-123' } });
  expect(response.getResponseCode()).toBe(200);
  const echoed = JSON.parse(response.getContentText());
  expect(echoed).toMatchObject({ method: 'GET', path: '/echo?limit=10' });
  expect(echoed.headers.authorization).toBe('Bearer pat-123');
  // The request reaches the sandbox after UrlFetchApp's overhead.
  expect(echoed.headers['x-workbench-now']).toBe(String(T0 + 60));
  expect(response.getHeaders()['Content-Type']).toBe('application/json');
  expect(response.getAllHeaders()).toMatchObject({ 'X-Repeated': ['a', 'b'] });
  expect(response.getBlob().getContentType()).toBe('application/json');
  // One round trip: overhead 60 + HubSpot's 120.
  expect(ledger.roundTrips().map((c) => [c.service, c.method, c.latencyMs])).toEqual([
    ['UrlFetchApp', 'fetch', 180],
  ]);
  expect(app.requests).toEqual([
    {
      execution: 0,
      url: `${HUB}/echo?limit=10`,
      method: 'get',
      status: 200,
      fault: undefined,
      latencyMs: 120,
      at: T0 + 60,
    },
  ]);
});

test('payloads: an object is form-encoded by default; a string keeps the given content type', () => {
  const { app } = setup();
  const form = JSON.parse(
    app.fetch(`${HUB}/echo`, { method: 'post', payload: { q: 'a b', n: 1 } }).getContentText(),
  );
  expect(form.body).toBe('q=a%20b&n=1');
  expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded');
  const json = JSON.parse(
    app
      .fetch(`${HUB}/echo`, { method: 'patch', contentType: 'application/json', payload: '{"a":1}' })
      .getContentText(),
  );
  expect(json).toMatchObject({ method: 'PATCH', body: '{"a":1}' });
  expect(json.headers['content-type']).toBe('application/json');
});

test('fetchAll is ONE round trip charged its overhead plus its slowest request, not the sum', () => {
  const { ledger, app } = setup();
  const responses = app.fetchAll([
    `${HUB}/status?code=200&latency=100`,
    { url: `${HUB}/status?code=200&latency=500` },
    { url: `${HUB}/status?code=200&latency=300`, method: 'get' },
  ]);
  expect(responses.map((r) => r.getResponseCode())).toEqual([200, 200, 200]);
  // The modelled latency header is the workbench's business, not the script's.
  expect(Object.keys(responses[0].getHeaders()).map((h) => h.toLowerCase())).not.toContain(
    'x-sandbox-latency-ms',
  );
  // fetchAll's overhead is a fetch's 60 ms plus the 200 ms published tests show beyond the slowest request.
  expect(ledger.roundTrips().map((c) => [c.method, c.latencyMs])).toEqual([['fetchAll', 260 + 120 + 500]]);
  expect(ledger.clock.now()).toBe(T0 + 880);
  expect(app.requests.map((r) => r.latencyMs)).toEqual([220, 620, 420]);
});

test('fetchAll really runs its requests at once', () => {
  const { app } = setup();
  const started = Date.now();
  app.fetchAll([1, 2, 3].map(() => `${HUB}/delay?ms=300`));
  expect(Date.now() - started).toBeLessThan(750);
});

test("an HTTP error throws Apps Script's message unless muteHttpExceptions", () => {
  const { app } = setup();
  expect(() => app.fetch(`${HUB}/status?code=401&size=5`)).toThrow(
    /^Request failed for https:\/\/api\.hubapi\.com returned code 401\. Truncated server response: \{"status":"error","message":"xxxxx".*\} \(use muteHttpExceptions option to examine full response\)$/,
  );
  const long = () => app.fetch(`${HUB}/status?code=500&size=500`);
  expect(long).toThrow(/Truncated server response: .{100}\.\.\. \(use muteHttpExceptions/);
  const muted = app.fetch(`${HUB}/status?code=429`, { muteHttpExceptions: true });
  expect(muted.getResponseCode()).toBe(429);
  expect(JSON.parse(muted.getContentText()).status).toBe('error');
});

test('a sandbox timeout fault throws "Timeout: <url>" after charging the modelled wait', () => {
  const { ledger, app } = setup();
  const url = `${HUB}/status?code=200&fault=timeout&latency=60000`;
  expect(() => app.fetch(url, { muteHttpExceptions: true })).toThrow(`Timeout: ${url}`);
  expect(ledger.clock.now()).toBe(T0 + 60 + 120 + 60_000);
  expect(app.requests[0]).toMatchObject({ status: null, fault: 'timeout' });
});

test('a URL outside the manifest allowlist is refused before anything is sent or charged', () => {
  const { ledger, app } = setup({ allowlist: [`${HUB}/crm/`, 'https://*.googleapis.com/calendar/'] });
  expect(() => app.fetch(`${HUB}/echo`)).toThrow(
    `Exception requesting ${HUB}/echo failed because the URL has not been whitelisted in the script manifest.`,
  );
  expect(() => app.fetchAll([`${HUB}/crm/x`, 'https://evil.example.com/'])).toThrow(/not been whitelisted/);
  expect(ledger.calls).toHaveLength(0);
  expect(app.requests).toHaveLength(0);
  // A subdomain wildcard matches one host label: this one passes the allowlist (and finds no Google handler).
  const freeBusy = 'https://www.googleapis.com/calendar/v3/freeBusy';
  expect(() => app.fetch(freeBusy)).toThrow(`Address unavailable: ${freeBusy}`);
});

test('a host the workbench does not serve is unreachable, as an unknown host is for Apps Script', () => {
  const { app } = setup();
  expect(() => app.fetch('https://example.com/')).toThrow('Address unavailable: https://example.com/');
});

test('redirects are followed unless followRedirects is false', () => {
  const { app } = setup();
  const followed = app.fetch(`${HUB}/redirect?to=/echo`, { method: 'post', payload: 'x' });
  expect(JSON.parse(followed.getContentText())).toMatchObject({ method: 'GET', path: '/echo' });
  const kept = app.fetch(`${HUB}/redirect?to=/echo`, { followRedirects: false });
  expect(kept.getResponseCode()).toBe(302);
});

describe('Google APIs', () => {
  const token = workbenchOAuthToken('ana@example.com');
  const freeBusy = 'https://www.googleapis.com/calendar/v3/freeBusy';

  test("go to the injected handler when the request carries the script's OAuth token", () => {
    const seen: GoogleApiRequest[] = [];
    const { ledger, app } = setup({
      googleOAuthToken: token,
      googleApis: (request) => {
        seen.push(request);
        return { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"calendars":{}}' };
      },
    });
    const response = app.fetch(freeBusy, {
      method: 'post',
      contentType: 'application/json',
      payload: '{"items":[{"id":"primary"}]}',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.getContentText()).toBe('{"calendars":{}}');
    expect(seen).toEqual([
      {
        url: freeBusy,
        method: 'post',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{"items":[{"id":"primary"}]}',
      },
    ]);
    expect(ledger.roundTrips()[0].latencyMs).toBe(60 + 100);
  });

  test("are refused with Google's 401 without the token", () => {
    const { app } = setup({
      googleOAuthToken: token,
      googleApis: () => ({ status: 200, headers: {}, body: '' }),
    });
    const response = app.fetch(freeBusy, { method: 'post', muteHttpExceptions: true });
    expect(response.getResponseCode()).toBe(401);
    expect(JSON.parse(response.getContentText()).error.status).toBe('UNAUTHENTICATED');
  });
});

test('a script past its deadline dies before sending', () => {
  const { ledger, app } = setup();
  ledger.begin('card', 'onGmailMessageOpen');
  ledger.clock.advance(30_000);
  expect(() => app.fetch(`${HUB}/echo`)).toThrow(ExecutionTimeout);
  expect(app.requests).toHaveLength(0);
});

test('getRequest shows what fetch would send without sending it', () => {
  const { app } = setup();
  expect(app.getRequest(`${HUB}/echo`, { method: 'post', payload: { a: '1' } })).toMatchObject({
    url: `${HUB}/echo`,
    method: 'post',
    payload: 'a=1',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  expect(app.requests).toHaveLength(0);
});
