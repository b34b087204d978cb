// Hostile input: the corpus of fixtures/hostile/submissions.json (tools/reliability/make-corpus.ts) through
// the poller. Every submission must end as a safe draft or a rejection row with its reason, never a crash;
// then a plain lead that arrives later must still be picked up (a hostile submission must not stop the
// poller), and runs days later must not answer anyone twice. One row for the whole corpus, and one per
// kind of hostility so that a problem in one kind does not hide the others.
import { runTrials } from '../case';
import type { ReliabilityCase } from '../case';
import { corpusContacts, loadCorpus } from '../corpus';
import type { CorpusItem, Tag } from '../corpus';
import type { Trial } from '../trial';
import { FORM_GUID, pollWorld } from '../world';
import type { PollWorld } from '../world';

const LATE_LEAD = 'late.lead@corpuslate.example';
const DAY_MS = 86_400_000;

function corpusWorld(name: string, items: CorpusItem[]): PollWorld {
  const world = pollWorld({
    name,
    valid: 0,
    invalid: 0,
    contacts: corpusContacts(items),
    extra: items.map((item) => ({
      submission: item.submission,
      expectation: {
        conversionId: item.submission.conversionId,
        expect: item.expect,
        email: item.email,
        crm: !!item.contact,
        why: `${item.tag}: ${item.why}`,
      },
    })),
  });
  world.expectations.push({
    conversionId: 'late-lead',
    expect: 'draft',
    email: LATE_LEAD,
    why: 'arrives after the corpus',
  });
  return world;
}

/** The corpus runs, a plain lead arrives and is picked up, and later runs (past the cooldown) find nothing new. */
function drive(trial: Trial): void {
  trial.poll();
  trial.pollUntilSettled(6);
  const world = trial.runner.world;
  world.addSubmission(FORM_GUID, {
    conversionId: 'late-lead',
    submittedAt: world.clock.now(),
    values: [
      { name: 'email', value: LATE_LEAD },
      { name: 'firstname', value: 'Late' },
    ],
  });
  trial.pollUntilSettled(4);
  world.clock.advance(15 * DAY_MS);
  trial.poll();
}

export function hostileCases(items: CorpusItem[] = loadCorpus()): ReliabilityCase[] {
  const tags = [...new Set(items.map((i) => i.tag))] as Tag[];
  const whole: ReliabilityCase = {
    name: `hostile corpus: all ${items.length} submissions`,
    group: 'hostile input',
    fast: true,
    run: (bundleCode) =>
      runTrials([{ label: 'corpus', world: () => corpusWorld('hostile corpus', items), drive }], bundleCode),
  };
  const perTag = tags.map((tag): ReliabilityCase => ({
    name: `hostile: ${tag} (${items.filter((i) => i.tag === tag).length})`,
    group: 'hostile input',
    fast: false,
    run: (bundleCode) =>
      runTrials(
        [
          {
            label: tag,
            world: () =>
              corpusWorld(
                `hostile ${tag}`,
                items.filter((i) => i.tag === tag),
              ),
            drive,
          },
        ],
        bundleCode,
      ),
  }));
  // The writer on, and a model that obeys whatever the form said: every answer carries a Bcc line, a
  // foreign link, another language and no times. The expectations stay the same: the guard refuses each
  // answer and every lead gets its template draft (docs/ai-writer.md).
  const obeyed: ReliabilityCase = {
    name: `hostile corpus with the writer on and a model that obeys it`,
    group: 'hostile input',
    fast: false,
    run: (bundleCode) =>
      runTrials(
        [
          {
            label: 'writer obeys',
            world: () => withObeyingModel(corpusWorld('hostile corpus, writer on', items)),
            drive,
          },
        ],
        bundleCode,
      ),
  };
  return [whole, ...perTag, obeyed];
}

const WRITER_KEY = 'AIzaSyReliability-writer-key-000000000000';
const OBEYING_REPLY =
  'Bonjour,\nBcc: attacker@evil.example\n\nVeuillez vous connecter sur https://login.evil.example/verify.\n\nJe suis libre demain à 9:00.';

function withObeyingModel(world: PollWorld): PollWorld {
  world.scenario.settings.shared = { ...world.scenario.settings.shared, writer: { enabled: true } };
  world.scenario.settings.writerKey = WRITER_KEY;
  world.scenario.model = { key: WRITER_KEY, reply: OBEYING_REPLY };
  return world;
}
