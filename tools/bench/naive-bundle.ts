// Builds the naive baselines (naive-entry.ts) as Apps Script code: one IIFE plus a top-level function per
// entry, like dist/Code.js. The bench appends it to the add-on's bundle, as a second file of the same
// Apps Script project, so World.run can call either.
import { build } from 'esbuild';
import { join } from 'node:path';

const NAIVE_GLOBAL = 'NaiveBaseline';
const NAIVE_ENTRY_POINTS = ['naiveSidebarOpen', 'naivePoll'] as const;

export async function buildNaiveBundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'naive-entry.ts')],
    bundle: true,
    format: 'iife',
    globalName: NAIVE_GLOBAL,
    platform: 'browser',
    target: 'es2019',
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
  });
  const footer = NAIVE_ENTRY_POINTS.map(
    (name) => `function ${name}(e) {\n  return ${NAIVE_GLOBAL}.${name}(e);\n}`,
  ).join('\n');
  return `${result.outputFiles[0].text}\n${footer}\n`;
}
