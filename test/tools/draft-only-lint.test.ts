// The ESLint half of the structural draft-only check (eslint.config.mjs, `no-restricted-syntax` on src/):
// small samples linted as if they were files of src/, so a loosened selector fails here.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface Sample {
  code: string;
  filePath: string;
}

// ESLint loads eslint.config.mjs by a dynamic import, which jest's module sandbox refuses: lint every
// sample in one plain Node process instead.
const LINT_SAMPLES = `
const { ESLint } = require('eslint');
const samples = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all(samples.map(async (s) => (await eslint.lintText(s.code, { filePath: s.filePath }))[0].messages))
  .then((all) => process.stdout.write(JSON.stringify(all)));
`;

function lintAll(samples: Sample[]): { ruleId: string | null; message: string; line: number }[][] {
  const out = execFileSync(process.execPath, ['-e', LINT_SAMPLES], {
    cwd: join(__dirname, '..', '..'),
    input: JSON.stringify(samples),
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

const wrap = (line: string) => `export function sample(d: any): void {\n  ${line}\n}\n`;

const REFUSED = [
  "d['send']();",
  'd[`send`]();',
  'd.sendEmail("a@b.example", "s", "b");',
  "d['replyAll']('x');",
  'd.forward("a@b.example");',
  'd.addGuest("a@b.example");',
  'const { reply } = d; reply("x");',
  "const { 'send': s } = d; s();",
];
const ALLOWED = "d.createReplyDraft('x'); d['getId'](); d.sender; d[`sendInvites`];";

let results: ReturnType<typeof lintAll> = [];
beforeAll(() => {
  results = lintAll([
    ...REFUSED.map((line) => ({ code: wrap(line), filePath: 'src/app/sample.ts' })),
    { code: wrap(ALLOWED), filePath: 'src/core/sample.ts' },
    { code: wrap("d['send']();"), filePath: 'tools/workbench/sample.ts' },
  ]);
}, 120_000);

const draftOnlyLines = (i: number) =>
  results[i]
    .filter((m) => m.ruleId === 'no-restricted-syntax' && /draft-only/.test(m.message))
    .map((m) => m.line);

describe('the draft-only lint rule over src/', () => {
  it.each(REFUSED.map((line, i) => [line, i] as const))('refuses %s', (_line, i) => {
    expect(draftOnlyLines(i)).toEqual([2]);
  });

  it('lets draft work through', () => {
    expect(draftOnlyLines(REFUSED.length)).toEqual([]);
  });

  it('applies to src/ only (the workbench fakes define the throwing send methods)', () => {
    expect(draftOnlyLines(REFUSED.length + 1)).toEqual([]);
  });
});
