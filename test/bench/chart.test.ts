// The chart draws what the rows say: one line per flow, complete runs filled, a run that stopped hollow
// and off the line, with a note saying how far it got.
import { callsChart } from '../../tools/bench/chart';
import type { Cost } from '../../tools/bench/cost-meter';
import { pollerMinimum } from '../../tools/bench/minimum';
import type { FlowResult, PollerRow } from '../../tools/bench/poller-bench';

function flow(roundTrips: number, drained: boolean, drafts: number): FlowResult {
  const cost: Cost = {
    executions: 1,
    roundTrips,
    byService: {},
    byMethod: {},
    hubspotRequests: 0,
    googleApiRequests: 0,
    drafts,
    sheetWrites: 1,
    modelledMs: 1000,
    perExecution: [],
  };
  return {
    cost,
    drained,
    work: { drafts, tasks: drafts, notes: drafts },
    stopped: drained ? null : 'stuck',
    userStoreAtStop: null,
  };
}

function row(n: number, oursDrained: boolean): PollerRow {
  return {
    submissions: n,
    ours: flow(n + 30, oursDrained, oursDrained ? n : 1),
    naive: flow(14 * n, true, n),
    minimum: pollerMinimum(n),
  };
}

describe('callsChart', () => {
  it('draws three lines with a point per row', () => {
    const svg = callsChart([row(1, true), row(10, true), row(100, true)]);
    expect(svg.match(/<path /g)).toHaveLength(3);
    expect(svg.match(/<circle /g)).toHaveLength(9);
    expect(svg).not.toContain('did not drain');
  });

  it('keeps a run that stopped off its line and says how far it got', () => {
    const svg = callsChart([row(10, true), row(100, false)]);
    const oursPath = /<path d="([^"]*)"[^>]*stroke="#1a73e8"/.exec(svg)?.[1] ?? '';
    expect(oursPath.split(/[ML]/).filter(Boolean)).toHaveLength(1);
    expect(svg).toContain('fill="#fff" stroke="#1a73e8"');
    expect(svg).toContain('ours: 130 calls for 100 submissions (stopped: 1 of 100 drafts)');
    expect(svg).toContain('ours at 100:');
  });
});
