// `npm run workbench -- --project DIR --scenario FILE [--out DIR] [--quiet]`: runs any Apps Script project
// (a folder with appsscript.json and .js/.gs files) through a scenario and writes what happened to DIR
// (default out/workbench): result.json (written even when a step fails), drafts as .eml, the Audit tab as
// CSV. Without --project it builds Prospector and runs dist/. Exits 1 when a step failed, 2 when the
// project or scenario cannot be loaded.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildBundle } from '../build';
import { collectOutcome } from './outcome';
import { writeOutputs } from './outputs';
import { loadProject } from './project';
import type { Project } from './project';
import { ScenarioRunner } from './runner';
import { loadScenario, ScenarioError } from './scenario';
import { tellSteps } from './story';

const ROOT = join(__dirname, '..', '..');
const USAGE = 'Usage: npm run workbench -- [--project DIR] --scenario FILE [--out DIR] [--quiet]';

interface Args {
  project: string | null;
  scenario: string | null;
  out: string;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { project: null, scenario: null, out: join(ROOT, 'out', 'workbench'), quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (!next) throw new ScenarioError(`${flag} needs a value. ${USAGE}`);
      return resolve(next);
    };
    if (flag === '--project') args.project = value();
    else if (flag === '--scenario') args.scenario = value();
    else if (flag === '--out') args.out = value();
    else if (flag === '--quiet') args.quiet = true;
    else throw new ScenarioError(`Unknown option ${flag}. ${USAGE}`);
  }
  if (!args.scenario) throw new ScenarioError(`--scenario is required. ${USAGE}`);
  return args;
}

async function prospectorProject(): Promise<Project> {
  const { code } = await buildBundle();
  const dist = join(ROOT, 'dist');
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'Code.js'), code);
  copyFileSync(join(ROOT, 'appsscript.json'), join(dist, 'appsscript.json'));
  return loadProject(dist);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const scenario = loadScenario(args.scenario as string);
  const project = args.project ? loadProject(args.project) : await prospectorProject();
  const say = args.quiet ? () => undefined : (line = '') => console.log(line);
  const name = project.manifest.addOns?.common?.name || relative(process.cwd(), project.dir);
  say(`Workbench: ${scenario.name} — project ${name} (${relative(process.cwd(), project.dir) || '.'})`);
  say();
  const runner = new ScenarioRunner(scenario, project);
  try {
    const steps = runner.runAll();
    const outcome = collectOutcome(
      runner.world,
      steps,
      scenario.name,
      scenario.now,
      runner.preset?.settingsAtEnd(runner) ?? null,
    );
    writeOutputs(outcome, args.out);
    tellSteps(outcome.steps, say);
    say(
      `${outcome.drafts.length} draft(s), ${outcome.triggers.length} trigger(s), ${outcome.calls.roundTrips} round trips; wrote ${relative(process.cwd(), args.out)}/result.json.`,
    );
    if (outcome.errors.length) {
      console.error(
        `\n${outcome.errors.length} step(s) failed:\n${outcome.errors.map((e) => `  - ${e}`).join('\n')}`,
      );
      return 1;
    }
    return 0;
  } finally {
    await runner.world.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(
      error instanceof ScenarioError
        ? error.message
        : `The workbench failed: ${(error as Error).stack || error}`,
    );
    process.exit(2);
  },
);
