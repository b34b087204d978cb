// Speed to lead: minutes from a form submission to its prepared draft, over a simulated working week of
// one rep, with the real bundle in the workbench. Two weeks with the same submissions (same seed, same
// times): the hourly trigger alone, and the hourly trigger plus the sidebar, where the rep opens a message
// every 2–12 minutes (uniform) in working hours and presses "Prepare drafts now" at the first open whose
// card shows new leads. Every open, press and trigger run is the add-on's own code on the simulated clock;
// a draft's time is when Gmail's fake created it.
import { zonedParts, zonedToEpoch } from '../../src/core/time-zone';
import { cardLines } from '../workbench/card-text';
import type { MailThreadState } from '../workbench/fakes/gmail';
import { ScenarioRunner } from '../workbench/runner';
import { ALL_HUBSPOT_SCOPES } from '../workbench/scenario';
import type { Scenario } from '../workbench/scenario';
import type { SeedObject } from '../sandbox/types';

export interface Distribution {
  draftP50Min: number;
  draftP90Min: number;
  draftP95Min: number;
}

export interface SpeedToLeadResult {
  /** Submissions made during working hours: the ones measured. */
  leads: number;
  hourly: Distribution;
  rideAlong: Distribution;
  /** Minutes to draft of each measured lead, in submission order (for the chart). */
  minutes: { hourly: number[]; rideAlong: number[] };
  /** Opens and presses in the ride-along week, and the largest round trips of one open. */
  sidebar: { opens: number; presses: number; maxOpenRoundTrips: number };
  assumptions: string[];
}

const USER = {
  email: 'alex.rivera@northwind.example',
  name: 'Alex Rivera',
  timeZone: 'America/New_York',
  locale: 'en-US',
};
const TOKEN = 'pat-na1-speed000-0000-4000-8000-000000000000';
const FORM = 'b0b0b0b0-0000-4000-8000-00000000f0a1';
const PORTAL = 4815162;
const OWNER = '501';
/** Monday 9 March 2026, 00:00 in New York (the US changed its clocks the day before). */
const WEEK = { year: 2026, month: 3, day: 9 };
const DAY_MS = 86_400_000;
const MINUTE = 60_000;
/** Working hours, minutes after local midnight: 9:00–12:30 and 13:30–17:30. */
const WORK = [
  [9 * 60, 12 * 60 + 30],
  [13 * 60 + 30, 17 * 60 + 30],
] as const;
const SUBMISSIONS = 140;
/** Share of submissions placed in working hours; the rest anywhere in the week (nights, weekends). */
const WORKING_SHARE = 0.75;
/** The hourly trigger's minute past each hour (Apps Script picks one when the trigger is made). */
const TRIGGER_MINUTE = 17;
/** Messages the rep opens in turn: more than the sidebar remembers, so every open is a cold one. */
const INBOX = 24;

/** mulberry32: a small seeded generator, so the same seed gives the same week. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function localMidnight(dayOffset: number): number {
  const d = new Date(Date.UTC(WEEK.year, WEEK.month - 1, WEEK.day + dayOffset));
  return zonedToEpoch(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 },
    USER.timeZone,
  );
}

/** Whether `at` is in the rep's working hours (Monday to Friday, in their zone). */
export function inWorkingHours(at: number, timeZone = USER.timeZone): boolean {
  const p = zonedParts(at, timeZone);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const minute = p.hour * 60 + p.minute;
  return WORK.some(([from, to]) => minute >= from && minute < to);
}

/** Submission times of the week, in order. */
export function submissionTimes(seed: number, count = SUBMISSIONS): number[] {
  const next = random(seed);
  const workMinutes = WORK.reduce((sum, [from, to]) => sum + (to - from), 0);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    if (next() < WORKING_SHARE) {
      const day = Math.floor(next() * 5);
      let minute = next() * workMinutes;
      const block = WORK.find(([from, to]) => {
        if (minute < to - from) return true;
        minute -= to - from;
        return false;
      }) as readonly [number, number];
      times.push(localMidnight(day) + (block[0] + minute) * MINUTE);
    } else {
      times.push(localMidnight(0) + next() * 7 * DAY_MS);
    }
  }
  return times.map(Math.round).sort((a, b) => a - b);
}

/** When the rep opens a message: every 2–12 minutes (uniform) within each working block, Monday to Friday. */
export function openTimes(seed: number): number[] {
  const next = random(seed ^ 0x5eed);
  const opens: number[] = [];
  for (let day = 0; day < 5; day++) {
    for (const [from, to] of WORK) {
      let at = localMidnight(day) + from * MINUTE + (2 + next() * 10) * MINUTE;
      while (at < localMidnight(day) + to * MINUTE) {
        opens.push(Math.round(at));
        at += (2 + next() * 10) * MINUTE;
      }
    }
  }
  return opens;
}

function leadEmail(i: number): string {
  return `lead${i}@speedco${i}.example`;
}

function contact(i: number): SeedObject {
  return {
    id: String(300_000 + i),
    properties: {
      email: leadEmail(i),
      firstname: `Lead${i}`,
      lastname: 'Prospect',
      company: `Speed Co ${i}`,
      lifecyclestage: 'lead',
      hubspot_owner_id: OWNER,
    },
  };
}

function inbox(start: number): MailThreadState[] {
  return Array.from({ length: INBOX }, (_, k) => ({
    id: `thread-inbox-${k + 1}`,
    labels: [],
    messages: [
      {
        id: `msg-inbox-${k + 1}`,
        from: `Colleague ${k + 1} <person${k + 1}@partner${k + 1}.example>`,
        to: `${USER.name} <${USER.email}>`,
        subject: `Weekly note ${k + 1}`,
        date: start - (k + 1) * 3_600_000,
        plainBody: 'Notes from this week.',
        unread: true,
        accessToken: `message-token-inbox-${k + 1}`,
      },
    ],
  }));
}

function scenario(start: number): Scenario {
  return {
    file: 'bench:speed-to-lead',
    name: 'Speed to lead: a working week',
    description: 'Generated by tools/bench/speed-to-lead.ts',
    now: start,
    user: USER,
    addOn: true,
    settings: {
      hubspotToken: TOKEN,
      admins: [USER.email],
      shared: {
        portalId: String(PORTAL),
        forms: [{ guid: FORM, name: 'Book a demo' }],
        pollerEnabled: true,
        pollerIntervalMinutes: 60,
      },
      user: { takeUnassignedLeads: true, senderName: USER.name },
      createAuditSheet: true,
    },
    hubspot: {
      portalId: PORTAL,
      tokens: { [TOKEN]: { portalId: PORTAL, scopes: ALL_HUBSPOT_SCOPES } },
      owners: [{ id: OWNER, email: USER.email, firstName: 'Alex', lastName: 'Rivera' }],
      contacts: Array.from({ length: SUBMISSIONS }, (_, i) => contact(i + 1)),
      companies: [],
      associations: [],
      forms: { [FORM]: [] },
      now: start,
    },
    threads: inbox(start),
    calendarEvents: [],
    steps: [],
  };
}

type Event = { at: number; kind: 'submit'; lead: number } | { at: number; kind: 'trigger' | 'open' };

interface WeekResult {
  draftedAt: Map<string, number>;
  opens: number;
  presses: number;
  maxOpenRoundTrips: number;
}

/** One simulated week; `withSidebar` adds the rep's opens and presses. */
function week(bundle: string, seed: number, withSidebar: boolean): Promise<WeekResult> {
  const start = localMidnight(0);
  const end = localMidnight(7) + 2 * 3_600_000;
  const submissions = submissionTimes(seed);
  const events: Event[] = submissions.map((at, i) => ({ at, kind: 'submit' as const, lead: i + 1 }));
  for (let at = start + TRIGGER_MINUTE * MINUTE; at < end; at += 3_600_000)
    events.push({ at, kind: 'trigger' });
  if (withSidebar) openTimes(seed).forEach((at) => events.push({ at, kind: 'open' }));
  // At the same minute a submission comes first, then the trigger, then the rep.
  const order = { submit: 0, trigger: 1, open: 2 };
  events.sort((a, b) => a.at - b.at || order[a.kind] - order[b.kind]);

  const runner = new ScenarioRunner(scenario(start), bundle);
  const result: WeekResult = { draftedAt: new Map(), opens: 0, presses: 0, maxOpenRoundTrips: 0 };
  let seen = 0;
  let nextMessage = 0;
  const collectDrafts = () => {
    const mailbox = runner.world.mailbox;
    for (const record of mailbox.drafts.slice(seen)) {
      const thread = mailbox.threads.find((t) => t.id === record.threadId);
      const message = thread && thread.messages.find((m) => m.id === record.messageId);
      const to = message ? message.to.replace(/.*</, '').replace('>', '').toLowerCase() : '';
      if (!result.draftedAt.has(to)) result.draftedAt.set(to, record.createdAt);
    }
    seen = mailbox.drafts.length;
  };
  const must = (r: { error: string | null; label: string }) => {
    if (r.error) throw new Error(`speed-to-lead: ${r.label}: ${r.error}`);
  };
  return (async () => {
    try {
      for (const event of events) {
        const now = runner.world.clock.now();
        if (event.at > now) runner.step({ advance: `${event.at - now}ms` });
        if (event.kind === 'submit') {
          const i = event.lead;
          runner.step({
            submit: {
              form: FORM,
              submission: {
                conversionId: `speed-${String(i).padStart(4, '0')}`,
                submittedAt: submissions[i - 1],
                pageUrl: 'https://northwind.example/demo',
                values: [
                  { name: 'email', value: leadEmail(i) },
                  { name: 'firstname', value: `Lead${i}` },
                  { name: 'lastname', value: 'Prospect' },
                  { name: 'company', value: `Speed Co ${i}` },
                ],
              },
            },
          });
        } else if (event.kind === 'trigger') {
          must(runner.step({ poll: true }));
        } else {
          const open = runner.step({ open: `msg-inbox-${(nextMessage++ % INBOX) + 1}` });
          must(open);
          result.opens++;
          result.maxOpenRoundTrips = Math.max(result.maxOpenRoundTrips, open.roundTrips.length);
          if (
            cardLines((runner.currentCard() as never) || null).some((l) => l.includes('[Prepare drafts now]'))
          ) {
            must(runner.step({ press: 'Prepare drafts now' }));
            result.presses++;
          }
        }
        collectDrafts();
      }
      return result;
    } finally {
      await runner.world.close();
    }
  })();
}

/** Nearest-rank percentile of minutes, to one decimal. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = values.slice().sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return Math.round(sorted[rank - 1] * 10) / 10;
}

function distribution(minutes: number[]): Distribution {
  return {
    draftP50Min: percentile(minutes, 50),
    draftP90Min: percentile(minutes, 90),
    draftP95Min: percentile(minutes, 95),
  };
}

export async function benchSpeedToLead(bundle: string, seed = 17): Promise<SpeedToLeadResult> {
  const submissions = submissionTimes(seed);
  const measured = submissions
    .map((at, i) => ({ at, email: leadEmail(i + 1) }))
    .filter((s) => inWorkingHours(s.at));
  const hourly = await week(bundle, seed, false);
  const ride = await week(bundle, seed, true);
  const minutesOf = (w: WeekResult) =>
    measured.map((s) => {
      const at = w.draftedAt.get(s.email);
      if (at === undefined) throw new Error(`speed-to-lead: no draft for ${s.email}`);
      return (at - s.at) / MINUTE;
    });
  const hourlyMinutes = minutesOf(hourly);
  const rideMinutes = minutesOf(ride);
  return {
    leads: measured.length,
    hourly: distribution(hourlyMinutes),
    rideAlong: distribution(rideMinutes),
    minutes: {
      hourly: hourlyMinutes.map((m) => Math.round(m * 10) / 10),
      rideAlong: rideMinutes.map((m) => Math.round(m * 10) / 10),
    },
    sidebar: { opens: ride.opens, presses: ride.presses, maxOpenRoundTrips: ride.maxOpenRoundTrips },
    assumptions: [
      `seed ${seed}: ${SUBMISSIONS} submissions in the week of Monday 9 March 2026 (${USER.timeZone}), ${Math.round(WORKING_SHARE * 100)} % placed uniformly in working hours, the rest uniformly over the whole week (nights, weekends)`,
      'working hours Monday to Friday 9:00–12:30 and 13:30–17:30 in the rep’s zone; only submissions made in them are measured',
      `the hourly trigger runs at :${TRIGGER_MINUTE} every hour, all week, in both weeks`,
      'ride-along: in working hours the rep opens a message every 2–12 minutes (uniform; each a cold open of a different message) and presses "Prepare drafts now" at the first open whose card shows new leads',
      'every lead is a HubSpot contact owned by the rep; a draft’s time is when the workbench’s Gmail created it, on the simulated clock that charges each call its modelled latency',
      'the real dist/Code.js runs every open, press and trigger run in the workbench; nothing is modelled outside it',
    ],
  };
}
