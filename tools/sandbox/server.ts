// The sandbox as a real HTTP server on loopback, so UrlFetchApp's fake (and anything else) reaches it exactly
// as it would reach api.hubapi.com: only the base URL differs.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultConfig } from './faults';
import { HubSpotSandbox } from './sandbox';
import type { RequestLogEntry, SandboxConfig } from './sandbox';
import type { SandboxState } from './types';

export interface SandboxOptions extends SandboxConfig {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only: the sandbox never listens beyond this machine. */
  host?: '127.0.0.1';
  /**
   * Sleep the modelled latency for real, and hold a 'timeout' fault's connection for timeoutMs before dropping
   * it (for the standalone server; the workbench charges latency to its simulated clock instead).
   */
  realDelay?: boolean;
  timeoutMs?: number;
}

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
  /** All records, associations, owners and forms now. */
  readonly state: SandboxState;
  /** Every API request so far. */
  readonly requests: RequestLogEntry[];
  setFaults(config: FaultConfig): void;
  reset(): void;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const sandbox = new HubSpotSandbox(options);
  const host = options.host ?? '127.0.0.1';
  const timers = new Set<NodeJS.Timeout>();
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`sandbox failure: ${(error as Error).message}`);
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const origin = `http://${req.headers.host ?? `${host}:${port}`}`;
    const url = new URL(req.url ?? '/', origin);
    const response = sandbox.handle({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers as Record<string, string | undefined>,
      rawBody,
      origin,
    });
    if (options.realDelay) {
      await delay(response.latencyMs);
      if (response.fault === 'timeout') {
        await delay(options.timeoutMs ?? 60_000);
        req.socket.destroy();
        return;
      }
    }
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    get state() {
      return sandbox.state;
    },
    get requests() {
      return sandbox.requests;
    },
    setFaults: (config) => sandbox.setFaults(config),
    reset: () => sandbox.reset(),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
