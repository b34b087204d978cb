// "Test connection" also asks Gmail's and Calendar's REST APIs one small question each, so an admin learns
// that an API is disabled in the Cloud project (and where to enable it) before a rep's sidebar does.
import type { Call } from '../core/http';
import { runTogether } from '../core/http';
import { disabledApiMessage } from '../services/google-api-errors';
import type { AppContext } from './context';

/** What blocks the Google APIs the add-on calls with its own token, or null when both answer. */
export function googleApiProblems(ctx: AppContext): string | null {
  const now = ctx.clock.now();
  const probe = <T>(call: Call<T>): Call<string | null> => ({
    requests: call.requests,
    parse: ([response]) => disabledApiMessage(response),
  });
  const [gmail, calendar] = runTogether(
    ctx.http,
    probe(ctx.mailSearch.threadIds(ctx.userEmail, 1)),
    probe(ctx.calendar.busy(now, now + 3_600_000)),
  );
  const problems = [gmail, calendar].map((settled) => (settled.ok ? settled.value : null)).filter(Boolean);
  return problems.length ? problems.join(' ') : null;
}
