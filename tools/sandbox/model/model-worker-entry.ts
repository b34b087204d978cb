// Runs the Gemini stand-in in a worker thread (../worker-serve.ts says why and how it reports).
import { isMainThread, workerData } from 'node:worker_threads';
import { serveInWorker } from '../worker-serve';
import type { ServerWorkerData } from '../worker-serve';
import { startModelSandbox } from './model-server';
import type { ModelSandboxOptions } from './model-server';

if (!isMainThread) serveInWorker(workerData as ServerWorkerData<ModelSandboxOptions>, startModelSandbox);
