// Apps Script faults injected through the call ledger: a round trip of an execution throws, as the real
// services do when a quota, a limit or an outage hits. Messages are the ones Apps Script users see.
import type { Trial } from './trial';

/** https://developers.google.com/apps-script/guides/services/quotas ("Service invoked too many times"),
 * quoted as "Exception: Service invoked too many times for one day: gmail." in
 * https://github.com/ramkumar-kr/gmail-delay-send/issues/166 */
export const GMAIL_DAILY_QUOTA = 'Service invoked too many times for one day: gmail.';
export const URLFETCH_DAILY_QUOTA = 'Service invoked too many times for one day: urlfetch.';
/** Apps Script's generic answer when a Google service fails mid-call. */
export const SERVER_ERROR = "We're sorry, a server error occurred. Please wait a bit and try again.";

/** An Apps Script exception the add-on can catch, worded per service. */
export function serviceError(service: string, method: string): Error {
  if (service === 'GmailApp') return new Error(GMAIL_DAILY_QUOTA);
  if (service === 'UrlFetchApp') return new Error('Address unavailable: https://api.hubapi.com');
  return new Error(`${SERVER_ERROR} (${service}.${method})`);
}

/**
 * The execution is stopped at this call (its process dies): this call and every later one of the same
 * execution throw an error the script cannot swallow (the bundle runner rethrows `fatal` errors).
 */
export function crash(): Error {
  return Object.assign(new Error('Simulated crash: the execution stopped here'), { fatal: true });
}

export interface Call {
  service: string;
  method: string;
  /** The round trip's index in its execution (0-based). */
  index: number;
}

export interface CallFault {
  /** Which calls of the target execution fail. */
  when: (call: Call) => boolean;
  /** How many matching calls fail (default 1). */
  times?: number;
  /** 'exception': matching calls throw; 'crash': the first match and every later call of the execution fail. */
  mode?: 'exception' | 'crash';
  /** The error of an exception (default serviceError), or something to do instead of throwing. */
  error?: (call: Call) => Error;
  act?: (trial: Trial, call: Call) => void;
  /** Fault the first execution of this function from now on (default 'pollSubmissions'). */
  functionName?: string;
}

/** Arms the fault on the first execution of `functionName` that starts from now on. */
export function armFault(trial: Trial, fault: CallFault): void {
  const functionName = fault.functionName || 'pollSubmissions';
  let target: number | null = null;
  let left = fault.times ?? 1;
  let crashed = false;
  trial.runner.world.ledger.beforeCall = (call) => {
    if (target === null && call.execution.functionName === functionName) target = call.execution.id;
    if (call.execution.id !== target) return;
    if (crashed) throw crash();
    // A call that throws is not recorded, so the next call has the same index: count what fired.
    if (left <= 0 || !fault.when(call)) return;
    left--;
    trial.injectedFaults++;
    if (fault.act) return fault.act(trial, call);
    if (fault.mode === 'crash') {
      crashed = true;
      throw crash();
    }
    throw (fault.error || ((c: Call) => serviceError(c.service, c.method)))(call);
  };
}

/** Lists the round trips of the next execution of `functionName` (a probe run before a sweep). */
export function recordCalls(trial: Trial, functionName = 'pollSubmissions'): Call[] {
  let target: number | null = null;
  const calls: Call[] = [];
  trial.runner.world.ledger.beforeCall = (call) => {
    if (target === null && call.execution.functionName === functionName) target = call.execution.id;
    if (call.execution.id === target)
      calls.push({ service: call.service, method: call.method, index: call.index });
  };
  return calls;
}
