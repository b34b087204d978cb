// `npm run demo [-- --scenario FILE] [--out DIR] [--quiet]`: builds dist/Code.js, runs a scenario in the
// workbench and tells the story of what the add-on did. Writes DIR (default out/): result.json, every
// draft as an .eml file, and the audit sheet as CSV.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildBundle } from './build';
import { cardLines } from './workbench/card-text';
import type { Outcome } from './workbench/outcome';
import { runScenario } from './workbench/run-scenario';
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
    `Wrote ${relative(process.cwd(), args.out) || '.'}/result.json, ${outcome.drafts.length} draft(s) as .eml and the audit sheet as audit.csv.`,
  );
  const problems = [
    ...outcome.errors,
    ...(outcome.safety.draftOnlyViolations
      ? [`${outcome.safety.draftOnlyViolations} draft-only violation(s)`]
      : []),
    ...(outcome.safety.formulaCells
      ? [`${outcome.safety.formulaCells} formula cell(s) in the audit sheet`]
      : []),
  ];
  if (problems.length) {
    console.error(`\nThe run had problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  return 0;
}

function tell(outcome: Outcome, say: (line?: string) => void): void {
  for (const step of outcome.steps) {
    const trips = step.roundTrips.length;
    say(`${step.index}. ${step.label}`);
    say(
      `   ${step.functionName ? `${step.functionName}: ` : ''}${trips} round trip(s), ${(step.modelledMs / 1000).toFixed(2)} s modelled`,
    );
    if (step.error) say(`   ERROR: ${step.error}`);
    if (step.notification) say(`   Notification: ${step.notification}`);
    if (step.openedDraft)
      say(
        `   Gmail opens the reply draft ${step.openedDraft.draftId} in thread ${step.openedDraft.threadId} for review.`,
      );
    if (step.insertedText) say(`   Inserted into the draft:\n${indent(step.insertedText, 6)}`);
    if (step.kind === 'poll' || step.kind === 'trigger') {
      const summary = step.returned as { message?: string; status?: string } | null;
      if (summary && summary.message) say(`   Poll run ${summary.status}: ${summary.message}`);
    }
    if (
      ['open', 'press', 'homepage', 'universal', 'compose', 'calendarEvent'].includes(step.kind) &&
      step.card &&
      !step.openedDraft
    ) {
      say(
        cardLines(step.card)
          .map((l) => `   | ${l}`)
          .join('\n'),
      );
    }
    say();
  }
  say(`Drafts prepared (${outcome.drafts.length}, none sent by the add-on):`);
  for (const draft of outcome.drafts) {
    say(`  - To ${draft.to}: "${draft.subject}"${draft.reply ? ' (reply in the existing thread)' : ''}`);
    say(indent(draft.textBody, 6));
  }
  if (outcome.sentByPerson) say(`  The user sent ${outcome.sentByPerson} draft(s) themselves in Gmail.`);
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

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}

function writeOutputs(outcome: Outcome, out: string): void {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'drafts'), { recursive: true });
  writeFileSync(join(out, 'result.json'), JSON.stringify(outcome, null, 2));
  outcome.drafts.forEach((draft, i) => {
    writeFileSync(join(out, 'drafts', `${String(i + 1).padStart(2, '0')}-${draft.draftId}.eml`), eml(draft));
  });
  const csv = [outcome.audit.header, ...outcome.audit.rows]
    .map((row) => row.map(csvCell).join(','))
    .join('\n');
  writeFileSync(join(out, 'audit.csv'), `${csv}\n`);
}

/** RFC 5322 message with a text and an HTML part, as Gmail would export the draft. */
function eml(draft: Outcome['drafts'][number]): string {
  const boundary = `prospector-${draft.draftId}`;
  return [
    `From: ${draft.from}`,
    `To: ${draft.to}`,
    `Subject: ${draft.subject}`,
    `Date: ${new Date(draft.createdAt).toUTCString()}`,
    'X-Prospector-Status: draft (never sent by Prospector)',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    '',
    draft.textBody,
    `--${boundary}`,
    'Content-Type: text/html; charset=UTF-8',
    '',
    draft.htmlBody,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** CSV for a spreadsheet app: quoted, and a leading = + - @ kept as text with an apostrophe. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
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
