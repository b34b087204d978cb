// The fast reliability tests' one assertion: every "should be zero" column is zero and every expected draft
// was made; the first findings are shown when not.
import type { Metrics } from '../../tools/reliability/measure';
import { ZERO_COLUMNS } from '../../tools/reliability/measure';

export function expectHeld(metrics: Metrics): void {
  const broken = ZERO_COLUMNS.filter((key) => metrics[key] !== 0);
  expect({ broken, findings: broken.length ? metrics.findings.slice(0, 5) : [] }).toEqual({
    broken: [],
    findings: [],
  });
  expect(metrics.draftsMade).toBe(metrics.draftsExpected);
}
