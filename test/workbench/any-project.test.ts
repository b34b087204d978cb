// The workbench runs any Apps Script project, not only Prospector: a small add-on written for this test
// (test/workbench/projects/greeter: two files sharing one global scope, its own manifest) through a team
// world, with each step kind mapped onto its manifest, per-user state, `as`, and an overlapping execution.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectOutcome } from '../../tools/workbench/outcome';
import { sweepOverlap } from '../../tools/workbench/overlap';
import { loadProject } from '../../tools/workbench/project';
import { ScenarioRunner } from '../../tools/workbench/runner';
import { loadScenario } from '../../tools/workbench/scenario';

const DIR = join(__dirname, 'projects', 'greeter');

async function runGreeter() {
  const scenario = loadScenario(join(DIR, 'team.scenario.json'));
  const runner = new ScenarioRunner(scenario, loadProject(DIR));
  try {
    const steps = runner.runAll();
    return { runner, outcome: collectOutcome(runner.world, steps, scenario.name, scenario.now) };
  } finally {
    await runner.world.close();
  }
}

describe('the workbench runs any Apps Script project', () => {
  let result: Awaited<ReturnType<typeof runGreeter>>;
  beforeAll(async () => {
    result = await runGreeter();
  });

  it('runs every step without error and applies no preset', () => {
    expect(result.outcome.errors).toEqual([]);
    expect(result.runner.preset).toBeNull();
  });

  it('maps homepage, open, compose, calendarEvent and universal onto the manifest', () => {
    const fn = (i: number) => result.outcome.steps[i].functionName;
    expect([fn(0), fn(1), fn(6), fn(7), fn(8)]).toEqual([
      'onHome',
      'onMessage',
      'onWhoAmI',
      'onCompose',
      'onEvent',
    ]);
    expect(JSON.stringify(result.outcome.steps[7].card)).toContain('Writing to c@client.example');
  });

  it('gives each user their own mailbox, user properties and screen', () => {
    const notes = result.outcome.steps.map((s) => s.notification);
    expect(notes.slice(3, 6)).toEqual(['Counted 1', 'Counted 2', 'Counted 1']);
    expect(result.runner.world.properties.user('bob@team.example').get('count')).toBe('2');
    expect(result.runner.world.properties.user('alice@team.example').get('count')).toBe('1');
    expect(JSON.stringify(result.outcome.steps[5].card)).toContain('Question for Alice');
    expect(JSON.stringify(result.outcome.steps[6].card)).toContain('bob@team.example');
    expect(result.outcome.steps[3].user).toBe('bob@team.example');
  });

  it('runs an execution in the middle of another, after its k-th call', () => {
    const [inner, outer] = result.outcome.steps.slice(-2);
    expect(inner.functionName).toBe('writeShared');
    expect(outer.functionName).toBe('readTwice');
    expect(outer.returned).toEqual([null, 'bob@team.example']);
    expect(outer.roundTrips.length).toBe(2);
    expect(inner.roundTrips.length).toBe(1);
    expect([inner.index, outer.index]).toEqual([10, 11]);
  });

  it('refuses a message that is not in the acting user’s mailbox', async () => {
    const scenario = loadScenario(join(DIR, 'team.scenario.json'));
    scenario.steps = [{ open: 'm-bob' }];
    const runner = new ScenarioRunner(scenario, loadProject(DIR));
    try {
      expect(runner.runAll()[0].error).toMatch(/no message m-bob in alice@team.example's mailbox/);
    } finally {
      await runner.world.close();
    }
  });

  it('reports an overlap whose call never came', async () => {
    const scenario = loadScenario(join(DIR, 'team.scenario.json'));
    scenario.steps = [{ trigger: 'writeShared', during: { trigger: 'readTwice' }, afterCall: 9 }];
    const runner = new ScenarioRunner(scenario, loadProject(DIR));
    try {
      expect(runner.runAll().map((s) => s.error)).toEqual([
        'overlap: the step made only 2 round trip(s); afterCall 9 never came',
      ]);
    } finally {
      await runner.world.close();
    }
  });
});

describe('sweepOverlap', () => {
  it('runs B at every call index of A, and the race shows where it can', async () => {
    const scenario = loadScenario(join(DIR, 'team.scenario.json'));
    scenario.steps = [];
    const reads = await sweepOverlap(
      {
        scenario,
        project: loadProject(DIR),
        outer: { trigger: 'readTwice' },
        inner: { trigger: 'writeShared', as: 'bob@team.example' },
      },
      (runner) => runner.results.find((r) => r.functionName === 'readTwice')?.returned,
    );
    expect(reads).toEqual([
      ['bob@team.example', 'bob@team.example'],
      [null, 'bob@team.example'],
    ]);
  });
});

describe('npm run workbench', () => {
  it('builds Prospector into dist/ as a project (manifest included) when no --project is given', () => {
    const out = join(__dirname, '..', '..', 'out', 'workbench-cli-test');
    const scenario = join(__dirname, '..', '..', 'fixtures', 'scenarios', 'team', 'no-admin-yet.json');
    const run = spawnSync(
      process.execPath,
      [
        require.resolve('tsx/cli'),
        join(__dirname, '..', '..', 'tools', 'workbench', 'cli.ts'),
        '--scenario',
        scenario,
        '--out',
        out,
        '--quiet',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result.settingsAtEnd.admins).toEqual(['morgan.lee@northwind.example']);
  });
});
