// `npm run push | deploy:dev | deploy:prod | rollback [version]`: from a checkout to Apps Script with clasp.
// Every check that can fail without the network runs first, so a missing script id or login stops the run
// in a second with the fix, not minutes later after the tests. Every child process has stdin closed and a
// timeout, so nothing can wait for input or hang. See docs/deployment.md.
import { spawn } from 'node:child_process';
import type { SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

export type Target = 'dev' | 'prod';
export const SETTINGS_FILES: Record<Target, string> = { dev: '.clasp.dev.json', prod: '.clasp.prod.json' };
/** clasp pushes this folder only: the bundle and the manifest that `npm run build` writes. */
export const CONTENT_DIR = 'dist';
/** Chooses the production deployment when the script has several versioned ones. */
export const DEPLOYMENT_ID_ENV = 'PROSPECTOR_DEPLOYMENT_ID';

export const TIMEOUT_MS = {
  lint: 3 * 60_000,
  test: 5 * 60_000,
  build: 2 * 60_000,
  clasp: 2 * 60_000,
  git: 10_000,
} as const;

export class DeployError extends Error {}

export type Check<T> = { ok: true; value: T } | { ok: false; message: string };

// ---- checks (pure) ---------------------------------------------------------------------------------------

/** Script ids are long URL-safe strings (57 characters today); a short one is a typo or a placeholder. */
const SCRIPT_ID = /^[A-Za-z0-9_-]{25,}$/;

/** The script id in a clasp settings file (null text: the file is missing), or what to do about it. */
export function checkClaspSettings(fileText: string | null, fileName: string): Check<string> {
  const howTo =
    `Set scriptId in ${fileName}: create the Apps Script project (open https://script.google.com/home, ` +
    'click New project and give it a name), open Project Settings (the gear icon on the left), copy the ' +
    `Script ID and paste it as "scriptId" in ${fileName}. See docs/deployment.md.`;
  if (fileText === null) {
    return {
      ok: false,
      message: `${howTo} (${fileName} is missing: it holds {"scriptId": "…", "rootDir": "dist"}.)`,
    };
  }
  let settings: unknown;
  try {
    settings = JSON.parse(fileText);
  } catch {
    return { ok: false, message: `${fileName} is not valid JSON. ${howTo}` };
  }
  const record =
    typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>) : {};
  const scriptId = typeof record.scriptId === 'string' ? record.scriptId.trim() : '';
  if (!scriptId || /^PASTE_/i.test(scriptId) || !SCRIPT_ID.test(scriptId))
    return { ok: false, message: howTo };
  const contentDir = record.rootDir ?? record.srcDir;
  if (typeof contentDir !== 'string' || contentDir.replace(/^\.\/|\/+$/g, '') !== CONTENT_DIR) {
    return {
      ok: false,
      message: `${fileName} must say "rootDir": "${CONTENT_DIR}": only the built bundle and manifest are pushed.`,
    };
  }
  return { ok: true, value: scriptId };
}

/**
 * Where clasp keeps its login: the clasp_config_auth variable (a file, or a folder holding .clasprc.json),
 * else ~/.clasprc.json. `isFolder` answers for the variable's value.
 */
export function claspCredentialsPath(
  homeDir: string,
  env: NodeJS.ProcessEnv,
  isFolder: (path: string) => boolean,
): string {
  const configured = env.clasp_config_auth;
  if (!configured) return join(homeDir, '.clasprc.json');
  return isFolder(configured) ? join(configured, '.clasprc.json') : configured;
}

/** Whether a .clasprc.json holds the default user's credentials (clasp 3, or the older clasp 1/2 shapes). */
export function hasClaspCredentials(rcText: string | null): boolean {
  if (!rcText) return false;
  let rc: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(rcText);
    if (typeof parsed !== 'object' || parsed === null) return false;
    rc = parsed as Record<string, unknown>;
  } catch {
    return false;
  }
  const tokens = rc.tokens as Record<string, Record<string, unknown> | undefined> | undefined;
  const current = tokens && typeof tokens === 'object' ? tokens.default : undefined;
  if (current && (current.refresh_token || current.access_token)) return true;
  return Boolean((rc.token && rc.oauth2ClientSettings) || rc.access_token);
}

export function isLoggedIn(homeDir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const isFolder = (path: string) => existsSync(path) && statSync(path).isDirectory();
  return hasClaspCredentials(readIfPresent(claspCredentialsPath(homeDir, env, isFolder)));
}

export const LOGIN_MESSAGE =
  'Run npx clasp login first: clasp has no saved login on this machine (~/.clasprc.json). It opens a ' +
  'browser; sign in with the Google account that owns the Apps Script projects.';

/** One deployment as `clasp --json deployments` lists it; the @HEAD deployment has no version. */
export interface ClaspDeployment {
  deploymentId: string;
  versionNumber?: number;
  description?: string;
}

export type DeploymentChoice =
  | { action: 'create' }
  | { action: 'update'; deploymentId: string; currentVersion: number }
  | { action: 'refuse'; message: string };

/**
 * The versioned deployment to move to a new version. Updating one deployment (rather than adding another)
 * keeps the id the Marketplace listing or the admin install points at.
 */
export function chooseDeployment(deployments: ClaspDeployment[], preferredId?: string): DeploymentChoice {
  const versioned = deployments.filter(
    (d): d is ClaspDeployment & { versionNumber: number } => typeof d.versionNumber === 'number',
  );
  const update = (d: { deploymentId: string; versionNumber: number }): DeploymentChoice => ({
    action: 'update',
    deploymentId: d.deploymentId,
    currentVersion: d.versionNumber,
  });
  const listed = versioned.map((d) => `${d.deploymentId} @${d.versionNumber} ${d.description ?? ''}`.trim());
  if (preferredId) {
    const preferred = versioned.find((d) => d.deploymentId === preferredId);
    if (preferred) return update(preferred);
    return {
      action: 'refuse',
      message: `${DEPLOYMENT_ID_ENV}=${preferredId} is not a versioned deployment of this script. Its deployments: ${listed.join('; ') || 'none'}.`,
    };
  }
  if (!versioned.length) return { action: 'create' };
  if (versioned.length === 1) return update(versioned[0]);
  return {
    action: 'refuse',
    message:
      `This script has ${versioned.length} versioned deployments (${listed.join('; ')}). Set ` +
      `${DEPLOYMENT_ID_ENV} to the one your Marketplace listing or admin install uses, and run again.`,
  };
}

/** The version a rollback moves to: the one asked for, or the newest one older than the current. */
export function rollbackTarget(
  versions: number[],
  currentVersion: number,
  requested?: number,
): Check<number> {
  if (requested !== undefined) {
    if (requested === currentVersion)
      return { ok: false, message: `The deployment already runs version ${requested}.` };
    if (!versions.includes(requested)) {
      return {
        ok: false,
        message: `Version ${requested} does not exist. Versions: ${versions.join(', ') || 'none'}.`,
      };
    }
    return { ok: true, value: requested };
  }
  const older = versions.filter((v) => v < currentVersion);
  if (!older.length)
    return { ok: false, message: `There is no version older than ${currentVersion} to roll back to.` };
  return { ok: true, value: Math.max(...older) };
}

/** The description of a production version: which code it is, so a rollback can be chosen by reading. */
export function versionDescription(
  packageVersion: string,
  commit: string,
  dirty: boolean,
  when: Date,
): string {
  return `prospector ${packageVersion} ${commit}${dirty ? ' +uncommitted changes' : ''} ${when.toISOString()}`;
}

export type Command = { command: 'push' | 'dev' | 'prod' } | { command: 'rollback'; version?: number };

export const USAGE = 'Usage: tsx tools/deploy.ts push | dev | prod | rollback [version]';

export function parseCommand(args: string[]): Check<Command> {
  const [command, version, ...rest] = args;
  if (command === 'push' || command === 'dev' || command === 'prod') {
    return version === undefined ? { ok: true, value: { command } } : { ok: false, message: USAGE };
  }
  if (command === 'rollback' && !rest.length) {
    if (version === undefined) return { ok: true, value: { command } };
    if (/^[1-9]\d*$/.test(version)) return { ok: true, value: { command, version: Number(version) } };
    return { ok: false, message: `rollback takes a version number, not "${version}". ${USAGE}` };
  }
  return { ok: false, message: USAGE };
}

/** clasp's --json answer; anything clasp printed before it (notices) is skipped. */
export function parseClaspJson<T>(stdout: string): T {
  const start = stdout.search(/[[{]/);
  try {
    if (start < 0) throw new Error('no JSON');
    return JSON.parse(stdout.slice(start)) as T;
  } catch {
    const firstLine = stdout.trim().split('\n')[0] || '(nothing)';
    throw new DeployError(`clasp answered with something that is not JSON: ${firstLine}`);
  }
}

/** A next step for clasp failures whose message alone does not say what to do. */
export function claspFailureHint(output: string): string | null {
  if (/Apps Script API/i.test(output)) {
    return 'Turn on the Apps Script API for your account at https://script.google.com/home/usersettings, wait a few minutes, and run this again.';
  }
  if (/No credentials found|invalid_grant|invalid_rapt|Login Required/i.test(output)) return LOGIN_MESSAGE;
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EAI_AGAIN/.test(output)) {
    return 'clasp could not reach Google: check the network connection (and HTTPS_PROXY if you use a proxy).';
  }
  if (/Requested entity was not found|does not have permission|PERMISSION_DENIED/i.test(output)) {
    return 'Check the scriptId in the clasp settings file, and that the account clasp is logged in with can edit that project.';
  }
  return null;
}

// ---- running things --------------------------------------------------------------------------------------

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

let running: ReturnType<typeof spawn> | null = null;

/** Kills the child and everything it started (jest workers, esbuild): they share its process group. */
function stop(child: ReturnType<typeof spawn>): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function run(command: string, args: string[], timeoutMs: number, capture: boolean): Promise<RunResult> {
  const options: SpawnOptions = {
    cwd: ROOT,
    stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
    detached: process.platform !== 'win32',
    shell: process.platform === 'win32' && !command.endsWith('.exe'),
    // CI mode: no tool offers an interactive prompt or watch mode.
    env: { ...process.env, CI: process.env.CI ?? 'true' },
  };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    running = child;
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stop(child);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      running = null;
      reject(new DeployError(`Could not start ${command}: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      running = null;
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** Runs one step; a failure or a timeout ends the deployment with what happened and what to do. */
async function step(label: string, command: string[], timeoutMs: number, capture = false): Promise<string> {
  console.log(`\n▶ ${label}`);
  const result = await run(command[0], command.slice(1), timeoutMs, capture);
  if (result.timedOut)
    throw new DeployError(`${label} did not finish within ${timeoutMs / 1000} s and was stopped.`);
  if (result.code !== 0) {
    if (capture) process.stderr.write(result.stderr || result.stdout);
    const hint = claspFailureHint(`${result.stderr}\n${result.stdout}`);
    throw new DeployError(`${label} failed (exit code ${result.code}).${hint ? ` ${hint}` : ''}`);
  }
  return result.stdout;
}

/** npm as it was started (`npm run deploy:dev` sets npm_execpath), else the npm on the PATH. */
function npm(script: string): string[] {
  const execPath = process.env.npm_execpath;
  if (execPath && /\.[cm]?js$/.test(execPath)) return [process.execPath, execPath, 'run', script];
  return [process.platform === 'win32' ? 'npm.cmd' : 'npm', 'run', script];
}

/** The project's own clasp (package.json pins it), run by this Node: no global install, no shell. */
function clasp(target: Target, ...args: string[]): string[] {
  const packageDir = join(ROOT, 'node_modules', '@google', 'clasp');
  const bin = (
    JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { bin: { clasp: string } }
  ).bin.clasp;
  return [process.execPath, join(packageDir, bin), '--project', SETTINGS_FILES[target], ...args];
}

function readIfPresent(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

// ---- the commands ----------------------------------------------------------------------------------------

/** Everything checkable offline, before any slow step. Returns the script id. */
function checkPrerequisites(target: Target): string {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) throw new DeployError(`Node ${process.versions.node} is too old: use Node 20 or newer.`);
  if (!existsSync(join(ROOT, 'node_modules', '@google', 'clasp', 'package.json'))) {
    throw new DeployError('clasp is not installed: run npm ci first.');
  }
  const file = SETTINGS_FILES[target];
  const settings = checkClaspSettings(readIfPresent(join(ROOT, file)), file);
  if (!settings.ok) throw new DeployError(settings.message);
  if (!isLoggedIn(homedir())) throw new DeployError(LOGIN_MESSAGE);
  return settings.value;
}

async function buildAndPush(target: Target, verify: boolean): Promise<void> {
  if (verify) {
    await step('npm run lint', npm('lint'), TIMEOUT_MS.lint);
    await step('npm test', npm('test'), TIMEOUT_MS.test);
  }
  await step('npm run build', npm('build'), TIMEOUT_MS.build);
  await step(
    `clasp push --force (${SETTINGS_FILES[target]})`,
    clasp(target, 'push', '--force'),
    TIMEOUT_MS.clasp,
  );
}

function pushedTo(scriptId: string): void {
  console.log(
    `\n✓ Pushed to the dev project. Its test deployment runs the latest push: open ` +
      `https://script.google.com/d/${scriptId}/edit, Deploy > Test deployments > Install (once), then reload Gmail.`,
  );
}

async function gitState(): Promise<{ commit: string; dirty: boolean }> {
  const head = await run('git', ['rev-parse', '--short', 'HEAD'], TIMEOUT_MS.git, true).catch(() => null);
  const status = await run('git', ['status', '--porcelain'], TIMEOUT_MS.git, true).catch(() => null);
  return {
    commit: head && head.code === 0 ? head.stdout.trim() : 'unknown-commit',
    dirty: !status || status.code !== 0 || status.stdout.trim() !== '',
  };
}

async function productionDeployment(): Promise<DeploymentChoice> {
  const listed = await step(
    'clasp deployments',
    clasp('prod', '--json', 'deployments'),
    TIMEOUT_MS.clasp,
    true,
  );
  return chooseDeployment(
    parseClaspJson<ClaspDeployment[]>(listed),
    process.env[DEPLOYMENT_ID_ENV] || undefined,
  );
}

async function deployProd(): Promise<void> {
  const scriptId = checkPrerequisites('prod');
  // Which deployment to move is settled before the slow steps, so an ambiguous one costs seconds.
  const choice = await productionDeployment();
  if (choice.action === 'refuse') throw new DeployError(choice.message);
  await buildAndPush('prod', true);
  const { commit, dirty } = await gitState();
  const packageVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
  const description = versionDescription(packageVersion, commit, dirty, new Date());
  if (dirty) console.warn('\n! The working tree has uncommitted changes; the version description says so.');
  const created = await step(
    'clasp version',
    clasp('prod', '--json', 'version', description),
    TIMEOUT_MS.clasp,
    true,
  );
  const version = parseClaspJson<{ versionNumber: number }>(created).versionNumber;
  const deployArgs =
    choice.action === 'create'
      ? ['--json', 'deploy', '--versionNumber', String(version), '--description', description]
      : [
          '--json',
          'redeploy',
          choice.deploymentId,
          '--versionNumber',
          String(version),
          '--description',
          description,
        ];
  const deployed = parseClaspJson<ClaspDeployment>(
    await step(`clasp ${deployArgs[1]}`, clasp('prod', ...deployArgs), TIMEOUT_MS.clasp, true),
  );
  console.log(
    `\n✓ Production deployment ${deployed.deploymentId} now runs version ${version} (${description}).`,
  );
  if (choice.action === 'update')
    console.log(`  It ran version ${choice.currentVersion}: \`npm run rollback\` returns to it.`);
  else
    console.log(
      `  New deployment: use this id in the Marketplace SDK (App Configuration) or for the admin install.`,
    );
  console.log(`  Project: https://script.google.com/d/${scriptId}/edit`);
}

async function rollback(requested?: number): Promise<void> {
  checkPrerequisites('prod');
  const choice = await productionDeployment();
  if (choice.action === 'refuse') throw new DeployError(choice.message);
  if (choice.action === 'create')
    throw new DeployError('Nothing to roll back: production has no versioned deployment yet.');
  const listed = await step('clasp versions', clasp('prod', '--json', 'versions'), TIMEOUT_MS.clasp, true);
  const versions = parseClaspJson<{ versionNumber: number }[]>(listed).map((v) => v.versionNumber);
  const target = rollbackTarget(versions, choice.currentVersion, requested);
  if (!target.ok) throw new DeployError(target.message);
  const description = `rollback from version ${choice.currentVersion} to ${target.value}`;
  await step(
    `clasp redeploy ${choice.deploymentId} --versionNumber ${target.value}`,
    clasp(
      'prod',
      '--json',
      'redeploy',
      choice.deploymentId,
      '--versionNumber',
      String(target.value),
      '--description',
      description,
    ),
    TIMEOUT_MS.clasp,
    true,
  );
  console.log(
    `\n✓ Rolled back: deployment ${choice.deploymentId} now runs version ${target.value} (it ran ${choice.currentVersion}).`,
  );
}

async function main(args: string[]): Promise<void> {
  const parsed = parseCommand(args);
  if (!parsed.ok) throw new DeployError(parsed.message);
  const command = parsed.value;
  if (command.command === 'rollback') return rollback(command.version);
  if (command.command === 'prod') return deployProd();
  // push skips lint and tests: a quick way to try a change on the dev project.
  const scriptId = checkPrerequisites('dev');
  await buildAndPush('dev', command.command === 'dev');
  pushedTo(scriptId);
}

if (require.main === module) {
  const interrupted = () => {
    if (running) stop(running);
    process.exit(130);
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`\n✗ ${error instanceof DeployError ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
