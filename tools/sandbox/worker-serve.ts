// The worker side of a loopback server run in a worker thread, so a main thread that blocks (the
// workbench's synchronous UrlFetchApp, waiting with Atomics.wait) still gets its requests answered. Reports
// where it listens three ways: a message to the parent ({url}), a message on the reply port, and the signal
// cell (1 = listening, -1 = failed) that a blocked parent can Atomics.wait on. Answers a 'close' message by
// closing the server. worker-entry.ts (HubSpot) and model/model-worker-entry.ts (Gemini) start theirs here.
import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

export interface ServerWorkerData<Options> {
  options: Options;
  /** Int32Array cell 0: 0 while starting, 1 when listening, -1 when the start failed. */
  signal?: SharedArrayBuffer;
  reply?: MessagePort;
}

export type SandboxWorkerMessage =
  { type: 'listening'; url: string; port: number } | { type: 'failed'; message: string } | { type: 'closed' };

export interface WorkerServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function announce(data: ServerWorkerData<unknown>, message: SandboxWorkerMessage, state: number): void {
  data.reply?.postMessage(message);
  parentPort?.postMessage(message);
  if (data.signal) {
    const cells = new Int32Array(data.signal);
    Atomics.store(cells, 0, state);
    Atomics.notify(cells, 0);
  }
}

export function serveInWorker<Options>(
  data: ServerWorkerData<Options>,
  start: (options: Options) => Promise<WorkerServer>,
): void {
  start(data.options).then(
    (server) => {
      announce(data, { type: 'listening', url: server.url, port: server.port }, 1);
      parentPort?.on('message', (message: unknown) => {
        if (message !== 'close') return;
        void server.close().then(() => {
          parentPort?.postMessage({ type: 'closed' } satisfies SandboxWorkerMessage);
          parentPort?.close();
          data.reply?.close();
        });
      });
    },
    (error: unknown) => announce(data, { type: 'failed', message: (error as Error).message }, -1),
  );
}
