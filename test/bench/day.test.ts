// The team's day is built from the rows it is given, never from constants: these tests feed synthetic
// measured costs and check the sums, who carries each per-user quota, the collision model of HubSpot's
// burst limit, the team size at which the first quota runs out, and that a missing row is reported.
import type { Cost } from '../../tools/bench/cost-meter';
import { modelDay, pollsInBusiestWindow, TEAM_DAY, usageOf } from '../../tools/bench/day';
import type { DayInputs } from '../../tools/bench/day';
import { dayTargets } from '../../tools/bench/day-targets';

function cost(over: Partial<Cost> & { props?: number; gmail?: number; events?: number } = {}): Cost {
  const { props = 0, gmail = 0, events = 0, ...rest } = over;
  return {
    executions: 1,
    roundTrips: props + gmail + events,
    byService: { PropertiesService: props, GmailApp: gmail },
    byMethod: events ? { 'CalendarApp.createEvent': events } : {},
    hubspotRequests: 0,
    googleApiRequests: 0,
    drafts: 0,
    sheetWrites: 0,
    modelledMs: 0,
    perExecution: [],
    ...rest,
  };
}

const ACTIONS = ['coldOpen', 'replyDraft', 'holdSlot', 'addTask', 'logNote', 'homepage', 'ownerDrain'];

function inputs(over: Partial<DayInputs> = {}): DayInputs {
  return {
    sidebar: ACTIONS.map((action) => ({
      action,
      cost: cost({ props: 1, modelledMs: 1000, hubspotRequests: action === 'coldOpen' ? 3 : 0 }),
    })),
    ownPolls: [1, 10].map((n) => ({
      submissions: n,
      cost: cost({ props: 5, gmail: 2 + n, modelledMs: 2000 + 500 * n, hubspotRequests: 7 }),
    })),
    colleaguePolls: [0, 1, 10].map((n) => ({
      submissions: n,
      cost: cost({ props: 3, gmail: n ? 1 : 0, modelledMs: 1000 + 100 * n, hubspotRequests: n ? 5 : 1 }),
    })),
    maintenance: cost({ props: 2, modelledMs: 3000 }),
    ...over,
  };
}

const quota = (day: ReturnType<typeof modelDay>, name: string) => day.quotas.find((q) => q.name === name)!;

describe('usageOf', () => {
  it('reads every quota from the measured cost', () => {
    const u = usageOf(
      cost({ props: 4, gmail: 3, events: 1, modelledMs: 2500, hubspotRequests: 6, googleApiRequests: 2 }),
    );
    expect(u).toEqual({
      triggerRuntime: 2.5,
      urlFetch: 8,
      properties: 4,
      gmail: 3,
      calendarEvents: 1,
      hubspotDaily: 6,
      hubspotBurst: 6,
    });
  });
});

describe('modelDay', () => {
  it('sums a rep day from the rows: sidebar work, 24 polls and the maintenance', () => {
    const day = modelDay(inputs());
    expect(day.missing).toEqual([]);
    // 20 reps x 7.5 = 150 submissions over 10 hours: each poll sees 15, a rep owns 0.75 of them.
    expect(day.submissions).toBe(150);
    // Busy poll: colleague(14.25) extrapolated past 10 + own(0.75) - idle; quiet poll = idle.
    const colleague = 3; // a colleague's-leads poll reads Properties 3 times whatever it sees
    const own = 5 * 0.75 + 3 * 0.25; // between idle (3) and own(1) (5)
    const busy = colleague + own - 3;
    const sidebar = 60 + 10 + 3 + 3 + 2 + 2;
    const rep = 10 * busy + 14 * 3 + 2 + sidebar;
    expect(quota(day, 'properties').used).toBeCloseTo(rep, 6);
    expect(quota(day, 'properties').whose).toBe('rep');
    expect(day.extrapolated.join()).toMatch(/colleague/);
  });

  it('charges the admin the hourly drains, and a per-user quota to whichever user is busier', () => {
    const heavyDrain = inputs();
    heavyDrain.sidebar = heavyDrain.sidebar.map((r) =>
      r.action === 'ownerDrain' ? { ...r, cost: cost({ props: 100, modelledMs: 1000 }) } : r,
    );
    const day = modelDay(heavyDrain);
    const props = quota(day, 'properties');
    expect(props.whose).toBe('admin');
    // admin: 10 busy polls owning nothing (colleague(15) = 3) + 14 idle + maintenance + 24 drains.
    expect(props.used).toBeCloseTo(10 * 3 + 14 * 3 + 2 + 24 * 100, 6);
  });

  it('counts HubSpot for the whole account and the busiest 10 s of colliding polls', () => {
    const day = modelDay(inputs());
    const daily = quota(day, 'hubspotDaily');
    expect(daily.whose).toBe('account');
    // 21 triggers, each near its own minute (within 15 min): the busiest 10 s of a bad hour holds a few.
    const burst = quota(day, 'hubspotBurst');
    const polls = pollsInBusiestWindow(21);
    expect(polls).toBeGreaterThanOrEqual(2);
    expect(polls).toBeLessThanOrEqual(4);
    const repPoll = 5 + (1 + 0.75 * (7 - 1)) - 1; // colleague(14.25) + own(0.75) - idle
    const sidebarPer10s = (20 * 60 * 3) / (10 * 360);
    expect(burst.used).toBeCloseTo(polls * repPoll + sidebarPer10s, 6);
    expect(burst.limit).toBe(100);
  });

  it('finds the team size at which the first quota runs out', () => {
    const day = modelDay(inputs());
    expect(day.firstToRunOut).not.toBeNull();
    const { name, atReps } = day.firstToRunOut!;
    const at = modelDay(inputs(), { ...TEAM_DAY, reps: atReps });
    const before = modelDay(inputs(), { ...TEAM_DAY, reps: atReps - 1 });
    expect(quota(at, name).used).toBeGreaterThan(quota(at, name).limit);
    expect(before.quotas.every((q) => q.used <= q.limit)).toBe(true);
  });

  it('lists the rows it lacks instead of guessing them, and the targets fail', () => {
    const partial = inputs({
      sidebar: inputs().sidebar.filter((r) => r.action !== 'addTask' && r.action !== 'ownerDrain'),
    });
    const day = modelDay(partial);
    expect(day.missing.join('\n')).toMatch(/addTask/);
    expect(day.missing.join('\n')).toMatch(/drain/);
    const targets = dayTargets(day);
    expect(targets.find((t) => /measured/.test(t.target))!.pass).toBe(false);
    expect(targets.filter((t) => /at most 25/.test(t.target)).every((t) => !t.pass)).toBe(true);
  });

  it('passes a quota target at 25 % or less and fails above it', () => {
    const day = modelDay(inputs());
    for (const t of dayTargets(day).filter((x) => /at most 25/.test(x.target))) {
      const q = day.quotas.find((x) => t.target.includes(x.label))!;
      expect(t.pass).toBe(q.share <= 0.25);
    }
  });
});

describe('pollsInBusiestWindow', () => {
  it('gives the same figure every run, and more polls collide as the team grows', () => {
    expect(pollsInBusiestWindow(21)).toBe(pollsInBusiestWindow(21));
    expect(pollsInBusiestWindow(201)).toBeGreaterThan(pollsInBusiestWindow(21));
    expect(pollsInBusiestWindow(1)).toBe(1);
  });
});
