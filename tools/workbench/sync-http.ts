// Synchronous HTTP for the main thread, so the UrlFetchApp fake can be as blocking as Apps Script's while
// a batch still runs concurrently: a persistent worker performs the requests and the main thread sleeps
// in Atomics.wait until the worker signals; the answer is read with receiveMessageOnPort (the technique
// the synckit package uses). Only loopback URLs are allowed: the workbench never leaves the machine.
import path from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';

export interface SyncHttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface SyncHttpResponse {
  status: number;
  /** Header names as the server sent them; a repeated header becomes an array. */
  headers: Record<string, string | string[]>;
  body: string;
}

export interface SyncHttp {
  /** Sends every request at once and blocks until all have answered; throws SyncHttpError on the first failure. */
  requestAll(requests: SyncHttpRequest[], timeoutMs: number): SyncHttpResponse[];
  close(): void;
}

export class SyncHttpError extends Error {
  constructor(
    readonly url: string,
    readonly code: 'timeout' | 'network',
    detail: string,
  ) {
    super(`${code === 'timeout' ? 'timeout' : 'network error'} for ${url}: ${detail}`);
    this.name = 'SyncHttpError';
  }
}

type WorkerResult =
  ({ ok: true } & SyncHttpResponse) | { ok: false; code: 'timeout' | 'network'; message: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** A word nobody signals, to sleep the main thread for a millisecond. */
const pause = new Int32Array(new SharedArrayBuffer(4));
/** Extra time the main thread grants the worker beyond the requests' own timeout before giving up on it. */
const WORKER_GRACE_MS = 2_000;

export function assertLoopback(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`sync-http: not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' || !LOOPBACK_HOSTS.has(parsed.hostname)) {
    throw new Error(
      `sync-http: only http://127.0.0.1, http://localhost or http://[::1] may be fetched, not ${url}`,
    );
  }
}

export function createSyncHttp(): SyncHttp {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(path.join(__dirname, 'sync-http-worker.mjs'), {
    workerData: { signal, port: port2 },
    transferList: [port2],
  });
  // Neither the idle worker nor the port may keep the process (or jest) alive.
  worker.unref();
  port1.unref();
  let nextId = 1;
  let closed = false;

  function receive(id: number): WorkerResult[] {
    // The worker posts before it signals, so the answer is normally queued already; a stale answer from a
    // batch that timed out on this side is skipped by id.
    for (let attempt = 0; attempt < 100; attempt++) {
      const message = receiveMessageOnPort(port1) as
        { message: { id: number; results: WorkerResult[] } } | undefined;
      if (message === undefined) {
        Atomics.wait(pause, 0, 0, 1);
        continue;
      }
      if (message.message.id === id) return message.message.results;
    }
    throw new Error('sync-http: the worker signalled but posted no answer');
  }

  return {
    requestAll(requests, timeoutMs) {
      if (closed) throw new Error('sync-http: closed');
      requests.forEach((request) => assertLoopback(request.url));
      if (requests.length === 0) return [];
      const id = nextId++;
      Atomics.store(signal, 0, 0);
      port1.postMessage({ id, requests, timeoutMs });
      if (Atomics.wait(signal, 0, 0, timeoutMs + WORKER_GRACE_MS) === 'timed-out') {
        throw new Error(`sync-http: the worker did not answer within ${timeoutMs + WORKER_GRACE_MS} ms`);
      }
      return receive(id).map((result, i) => {
        if (!result.ok) throw new SyncHttpError(requests[i].url, result.code, result.message);
        return { status: result.status, headers: result.headers, body: result.body };
      });
    },
    close() {
      if (closed) return;
      closed = true;
      port1.close();
      void worker.terminate();
    },
  };
}
