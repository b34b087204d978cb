// The poller's Gmail label through the REST API: its id is found once (riding in the first fetchAll) and
// remembered in the rep's Properties, the drafts are labelled beside the HubSpot writes, and a label a
// person deleted is made again (Gmail answers 400 "Invalid label" for the old id).
import { benchScenario, BENCH_USER } from '../../tools/bench/scenarios';
import { ScenarioRunner } from '../../tools/workbench/runner';
import { bundleCode } from './run-fixture';

const LABEL = 'Prospector/Prepared';
const KEY = 'gmail.preparedLabelId';

function labelledDraftThreads(runner: ScenarioRunner): number {
  const box = runner.world.mailbox;
  const draftThreads = new Set(box.drafts.map((d) => d.threadId));
  return box.threads.filter((t) => draftThreads.has(t.id) && t.labels.includes(LABEL)).length;
}

function submit(runner: ScenarioRunner, i: number): void {
  runner.step({
    submit: {
      form: 'b0b0b0b0-0000-4000-8000-00000000f001',
      submission: {
        conversionId: `later-${i}`,
        submittedAt: runner.world.clock.now() - 1_000,
        values: [
          { name: 'email', value: `lead${i}@company${i}.example` },
          { name: 'firstname', value: `Later${i}` },
          { name: 'company', value: `Company ${i}` },
        ],
      },
    },
  });
}

describe('the prepared label', () => {
  it('is found once, remembered, made again after a person deleted it, and labels every draft', async () => {
    const runner = new ScenarioRunner(benchScenario(3), await bundleCode());
    try {
      const world = runner.world;
      runner.step({ poll: true });
      expect(world.mailbox.drafts).toHaveLength(3);
      expect(labelledDraftThreads(runner)).toBe(3);
      const firstId = world.properties.user(BENCH_USER.email).get(KEY);
      expect(firstId).toMatch(/^Label_\d+$/);

      // A person deletes the label: the remembered id is stale.
      world.mailbox.labels = world.mailbox.labels.filter((l) => l !== LABEL);
      for (const t of world.mailbox.threads) t.labels = t.labels.filter((l) => l !== LABEL);
      delete world.mailbox.labelIds?.[LABEL];
      world.clock.advance(3_600_000);
      submit(runner, 4);
      const step = runner.step({ poll: true });
      expect(step.error).toBeFalsy();
      expect(world.mailbox.drafts).toHaveLength(4);
      const secondId = world.properties.user(BENCH_USER.email).get(KEY);
      expect(secondId).toMatch(/^Label_\d+$/);
      expect(secondId).not.toBe(firstId);
      const newest = world.mailbox.drafts[world.mailbox.drafts.length - 1];
      expect(world.mailbox.threads.find((t) => t.id === newest.threadId)?.labels).toContain(LABEL);
    } finally {
      await runner.world.close();
    }
  });
});
