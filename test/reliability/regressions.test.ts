// Reliability cases that once failed, each with the cause it had and the fix it got: they guard against
// the bug coming back.
import { buildBundle } from '../../tools/build';
import type { ReliabilityCase } from '../../tools/reliability/case';
import { APPS_SCRIPT_FAULTS, appsScriptFaults } from '../../tools/reliability/cases/apps-script-faults';
import { hostileCases } from '../../tools/reliability/cases/hostile';
import { loadCorpus } from '../../tools/reliability/corpus';
import { HUBSPOT_FAULTS, hubspotFaults } from '../../tools/reliability/cases/hubspot-faults';
import { overlap } from '../../tools/reliability/cases/overlap';
import { pollerEdgeCases } from '../../tools/reliability/cases/poller-edges';
import type { Metrics } from '../../tools/reliability/measure';
import { ZERO_COLUMNS } from '../../tools/reliability/measure';

jest.setTimeout(60_000);

let code = '';
beforeAll(async () => {
  code = (await buildBundle()).code;
});

async function expectHeld(c: ReliabilityCase): Promise<Metrics> {
  const metrics = await c.run(code);
  expect(ZERO_COLUMNS.filter((key) => metrics[key] !== 0)).toEqual([]);
  return metrics;
}

const hostile = (tag: string) => hostileCases(loadCorpus().filter((i) => i.tag === tag))[0];
const edge = (prefix: string) => pollerEdgeCases().find((c) => c.name.startsWith(prefix)) as ReliabilityCase;

describe('reliability regressions', () => {
  // src/app/poll.ts + src/services/stores.ts: PropertiesStore snapshots the user properties on the first
  // read, which pollOnce does BEFORE runPoll takes the script lock; PollState.load then reads that stale
  // snapshot. A run that waited for the lock while another finished redoes the other's work: a second draft,
  // task and note for every lead. Fix: re-read the store after tryLock (a reload on the port).
  it('a run that gets the lock after another run finished does not redo its work', async () => {
    await expectHeld(
      overlap({ name: 'stale', fast: true, during: (t) => t.nested('pollSubmissions'), indexes: [2, 3] }),
    );
  });

  // src/core/poll-run.ts processBatch: when the contact read fails (malformed JSON, 5xx past the retries),
  // leads have no contact and `complete = !lead.contact || ...` marks them done: their task and note are
  // never written. Fix: when snapshot.crmError is set, leave contactless leads at 'drafted' for the next run.
  it('a failed contact read leaves the HubSpot follow-ups for the next run', async () => {
    const trials = HUBSPOT_FAULTS.filter((t) =>
      /contact read (past|$)|malformed JSON on the contact/.test(t.label),
    );
    await expectHeld(hubspotFaults({ name: 'contact read', fast: true, trials }));
  });

  // src/core/poll-run.ts advanceWatermarks: the watermark moves to the newest settled submission, even one
  // rejected for a time days or years ahead (or a valid one up to a day ahead). Later leads fall below it
  // and are never fetched again. Fix: never move the watermark past the run's start time.
  it('a submission dated in the future does not hide later leads', async () => {
    await expectHeld(hostile('timestamp'));
  });

  // src/core/poll-intake.ts validate: a submission below the watermark that the poller has no record of is
  // rejected as "before the watermark". A lead's record is keyed by its cleaned id (" padded-id " ->
  // "padded-id", a zero-width space removed), so the listed id found no record, and answered leads were
  // rejected once they fell below the watermark. Fix: look the cleaned id up too.
  it('an answered lead whose listed id has spaces or invisibles is not rejected later', async () => {
    await expectHeld(hostile('conversion-id'));
  });

  // src/core/poll-state.ts setOutbox: chunks are cut at 8,000 CHARACTERS, but Properties limits a value to
  // 9 KB in UTF-8 BYTES. Audit events with Chinese text (3 bytes a character) make a chunk too large; the
  // checkpoint throws, and every later run throws at the same place. Fix: measure chunks in UTF-8 bytes.
  it('a run full of Chinese text can still save its progress', async () => {
    await expectHeld(hostile('wide-text'));
  });

  // src/core/poll-state.ts / poll-run.ts: a 100 KB conversion id makes a rejection record whose key is
  // over the 9 KB Properties limit: the checkpoint throws on every run. Fix: key records by a short hash of
  // the id (or refuse ids over 100 characters without a record, by watermark only).
  it('an oversized conversion id is rejected without stopping the poller', async () => {
    await expectHeld(hostile('oversized-id'));
  });

  // src/core/poll-run.ts: audit events wait in the user's Properties (the outbox) until the run's end. About
  // 250 submissions in one run pass the 500 KB store limit; the run throws, and every later run starts with
  // the undelivered outbox and throws again. Fix: deliver the outbox to the sheet once it passes ~100 KB,
  // or cap the submissions a run takes.
  it('a backlog of 500 submissions drains over consecutive runs', async () => {
    await expectHeld(edge('poller: a backlog'));
  });

  // src/services/hubspot/responses.ts readSubmission refuses the whole page when one submission has no
  // conversionId or submittedAt: no lead on that page, nor any older one, is ever processed again. Fix:
  // reject that one submission (audit row) and keep the rest.
  it('a submission listed without a conversion id does not stop the others', async () => {
    await expectHeld(edge('poller: a submission listed without'));
  });

  // src/core/poll-run.ts cooldownRefusal only sees drafts of earlier runs: two submissions from one person
  // in the same run both get a draft. Fix: note each draft in the run's cooldown view as it is planned.
  it('the same person twice in one run gets one draft', async () => {
    await expectHeld(edge('poller: the same person'));
  });

  // tools/workbench/world.ts builds FakeGmailApp with requireMessageToken (default true) although the
  // manifest grants https://mail.google.com/, so GmailApp.getMessageById fails in the trigger and no reply
  // draft can be made; and src/core/poll-run.ts stops the draft loop at the first failure (`break`), so one
  // lead that always fails blocks every later lead, run after run. Fixes: derive requireMessageToken from
  // the manifest's scopes; on a per-lead draft failure, go on with the next lead.
  it('leads who wrote before get reply drafts', async () => {
    await expectHeld(edge('poller: reply drafts'));
  });

  // src/app/sidebar.ts leadCardFor: saving what the sidebar remembers (once a cache write, now a
  // setProperties) was not guarded; a full store turned the whole sidebar into an error card. Fix: it is
  // best-effort, catch and go on.
  it('a failed save of the sidebar memory does not break the sidebar', async () => {
    const trials = APPS_SCRIPT_FAULTS.filter((t) => t.label.startsWith('Properties full when the sidebar'));
    expect(trials).toHaveLength(1);
    const metrics = await expectHeld(appsScriptFaults({ name: 'sidebar memory', fast: true, trials }));
    expect(metrics.faults).toBeGreaterThan(0);
  });
});
