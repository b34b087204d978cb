// What the team's day needs beyond the sidebar and poller rows, measured the same way: a rep's hourly poll
// when the new submissions are a colleague's leads (every rep's poller reads every watched form and routes
// after the read, so most of what a rep's poll sees belongs to someone else), and the daily maintenance.
import { openBenchRunner } from './bench-world';
import type { BenchBundles } from './bench-world';
import { CostMeter } from './cost-meter';
import type { Cost } from './cost-meter';
import { benchScenario } from './scenarios';
import type { Scenario } from '../workbench/scenario';

/** The sizes the day interpolates between; the poller rows use the same ones. */
export const COLLEAGUE_POLL_SIZES = [0, 1, 10, 100];

export interface MeasuredPoll {
  submissions: number;
  cost: Cost;
  error: string | null;
}

export interface DayBench {
  /** One poll execution that finds `submissions` new leads, all owned by a colleague. */
  colleaguePolls: MeasuredPoll[];
  /** dailyMaintenance as its own execution, after a poll left audit rows and tracked drafts behind. */
  maintenance: { cost: Cost; error: string | null };
}

/** The bench world with every prospect's contact owned by the other owner (a colleague), not the user. */
export function colleagueScenario(submissions: number): Scenario {
  const scenario = benchScenario(submissions);
  const owners = scenario.hubspot?.owners ?? [];
  const colleague = owners.find((o) => o.email !== scenario.user.email);
  if (!colleague) throw new Error('the bench world has no second owner to give the leads to');
  const contacts = (scenario.hubspot?.contacts ?? []).map((c) => ({
    ...c,
    properties: { ...c.properties, hubspot_owner_id: colleague.id },
  }));
  return {
    ...scenario,
    file: `bench:colleague:${submissions}`,
    name: `Benchmark world: ${submissions} submission(s) for a colleague`,
    hubspot: { ...scenario.hubspot!, contacts },
  };
}

async function colleaguePoll(bundles: BenchBundles, submissions: number): Promise<MeasuredPoll> {
  const runner = openBenchRunner(colleagueScenario(submissions), bundles);
  try {
    const meter = new CostMeter(runner.world);
    const step = meter.execution(() => runner.step({ poll: true }));
    const drafts = runner.world.mailbox.drafts.length;
    const error = step.error || (drafts ? `drafted ${drafts} colleague lead(s)` : null);
    return { submissions, cost: meter.cost(), error };
  } finally {
    await runner.world.close();
  }
}

async function maintenance(bundles: BenchBundles): Promise<DayBench['maintenance']> {
  const runner = openBenchRunner(benchScenario(10), bundles);
  try {
    runner.step({ poll: true });
    const meter = new CostMeter(runner.world);
    try {
      meter.execution(() => runner.world.run('dailyMaintenance', 'trigger'));
      return { cost: meter.cost(), error: null };
    } catch (e) {
      return { cost: meter.cost(), error: (e as Error).message };
    }
  } finally {
    await runner.world.close();
  }
}

export async function benchDay(bundles: BenchBundles): Promise<DayBench> {
  const colleaguePolls: MeasuredPoll[] = [];
  for (const n of COLLEAGUE_POLL_SIZES) colleaguePolls.push(await colleaguePoll(bundles, n));
  return { colleaguePolls, maintenance: await maintenance(bundles) };
}
