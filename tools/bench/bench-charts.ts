// The bench's bar charts for docs/performance.md: each sidebar action against its minimum (and the naive
// flow where one exists), and the share of each daily quota the team's day uses.
import { barChart } from './bar-chart';
import type { Day } from './day';
import { DAY_SHARE_TARGET } from './day-targets';
import type { SidebarResult } from './sidebar-bench';

const OURS = '#1a73e8';
const MINIMUM = '#188038';
const NAIVE = '#d93025';

/** A naive baseline per sidebar action, where the bench runs one (the open; more as they are added). */
type NaiveByAction = Record<string, number>;

export function sidebarChart(sidebar: SidebarResult, naive: NaiveByAction = {}): string {
  const naiveFor: NaiveByAction = { coldOpen: sidebar.naiveOpen.cost.roundTrips, ...naive };
  return barChart({
    title: 'Sidebar actions: round trips, ours against the minimum and the naive flow',
    axis: 'round trips (service calls that leave Apps Script)',
    series: [
      { name: 'ours', color: OURS },
      { name: 'minimum', color: MINIMUM },
      { name: 'naive', color: NAIVE },
    ],
    groups: sidebar.rows.map((r) => ({
      label: r.label,
      values: [r.cost.roundTrips, r.minimum.roundTrips, naiveFor[r.action] ?? null],
    })),
    format: (v) => `${v}`,
  });
}

export function quotaChart(day: Day): string {
  return barChart({
    title: `A working day of ${day.reps} reps and ${day.admins} admin: share of each daily quota`,
    axis: 'share of the quota used (%)',
    series: [{ name: `used at ${day.reps} reps`, color: OURS }],
    groups: day.quotas.map((q) => ({ label: q.label, values: [q.share * 100] })),
    format: (v) => `${v.toFixed(v < 1 ? 2 : 1)} %`,
    markers: [
      { value: DAY_SHARE_TARGET * 100, label: `target ${DAY_SHARE_TARGET * 100} %`, color: MINIMUM },
      { value: 100, label: 'runs out', color: NAIVE },
    ],
  });
}
