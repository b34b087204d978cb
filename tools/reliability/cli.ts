// `npm run reliability [-- --fast] [--case TEXT] [--out FILE]`: builds the bundle, runs the reliability
// matrix in the workbench, prints the table and writes it as JSON (default reliability/results.json).
// Exits 1 when any "should be zero" column is not zero.
import { mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { buildBundle } from '../build';
import { runMatrix, selectCases } from './matrix';
import { failing, formatFindings, formatTable } from './report';
import type { Report } from './report';
import { writeJson } from './write-json';

const ROOT = join(__dirname, '..', '..');
const USAGE = 'Usage: npm run reliability -- [--fast] [--case TEXT] [--out FILE]';

interface Args {
  fast: boolean;
  filter?: string;
  out: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { fast: false, out: join(ROOT, 'reliability', 'results.json') };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--fast') args.fast = true;
    else if (flag === '--case') args.filter = argv[++i];
    else if (flag === '--out') args.out = resolve(argv[++i] || '');
    else throw new Error(`Unknown option ${flag}. ${USAGE}`);
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const cases = selectCases({ fast: args.fast, filter: args.filter });
  if (!cases.length) throw new Error(`No case matches '${args.filter}'. ${USAGE}`);
  const { code } = await buildBundle();
  console.log(
    `Reliability matrix: ${cases.length} case(s)${args.fast ? ' (fast subset)' : ''}, real bundle in the workbench (Apps Script fakes, HubSpot sandbox on loopback).`,
  );
  const { rows, totals } = await runMatrix(cases, code, (row) =>
    console.log(`  ${failing(row).length ? 'FAIL' : 'ok  '} ${row.name} (${(row.ms / 1000).toFixed(1)} s)`),
  );
  const report: Report = {
    generatedAt: new Date().toISOString(),
    fast: args.fast,
    bundleBytes: Buffer.byteLength(code),
    rows,
    totals,
    passed: rows.every((row) => !failing(row).length),
  };
  console.log();
  console.log(formatTable(rows, totals));
  const findings = formatFindings(rows);
  if (findings) console.log(`\n${findings}`);
  mkdirSync(dirname(args.out), { recursive: true });
  await writeJson(args.out, report);
  console.log(`\nWrote ${relative(process.cwd(), args.out)}.`);
  console.log(
    report.passed
      ? 'Every "should be zero" column is zero.'
      : 'Some "should be zero" columns are not zero (marked !).',
  );
  return report.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error((error as Error).message || error);
    process.exit(2);
  },
);
