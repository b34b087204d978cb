// Installable triggers: at most one poll trigger and one daily maintenance trigger per user, so the
// 20-triggers-per-user limit is never approached. Installed triggers run as the user who made them.
// https://developers.google.com/apps-script/guides/triggers/installable#limitations
export const POLL_HANDLER = 'pollSubmissions';
export const DAILY_HANDLER = 'dailyMaintenance';

/** Makes the user's triggers match the settings; returns what changed, for the audit trail. */
export function syncTriggers(pollerEnabled: boolean, intervalMinutes: number): string[] {
  const changes: string[] = [];
  const existing = ScriptApp.getProjectTriggers();
  const mine = (handler: string) => existing.filter((t) => t.getHandlerFunction() === handler);
  // Triggers cannot be edited: a changed interval means delete and create.
  for (const trigger of mine(POLL_HANDLER)) {
    ScriptApp.deleteTrigger(trigger);
    changes.push('poll trigger removed');
  }
  if (pollerEnabled) {
    const builder = ScriptApp.newTrigger(POLL_HANDLER).timeBased();
    if (intervalMinutes >= 60) builder.everyHours(Math.round(intervalMinutes / 60));
    else builder.everyMinutes(intervalMinutes);
    builder.create();
    changes.push(`poll trigger every ${intervalMinutes} min`);
  }
  if (!mine(DAILY_HANDLER).length) {
    ScriptApp.newTrigger(DAILY_HANDLER).timeBased().everyDays(1).atHour(3).create();
    changes.push('daily maintenance trigger (audit retention, hold release)');
  }
  return changes;
}
