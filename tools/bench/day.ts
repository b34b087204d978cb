// A team's working day, built from the measured cost of each operation in the same bench run (nothing here
// is a constant cost): each rep's sidebar work, every user's hourly polls for 24 h with the daily
// maintenance, and the audit sheet owner's drains. It sums what each user and the HubSpot account spend
// against the daily quotas of day-limits.ts, and finds the team size at which the first one runs out.
// A row the day needs that the run did not measure is listed in `missing`, never guessed.
import type { Cost } from './cost-meter';
import { triggerMinute } from '../../src/core/trigger-minute';
import { QUOTA_LIMITS } from './day-limits';
import type { QuotaName, QuotaScope } from './day-limits';

/** The working day issue 15 describes, for a team of `reps` reps and one admin. */
export const TEAM_DAY = {
  reps: 20,
  admins: 1,
  /** Sidebar work per rep per day, by the sidebar row that measures it. */
  perRep: { coldOpen: 60, replyDraft: 10, holdSlot: 3, addTask: 3, logNote: 2, homepage: 2 },
  /** 150 a day for 20 reps: a bigger team gets leads in proportion. */
  submissionsPerRep: 7.5,
  /** Submissions arrive evenly over these hours (a working day), none at night: busier polls than 24 even hours. */
  workingHours: 10,
  pollsPerDay: 24,
};

export type DayPlan = typeof TEAM_DAY;

/** What one operation spends against each quota: read from a measured Cost. */
export type Usage = Record<QuotaName, number>;

export interface DayInputs {
  sidebar: Array<{ action: string; cost: Cost }>;
  /** Polls whose new leads are all the user's own: the poller rows (their total over the executions). */
  ownPolls: Array<{ submissions: number; cost: Cost }>;
  /** Polls whose new leads all belong to a colleague (day-bench.ts). */
  colleaguePolls: Array<{ submissions: number; cost: Cost }>;
  maintenance: Cost | null;
}

export interface DayQuota {
  name: QuotaName;
  label: string;
  used: number;
  limit: number;
  unit: string;
  /** used / limit. */
  share: number;
  scope: QuotaScope;
  /** Whose allowance: the busiest user ('rep' or 'admin') for a per-user quota, or 'account'. */
  whose: 'rep' | 'admin' | 'account';
  tier: string;
  source: string;
}

export interface Day {
  reps: number;
  admins: number;
  submissions: number;
  quotas: DayQuota[];
  /** The first quota to pass 100 % as the team grows (reps), or null when none does up to MAX_REPS. */
  firstToRunOut: { name: QuotaName; label: string; atReps: number } | null;
  /** Rows the day needs that the bench run lacks: their share counts as zero, so `used` is a lower bound. */
  missing: string[];
  /** Measured sizes a poll went beyond, so its cost was extended along the last two measured points. */
  extrapolated: string[];
  assumptions: string[];
}

/** Teams are searched up to this size for the first quota to run out. */
export const MAX_REPS = 20_000;
/** The audit owner's drain row, as the sidebar bench names it (any action containing "drain"). */
const DRAIN = /drain/i;

const ZERO: Usage = {
  triggerRuntime: 0,
  urlFetch: 0,
  properties: 0,
  gmail: 0,
  calendarEvents: 0,
  hubspotDaily: 0,
  hubspotBurst: 0,
};

function count(cost: Cost, pattern: RegExp): number {
  return Object.entries(cost.byMethod)
    .filter(([key]) => pattern.test(key))
    .reduce((sum, [, n]) => sum + n, 0);
}

/**
 * What one measured cost spends. URL Fetch counts every request (a fetchAll of five is five calls: the
 * stricter reading of "URL Fetch calls"); Gmail counts GmailApp calls (REST reads through UrlFetchApp count
 * as URL Fetch calls here); trigger runtime is the modelled time of every execution, card callbacks included.
 */
export function usageOf(cost: Cost): Usage {
  return {
    triggerRuntime: cost.modelledMs / 1000,
    urlFetch: cost.hubspotRequests + cost.googleApiRequests,
    properties: cost.byService.PropertiesService || 0,
    gmail: cost.byService.GmailApp || 0,
    calendarEvents: count(cost, /^Calendar(App|Event)?\.create/),
    hubspotDaily: cost.hubspotRequests,
    hubspotBurst: cost.hubspotRequests,
  };
}

const add = (a: Usage, b: Usage, times = 1): Usage =>
  Object.fromEntries(Object.keys(a).map((k) => [k, a[k as QuotaName] + times * b[k as QuotaName]])) as Usage;

/** Linear between the measured sizes; past the largest, along its last two points (and says so). */
function interpolate(
  points: Array<{ submissions: number; usage: Usage }>,
  x: number,
  label: string,
  extrapolated: Set<string>,
): Usage {
  const sorted = [...points].sort((a, b) => a.submissions - b.submissions);
  let i = sorted.findIndex((p) => p.submissions >= x);
  if (i >= 0 && sorted[i].submissions === x) return sorted[i].usage;
  if (i < 0) {
    i = sorted.length - 1;
    extrapolated.add(`${label} past ${sorted[i].submissions} submissions`);
  }
  const hi = sorted[Math.max(i, 1)];
  const lo = sorted[Math.max(i, 1) - 1];
  const t = (x - lo.submissions) / (hi.submissions - lo.submissions);
  return add(lo.usage, add(hi.usage, lo.usage, -1), t);
}

interface Prepared {
  rows: Map<string, Usage>;
  own: Array<{ submissions: number; usage: Usage }>;
  colleague: Array<{ submissions: number; usage: Usage }>;
  maintenance: Usage;
  drain: Usage;
  missing: string[];
}

function prepare(inputs: DayInputs, plan: DayPlan): Prepared {
  const missing: string[] = [];
  const rows = new Map<string, Usage>();
  for (const action of Object.keys(plan.perRep)) {
    const row = inputs.sidebar.find((r) => r.action === action);
    if (row) rows.set(action, usageOf(row.cost));
    else missing.push(`sidebar row "${action}"`);
  }
  const drainRow = inputs.sidebar.find((r) => DRAIN.test(r.action));
  if (!drainRow) missing.push('the audit owner\'s drain row (a sidebar row whose action names "drain")');
  const idle = [...inputs.colleaguePolls, ...inputs.ownPolls].find((p) => p.submissions === 0);
  const own = inputs.ownPolls.filter((p) => p.submissions > 0).map((p) => ({ ...p, usage: usageOf(p.cost) }));
  const colleague = inputs.colleaguePolls.map((p) => ({ ...p, usage: usageOf(p.cost) }));
  if (!idle) missing.push('a poll with nothing new (poller row 0)');
  for (const n of [1, 10])
    if (!inputs.ownPolls.some((p) => p.submissions === n)) missing.push(`poller row ${n}`);
  if (colleague.length < 2) missing.push("polls of a colleague's leads (day-bench)");
  if (!inputs.maintenance) missing.push('the daily maintenance');
  const zeroPoint = { submissions: 0, usage: idle ? usageOf(idle.cost) : ZERO };
  const withZero = (points: typeof own) =>
    points.some((p) => p.submissions === 0) ? points : [zeroPoint, ...points];
  return {
    rows,
    own: withZero(own).length > 1 ? withZero(own) : [zeroPoint, { submissions: 1, usage: zeroPoint.usage }],
    colleague:
      withZero(colleague).length > 1
        ? withZero(colleague)
        : [zeroPoint, { submissions: 1, usage: zeroPoint.usage }],
    maintenance: inputs.maintenance ? usageOf(inputs.maintenance) : ZERO,
    drain: drainRow ? usageOf(drainRow.cost) : ZERO,
    missing,
  };
}

/**
 * One poll that sees `seen` new submissions of which `own` are the user's: the colleague poll of the rest
 * plus what the own leads add to an idle poll. The reads both parts share are counted twice: an upper bound.
 */
function pollUsage(p: Prepared, seen: number, own: number, extrapolated: Set<string>): Usage {
  const idle = p.colleague.find((c) => c.submissions === 0)!.usage;
  const others = interpolate(p.colleague, seen - own, "a colleague's-leads poll", extrapolated);
  const mine = interpolate(p.own, own, 'an own-leads poll', extrapolated);
  return add(others, add(mine, idle, -1));
}

interface Users {
  rep: Usage;
  admin: Usage;
  account: Usage;
  /** HubSpot requests in the busiest 10 s. */
  burst: number;
}

function team(p: Prepared, plan: DayPlan, reps: number, extrapolated: Set<string>): Users {
  const submissions = reps * plan.submissionsPerRep;
  const perHour = submissions / plan.workingHours;
  const busyPoll = (own: number) => pollUsage(p, perHour, own, extrapolated);
  const quietPoll = pollUsage(p, 0, 0, extrapolated);
  const quietHours = plan.pollsPerDay - plan.workingHours;
  // Each rep owns an equal share of the leads; the admin owns none but drains the audit queue every hour.
  let rep = add(add(ZERO, busyPoll(perHour / reps), plan.workingHours), quietPoll, quietHours);
  rep = add(rep, p.maintenance);
  for (const [action, times] of Object.entries(plan.perRep))
    rep = add(rep, p.rows.get(action) ?? ZERO, times);
  let admin = add(add(ZERO, busyPoll(0), plan.workingHours), quietPoll, quietHours);
  admin = add(add(admin, p.maintenance), p.drain, plan.pollsPerDay);
  const account = add(add(ZERO, rep, reps), admin, plan.admins);
  // Each user's hourly trigger asks for its own minute (core/trigger-minute.ts) and Apps Script runs it
  // within 15 minutes of it: the polls whose start falls in the busiest 10 s of a bad hour (the 99th
  // percentile over simulated hours) count all their HubSpot requests in that window. Sidebar requests add
  // their working-hours average per 10 s.
  const users = reps + plan.admins;
  const inWindow = Math.min(users, pollsInBusiestWindow(users));
  const repShare = Math.min(inWindow, reps);
  const sidebarPerTenSeconds =
    (reps *
      Object.entries(plan.perRep).reduce((s, [a, n]) => s + n * (p.rows.get(a)?.hubspotDaily ?? 0), 0)) /
    (plan.workingHours * 360);
  const burst =
    repShare * busyPoll(perHour / reps).hubspotDaily +
    (inWindow - repShare) * busyPoll(0).hubspotDaily +
    sidebarPerTenSeconds;
  return { rep, admin, account, burst };
}

/**
 * Simulated poll starts (hours x users), and the hour whose busiest 10 s the peak takes (not the worst hour
 * ever drawn): 2,000 hours for a 20-rep team, fewer for a big one so the search for the first quota to run
 * out stays quick.
 */
const PEAK_SAMPLES = 42_000;
const PEAK_HOURS_MAX = 2000;
const PEAK_PERCENTILE = 0.99;
/** Apps Script runs a trigger within this much of the minute it asked for (nearMinute). */
const NEAR_MINUTE_SPREAD_S = 15 * 60;

const busiestWindowCache = new Map<number, number>();

/** Polls starting within one 10 s window in a bad hour, for `users` triggers spread as the add-on asks. */
export function pollsInBusiestWindow(users: number): number {
  const cached = busiestWindowCache.get(users);
  if (cached !== undefined) return cached;
  const hours = Math.max(50, Math.min(PEAK_HOURS_MAX, Math.floor(PEAK_SAMPLES / users)));
  let seed = 0x9e3779b9;
  const random = () => {
    // mulberry32: the same figures on every run.
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const asked = Array.from({ length: users }, (_, i) => triggerMinute(`user${i}@team.example`) * 60);
  const peaks: number[] = [];
  for (let hour = 0; hour < hours; hour++) {
    const starts = asked.map((at) => at + (random() * 2 - 1) * NEAR_MINUTE_SPREAD_S).sort((a, b) => a - b);
    let peak = 0;
    for (let i = 0, j = 0; i < starts.length; i++) {
      while (starts[i] - starts[j] >= 10) j++;
      peak = Math.max(peak, i - j + 1);
    }
    peaks.push(peak);
  }
  peaks.sort((a, b) => a - b);
  const peak = peaks[Math.floor(PEAK_PERCENTILE * (peaks.length - 1))];
  busiestWindowCache.set(users, peak);
  return peak;
}

function quotasOf(users: Users): DayQuota[] {
  return QUOTA_LIMITS.map((q) => {
    let used: number;
    let whose: DayQuota['whose'];
    if (q.name === 'hubspotBurst') [used, whose] = [users.burst, 'account'];
    else if (q.scope === 'account') [used, whose] = [users.account[q.name], 'account'];
    else if (users.admin[q.name] > users.rep[q.name]) [used, whose] = [users.admin[q.name], 'admin'];
    else [used, whose] = [users.rep[q.name], 'rep'];
    return {
      name: q.name,
      label: q.label,
      used,
      limit: q.limit,
      unit: q.unit,
      share: used / q.limit,
      scope: q.scope,
      whose,
      tier: q.tier,
      source: q.source,
    };
  });
}

export function modelDay(inputs: DayInputs, plan: DayPlan = TEAM_DAY): Day {
  const prepared = prepare(inputs, plan);
  const extrapolated = new Set<string>();
  const quotas = quotasOf(team(prepared, plan, plan.reps, extrapolated));
  // Every use grows with the team, so the smallest team that passes a limit is found by bisection.
  const overAt = (reps: number) =>
    quotasOf(team(prepared, plan, reps, new Set())).find((q) => q.used > q.limit) || null;
  let firstToRunOut: Day['firstToRunOut'] = null;
  // Doubling first keeps the simulated teams near the answer (a 20,000-rep hour is slow to draw).
  let high = Math.max(1, plan.reps);
  while (high < MAX_REPS && !overAt(high)) high = Math.min(MAX_REPS, high * 2);
  if (overAt(high)) {
    let low = high > plan.reps ? Math.floor(high / 2) : 0;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (overAt(middle)) high = middle;
      else low = middle;
    }
    const over = overAt(high)!;
    firstToRunOut = { name: over.name, label: over.label, atReps: high };
  }
  return {
    reps: plan.reps,
    admins: plan.admins,
    submissions: plan.reps * plan.submissionsPerRep,
    quotas,
    firstToRunOut,
    missing: prepared.missing,
    extrapolated: [...extrapolated],
    assumptions: [
      `each rep: ${Object.entries(plan.perRep)
        .map(([a, n]) => `${n} ${a}`)
        .join(', ')}; every open is cold (none remembered)`,
      `${plan.submissionsPerRep} submissions per rep per day, evenly over ${plan.workingHours} working hours; each rep owns an equal share`,
      `${plan.pollsPerDay} hourly polls per user; each poll reads every new submission, drafts only its own`,
      'the admin owns the audit sheet, owns no leads, and drains the audit queue once an hour',
      'trigger runtime counts every execution of the user, card callbacks included',
      `HubSpot's peak: each user's trigger asks for its own minute of the hour and runs within 15 minutes of it; the busiest 10 s of the ${PEAK_PERCENTILE * 100}th-percentile hour over ${PEAK_HOURS_MAX} simulated hours, every poll in it a busy-hour poll sending all its requests inside the window`,
    ],
  };
}
