// The Gemini stand-in as a real HTTP server on loopback, like the HubSpot sandbox (../server.ts): the
// UrlFetchApp fake sends https://generativelanguage.googleapis.com/... here, only the base URL differs.
// GET /__model/requests answers the request log (for result.json's modelRequests).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GeminiSandbox } from './gemini-sandbox';
import type { ModelScenario } from './gemini-sandbox';

export type ModelSandboxOptions = ModelScenario & { key: string };

export interface RunningModelSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startModelSandbox(options: ModelSandboxOptions): Promise<RunningModelSandbox> {
  const sandbox = new GeminiSandbox(options);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'GET' && url.pathname === '/__model/requests') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(sandbox.log));
        return;
      }
      const now = Number(req.headers['x-workbench-now']);
      const response = sandbox.handle({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers as Record<string, string | undefined>,
        rawBody: Buffer.concat(chunks).toString('utf8'),
        now: Number.isFinite(now) ? now : Date.now(),
      });
      res.writeHead(response.status, {
        ...response.headers,
        'x-sandbox-latency-ms': String(response.latencyMs),
        ...(response.fault ? { 'x-sandbox-fault': response.fault } : {}),
      });
      res.end(response.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
