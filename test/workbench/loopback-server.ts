// A tiny HTTP server for tests of the synchronous HTTP path. It runs in a worker thread because the code
// under test blocks the main thread while it waits for answers.
//   /echo            -> 200 {method, path, headers, body}
//   /delay?ms=N      -> 200 after N ms (real time)
//   /status?code=N   -> status N with a JSON body; ?latency=M adds x-sandbox-latency-ms: M; ?fault=timeout
//                       adds x-sandbox-fault: timeout
//   /redirect?to=P   -> 302 to P
import { Worker } from 'node:worker_threads';

const serverSource = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const q = url.searchParams;
    const json = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/echo') {
      return json(200, { method: req.method, path: url.pathname + url.search, headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8') }, { 'X-Repeated': ['a', 'b'] });
    }
    if (url.pathname === '/delay') {
      return setTimeout(() => json(200, { waited: Number(q.get('ms')) }), Number(q.get('ms')));
    }
    if (url.pathname === '/status') {
      const headers = {};
      if (q.has('latency')) headers['x-sandbox-latency-ms'] = q.get('latency');
      if (q.has('fault')) headers['x-sandbox-fault'] = q.get('fault');
      return json(Number(q.get('code')), { status: 'error', message: 'x'.repeat(Number(q.get('size') || 10)),
        now: req.headers['x-workbench-now'] }, headers);
    }
    if (url.pathname === '/redirect') {
      res.writeHead(302, { Location: q.get('to') });
      return res.end();
    }
    json(404, { message: 'no route' });
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

export interface LoopbackServer {
  baseUrl: string;
  stop(): Promise<void>;
}

export function startLoopbackServer(): Promise<LoopbackServer> {
  const worker = new Worker(serverSource, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (port: number) =>
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        stop: async () => {
          await worker.terminate();
        },
      }),
    );
  });
}
