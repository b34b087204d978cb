// The theoretical minimum, term by term: batch sizes, fetchAll folding and the 6-minute limit.
import { EXECUTION_LIMIT_MS, pollerMinimum, sidebarMinimum } from '../../tools/bench/minimum';

describe('pollerMinimum', () => {
  it('for 0 submissions: the two stores, one page and the time of the check', () => {
    expect(pollerMinimum(0).roundTrips).toBe(2 + 1 + 1);
  });

  it('for 100 submissions: 2 pages, one fetchAll of reads, one search, 100 drafts, one of each write', () => {
    const min = pollerMinimum(100);
    expect(min.executions).toBe(1);
    // stores 2, pages 2, lock 1, reads 1, search + messages 2, intent 1, drafts 100, writes 1, settle 1, audit 1
    expect(min.roundTrips).toBe(2 + 2 + 1 + 1 + 2 + 1 + 100 + 1 + 1 + 1);
    // pages 2, contacts 1, owners 1, tasks 1, notes 1
    expect(min.hubspotRequests).toBe(6);
  });

  it('adds up its terms', () => {
    const min = pollerMinimum(250);
    expect(min.terms.reduce((n, t) => n + t.roundTrips, 0)).toBe(min.roundTrips);
    expect(min.terms.reduce((n, t) => n + t.requests, 0)).toBe(min.requests);
    expect(min.terms.reduce((n, t) => n + t.modelledMs, 0)).toBe(min.modelledMs);
  });

  it('splits 1,000 submissions over as few executions as fit 6 minutes; only the first reads every page', () => {
    const min = pollerMinimum(1000);
    expect(min.executions).toBe(2);
    expect(min.modelledMs / min.executions).toBeLessThanOrEqual(EXECUTION_LIMIT_MS);
    expect(min.terms.find((t) => t.what.startsWith('drafts'))?.roundTrips).toBe(1000);
    expect(min.terms.find((t) => t.what.startsWith('submission pages'))?.roundTrips).toBe(20 + 1);
  });

  it('at 101 submissions: one more draft, one more page (50 each) and one more Gmail search (100 each)', () => {
    expect(pollerMinimum(101).roundTrips - pollerMinimum(100).roundTrips).toBe(1 + 1 + 2);
  });
});

describe('sidebarMinimum', () => {
  it('re-open is one cache read; cold open five round trips; the first open one more for Properties', () => {
    expect(sidebarMinimum('warmOpen').roundTrips).toBe(1);
    expect(sidebarMinimum('coldOpen').roundTrips).toBe(5);
    expect(sidebarMinimum('firstOpen').roundTrips).toBe(6);
  });
});
