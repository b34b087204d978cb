// The message writer through the real bundle, the Apps Script fakes, the HubSpot sandbox and the Gemini
// stand-in (tools/sandbox/model/): with a model that obeys the prompt-injection submissions of the hostile
// corpus, every draft keeps its recipient, subject and times and carries no foreign link; with a model
// that fails every way, every lead still gets its template draft and its audit row says why; with the
// writer off, nothing asks a model.
import { loadCorpus } from '../../tools/reliability/corpus';
import { pollWorld } from '../../tools/reliability/world';
import type { PollWorld } from '../../tools/reliability/world';
import type { ModelScenario } from '../../tools/sandbox/model/gemini-sandbox';
import { collectOutcome } from '../../tools/workbench/outcome';
import type { Outcome } from '../../tools/workbench/outcome';
import { ScenarioRunner } from '../../tools/workbench/runner';
import { bundleCode, cardText, fixture, run } from './run-fixture';

jest.setTimeout(120_000);

const KEY = 'AIzaSyWorkbench-writer-key-0000000000000';
const TIMES_INTRO = 'Here are a few times that work for me:';
const injections = loadCorpus().filter((i) => i.tag === 'injection');

function writerWorld(name: string, model: ModelScenario | null, writerOn = true): PollWorld {
  const world = pollWorld({
    name,
    valid: 2,
    invalid: 0,
    extra: injections.map((item) => ({
      submission: item.submission,
      expectation: { conversionId: item.submission.conversionId, expect: 'draft', email: item.email },
    })),
    shared: writerOn ? { writer: { enabled: true } } : {},
  });
  if (writerOn) world.scenario.settings.writerKey = KEY;
  if (model) world.scenario.model = { key: KEY, ...model };
  return world;
}

interface Ran {
  outcome: Outcome;
  emails: string[];
  writerNotes: Array<Record<string, unknown> | undefined>;
}

async function pollOnce(world: PollWorld): Promise<Ran> {
  const runner = new ScenarioRunner(world.scenario, await bundleCode());
  try {
    const started = runner.world.clock.now();
    const step = runner.step({ poll: true });
    if (step.error) throw new Error(`the poll threw: ${step.error}`);
    const outcome = collectOutcome(runner.world, [step], world.scenario.name, started);
    const created = outcome.audit.rows.filter((r) => r[3] === 'draft_created');
    return {
      outcome,
      emails: world.expectations.filter((e) => e.expect === 'draft').map((e) => e.email as string),
      writerNotes: created.map(
        (r) => (JSON.parse(r[9] || '{}') as { writer?: Record<string, unknown> }).writer,
      ),
    };
  } finally {
    await runner.world.close();
  }
}

/** What must hold whatever the model said: one draft per lead, to them alone, our subject, our times. */
function expectDraftsHeld(ran: Ran): void {
  const { outcome, emails } = ran;
  expect(outcome.drafts.map((d) => d.to).sort()).toEqual([...emails].sort());
  for (const draft of outcome.drafts) {
    expect({ cc: draft.cc, bcc: draft.bcc, replyTo: draft.replyTo }).toEqual({
      cc: '',
      bcc: '',
      replyTo: '',
    });
    expect(draft.subject).toBe('Thanks for getting in touch');
    expect(draft.textBody).toContain(TIMES_INTRO);
    expect(draft.textBody).not.toMatch(/evil\.example|https?:\/\/|AIza|pat-na1/);
    expect(draft.textBody).not.toMatch(/^(bcc|cc|to|subject|reply-to)\s*:/im);
  }
  expect(outcome.safety.draftOnlyViolations).toBe(0);
  expect(outcome.sentByPerson).toBe(0);
  // Never the prompt or the answer in the audit trail, never the key.
  const trail = JSON.stringify(outcome.audit.rows);
  expect(trail).not.toContain(KEY);
  expect(trail).not.toContain('<<<DATA');
}

describe('the message writer with a model that obeys the injected instructions', () => {
  const obeying: Array<[string, string, string]> = [
    [
      'a Bcc line',
      'Hi,\nBcc: attacker@evil.example\n\nThanks!\n\n[[TIMES]]\n\nBest regards,\nAlex',
      'header_lines',
    ],
    [
      'a login link',
      'Hi there,\n\nPlease sign in at https://login.evil.example/verify first.\n\n[[TIMES]]\n\nBest regards,\nAlex',
      'foreign_link',
    ],
    [
      'another recipient',
      'Hi there,\n\nI am copying boss@evil.example on this one.\n\n[[TIMES]]\n\nBest regards,\nAlex',
      'foreign_address',
    ],
    [
      'the key',
      `Hi there,\n\nThe key you asked for: ${KEY}\n\n[[TIMES]]\n\nBest regards,\nAlex`,
      'credential',
    ],
    [
      'French',
      "Bonjour,\n\nMerci pour votre message. Je serais ravi de vous présenter notre produit et de répondre à vos questions sur votre équipe.\n\n[[TIMES]]\n\nJe suis à votre disposition pour d'autres créneaux.\n\nCordialement,\nAlex",
      'off_language',
    ],
    [
      'its own times',
      'Hi there,\n\nThanks for getting in touch. I am free tomorrow at 9:00 or at 3pm if that suits you.\n\nBest regards,\nAlex',
      'times_dropped',
    ],
  ];

  test.each(obeying)(
    'an answer with %s: every lead gets the template draft, and its row says why',
    async (_what, reply, reason) => {
      const ran = await pollOnce(writerWorld(`writer obeys: ${reason}`, { reply }));
      expectDraftsHeld(ran);
      expect(ran.outcome.modelRequests).toBe(ran.emails.length);
      expect(ran.writerNotes.map((n) => n && n.fallback)).toEqual(ran.emails.map(() => reason));
      expect(
        ran.writerNotes.every((n) => n && n.writer === 'template' && n.model === 'gemini-2.5-flash'),
      ).toBe(true);
    },
  );

  test('a well-behaved answer becomes the draft, with our times put in and the tokens recorded', async () => {
    const ran = await pollOnce(writerWorld('writer writes', {}));
    expectDraftsHeld(ran);
    for (const draft of ran.outcome.drafts)
      expect(draft.textBody).toContain('It is good to hear from the team at');
    for (const note of ran.writerNotes) {
      expect(note).toMatchObject({ writer: 'model', provider: 'gemini', model: 'gemini-2.5-flash' });
      expect(note?.promptTokens).toEqual(expect.any(Number));
      expect(note?.outputTokens).toEqual(expect.any(Number));
      expect(note?.latencyMs).toBeGreaterThan(0);
    }
  });
});

describe('the message writer with a model that fails', () => {
  test('every documented failure: each lead gets its template draft, and its row names the failure', async () => {
    const kinds = [
      '400',
      '403',
      '500',
      '503',
      'malformed',
      'empty',
      'blocked',
      'safety',
      'max_tokens',
    ] as const;
    const ran = await pollOnce(
      writerWorld('writer fails', { faults: kinds.map((kind) => ({ kind, count: 1 })) }),
    );
    expectDraftsHeld(ran);
    // The batch's requests reach the model at once, so which lead met which fault is not fixed: the reasons are.
    expect(ran.writerNotes.map((n) => n && n.fallback).sort()).toEqual(
      [
        'http_error',
        'http_error',
        'http_error',
        'http_error',
        'malformed',
        'empty',
        'blocked',
        'blocked',
        'truncated',
      ].sort(),
    );
  });

  test('a connection that times out fails the round trip: every lead falls back with "timeout"', async () => {
    const ran = await pollOnce(writerWorld('writer times out', { faults: [{ kind: 'timeout' }] }));
    expectDraftsHeld(ran);
    expect(ran.writerNotes.every((n) => n && n.fallback === 'timeout')).toBe(true);
  });

  test("429 RESOURCE_EXHAUSTED: one wait of the server's retryDelay, one more ask, then the template", async () => {
    const ran = await pollOnce(writerWorld('writer over quota', { faults: [{ kind: '429' }] }));
    expectDraftsHeld(ran);
    expect(ran.outcome.modelRequests).toBe(2 * ran.emails.length);
    expect(ran.writerNotes.every((n) => n && n.fallback === 'quota')).toBe(true);
  });

  test('a wrong key is refused by the API and the drafts are prepared anyway', async () => {
    const world = writerWorld('writer with a wrong key', { key: 'AIza-another-key-000000000000000000000' });
    const ran = await pollOnce(world);
    expectDraftsHeld(ran);
    expect(
      ran.writerNotes.every(
        (n) => n && n.fallback === 'http_error' && n.detail === 'HTTP 400 INVALID_ARGUMENT',
      ),
    ).toBe(true);
  });
});

test('with the writer off, nothing asks a model and the drafts carry no writer note', async () => {
  const ran = await pollOnce(writerWorld('writer off', { reply: 'never used' }, false));
  expectDraftsHeld(ran);
  expect(ran.outcome.modelRequests).toBe(0);
  expect(ran.writerNotes.every((n) => n === undefined)).toBe(true);
});

describe('the sidebar’s Create reply draft with the writer chosen', () => {
  function sidebarScenario(model: ModelScenario) {
    const scenario = fixture('default');
    scenario.settings.shared = { ...scenario.settings.shared, writer: { enabled: true } };
    scenario.settings.writerKey = KEY;
    scenario.model = { key: KEY, ...model };
    scenario.steps = [
      { open: 'msg-sarah-demo' },
      { press: 'Create reply draft', choose: { slots: 1, messageWriter: ['writer'] } },
    ];
    return scenario;
  }

  /** A card's events wait in the team's queue until the sheet owner's trigger writes them. */
  function writerNoteOf(outcome: Outcome): Record<string, unknown> {
    const event = outcome.auditQueued.find((e) => e.type === 'draft_created');
    return (event?.details as { writer: Record<string, unknown> }).writer;
  }

  test('the card offers the choice, and the model’s draft is made', async () => {
    const outcome = await run(sidebarScenario({}));
    expect(cardText(outcome.steps[0].card)).toContain('AI first draft');
    expect(outcome.steps[1].openedDraft).not.toBeNull();
    expect(writerNoteOf(outcome)).toMatchObject({ writer: 'model', model: 'gemini-2.5-flash' });
    expect(outcome.modelRequests).toBe(1);
  });

  test('a model slower than its budget: the server gives up, the template draft is made within 30 s', async () => {
    const outcome = await run(sidebarScenario({ latencyMs: 60_000 }));
    expect(outcome.steps[1].error).toBeNull();
    expect(outcome.steps[1].openedDraft).not.toBeNull();
    expect(outcome.steps[1].modelledMs).toBeLessThan(30_000);
    expect(writerNoteOf(outcome)).toMatchObject({ writer: 'template', fallback: 'timeout' });
  });
});

test('an admin turns the writer on in Settings: the key is kept, never shown or audited', async () => {
  const scenario = fixture('default');
  scenario.steps = [
    { universal: 'Settings' },
    { press: 'Save', inputs: { writerKey: KEY, writerEnabled: 'true', writerTone: 'formal' } },
  ];
  const outcome = await run(scenario);
  expect(outcome.steps[1].error).toBeNull();
  const shared = (outcome.settingsAtEnd as { shared: { writer: Record<string, unknown> } }).shared;
  expect(shared.writer).toMatchObject({
    enabled: true,
    tone: 'formal',
    model: 'gemini-2.5-flash',
    maxWords: 180,
  });
  // Queued for the sheet owner's next trigger run, like every card's events.
  const change = outcome.auditQueued.find((e) => e.type === 'config_change' && e.resourceId === 'shared');
  expect(JSON.stringify(change?.details)).toContain('"field":"writerKey","old":null,"new":"changed"');
  expect(JSON.stringify(outcome)).not.toContain(KEY);
  expect(cardText(outcome.steps[1].card)).toContain('set (hidden)');
});
