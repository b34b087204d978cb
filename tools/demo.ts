// `npm run demo [-- --scenario FILE] [--out DIR] [--quiet]`: builds dist/Code.js, runs a scenario in the
// workbench and tells the story of what the add-on did. Writes DIR (default out/): result.json, every
// draft as an .eml file, and the audit sheet as CSV.
import { countOf } from '../src/core/plural';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildBundle } from './build';
import type { Outcome } from './workbench/outcome';
import { writeOutputs } from './workbench/outputs';
import { runScenario } from './workbench/run-scenario';
import { indent, tellSteps } from './workbench/story';
import type { Say } from './workbench/story';
import { loadScenario, ScenarioError } from './workbench/scenario';

const ROOT = join(__dirname, '..');
const DEFAULT_SCENARIO = join(ROOT, 'fixtures', 'scenarios', 'default.json');

interface Args {
  scenario: string;
  out: string;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { scenario: DEFAULT_SCENARIO, out: join(ROOT, 'out'), quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--scenario') args.scenario = resolve(argv[++i] || '');
    else if (flag === '--out') args.out = resolve(argv[++i] || '');
    else if (flag === '--quiet') args.quiet = true;
    else
      throw new ScenarioError(
        `Unknown option ${flag}. Usage: npm run demo -- [--scenario FILE] [--out DIR] [--quiet]`,
      );
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const scenario = loadScenario(args.scenario);
  const { code, entryPoints } = await buildBundle();
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  writeFileSync(join(ROOT, 'dist', 'Code.js'), code);
  const say = args.quiet ? () => undefined : (line = '') => console.log(line);
  say(`Prospector workbench: ${scenario.name}`);
  say(
    `Bundle dist/Code.js: ${(Buffer.byteLength(code) / 1024).toFixed(1)} KB, ${entryPoints.length} entry points. No Google or HubSpot account is used: Apps Script services are local fakes and HubSpot is a sandbox on loopback.`,
  );
  say();
  const outcome = await runScenario(scenario, code);
  tell(outcome, say);
  writeOutputs(outcome, args.out);
  say();
  say(
    `Wrote ${relative(process.cwd(), args.out) || '.'}/result.json, ${countOf(outcome.drafts.length, 'draft')} as .eml and the audit sheet as audit.csv.`,
  );
  const problems = [
    ...outcome.errors,
    ...(outcome.safety.draftOnlyViolations
      ? [countOf(outcome.safety.draftOnlyViolations, 'draft-only violation')]
      : []),
    ...(outcome.safety.formulaCells
      ? [`${countOf(outcome.safety.formulaCells, 'formula cell')} in the audit sheet`]
      : []),
  ];
  if (problems.length) {
    console.error(`\nThe run had problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  return 0;
}

function tell(outcome: Outcome, say: Say): void {
  tellSteps(outcome.steps, say);
  say(`Drafts prepared (${outcome.drafts.length}, none sent by the add-on):`);
  for (const draft of outcome.drafts) {
    say(`  - To ${draft.to}: "${draft.subject}"${draft.reply ? ' (reply in the existing thread)' : ''}`);
    say(indent(draft.textBody, 6));
  }
  if (outcome.sentByPerson)
    say(`  The user sent ${countOf(outcome.sentByPerson, 'draft')} themselves in Gmail.`);
  say();
  say(`HubSpot writes (${outcome.hubspotWrites.length}):`);
  for (const write of outcome.hubspotWrites) say(`  - ${write.method} ${write.path} -> ${write.status}`);
  for (const task of outcome.hubspotRecords.tasks as Array<{
    id: string;
    properties: Record<string, string>;
  }>) {
    say(`    task ${task.id}: ${task.properties.hs_task_subject} (due ${task.properties.hs_timestamp})`);
  }
  say();
  say(`Audit trail (${outcome.audit.rows.length} rows in the "Audit" tab):`);
  for (const row of outcome.audit.rows)
    say(`  ${row[0]}  ${row[3].padEnd(18)} ${row[7].padEnd(8)} ${row[8]}`);
  say();
  const services = Object.entries(outcome.calls.byService)
    .sort((a, b) => b[1] - a[1])
    .map(([service, n]) => `${service} ${n}`)
    .join(', ');
  say(
    `Service calls: ${outcome.calls.roundTrips} round trips (${services}); ${outcome.calls.hubspotRequests} HubSpot requests.`,
  );
  say(`Simulated time: ${outcome.simulatedStart} -> ${outcome.simulatedEnd}.`);
  say(
    `Safety: ${outcome.safety.draftOnlyViolations} send attempts, ${outcome.safety.calendarInvitations} invitations, ${outcome.safety.formulaCells} formula cells in the audit sheet.`,
  );
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(
      error instanceof ScenarioError ? error.message : `The demo failed: ${(error as Error).stack || error}`,
    );
    process.exit(2);
  },
);
