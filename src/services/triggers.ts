// Installable triggers: ONE time-driven trigger per user, running pollSubmissions, which polls (when the
// poller is on) and does the daily upkeep once a day. Installed triggers run as the user who made them and
// count towards that user's 20 triggers per script; an add-on's run at most hourly.
// https://developers.google.com/apps-script/guides/triggers/installable#restrictions
// https://developers.google.com/apps-script/guides/services/quotas
import { describeError } from '../core/errors';

export const POLL_HANDLER = 'pollSubmissions';
/** Earlier versions installed a second, daily trigger; it is removed when the user's trigger is rebuilt. */
export const DAILY_HANDLER = 'dailyMaintenance';

export interface TriggerSync {
  changes: string[];
  /** Why the trigger could not be installed (Apps Script's message), or null. */
  failure: string | null;
}

/**
 * Replaces the user's Prospector triggers with one that runs every `intervalMinutes`; an hourly one near
 * `minute` past the hour (core/trigger-minute.ts).
 */
export function syncTriggers(intervalMinutes: number, minute: number): TriggerSync {
  const changes: string[] = [];
  try {
    // Triggers cannot be edited: a changed interval means delete and create (deleting first frees a slot).
    for (const trigger of ScriptApp.getProjectTriggers()) {
      const handler = trigger.getHandlerFunction();
      if (handler !== POLL_HANDLER && handler !== DAILY_HANDLER) continue;
      ScriptApp.deleteTrigger(trigger);
      changes.push(`${handler} trigger removed`);
    }
    const builder = ScriptApp.newTrigger(POLL_HANDLER).timeBased();
    if (intervalMinutes >= 60) builder.everyHours(intervalMinutes / 60).nearMinute(minute);
    else builder.everyMinutes(intervalMinutes);
    builder.create();
    changes.push(
      `one trigger every ${intervalMinutes} min, near minute ${minute} (new leads, and the daily upkeep once a day)`,
    );
    return { changes, failure: null };
  } catch (error) {
    return { changes, failure: describeError(error).message };
  }
}
