// The minute of the hour each user's hourly trigger asks for. A team's triggers made the same minute would
// poll HubSpot together, and HubSpot counts the whole account's requests per 10 s; a minute taken from the
// user's address spreads them over the hour with no shared state. Apps Script still runs a trigger within
// about 15 minutes of the minute asked for (ClockTriggerBuilder.nearMinute:
// https://developers.google.com/apps-script/reference/script/clock-trigger-builder#nearMinute(Integer)).

/** 0–59, the same for an address on every call (FNV-1a over the lowercased address). */
export function triggerMinute(email: string): number {
  let hash = 0x811c9dc5;
  for (const char of email.toLowerCase()) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 60;
}
