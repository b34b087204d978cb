// tools/bench/speed-to-lead.ts: the simulated week is the brief's, and the same seed gives the same week.
import { inWorkingHours, openTimes, percentile, submissionTimes } from '../../tools/bench/speed-to-lead';

describe('the speed-to-lead week', () => {
  it('has at least 100 working-hours submissions, and some at night and at weekends', () => {
    const times = submissionTimes(17);
    const working = times.filter((t) => inWorkingHours(t));
    expect(working.length).toBeGreaterThanOrEqual(100);
    expect(times.length - working.length).toBeGreaterThan(10);
  });

  it('opens messages only in working hours, 2 to 12 minutes apart', () => {
    const opens = openTimes(17);
    expect(opens.every((t) => inWorkingHours(t))).toBe(true);
    const gaps = opens
      .slice(1)
      .map((t, i) => (t - opens[i]) / 60_000)
      .filter((g) => g < 60);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(12);
  });

  it('the same seed gives the same week; another seed another', () => {
    expect(submissionTimes(17)).toEqual(submissionTimes(17));
    expect(openTimes(17)).toEqual(openTimes(17));
    expect(submissionTimes(18)).not.toEqual(submissionTimes(17));
  });

  it('working hours are 9:00–12:30 and 13:30–17:30 in New York, Monday to Friday', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(inWorkingHours(at('2026-03-09T13:00:00Z'))).toBe(true); // Mon 9:00 EDT
    expect(inWorkingHours(at('2026-03-09T16:45:00Z'))).toBe(false); // Mon 12:45, lunch
    expect(inWorkingHours(at('2026-03-09T21:29:00Z'))).toBe(true); // Mon 17:29
    expect(inWorkingHours(at('2026-03-14T15:00:00Z'))).toBe(false); // Saturday
  });

  it('percentiles are nearest-rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
  });
});
