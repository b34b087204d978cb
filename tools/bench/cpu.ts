// Real CPU time of our own code, the part the simulated clock does not see: slot finding in a crowded
// calendar, composing a run's drafts, and the bundle's size and parse time in a bare V8 context (what
// Apps Script pays at the start of every execution). Times are medians of repeated runs on this machine.
import { build } from 'esbuild';
import { cpus } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { composeDraft } from '../../src/core/compose';
import { DEFAULT_SLOT_RULES, findFreeSlots } from '../../src/core/slots';
import type { BusyEvent, Slot, SlotRules } from '../../src/core/slots';
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import { BENCH_NOW, BENCH_USER } from './scenarios';

const SLOT_BUSY_EVENTS = 1000;
const SLOT_HORIZON_DAYS = 14;
const COMPOSED_DRAFTS = 100;

export interface Timing {
  medianMs: number;
  p95Ms: number;
  runs: number;
}

export interface CpuResult {
  slotFinding: Timing & { busyEvents: number; horizonDays: number; slotsFound: number };
  compose100: Timing & { drafts: number };
  bundle: { bytes: number; parse: Timing; minifiedBytes: number; largest: Array<[string, number]> };
  machine: { node: string; cpu: string };
}

function time(runs: number, warmup: number, work: (i: number) => void): Timing {
  for (let i = 0; i < warmup; i++) work(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    work(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    medianMs: round(samples[Math.floor(runs / 2)]),
    p95Ms: round(samples[Math.floor(runs * 0.95)]),
    runs,
  };
}

/** A deterministic pseudo-random sequence (LCG), so every run times the same calendar. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 4_294_967_296;
    return state / 4_294_967_296;
  };
}

/** `count` meetings of 15 to 90 minutes at random quarter hours over `days` days from now, some declined. */
function crowdedCalendar(now: number, days: number, count: number): BusyEvent[] {
  const next = sequence(20_260_310);
  const quarter = 15 * 60_000;
  return Array.from({ length: count }, () => {
    const start = now + Math.floor(next() * ((days * 86_400_000) / quarter)) * quarter;
    const minutes = 15 * (1 + Math.floor(next() * 6));
    return {
      start,
      end: start + minutes * 60_000,
      responseStatus: next() < 0.1 ? ('declined' as const) : ('accepted' as const),
    };
  });
}

export function benchSlotFinding(): CpuResult['slotFinding'] {
  const rules: SlotRules = {
    ...DEFAULT_SLOT_RULES,
    timeZone: BENCH_USER.timeZone,
    horizonDays: SLOT_HORIZON_DAYS,
  };
  const busy = crowdedCalendar(BENCH_NOW, SLOT_HORIZON_DAYS, SLOT_BUSY_EVENTS);
  let found: Slot[] = [];
  const timing = time(200, 20, () => {
    found = findFreeSlots(rules, busy, BENCH_NOW);
  });
  return { ...timing, busyEvents: busy.length, horizonDays: SLOT_HORIZON_DAYS, slotsFound: found.length };
}

export function benchCompose(): CpuResult['compose100'] {
  const slots = Array.from({ length: 5 }, (_, k) => ({
    start: BENCH_NOW + (k + 1) * 86_400_000,
    end: BENCH_NOW + (k + 1) * 86_400_000 + 30 * 60_000,
  }));
  const timing = time(20, 3, () => {
    for (let i = 0; i < COMPOSED_DRAFTS; i++) {
      composeDraft({
        recipient: {
          email: `lead${i}@company${i}.example`,
          firstName: `Lead${i}`,
          lastName: 'Prospect',
          company: `Company ${i} <Holdings> & Sons`,
          timeZone: i % 2 ? 'europe_slash_london' : 'Asia/Tokyo',
          message: `We would like a demo for team ${i}.\nSecond line with "quotes".`,
          sourcePage: 'https://northwind.example/demo',
        },
        sender: { name: BENCH_USER.name, email: BENCH_USER.email, timeZone: BENCH_USER.timeZone },
        slots,
        template: DEFAULT_TEMPLATES[0],
        locale: BENCH_USER.locale,
      });
    }
  });
  return { ...timing, drafts: COMPOSED_DRAFTS };
}

/**
 * Compiles and runs the bundle in a fresh, empty context each time. A comment makes each source text
 * unique, so V8's compilation cache cannot hand back an earlier compile.
 */
export async function benchBundle(code: string): Promise<CpuResult['bundle']> {
  const parse = time(15, 2, (i) => {
    const context = vm.createContext({});
    new vm.Script(`${code}\n// parse ${i}`, { filename: 'Code.js' }).runInContext(context);
  });
  return { bytes: Buffer.byteLength(code, 'utf8'), parse, ...(await bundleComposition()) };
}

export function machine(): CpuResult['machine'] {
  const cores = cpus();
  return { node: process.version, cpu: `${cores[0]?.model ?? 'unknown'} x${cores.length}` };
}

/** The largest sources in the unminified bundle, and what full minification would leave: where size goes. */
async function bundleComposition(): Promise<{ minifiedBytes: number; largest: Array<[string, number]> }> {
  const options = {
    entryPoints: [join(__dirname, '..', '..', 'src', 'main.ts')],
    bundle: true,
    format: 'iife' as const,
    platform: 'browser' as const,
    target: 'es2019',
    legalComments: 'none' as const,
    write: false as const,
    logLevel: 'warning' as const,
  };
  const plain = await build({ ...options, metafile: true });
  const minified = await build({ ...options, minify: true });
  const inputs = Object.values(plain.metafile.outputs)[0].inputs;
  const largest = Object.entries(inputs)
    .map(([file, input]): [string, number] => [file, input.bytesInOutput])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8);
  return { minifiedBytes: Buffer.byteLength(minified.outputFiles[0].text, 'utf8'), largest };
}
