import { createSyncHttp, SyncHttpError, type SyncHttp } from '../../tools/workbench/sync-http';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';

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

test('a request blocks until its answer and carries method, headers and body both ways', () => {
  const [response] = http.requestAll(
    [{ url: `${server.baseUrl}/echo?x=1`, method: 'post', headers: { 'X-Custom': 'yes' }, body: 'é=1' }],
    5_000,
  );
  expect(response.status).toBe(200);
  const echoed = JSON.parse(response.body);
  expect(echoed).toMatchObject({ method: 'POST', path: '/echo?x=1', body: 'é=1' });
  expect(echoed.headers['x-custom']).toBe('yes');
  expect(echoed.headers['content-length']).toBe(String(Buffer.byteLength('é=1')));
  // Header names keep the server's case; a repeated header becomes an array.
  expect(response.headers['Content-Type']).toBe('application/json');
  expect(response.headers['X-Repeated']).toEqual(['a', 'b']);
});

test('a batch runs concurrently: three 300 ms requests take far less than 900 ms', () => {
  const started = Date.now();
  const responses = http.requestAll(
    [1, 2, 3].map(() => ({ url: `${server.baseUrl}/delay?ms=300`, method: 'get', headers: {} })),
    5_000,
  );
  const elapsed = Date.now() - started;
  expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
  expect(elapsed).toBeGreaterThanOrEqual(290);
  expect(elapsed).toBeLessThan(750);
});

test('answers come back in request order, whatever order they finish in', () => {
  const responses = http.requestAll(
    [250, 10, 120].map((ms) => ({ url: `${server.baseUrl}/delay?ms=${ms}`, method: 'get', headers: {} })),
    5_000,
  );
  expect(responses.map((r) => JSON.parse(r.body).waited)).toEqual([250, 10, 120]);
});

test('a request slower than the timeout fails with a timeout error naming the URL', () => {
  const url = `${server.baseUrl}/delay?ms=1000`;
  let caught: unknown;
  try {
    http.requestAll([{ url, method: 'get', headers: {} }], 100);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SyncHttpError);
  expect(caught).toMatchObject({ code: 'timeout', url });
  // The client still works after a timeout (the late answer is discarded).
  const [after] = http.requestAll(
    [{ url: `${server.baseUrl}/delay?ms=5`, method: 'get', headers: {} }],
    5_000,
  );
  expect(JSON.parse(after.body).waited).toBe(5);
});

test('a refused connection fails with a network error', () => {
  // Port 9 (discard) is closed on loopback in the test environment.
  expect(() => http.requestAll([{ url: 'http://127.0.0.1:9/', method: 'get', headers: {} }], 2_000)).toThrow(
    SyncHttpError,
  );
});

test.each([
  'https://api.hubapi.com/crm/v3/objects',
  'http://example.com/',
  'http://10.0.0.1/',
  'ftp://127.0.0.1/',
])('refuses a non-loopback URL before sending anything: %s', (url) => {
  expect(() => http.requestAll([{ url, method: 'get', headers: {} }], 1_000)).toThrow(
    /only http:\/\/127\.0\.0\.1/,
  );
});
