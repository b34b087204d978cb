// Starting the sandbox in a worker thread from a synchronous caller: blocks (Atomics.wait) until the worker
// listens, then returns its URL. The workbench's main thread never awaits, so this is how it gets a server
// that keeps answering while the main thread blocks on each UrlFetchApp call.
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { SandboxOptions } from './server';
import type { SandboxWorkerData, SandboxWorkerMessage } from './worker-entry';

export interface SandboxWorker {
  url: string;
  port: number;
  worker: Worker;
  /** Closes the server, then ends the thread. */
  stop(): Promise<void>;
}

const ENTRY = join(__dirname, 'worker-entry.ts');

/**
 * The worker's first code: register tsx (the entry is TypeScript, as everything under tools/ is) and load the
 * entry; if either fails, signal the blocked parent instead of leaving it waiting.
 */
function bootstrap(entry: string): string {
  return `
    const { workerData } = require('node:worker_threads');
    try {
      require(${JSON.stringify(require.resolve('tsx/cjs'))});
      require(${JSON.stringify(entry)});
    } catch (error) {
      workerData.reply.postMessage({ type: 'failed', message: String(error && error.message) });
      const cells = new Int32Array(workerData.signal);
      Atomics.store(cells, 0, -1);
      Atomics.notify(cells, 0);
    }`;
}

export function startSandboxWorker(options: SandboxOptions, timeoutMs = 15_000): SandboxWorker {
  return startServerWorker(ENTRY, options, 'HubSpot sandbox', timeoutMs);
}

/** Any loopback server whose worker entry follows worker-entry.ts's handshake (the model sandbox too). */
export function startServerWorker(
  entry: string,
  options: unknown,
  name: string,
  timeoutMs = 15_000,
): SandboxWorker {
  const signal = new SharedArrayBuffer(4);
  const cells = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const data = { options, signal, reply: port2 } as SandboxWorkerData;
  const worker = new Worker(bootstrap(entry), { eval: true, workerData: data, transferList: [port2] });
  let listening = false;
  // A failed start is reported through the reply port below; a crash after it is worth a line on stderr.
  worker.on('error', (error) => {
    if (listening) console.error(`${name} worker crashed:`, error);
  });
  if (Atomics.wait(cells, 0, 0, timeoutMs) === 'timed-out') {
    void worker.terminate();
    throw new Error(`the ${name} worker did not start within ${timeoutMs} ms`);
  }
  const message = receiveMessageOnPort(port1)?.message as SandboxWorkerMessage | undefined;
  port1.close();
  if (message?.type !== 'listening') {
    void worker.terminate();
    throw new Error(
      `the ${name} worker failed: ${message?.type === 'failed' ? message.message : 'no answer'}`,
    );
  }
  listening = true;
  return {
    url: message.url,
    port: message.port,
    worker,
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('close');
      }),
  };
}
