// Runs the sandbox inside a worker thread, so a main thread that blocks (the workbench's synchronous
// UrlFetchApp, waiting with Atomics.wait) still gets its requests answered. Reports where it listens three
// ways: a message to the parent ({url}), a message on the reply port, and the signal cell (1 = listening,
// -1 = failed) that a blocked parent can Atomics.wait on. Answers a 'close' message by closing the server.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { startSandbox } from './server';
import type { SandboxOptions } from './server';

export interface SandboxWorkerData {
  options: SandboxOptions;
  /** Int32Array cell 0: 0 while starting, 1 when listening, -1 when the start failed. */
  signal?: SharedArrayBuffer;
  reply?: MessagePort;
}

export type SandboxWorkerMessage =
  { type: 'listening'; url: string; port: number } | { type: 'failed'; message: string } | { type: 'closed' };

function announce(data: SandboxWorkerData, message: SandboxWorkerMessage, state: number): void {
  data.reply?.postMessage(message);
  parentPort?.postMessage(message);
  if (data.signal) {
    const cells = new Int32Array(data.signal);
    Atomics.store(cells, 0, state);
    Atomics.notify(cells, 0);
  }
}

function run(data: SandboxWorkerData): void {
  startSandbox(data.options).then(
    (sandbox) => {
      announce(data, { type: 'listening', url: sandbox.url, port: sandbox.port }, 1);
      parentPort?.on('message', (message: unknown) => {
        if (message !== 'close') return;
        void sandbox.close().then(() => {
          parentPort?.postMessage({ type: 'closed' } satisfies SandboxWorkerMessage);
          parentPort?.close();
          data.reply?.close();
        });
      });
    },
    (error: unknown) => announce(data, { type: 'failed', message: (error as Error).message }, -1),
  );
}

if (!isMainThread) run(workerData as SandboxWorkerData);
