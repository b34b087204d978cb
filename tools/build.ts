// `npm run build`: src/main.ts -> dist/Code.js (one IIFE plus a top-level function per entry point, since
// Apps Script only calls global function declarations) and dist/appsscript.json.
import { build } from 'esbuild';
import { mkdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
/** The IIFE's result lives in this one global; the entry-point functions forward to it. */
export const BUNDLE_GLOBAL = 'Prospector';

export async function buildBundle(): Promise<{ code: string; entryPoints: string[] }> {
  const result = await build({
    entryPoints: [join(ROOT, 'src/main.ts')],
    bundle: true,
    format: 'iife',
    globalName: BUNDLE_GLOBAL,
    platform: 'browser',
    target: 'es2019',
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
  });
  const iife = result.outputFiles[0].text;
  const entryPoints = exportedFunctions(iife);
  const footer = entryPoints
    .map((name) => `function ${name}(e) {\n  return ${BUNDLE_GLOBAL}.${name}(e);\n}`)
    .join('\n');
  const code = `${iife}\n// Entry points Apps Script calls by name (triggers and card actions).\n${footer}\n`;
  return { code, entryPoints };
}

/** Evaluates the IIFE with no Apps Script services at all: loading must not touch them. */
function exportedFunctions(iife: string): string[] {
  const context = vm.createContext({});
  vm.runInContext(`${iife}\nthis.__exports = ${BUNDLE_GLOBAL};`, context);
  const api = (context as { __exports: Record<string, unknown> }).__exports;
  return Object.keys(api)
    .filter((key) => typeof api[key] === 'function')
    .sort();
}

async function main(): Promise<void> {
  const { code, entryPoints } = await buildBundle();
  mkdirSync(DIST, { recursive: true });
  writeFileSync(join(DIST, 'Code.js'), code);
  copyFileSync(join(ROOT, 'appsscript.json'), join(DIST, 'appsscript.json'));
  console.log(
    `dist/Code.js: ${(Buffer.byteLength(code) / 1024).toFixed(1)} KB, ${entryPoints.length} entry points`,
  );
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
