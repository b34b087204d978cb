// Runs the HubSpot sandbox inside a worker thread (worker-serve.ts says why and how it reports).
import { isMainThread, workerData } from 'node:worker_threads';
import { startSandbox } from './server';
import type { SandboxOptions } from './server';
import { serveInWorker } from './worker-serve';
import type { ServerWorkerData } from './worker-serve';

export type SandboxWorkerData = ServerWorkerData<SandboxOptions>;
export type { SandboxWorkerMessage } from './worker-serve';

if (!isMainThread) serveInWorker(workerData as SandboxWorkerData, startSandbox);
