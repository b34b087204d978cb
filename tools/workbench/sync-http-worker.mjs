// The worker half of sync-http.ts: performs a batch of loopback HTTP requests concurrently, posts the
// answers on the shared port, then wakes the blocked main thread through the shared Int32Array.
// Plain JavaScript so it runs in a worker thread without a TypeScript loader.
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { workerData } from 'node:worker_threads';

const { signal, port } = workerData;
// Keep-alive: a scenario sends thousands of requests to the same sandbox; reusing sockets keeps runs fast.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** Groups Node's rawHeaders into name -> value (or values, when a header repeats), keeping the case sent. */
function headersOf(rawHeaders) {
  const headers = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    const value = rawHeaders[i + 1];
    const existing = headers[name];
    if (existing === undefined) headers[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else headers[name] = [existing, value];
  }
  return headers;
}

function perform(request, timeoutMs) {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    const headers = { ...request.headers };
    if (request.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(request.body));
    const req = http.request(request.url, { method: request.method.toUpperCase(), headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        settle({
          ok: true,
          status: res.statusCode,
          headers: headersOf(res.rawHeaders),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', (error) => settle({ ok: false, code: 'network', message: error.message }));
    });
    req.setTimeout(timeoutMs, () => {
      settle({ ok: false, code: 'timeout', message: `no answer within ${timeoutMs} ms` });
      req.destroy();
    });
    req.on('error', (error) => settle({ ok: false, code: 'network', message: error.message }));
    req.end(request.body);
  });
}

port.on('message', async ({ id, requests, timeoutMs }) => {
  const results = await Promise.all(requests.map((request) => perform(request, timeoutMs)));
  port.postMessage({ id, results });
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
