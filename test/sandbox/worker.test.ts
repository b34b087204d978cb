import { execFileSync } from 'node:child_process';
import { seedFrom } from '../../tools/sandbox/standalone';
import { startSandboxWorker } from '../../tools/sandbox/worker-host';
import { FULL, testSeed, V } from './sandbox-fixture';

describe('HubSpot sandbox in a worker thread', () => {
  it('starts synchronously and answers a caller that blocks the main thread while it waits', async () => {
    const sandbox = startSandboxWorker({ seed: testSeed() });
    try {
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // curl in a child process while this thread is blocked: only a server on another thread can answer.
      const body = execFileSync(
        'curl',
        ['-s', '-H', `Authorization: Bearer ${FULL}`, `${sandbox.url}/crm/objects/${V}/contacts/102`],
        {
          encoding: 'utf8',
        },
      );
      expect(JSON.parse(body).properties.firstname).toBe('Grace');
    } finally {
      await sandbox.stop();
    }
  });

  it('reports a start failure instead of hanging', () => {
    expect(() =>
      startSandboxWorker({
        seed: {
          ...testSeed(),
          associations: [{ fromType: 'tasks', fromId: '1', toType: 'deals', toId: '2' }],
        },
      }),
    ).toThrow(/the HubSpot sandbox worker failed: the sandbox has no association type from tasks to deals/);
  });
});

describe('npm run sandbox: reading a seed file', () => {
  it('takes a seed, or the seed inside a scenario', () => {
    const seed = testSeed();
    expect(seedFrom(seed, 'seed.json')).toBe(seed);
    expect(seedFrom({ name: 'poll run', hubspot: seed }, 'scenario.json')).toBe(seed);
    expect(seedFrom({ hubspot: { seed } }, 'scenario.json')).toBe(seed);
    expect(() => seedFrom({ steps: [] }, 'other.json')).toThrow('other.json holds no HubSpot seed');
  });
});
