// `npm run sandbox [-- --port 4010] [--seed FILE] [--real-latency]`: the HubSpot sandbox as a standalone
// server on loopback, for trying the HubSpot client by hand (curl, or the smoke test pointed at it).
// --seed takes a SandboxSeed JSON or a scenario JSON with the seed under `hubspot` (or `hubspot.seed`).
// Without it: fixtures/hubspot-seed.json if present, else the built-in demo seed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CRM_VERSION } from './api-version';
import { DEMO_TOKEN, demoSeed } from './demo-seed';
import { startSandbox } from './server';
import type { SandboxSeed } from './types';

const FIXTURE_SEED = join(__dirname, '..', '..', 'fixtures', 'hubspot-seed.json');

function isSeed(value: unknown): value is SandboxSeed {
  const seed = value as Partial<SandboxSeed> | null;
  return (
    typeof seed === 'object' &&
    seed !== null &&
    typeof seed.portalId === 'number' &&
    typeof seed.tokens === 'object'
  );
}

/** The seed inside a seed file or a scenario file. */
export function seedFrom(json: unknown, file: string): SandboxSeed {
  const hubspot = (json as { hubspot?: unknown } | null)?.hubspot;
  for (const candidate of [json, hubspot, (hubspot as { seed?: unknown } | undefined)?.seed]) {
    if (isSeed(candidate)) return candidate;
  }
  throw new Error(`${file} holds no HubSpot seed (portalId and tokens, at the top or under "hubspot")`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      seed: { type: 'string' },
      'real-latency': { type: 'boolean', default: false },
    },
  });
  const file = values.seed ?? (existsSync(FIXTURE_SEED) ? FIXTURE_SEED : null);
  const seed = file ? seedFrom(JSON.parse(readFileSync(file, 'utf8')), file) : demoSeed();
  const realDelay = values['real-latency'] ?? false;
  const sandbox = await startSandbox({
    seed,
    port: Number(values.port),
    realDelay,
    baseLatencyMs: realDelay ? 120 : 0,
  });
  const token = Object.keys(seed.tokens)[0] ?? DEMO_TOKEN;
  const contact = seed.contacts?.[0]?.id ?? '1';
  process.stdout.write(
    [
      `HubSpot sandbox listening at ${sandbox.url} (seed: ${file ?? 'built-in demo'})`,
      `Try:  curl -s -H 'Authorization: Bearer ${token}' '${sandbox.url}/crm/objects/${CRM_VERSION}/contacts/${contact}?associations=companies'`,
      `State: curl -s ${sandbox.url}/__sandbox/state    Requests: curl -s ${sandbox.url}/__sandbox/requests`,
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
