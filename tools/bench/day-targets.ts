// Issue 15's targets for the team's day: every quota at most 25 % used at 20 reps, at least 4 quotas
// covered, every row the day needs measured, and the team size at which the first quota runs out.
import type { Day } from './day';
import type { TargetResult } from './target-result';

export const DAY_SHARE_TARGET = 0.25;

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

export function dayTargets(day: Day): TargetResult[] {
  const incomplete = day.missing.length > 0;
  const why = () => (incomplete ? [`not measured: ${day.missing.join('; ')}`] : []);
  const results: TargetResult[] = [
    {
      target: `day: every row the team's day needs was measured`,
      actual: incomplete ? `${day.missing.length} missing` : 'all',
      pass: !incomplete,
      excess: why(),
    },
    {
      target: `day: at least 4 quotas, ${day.reps} reps and an admin`,
      actual: `${day.quotas.length} quotas, ${day.reps} reps, ${day.admins} admin(s)`,
      pass: day.quotas.length >= 4 && day.reps >= 20 && day.admins >= 1,
      excess: [],
    },
  ];
  for (const q of day.quotas) {
    const pass = q.share <= DAY_SHARE_TARGET && !incomplete;
    results.push({
      target: `day, ${day.reps} reps: ${q.label} at most ${percent(DAY_SHARE_TARGET)}`,
      actual: `${percent(q.share)} (${formatUsed(q.used, q.unit)} of ${q.limit.toLocaleString('en-US')})`,
      pass,
      excess: pass
        ? []
        : [`${q.whose === 'account' ? 'the account' : `the busiest ${q.whose}`}; ${q.tier}`, ...why()],
    });
  }
  results.push({
    target: 'day: the team size at which the first quota runs out is known',
    actual: day.firstToRunOut
      ? `${day.firstToRunOut.label} at ${day.firstToRunOut.atReps} reps`
      : 'none up to the largest team searched',
    pass: !incomplete,
    excess: why(),
  });
  return results;
}

export function formatUsed(used: number, unit: string): string {
  const rounded = used >= 100 ? Math.round(used) : Math.round(used * 10) / 10;
  return `${rounded.toLocaleString('en-US')} ${unit}`;
}
