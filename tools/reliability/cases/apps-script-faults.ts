// Apps Script misbehaving during a poll run: quotas, service exceptions, Properties and Cache limits, the
// script lock held by another run, and the execution running out of time. The first run meets the fault;
// the hourly reruns must then finish the work with nothing lost or done twice. A fault may make that first
// run's trigger throw (Apps Script reports it); any other execution that throws is a crash.
import { PROPERTY_QUOTA_MESSAGE } from '../../workbench/fakes/properties';
import { EXECUTION_LIMIT_MS } from '../../workbench/runtime';
import { runTrials } from '../case';
import type { Drive, ReliabilityCase } from '../case';
import { armFault, GMAIL_DAILY_QUOTA, URLFETCH_DAILY_QUOTA } from '../faults';
import type { Call, CallFault } from '../faults';
import type { Trial } from '../trial';
import { pollWorld, SIDEBAR_MESSAGE } from '../world';
import { sweep } from './crash-sweep';

const is =
  (service: string, method?: string) =>
  (call: Call): boolean =>
    call.service === service && (!method || call.method === method);
const message = (text: string) => () => new Error(text);

/** Jumps the simulated clock: the execution has been running this much longer. */
const spend = (ms: number) => (trial: Trial) => trial.runner.world.clock.advance(ms);

/** The first run meets `fault`; the reruns find a healthy world. */
function faultedRun(fault: CallFault): Drive {
  return (trial) => {
    armFault(trial, fault);
    trial.poll();
    trial.runner.world.ledger.beforeCall = null;
    trial.pollUntilSettled();
    return { allowedThrows: 1 };
  };
}

interface AppsScriptTrial {
  label: string;
  drive: Drive;
}

export const APPS_SCRIPT_FAULTS: AppsScriptTrial[] = [
  {
    label: 'Gmail daily quota from the first draft on',
    drive: faultedRun({
      when: is('GmailApp', 'createDraft'),
      times: Infinity,
      error: message(GMAIL_DAILY_QUOTA),
    }),
  },
  {
    label: 'Gmail daily quota on every Gmail call of the run',
    drive: faultedRun({ when: is('GmailApp'), times: Infinity, error: message(GMAIL_DAILY_QUOTA) }),
  },
  {
    label: 'Gmail exception on the conversation search',
    drive: faultedRun({ when: is('GmailApp', 'search') }),
  },
  {
    label: 'Gmail exception on the second draft',
    drive: faultedRun({ when: nth(is('GmailApp', 'createDraft'), 2) }),
  },
  {
    label: 'Gmail exception on labelling the drafts',
    drive: faultedRun({ when: is('GmailApp', 'addToThreads') }),
  },
  {
    label: 'Calendar exception reading the time zone',
    drive: faultedRun({ when: is('CalendarApp'), times: Infinity }),
  },
  {
    label: 'UrlFetch daily quota for the whole run',
    drive: faultedRun({ when: is('UrlFetchApp'), times: Infinity, error: message(URLFETCH_DAILY_QUOTA) }),
  },
  {
    label: 'Properties quota on the first checkpoint',
    drive: faultedRun({
      when: is('PropertiesService', 'setProperties'),
      error: message(PROPERTY_QUOTA_MESSAGE),
    }),
  },
  {
    label: 'Properties quota on every write of the run',
    drive: faultedRun({
      when: is('PropertiesService', 'setProperties'),
      times: Infinity,
      error: message(PROPERTY_QUOTA_MESSAGE),
    }),
  },
  {
    label: 'Spreadsheet exception writing the audit rows',
    drive: faultedRun({ when: is('SpreadsheetApp', 'setValues') }),
  },
  {
    label: 'Lock held by another run',
    drive: (trial) => {
      const locks = trial.runner.world.locks;
      locks.acquire('script', 9_999);
      trial.injectedFaults++;
      trial.poll();
      locks.release('script', 9_999);
      trial.pollUntilSettled();
    },
  },
  {
    label: 'Properties full when the sidebar saves what it remembers, then a poll',
    drive: (trial) => {
      armFault(trial, {
        functionName: 'onGmailMessageOpen',
        when: is('PropertiesService', 'setProperties'),
        times: Infinity,
        error: message(PROPERTY_QUOTA_MESSAGE),
      });
      trial.step({ open: SIDEBAR_MESSAGE });
      trial.runner.world.ledger.beforeCall = null;
      trial.pollUntilSettled();
    },
  },
];

/** The n-th call (1-based) that matches. */
function nth(match: (call: Call) => boolean, n: number): (call: Call) => boolean {
  let seen = 0;
  return (call) => match(call) && ++seen === n;
}

export function appsScriptFaults(options: {
  name: string;
  fast: boolean;
  trials: AppsScriptTrial[];
}): ReliabilityCase {
  return {
    name: options.name,
    group: 'Apps Script faults',
    fast: options.fast,
    run: (bundleCode) =>
      runTrials(
        options.trials.map((t) => ({
          label: t.label,
          world: () => pollWorld({ name: t.label, valid: 4, invalid: 1 }),
          drive: t.drive,
        })),
        bundleCode,
      ),
  };
}

/** Execution time running out at each call k: past the 6 minute limit (killed), or near the budget. */
export function timeSweeps(): ReliabilityCase[] {
  const world = { valid: 3, invalid: 1 };
  return [
    sweep({
      name: 'time: 6 min limit passed at each call (killed at the next)',
      group: 'Apps Script faults',
      fast: false,
      world,
      fault: { act: spend(EXECUTION_LIMIT_MS.trigger) },
    }),
    sweep({
      name: 'time: 4.4 min spent at each call (near the budget)',
      group: 'Apps Script faults',
      fast: false,
      world,
      fault: { act: spend(4.4 * 60_000) },
    }),
  ];
}
