// `npm run dev [-- --scenario FILE] [--port N]`: a Gmail-like page on 127.0.0.1 running the real bundle in
// the workbench. JSON API: GET /api/state; POST /api/step with a workbench Step (a press may add `button`,
// its index among the card's buttons); POST /api/reset rebuilds the bundle from src/ and restarts the world.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { buildBundle } from '../build';
import { loadScenario, ScenarioError } from '../workbench/scenario';
import { pageHtml } from './page';
import { PreviewSession } from './session';
import type { PageStep } from './session';

const ROOT = join(__dirname, '..', '..');
export const DEFAULT_SCENARIO = join(ROOT, 'fixtures', 'scenarios', 'default.json');
export const DEFAULT_PORT = 5173;
const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1_000_000;
const ASSETS: Record<string, { file: string; type: string }> = {
  '/styles.css': { file: 'styles.css', type: 'text/css; charset=utf-8' },
  '/client.js': { file: 'client.js', type: 'text/javascript; charset=utf-8' },
};

export interface DevServerOptions {
  scenarioFile?: string;
  /** A port to use; 0 picks a free one. Without it: 5173, or the next free port above. */
  port?: number;
}

export interface DevServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function newSession(scenarioFile: string): Promise<PreviewSession> {
  const scenario = loadScenario(scenarioFile);
  const { code } = await buildBundle();
  return new PreviewSession(scenario, code);
}

function readBody(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new HttpError(413, 'Request body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolveBody(text ? JSON.parse(text) : {});
      } catch {
        reject(new HttpError(400, 'The body is not JSON'));
      }
    });
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.off('error', onError);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

async function listenOnFreePort(server: Server, requested: number | undefined): Promise<number> {
  if (requested !== undefined) return listen(server, requested);
  for (let port = DEFAULT_PORT; port < DEFAULT_PORT + 50; port++) {
    try {
      return await listen(server, port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error(`No free port in ${DEFAULT_PORT}..${DEFAULT_PORT + 49}; pass --port N`);
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const scenarioFile = resolve(options.scenarioFile ?? DEFAULT_SCENARIO);
  let session = await newSession(scenarioFile);
  // Steps and resets run one at a time, in arrival order.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => T | Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  let port = 0;

  async function api(method: string, path: string, request: IncomingMessage): Promise<unknown> {
    if (method === 'GET' && path === '/api/state') return serial(() => session.state());
    if (method === 'POST' && path === '/api/step') {
      const step = await readBody(request);
      if (!step || typeof step !== 'object' || Array.isArray(step))
        throw new HttpError(400, 'A step is a JSON object, e.g. {"open": "msg-sarah-demo"}');
      return serial(() => {
        session.step(step as PageStep);
        return session.state();
      });
    }
    if (method === 'POST' && path === '/api/reset') {
      return serial(async () => {
        const fresh = await newSession(scenarioFile);
        await session.close();
        session = fresh;
        return session.state();
      });
    }
    throw new HttpError(404, `No ${method} ${path}`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Only this origin: a web page elsewhere cannot drive the world (DNS rebinding, cross-site posts).
    const host = request.headers.host ?? '';
    if (host !== `${HOST}:${port}` && host !== `localhost:${port}`)
      throw new HttpError(403, 'Use the address the server printed');
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', `http://${host}`).pathname;
    // A JSON content type makes a cross-site browser post need a preflight, which this server never grants.
    if (method === 'POST' && !String(request.headers['content-type'] ?? '').startsWith('application/json'))
      throw new HttpError(415, 'POST application/json');
    if (path.startsWith('/api/'))
      return send(
        response,
        200,
        'application/json; charset=utf-8',
        JSON.stringify(await api(method, path, request)),
      );
    if (method !== 'GET') throw new HttpError(405, 'Method not allowed');
    if (path === '/') return send(response, 200, 'text/html; charset=utf-8', pageHtml(session.scenario.name));
    const asset = ASSETS[path];
    if (asset) return send(response, 200, asset.type, readFileSync(join(__dirname, asset.file), 'utf8'));
    throw new HttpError(404, 'Not found');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (!response.headersSent)
        send(response, status, 'application/json; charset=utf-8', JSON.stringify({ error: error.message }));
      else response.end();
    });
  });
  port = await listenOnFreePort(server, options.port);
  let closed: Promise<void> | null = null;
  return {
    url: `http://${HOST}:${port}/`,
    port,
    close: () =>
      (closed ??= (async () => {
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        await queue;
        await session.close();
      })()),
  };
}

function parseArgs(argv: string[]): DevServerOptions {
  const options: DevServerOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--scenario') options.scenarioFile = resolve(argv[++i] ?? '');
    else if (flag === '--port') {
      const port = Number(argv[++i]);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new ScenarioError(`Invalid port '${argv[i]}'`);
      options.port = port;
    } else
      throw new ScenarioError(`Unknown option ${flag}. Usage: npm run dev -- [--scenario FILE] [--port N]`);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const server = await startDevServer(options);
  console.log(`Prospector dev page: ${server.url}`);
  console.log(`Scenario: ${options.scenarioFile ?? DEFAULT_SCENARIO}. Press Ctrl+C to stop.`);
  let stopping = false;
  // A signal can arrive twice (from the terminal's process group and relayed by tsx): act on the first.
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting the world down`);
    server.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof ScenarioError ? error.message : (error as Error).stack || error);
    process.exit(2);
  });
}
