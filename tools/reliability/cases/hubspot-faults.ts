// HubSpot misbehaving during a poll run: each trial scripts the sandbox's answers for the first run
// (tools/sandbox/faults.ts), then the hourly reruns must finish the work with nothing lost or done twice.
// `afterHandling` makes HubSpot carry out a write and lose its answer: the case that tests "nothing twice".
// None of these may make the trigger throw: the poller stops or degrades and says so in the audit trail.
import type { FaultConfig, FaultRule } from '../../sandbox/faults';
import { runTrials } from '../case';
import type { ReliabilityCase } from '../case';
import { pollWorld } from '../world';

export const FORMS = '/form-integrations/v1/submissions/forms/';
export const CONTACTS_READ = '/crm/objects/2026-03/contacts/batch/read';
export const COMPANIES_LINKS = '/crm/associations/2026-03/contacts/companies/batch/read';
export const TASKS_CREATE = '/crm/objects/2026-03/tasks/batch/create';
export const NOTES_CREATE = '/crm/objects/2026-03/notes/batch/create';

const on = (
  pathPrefix: string,
  respond: FaultRule['respond'],
  times = 1,
  afterHandling = false,
): FaultRule => ({
  match: { pathPrefix },
  respond,
  times,
  afterHandling,
});

interface FaultTrial {
  label: string;
  /** Faults for the first run (cleared before the reruns), or for the whole trial when `persist`. */
  faults: FaultConfig;
  persist?: boolean;
}

export const HUBSPOT_FAULTS: FaultTrial[] = [
  { label: '429 TEN_SECONDLY_ROLLING on the submissions page', faults: { script: [on(FORMS, 429, 2)] } },
  {
    label: '429 SECONDLY on the contact read',
    faults: { script: [on(CONTACTS_READ, { status: 429, policy: 'SECONDLY' }, 2)] },
  },
  {
    label: '429 DAILY on the task write',
    faults: { script: [on(TASKS_CREATE, { status: 429, policy: 'DAILY' })] },
  },
  {
    label: '429 DAILY on the submissions page',
    faults: { script: [on(FORMS, { status: 429, policy: 'DAILY' })] },
  },
  { label: '429 on every request, 12 times', faults: { script: [on('/', 429, 12)] } },
  { label: '500 on the submissions page', faults: { script: [on(FORMS, 500)] } },
  { label: '502 twice on the contact read', faults: { script: [on(CONTACTS_READ, 502, 2)] } },
  { label: '503 on the company links', faults: { script: [on(COMPANIES_LINKS, 503, 4)] } },
  { label: '503 on the task write (not carried out)', faults: { script: [on(TASKS_CREATE, 503)] } },
  {
    label: '503 on the task write after HubSpot made the tasks',
    faults: { script: [on(TASKS_CREATE, 503, 1, true)] },
  },
  {
    label: '500 on the note write after HubSpot made the notes',
    faults: { script: [on(NOTES_CREATE, 500, 1, true)] },
  },
  {
    label: 'timeout on the task write after HubSpot made the tasks',
    faults: { script: [on(TASKS_CREATE, 'timeout', 1, true)] },
  },
  {
    label: 'timeouts on the submissions page (past the retries)',
    faults: { script: [on(FORMS, 'timeout', 5)] },
  },
  { label: 'timeout on the contact read', faults: { script: [on(CONTACTS_READ, 'timeout')] } },
  { label: 'malformed JSON on the submissions page', faults: { script: [on(FORMS, 'malformed-json')] } },
  { label: 'malformed JSON on the contact read', faults: { script: [on(CONTACTS_READ, 'malformed-json')] } },
  { label: '503 on the contact read past the retries', faults: { script: [on(CONTACTS_READ, 503, 4)] } },
  {
    label: 'malformed JSON on the note write after HubSpot made the notes',
    faults: { script: [on(NOTES_CREATE, 'malformed-json', 1, true)] },
  },
  { label: '401 midway (on the task write)', faults: { script: [on(TASKS_CREATE, 401)] } },
  { label: '401 on every request of the first run', faults: { script: [on('/', 401, 50)] } },
  {
    label: 'slow HubSpot: 100 s per request for the first three',
    faults: { script: [on('/', { latencyMs: 100_000 }, 3)] },
  },
  {
    label: 'slow HubSpot: 80 s on the writes, near the time budget',
    faults: {
      script: [on(FORMS, { latencyMs: 150_000 }), on(TASKS_CREATE, { latencyMs: 80_000 }, 3)],
    },
  },
  {
    label: 'random 5xx on 30% of requests, every run',
    faults: { errorRate: 0.3, seed: 7 },
    persist: true,
  },
];

export function hubspotFaults(options: {
  name: string;
  fast: boolean;
  trials: FaultTrial[];
}): ReliabilityCase {
  return {
    name: options.name,
    group: 'HubSpot faults',
    fast: options.fast,
    run: (bundleCode) =>
      runTrials(
        options.trials.map((t) => ({
          label: t.label,
          world: () => pollWorld({ name: t.label, valid: 4, invalid: 1 }),
          drive: (trial) => {
            trial.runner.world.setHubspotFaults(t.faults);
            trial.poll();
            if (!t.persist) trial.runner.world.setHubspotFaults({});
            trial.pollUntilSettled(t.persist ? 12 : 8);
          },
        })),
        bundleCode,
      ),
  };
}
