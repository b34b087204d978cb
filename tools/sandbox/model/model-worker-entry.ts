// Runs the Gemini stand-in in a worker thread (see ../worker-entry.ts for why, and for the handshake).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { SandboxWorkerData, SandboxWorkerMessage } from '../worker-entry';
import { startModelSandbox } from './model-server';
import type { ModelSandboxOptions } from './model-server';

function announce(data: SandboxWorkerData, message: SandboxWorkerMessage, state: number): void {
  data.reply?.postMessage(message);
  if (data.signal) {
    const cells = new Int32Array(data.signal);
    Atomics.store(cells, 0, state);
    Atomics.notify(cells, 0);
  }
}

if (!isMainThread) {
  const data = workerData as SandboxWorkerData & { options: ModelSandboxOptions };
  startModelSandbox(data.options).then(
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
