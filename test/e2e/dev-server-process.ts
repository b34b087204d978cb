// Starts the dev server the way `npm run dev` does (tsx tools/preview/dev-server.ts), as a child process on
// a free port, and stops it with SIGTERM, as a terminal would.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface RunningDevServer {
  url: string;
  /** Sends SIGTERM and resolves with the exit code (0 when the world shut down cleanly). */
  stop(): Promise<number | null>;
}

export function startDevServerProcess(scenario?: string): Promise<RunningDevServer> {
  const args = ['tools/preview/dev-server.ts', '--port', '0'];
  if (scenario) args.push('--scenario', join(ROOT, 'fixtures', 'scenarios', scenario));
  const child: ChildProcess = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The dev server did not start in 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Prospector dev page: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The dev server exited with ${code}:\n${output}`));
    });
  });
}
