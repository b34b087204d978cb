// The concurrency sweep: a team at work at once. In the team world of fixtures/scenarios/team/concurrency.json
// (Morgan the admin owns the audit sheet; Alex and Sam take unassigned leads; Jordan does not), another
// person's execution runs to completion at every service call of Sam's poll run: the admin saving team
// settings, another rep's poll, Sam's own Settings save (his user store, which his run also writes), a
// colleague's save (its audit events queued), and the owner's poll run (which drains the audit queue).
// Then every rep's trigger runs twice more, and the invariants are checked: each lead drafted once, by
// one rep, with one task and one note; every draft audited; no write undone or lost.
import { join } from 'node:path';
import { auditRows } from '../../workbench/outcome';
import { sweepOverlap } from '../../workbench/overlap';
import type { ScenarioRunner } from '../../workbench/runner';
import { loadScenario } from '../../workbench/scenario';
import type { Step } from '../../workbench/scenario';
import type { ReliabilityCase } from '../case';
import { addMetrics, emptyMetrics } from '../measure';
import type { Metrics } from '../measure';

const WORLD = join(__dirname, '..', '..', '..', 'fixtures', 'scenarios', 'team', 'concurrency.json');
const MORGAN = 'morgan.lee@northwind.example';
const ALEX = 'alex.rivera@northwind.example';
const SAM = 'sam.okafor@northwind.example';
const JORDAN = 'jordan.kim@northwind.example';
/** The leads of the world, each to be drafted exactly once (the 1999 submission is rejected instead). */
const LEADS = [
  'marcus.johnson@brightpath.example',
  'priya.patel@lumenretail.example',
  'sarah.chen@acmelogistics.example',
];

interface Interleaving {
  label: string;
  inner: Step;
  /** Whether the inner step's write is still there at the end, when the person was told it was saved. */
  kept?: (runner: ScenarioRunner) => boolean;
}

const saved = (runner: ScenarioRunner, who: string) =>
  runner.results.some((r) => r.user === who && /Saved\./.test(JSON.stringify(r.card || '')));

const INTERLEAVINGS: Interleaving[] = [
  {
    label: 'the admin saves team settings',
    inner: { saveSettings: { shared: { domainDailyLimit: 5 } }, as: MORGAN },
    kept: (runner) =>
      !saved(runner, MORGAN) ||
      JSON.parse(runner.world.properties.script.get('settings.shared') || '{}').domainDailyLimit === 5,
  },
  { label: "another rep's poll", inner: { poll: true, as: ALEX } },
  {
    label: 'Sam saves his own settings',
    inner: { saveSettings: { user: { senderName: 'Sam O.' } }, as: SAM },
    kept: (runner) =>
      !saved(runner, SAM) ||
      JSON.parse(runner.world.properties.user(SAM).get('settings.user') || '{}').senderName === 'Sam O.',
  },
  {
    label: "a colleague's save (audit events queued)",
    inner: { saveSettings: { user: { senderName: 'Jordan K.' } }, as: JORDAN },
    kept: (runner) =>
      !saved(runner, JORDAN) ||
      auditRows(runner.world).rows.some((row) => row.join(' ').includes(`user:${JORDAN}`)),
  },
  { label: "the owner's poll run (drains the audit queue)", inner: { poll: true, as: MORGAN } },
];

/** Every rep's trigger runs twice more, an hour apart: deferred leads are taken, the queue drained. */
function settle(runner: ScenarioRunner): void {
  for (let round = 0; round < 2; round++) {
    runner.step({ advance: '1h' });
    for (const who of [SAM, ALEX, JORDAN, MORGAN]) runner.step({ poll: true, as: who });
  }
}

function measureTrial(runner: ScenarioRunner, interleaving: Interleaving, k: number): Metrics {
  const metrics = emptyMetrics();
  const finding = (text: string) => metrics.findings.push(`after call ${k}: ${text}`);
  settle(runner);
  metrics.trials = 1;
  metrics.runs = runner.results.filter((r) => r.kind === 'poll').length;
  metrics.submissions = LEADS.length;
  metrics.draftsExpected = LEADS.length;
  const drafts = runner.world.everyone().flatMap(({ profile, mailbox }) =>
    mailbox.drafts.map((d) => {
      const message = mailbox.threads
        .find((t) => t.id === d.threadId)
        ?.messages.find((m) => m.id === d.messageId);
      return { user: profile.email, to: (message?.to || '').toLowerCase(), draftId: d.id };
    }),
  );
  for (const lead of LEADS) {
    const mine = drafts.filter((d) => d.to.includes(lead));
    if (mine.length) metrics.draftsMade++;
    if (mine.length === 0) {
      metrics.lost++;
      finding(`no draft to ${lead}`);
    }
    if (mine.length > 1) {
      metrics.duplicates += mine.length - 1;
      finding(`${mine.length} drafts to ${lead} (${mine.map((d) => d.user).join(', ')})`);
    }
  }
  const state = runner.world.hubspotState();
  for (const kind of ['tasks', 'notes'] as const) {
    const markers = (state.records[kind] as Array<{ properties: Record<string, string> }>).map(
      (r) => /prospector:([\w-]+)/.exec(JSON.stringify(r.properties))?.[1] || '?',
    );
    const extra = markers.length - new Set(markers).size;
    if (extra) {
      metrics.duplicates += extra;
      finding(`${extra} duplicate HubSpot ${kind}`);
    }
    if (new Set(markers).size < LEADS.length) {
      metrics.lost += LEADS.length - new Set(markers).size;
      finding(`${LEADS.length - new Set(markers).size} lead(s) without a HubSpot ${kind.slice(0, -1)}`);
    }
  }
  const rows = auditRows(runner.world).rows.map((row) => row.join(' '));
  const queued = [...runner.world.properties.script.entries()]
    .filter(([key]) => key.startsWith('auditq:'))
    .map(([, value]) => value);
  for (const draft of drafts) {
    const named = rows
      .concat(queued)
      .filter((row) => row.includes('draft_created') && row.includes(draft.draftId));
    if (!named.length) {
      metrics.unaudited++;
      finding(`draft ${draft.draftId} (${draft.user}) has no draft_created row`);
    }
  }
  if (interleaving.kept && !interleaving.kept(runner)) {
    metrics.lostWrites++;
    finding(`${interleaving.label}: told "Saved." but the write is gone`);
  }
  const failed = runner.results.filter((r) => r.error);
  metrics.crashes = failed.length;
  for (const r of failed) finding(`${r.label}: ${r.error}`);
  return metrics;
}

export function concurrencyCases(): ReliabilityCase[] {
  return INTERLEAVINGS.map((interleaving) => ({
    name: `team: ${interleaving.label}, at each call of a rep's poll`,
    group: 'concurrency',
    fast: false,
    async run(bundleCode: string): Promise<Metrics> {
      const scenario = loadScenario(WORLD);
      const trials = await sweepOverlap(
        { scenario, project: bundleCode, outer: { poll: true, as: SAM }, inner: interleaving.inner },
        (runner, k) => measureTrial(runner, interleaving, k),
      );
      const total = emptyMetrics();
      for (const trial of trials) addMetrics(total, trial, interleaving.label);
      return total;
    },
  }));
}
