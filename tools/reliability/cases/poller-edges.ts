// Situations of issue 5 that no fault injects: leads who wrote before (reply drafts), a backlog that takes
// several runs, the same person submitting twice in one run, and a submission HubSpot lists without a
// conversion id. Each ends with the hourly reruns finishing the work.
import { runTrials } from '../case';
import type { ReliabilityCase } from '../case';
import type { Trial } from '../trial';
import { NOW, pollWorld } from '../world';
import type { PollWorld } from '../world';

const settle = (trial: Trial): void => {
  trial.poll();
  trial.pollUntilSettled(10);
};

function edge(name: string, world: () => PollWorld): ReliabilityCase {
  return {
    name,
    group: 'poller',
    fast: false,
    run: (bundleCode) => runTrials([{ label: name, world, drive: settle }], bundleCode),
  };
}

export function pollerEdgeCases(): ReliabilityCase[] {
  return [
    edge('poller: reply drafts for leads who wrote before', () =>
      pollWorld({ name: 'replies', valid: 6, invalid: 0, replies: true }),
    ),
    edge('poller: a backlog of 500 submissions', () =>
      pollWorld({ name: 'backlog', valid: 500, invalid: 20 }),
    ),
    edge('poller: the same person twice in one run', () => {
      const world = pollWorld({ name: 'twice', valid: 2, invalid: 0 });
      const first = world.scenario.hubspot.forms?.[Object.keys(world.scenario.hubspot.forms)[0]];
      const again = {
        ...(first as NonNullable<typeof first>)[0],
        conversionId: 'conv-again',
        submittedAt: NOW - 30_000,
      };
      first?.push(again);
      world.expectations.push({
        conversionId: 'conv-again',
        expect: 'none',
        why: 'cooldown: a draft to them was just made',
      });
      return world;
    }),
    edge('poller: a submission listed without a conversion id', () =>
      pollWorld({
        name: 'no id',
        valid: 3,
        invalid: 0,
        extra: [
          {
            submission: {
              conversionId: '',
              submittedAt: NOW - 30_000,
              values: [{ name: 'email', value: 'no-id@corpusnoid.example' }],
            },
            expectation: {
              conversionId: '',
              expect: 'none',
              why: 'cannot be tracked; must not stop the others',
            },
          },
        ],
      }),
    ),
  ];
}
