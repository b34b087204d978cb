import fc from 'fast-check';
import { RateLimiter } from '../../tools/sandbox/rate-limit';
import { HubSpotSandbox } from '../../tools/sandbox/sandbox';
import type { FormSubmission } from '../../tools/sandbox/types';
import { FULL, PORTAL, testSeed } from './sandbox-fixture';

function page(sandbox: HubSpotSandbox, limit: number, after: string | null) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (after) query.set('after', after);
  const response = sandbox.handle({
    method: 'GET',
    path: '/form-integrations/v1/submissions/forms/f',
    query,
    headers: { authorization: `Bearer ${FULL}` },
    rawBody: '',
    origin: 'http://127.0.0.1:1',
  });
  return JSON.parse(response.body) as { results: FormSubmission[]; paging?: { next: { after: string } } };
}

describe('HubSpot sandbox invariants', () => {
  it('form paging returns every submission exactly once, newest first, whatever the page size', () => {
    const submission = fc.record({
      conversionId: fc.uuid(),
      submittedAt: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_100_000 }),
      values: fc.constant<FormSubmission['values']>([]),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(submission, { selector: (s) => s.conversionId, maxLength: 60, size: 'max' }),
        fc.integer({ min: 1, max: 50 }),
        (submissions, limit) => {
          const sandbox = new HubSpotSandbox({ seed: { ...testSeed(), forms: { f: submissions } } });
          const seen: FormSubmission[] = [];
          let after: string | null = null;
          do {
            const answer = page(sandbox, limit, after);
            expect(answer.results.length).toBeLessThanOrEqual(limit);
            seen.push(...answer.results);
            after = answer.paging?.next.after ?? null;
          } while (after);
          expect(seen.map((s) => s.conversionId).sort()).toEqual(
            submissions.map((s) => s.conversionId).sort(),
          );
          const times = seen.map((s) => s.submittedAt);
          expect(times).toEqual([...times].sort((a, b) => b - a));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('admits a request exactly when fewer than the burst limit were admitted in the 10 s before it', () => {
    const times = fc.array(fc.integer({ min: 0, max: 30_000 }), { maxLength: 120, size: 'max' });
    fc.assert(
      fc.property(times, (offsets) => {
        const limiter = new RateLimiter({
          tenSecondly: { max: 7, intervalMs: 10_000 },
          search: { max: 5, intervalMs: 1_000 },
          daily: { max: 1_000 },
        });
        const admitted: number[] = [];
        for (const t of [...offsets].sort((a, b) => a - b)) {
          const before = admitted.filter((u) => u > t - 10_000 && u <= t).length;
          const ok = limiter.admit(PORTAL, 'standard', t).ok;
          expect(ok).toBe(before < 7);
          if (ok) admitted.push(t);
        }
      }),
      { numRuns: 300 },
    );
  });
});
