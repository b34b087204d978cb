// The HubSpot adapter against the real sandbox: the sandbox runs in a worker thread and requests block
// like UrlFetchApp's, so the adapter's synchronous HttpPort works unchanged. Counts round trips.
import type { HttpPort, HttpRequest, HttpResponse } from '../../src/core/http';
import type { SandboxOptions } from '../../tools/sandbox/server';
import { startSandboxWorker } from '../../tools/sandbox/worker-host';
import type { SandboxState } from '../../tools/sandbox/types';
import { createSyncHttp } from '../../tools/workbench/sync-http';

export interface SandboxHttp extends HttpPort {
  url: string;
  /** The requests of each fetchAll, in order. */
  rounds: HttpRequest[][];
  state(): SandboxState;
  stop(): Promise<void>;
}

export function sandboxHttp(options: SandboxOptions): SandboxHttp {
  const sandbox = startSandboxWorker(options);
  const sync = createSyncHttp();
  const rounds: HttpRequest[][] = [];
  const flat = (headers: Record<string, string | string[]>) =>
    Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
  return {
    url: sandbox.url,
    rounds,
    fetchAll(requests: HttpRequest[]): HttpResponse[] {
      rounds.push(requests);
      return sync
        .requestAll(
          requests.map((r) => ({ url: r.url, method: r.method, headers: r.headers ?? {}, body: r.payload })),
          10_000,
        )
        .map((r) => ({ status: r.status, body: r.body, headers: flat(r.headers) }));
    },
    state(): SandboxState {
      const [answer] = sync.requestAll(
        [{ url: `${sandbox.url}/__sandbox/state`, method: 'GET', headers: {} }],
        10_000,
      );
      return JSON.parse(answer.body) as SandboxState;
    },
    async stop() {
      sync.close();
      await sandbox.stop();
    },
  };
}
