// The poller's rules across runs and days, in the workbench (real bundle, Apps Script fakes, HubSpot
// sandbox): whose leads it takes, the contact cooldown and the per-domain daily limit at their
// boundaries, submissions older than the watermark, HubSpot's daily limit, and one audit row for every
// draft, task and note whichever run made or found it.
import type { PollSummary } from '../../src/core/poll-run';
import { NOTES_CREATE, TASKS_CREATE } from '../../tools/reliability/cases/hubspot-faults';
import { COLLEAGUE, leadOf, NOW, pollWorld, USER } from '../../tools/reliability/world';
import type { PollWorld, Submission } from '../../tools/reliability/world';
import type { FaultConfig, FaultRule } from '../../tools/sandbox/faults';
import { auditRows } from '../../tools/workbench/outcome';
import { ScenarioRunner } from '../../tools/workbench/runner';
import { bundleCode, fixture, run } from './run-fixture';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FORM = 'f0e1d2c3-0000-4000-8000-00000000f009';

async function withWorld(world: PollWorld, body: (runner: ScenarioRunner) => void): Promise<void> {
  const runner = new ScenarioRunner(world.scenario, await bundleCode());
  try {
    body(runner);
  } finally {
    await runner.world.close();
  }
}

function poll(runner: ScenarioRunner): PollSummary {
  const result = runner.step({ poll: true });
  if (result.error) throw new Error(`the poll threw: ${result.error}`);
  return result.returned as PollSummary;
}

/** Audit rows: [time, local time, id, type, actor, resource type, resource id, outcome, summary, details, run]. */
function rows(runner: ScenarioRunner): string[][] {
  return auditRows(runner.world).rows;
}

function rowsFor(runner: ScenarioRunner, type: string, resourceId: string): string[][] {
  return rows(runner).filter((r) => r[3] === type && r[6] === resourceId);
}

function draftRecipients(runner: ScenarioRunner): string[] {
  const mailbox = runner.world.mailbox;
  return mailbox.drafts.map((d) => {
    const thread = mailbox.threads.find((t) => t.id === d.threadId);
    return thread?.messages.find((m) => m.id === d.messageId)?.to ?? '';
  });
}

function markersOf(runner: ScenarioRunner, kind: 'tasks' | 'notes'): string[] {
  const records = runner.world.hubspotState().records[kind];
  const field = kind === 'tasks' ? 'hs_task_body' : 'hs_note_body';
  return records.flatMap((r) => String(r.properties[field] || '').match(/prospector:[\w-]+/g) || []);
}

/** Every draft, task and note the world holds, and how many audit rows name it (must be one each). */
function auditCounts(runner: ScenarioRunner): Map<string, number> {
  const counts = new Map<string, number>();
  const all = rows(runner);
  const count = (type: string, id: string) =>
    counts.set(`${type} ${id}`, all.filter((r) => r[3] === type && r[6] === id).length);
  runner.world.mailbox.drafts.forEach((d) => count('draft_created', d.id));
  const state = runner.world.hubspotState();
  state.records.tasks.forEach((t) => count('task_created', t.id));
  state.records.notes.forEach((n) => count('note_created', n.id));
  return counts;
}

function expectOneRowEach(runner: ScenarioRunner): void {
  const counts = auditCounts(runner);
  expect(counts.size).toBeGreaterThan(0);
  expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
}

/** Leads of one world, each a submission plus its contact (owned by the user unless said). */
function leads(
  items: Array<{ email: string; id: string; at: number; ownerId?: string }>,
): Pick<Parameters<typeof pollWorld>[0], 'extra' | 'contacts'> {
  const built = items.map((item, i) =>
    leadOf({
      email: item.email,
      conversionId: item.id,
      submittedAt: item.at,
      contactId: String(8000 + i),
      ownerId: item.ownerId,
    }),
  );
  return {
    extra: built.map((b) => ({
      submission: b.submission,
      expectation: { conversionId: b.submission.conversionId, expect: 'draft' as const },
    })),
    contacts: built.map((b) => b.contact),
  };
}

/** A lead whose contact exists already, arriving now. */
function arrive(runner: ScenarioRunner, email: string, conversionId: string): Submission {
  const submission = leadOf({
    email,
    conversionId,
    submittedAt: runner.world.clock.now(),
    contactId: 'unused',
  }).submission;
  runner.world.addSubmission(FORM, submission);
  return submission;
}

describe('poller rules across runs and days', () => {
  it("leaves leads owned by colleagues to them: no draft, task or note, one 'left for them' row each", async () => {
    const world = pollWorld({ name: 'owned by colleagues', valid: 3, invalid: 0 });
    const hubspot = world.scenario.hubspot;
    hubspot.owners = [
      ...(hubspot.owners || []),
      { id: '503', email: 'priya.nair@northwind.example', firstName: 'Priya', lastName: 'Nair' },
    ];
    const contact = (id: string) => (hubspot.contacts || []).find((c) => c.id === id);
    (contact('7002') as { properties: Record<string, string> }).properties.hubspot_owner_id = COLLEAGUE.id;
    (contact('7003') as { properties: Record<string, string> }).properties.hubspot_owner_id = '503';
    await withWorld(world, (runner) => {
      expect(poll(runner).skipped).toBe(2);
      runner.world.clock.advance(HOUR);
      poll(runner);
      expect(draftRecipients(runner)).toEqual(['lead1@client1.example']);
      expect(markersOf(runner, 'tasks')).toEqual(['prospector:conv-valid-1']);
      expect(markersOf(runner, 'notes')).toEqual(['prospector:conv-valid-1']);
      const leftFor = (id: string) =>
        rows(runner).filter((r) => r[6] === id && r[7] === 'skipped' && /left for them/.test(r[8]));
      expect(leftFor('conv-valid-2').map((r) => r[8])).toEqual([
        `lead2@client2.example belongs to ${COLLEAGUE.email} in HubSpot: left for them`,
      ]);
      expect(leftFor('conv-valid-3').map((r) => r[8])).toEqual([
        'lead3@client3.example belongs to priya.nair@northwind.example in HubSpot: left for them',
      ]);
    });
  });

  it('drafts exactly the daily limit per company domain, counting earlier runs, and again the next day', async () => {
    const acme = (n: number) => `a${n}@acme.example`;
    const world = pollWorld({
      name: 'domain limit',
      valid: 0,
      invalid: 0,
      shared: { domainDailyLimit: 2 },
      ...leads([1, 2, 3].map((n) => ({ email: acme(n), id: `acme-${n}`, at: NOW - (4 - n) * 60_000 }))),
    });
    // a4 and a5 arrive later; their contacts exist from the start.
    world.scenario.hubspot.contacts?.push(
      leadOf({ email: acme(4), conversionId: 'x', submittedAt: 0, contactId: '8104' }).contact,
      leadOf({ email: acme(5), conversionId: 'x', submittedAt: 0, contactId: '8105' }).contact,
    );
    await withWorld(world, (runner) => {
      poll(runner);
      expect(draftRecipients(runner)).toEqual([acme(1), acme(2)]);
      expect(rowsFor(runner, 'skipped_cooldown', 'acme-3').map((r) => r[8])).toEqual([
        'Already 2 drafts today for acme.example (daily limit per company domain)',
      ]);
      // Later the same (UTC) day, another run: the limit counts the first run's drafts.
      runner.world.clock.advance(HOUR);
      arrive(runner, acme(4), 'acme-4');
      poll(runner);
      expect(rowsFor(runner, 'skipped_cooldown', 'acme-4')).toHaveLength(1);
      expect(draftRecipients(runner)).toHaveLength(2);
      // The next UTC day the domain may have drafts again.
      const nextDay = Date.parse('2026-03-11T00:30:00Z');
      runner.world.clock.advance(nextDay - runner.world.clock.now());
      arrive(runner, acme(5), 'acme-5');
      poll(runner);
      expect(draftRecipients(runner)).toEqual([acme(1), acme(2), acme(5)]);
    });
  });

  it('answers a person again only once the contact cooldown (in days) has passed', async () => {
    const email = 'bo@beta.example';
    const world = pollWorld({
      name: 'cooldown',
      valid: 0,
      invalid: 0,
      shared: { contactCooldownDays: 3 },
      ...leads([{ email, id: 'beta-1', at: NOW - 60_000 }]),
    });
    await withWorld(world, (runner) => {
      poll(runner);
      expect(draftRecipients(runner)).toEqual([email]);
      const store = runner.world.properties.user(USER.email);
      const draftedAt = Number(store.get(`cool:${email}`));
      expect(draftedAt).toBeGreaterThanOrEqual(NOW);
      // An hour before the three days are up: still cooling down.
      runner.world.clock.advance(draftedAt + 3 * DAY - HOUR - runner.world.clock.now());
      arrive(runner, email, 'beta-2');
      poll(runner);
      expect(rowsFor(runner, 'skipped_cooldown', 'beta-2').map((r) => r[8])).toEqual([
        `A draft to ${email} was prepared 71 h ago (cooldown 3 days)`,
      ]);
      expect(draftRecipients(runner)).toHaveLength(1);
      // An hour after: answered again.
      runner.world.clock.advance(2 * HOUR);
      arrive(runner, email, 'beta-3');
      poll(runner);
      expect(rowsFor(runner, 'skipped_cooldown', 'beta-3')).toEqual([]);
      expect(draftRecipients(runner)).toEqual([email, email]);
    });
  });

  it('rejects a submission dated before the watermark with its reason, once', async () => {
    const ancient = { conversionId: 'conv-1999', submittedAt: Date.UTC(1999, 11, 31) };
    const world = pollWorld({
      name: 'before the watermark',
      valid: 2,
      invalid: 0,
      ...leads([{ email: 'old@ancient.example', id: ancient.conversionId, at: ancient.submittedAt }]),
    });
    await withWorld(world, (runner) => {
      expect(poll(runner).rejected).toBe(1);
      const reason = (id: string) => rowsFor(runner, 'prospect_rejected', id).map((r) => r[8]);
      expect(reason('conv-1999')).toEqual([
        expect.stringMatching(
          /^Submitted 1999-12-31T00:00:00.000Z, before this form's watermark \(2026-03-03T14:30/,
        ),
      ]);
      // HubSpot lists a submission late, dated before the watermark the first run left.
      runner.world.clock.advance(HOUR);
      runner.world.addSubmission(FORM, {
        ...leadOf({
          email: 'late@latecomer.example',
          conversionId: 'conv-late',
          submittedAt: 0,
          contactId: 'x',
        }).submission,
        submittedAt: NOW - 10 * 60_000,
      });
      poll(runner);
      runner.world.clock.advance(HOUR);
      expect(poll(runner).rejected).toBe(0);
      expect(reason('conv-1999')).toHaveLength(1);
      expect(reason('conv-late')).toEqual([
        expect.stringContaining("Submitted 2026-03-10T14:20:00.000Z, before this form's watermark"),
      ]);
      expect(draftRecipients(runner).sort()).toEqual(['lead1@client1.example', 'lead2@client2.example']);
    });
  });
});

describe('the poller-team-leads scenario', () => {
  it("drafts Alex's and the unassigned lead, leaves Sam's, and rejects the 1999 submission once", async () => {
    const outcome = await run(fixture('poller-team-leads'));
    expect(outcome.errors).toEqual([]);
    expect(outcome.drafts.map((d) => /<([^>]+)>/.exec(d.to)?.[1] ?? d.to).sort()).toEqual([
      'priya.patel@lumenretail.example',
      'sarah.chen@acmelogistics.example',
    ]);
    const bodies = JSON.stringify(outcome.hubspotRecords);
    expect(bodies).not.toMatch(/a001/); // Marcus's conversion id: no task or note carries it
    expect(outcome.hubspotRecords.tasks).toHaveLength(2);
    const summaries = outcome.audit.rows.map((r) => r[8]);
    expect(summaries.filter((s) => /marcus.*left for them/.test(s))).toHaveLength(1);
    expect(summaries.filter((s) => /^Submitted 1999-12-31/.test(s))).toHaveLength(1);
  });
});

describe('HubSpot refusing a write, and every effect audited', () => {
  const fault = (path: string, rule: Omit<FaultRule, 'match'>): FaultConfig => ({
    script: [{ match: { pathPrefix: path }, ...rule }],
  });

  it("stops at HubSpot's daily limit: no further request, the run's notes audited, the rest done the next day", async () => {
    // 105 leads: two batches, so a run that went on would read contacts again for the second.
    const world = pollWorld({ name: 'daily limit', valid: 105, invalid: 0 });
    await withWorld(world, (runner) => {
      runner.world.setHubspotFaults(fault(TASKS_CREATE, { respond: { status: 429, policy: 'DAILY' } }));
      const first = poll(runner);
      expect(first.status).toBe('stopped_rate_limit');
      const stopRow = rows(runner).filter((r) => r[10] === first.runId && r[3] === 'connector_error');
      expect(stopRow.map((r) => [r[8], JSON.parse(r[9])])).toEqual([
        [
          'HubSpot daily request limit reached: the run stopped and resumes tomorrow.',
          { policyName: 'DAILY' },
        ],
      ]);
      const requests = runner.world.hubspotRequests();
      const limited = requests.find((r) => r.status === 429 && r.policy === 'DAILY');
      expect(limited?.path).toBe(TASKS_CREATE);
      // Only the notes of the same round trip may follow the 429.
      const after = requests.filter((r) => r.seq > (limited?.seq ?? 0));
      expect(after.map((r) => r.path).filter((p) => p !== NOTES_CREATE)).toEqual([]);
      expect(runner.world.hubspotState().records.tasks).toHaveLength(0);
      expect(runner.world.hubspotState().records.notes).toHaveLength(100);
      expectOneRowEach(runner);

      runner.world.setHubspotFaults({});
      runner.world.clock.advance(DAY);
      poll(runner);
      runner.world.clock.advance(HOUR);
      poll(runner);
      expect(runner.world.hubspotState().records.tasks).toHaveLength(105);
      expect(runner.world.hubspotState().records.notes).toHaveLength(105);
      expect(runner.world.mailbox.drafts).toHaveLength(105);
      expectOneRowEach(runner);
    });
  });

  it('a rejected token on the task write: the notes written beside it are audited in that run', async () => {
    const world = pollWorld({ name: '401 on tasks', valid: 3, invalid: 0 });
    await withWorld(world, (runner) => {
      runner.world.setHubspotFaults(fault(TASKS_CREATE, { respond: 401 }));
      expect(poll(runner).status).toBe('stopped_auth');
      expect(runner.world.hubspotState().records.notes).toHaveLength(3);
      expectOneRowEach(runner);
      runner.world.setHubspotFaults({});
      runner.world.clock.advance(HOUR);
      expect(poll(runner).status).toBe('finished');
      expect(runner.world.hubspotState().records.tasks).toHaveLength(3);
      expectOneRowEach(runner);
    });
  });

  it.each([
    ['tasks', TASKS_CREATE],
    ['notes', NOTES_CREATE],
  ])('%s HubSpot made but whose answer was lost are audited by the run that finds them', async (_, path) => {
    const world = pollWorld({ name: 'answer lost', valid: 3, invalid: 0 });
    await withWorld(world, (runner) => {
      runner.world.setHubspotFaults(fault(path, { respond: 503, afterHandling: true }));
      poll(runner);
      runner.world.setHubspotFaults({});
      runner.world.clock.advance(HOUR);
      poll(runner);
      const state = runner.world.hubspotState();
      expect([state.records.tasks.length, state.records.notes.length]).toEqual([3, 3]);
      expectOneRowEach(runner);
      const found = rows(runner).filter((r) => /^Found the HubSpot (task|note) written before/.test(r[8]));
      expect(found).toHaveLength(3);
    });
  });
});
