// Issue "Ready for a real team", item 4: a lead is drafted by exactly one rep, ever. Owned leads go to
// their HubSpot owner; an unowned one to the one rep the team's rule picks among those who take
// unassigned leads (core/unassigned.ts); when HubSpot cannot be read, nobody takes anything yet.
import { join } from 'node:path';
import type { Outcome } from '../../tools/workbench/outcome';
import { auditRows } from '../../tools/workbench/outcome';
import { ScenarioRunner } from '../../tools/workbench/runner';
import { loadScenario } from '../../tools/workbench/scenario';
import type { Scenario } from '../../tools/workbench/scenario';
import { bundleCode, run } from './run-fixture';

const TEAM = join(__dirname, '..', '..', 'fixtures', 'scenarios', 'team', 'unassigned-leads.json');
const ALEX = 'alex.rivera@northwind.example';
const SAM = 'sam.okafor@northwind.example';
const JORDAN = 'jordan.kim@northwind.example';

function draftsBy(outcome: Outcome): Record<string, string[]> {
  const by: Record<string, string[]> = {};
  for (const d of outcome.drafts)
    (by[d.user] ||= []).push(d.to.replace(/.*</, '').replace('>', '').toLowerCase());
  for (const list of Object.values(by)) list.sort();
  return by;
}

function markers(outcome: Outcome, kind: 'tasks' | 'notes'): string[] {
  return (outcome.hubspotRecords[kind] as Array<{ properties: Record<string, string> }>)
    .map((r) => /prospector:([\w-]+)/.exec(JSON.stringify(r.properties))?.[1] || '?')
    .sort();
}

describe('a team polls the same forms', () => {
  it('drafts each lead once, by its owner or the one rep the rule picks, with one task and one note', async () => {
    const outcome = await run(loadScenario(TEAM));
    expect(outcome.errors).toEqual([]);
    expect(draftsBy(outcome)).toEqual({
      [ALEX]: ['sarah.chen@acmelogistics.example'],
      [SAM]: ['marcus.johnson@brightpath.example', 'priya.patel@lumenretail.example'],
    });
    expect(markers(outcome, 'tasks')).toEqual(markers(outcome, 'notes'));
    expect(new Set(markers(outcome, 'tasks')).size).toBe(3);
    expect(outcome.drafts.filter((d) => d.user === JORDAN)).toEqual([]);
  });

  it('defers every lead while HubSpot cannot be read, then drafts each once', async () => {
    const scenario: Scenario = loadScenario(TEAM);
    const failing = { script: [{ match: { pathPrefix: '/crm/' }, times: 1000, respond: 503 as const }] };
    scenario.steps = [
      { hubspotFaults: failing },
      { poll: true, as: JORDAN },
      { poll: true, as: SAM },
      { poll: true, as: ALEX },
      { hubspotFaults: {} },
      { advance: '1h' },
      { poll: true, as: JORDAN },
      { poll: true, as: SAM },
      { poll: true, as: ALEX },
    ];
    const outcome = await run(scenario);
    const during = outcome.steps.slice(1, 4);
    expect(during.map((s) => (s.returned as { drafted: number }).drafted)).toEqual([0, 0, 0]);
    expect(draftsBy(outcome)).toEqual({
      [ALEX]: ['sarah.chen@acmelogistics.example'],
      [SAM]: ['marcus.johnson@brightpath.example', 'priya.patel@lumenretail.example'],
    });
    expect(new Set(markers(outcome, 'notes')).size).toBe(markers(outcome, 'notes').length);
  });
});

describe("one rep's poll run does not hold up the others (item 3)", () => {
  it("another rep's poll runs in the middle of it; the same rep's second run steps aside", async () => {
    const scenario: Scenario = loadScenario(TEAM);
    // A run takes the lock only once it has seen work (after its store reads and the forms' first page).
    scenario.steps = [
      { poll: true, as: ALEX, during: { poll: true, as: ALEX }, afterCall: 6 },
      { poll: true, as: SAM, during: { poll: true, as: ALEX }, afterCall: 6 },
    ];
    const outcome = await run(scenario);
    const status = (i: number) => (outcome.steps[i].returned as { status: string }).status;
    expect(outcome.steps.map((s) => s.user)).toEqual([ALEX, ALEX, SAM, ALEX]);
    // Alex's second run, inside Alex's first, stepped aside; Alex's next run, inside Sam's, was not held
    // up by Sam's lock and delivered the stepped-aside run's audit row.
    expect([status(0), status(1), status(2), status(3)]).toEqual([
      'skipped_locked',
      'finished',
      'finished',
      'finished',
    ]);
    expect(draftsBy(outcome)).toEqual({
      [ALEX]: ['sarah.chen@acmelogistics.example'],
      [SAM]: ['marcus.johnson@brightpath.example', 'priya.patel@lumenretail.example'],
    });
    // Nobody waited on a lock for long: a card or a run of another user takes the script lock briefly.
    expect(outcome.steps[2].modelledMs).toBeLessThan(30_000);
  });
});

describe('a rep who took unassigned leads before the team kept a record of it', () => {
  it('is recorded from their next run on, never back-dated, and no lead is drafted twice', async () => {
    const scenario: Scenario = loadScenario(TEAM);
    scenario.steps = [];
    const runner = new ScenarioRunner(scenario, await bundleCode());
    try {
      // The deployment before the record: both reps' own settings say yes, the team's record is empty.
      runner.world.properties.script.delete('team.unassigned');
      runner.world.clock.advance(60_000);
      runner.step({ poll: true, as: SAM });
      runner.step({ poll: true, as: ALEX });
      const record = JSON.parse(runner.world.properties.script.get('team.unassigned') as string);
      expect(record.map((t: { email: string }) => t.email).sort()).toEqual([ALEX, SAM]);
      for (const t of record) expect(t.since).toBeGreaterThan(scenario.now);
      // Priya came in before anyone was recorded: nobody drafts her, and the row says why.
      const drafted = runner.world.everyone().flatMap(({ mailbox }) => mailbox.drafts);
      expect(drafted).toHaveLength(2);
      expect(JSON.stringify(auditRows(runner.world).rows)).toContain('nobody took unassigned leads');
    } finally {
      await runner.world.close();
    }
  });
});
