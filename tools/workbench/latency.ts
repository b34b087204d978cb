// Modelled latency of one call to each Apps Script service, in ms, charged to the simulated clock.
// docs/workbench.md gives each figure's source and date; 0 marks local work that is not a round trip.
// Where published measurements give a range, the figure sits inside it, never below: modelled seconds
// must not flatter the add-on (round-trip counts are the solid comparison).
export const LATENCY_MS: Record<string, Record<string, number> & { default: number }> = {
  GmailApp: {
    default: 150,
    getMessageById: 150,
    getThreadById: 150,
    search: 350,
    getMessagesForThreads: 250,
    createDraft: 400,
    createDraftReply: 400,
    getDrafts: 300,
    getUserLabelByName: 100,
    createLabel: 200,
    addToThreads: 200,
    deleteDraft: 250,
    setCurrentMessageAccessToken: 0,
  },
  CalendarApp: { default: 200, createEvent: 350, getEvents: 250, getDefaultCalendar: 100, getEventById: 150 },
  SpreadsheetApp: {
    default: 100,
    openById: 300,
    create: 800,
    setValues: 250,
    getValues: 150,
    appendRow: 200,
    flush: 50,
  },
  PropertiesService: {
    default: 30,
    getProperties: 30,
    /** Published writes average 62-79 ms (docs/workbench.md). */
    setProperties: 70,
    setProperty: 70,
    deleteProperty: 70,
  },
  /** Newest published data: reads 30-43 ms, writes 100-110 ms (docs/workbench.md). */
  CacheService: { default: 35, getAll: 35, putAll: 105, get: 35, put: 105, remove: 90 },
  LockService: { default: 30 },
  ScriptApp: {
    default: 100,
    getOAuthToken: 0,
    newTrigger: 0,
    getProjectTriggers: 80,
    create: 150,
    deleteTrigger: 100,
  },
  /**
   * One UrlFetchApp call: the Apps Script proxy's overhead; the server's own time is added per request.
   * fetchAll costs its slowest request plus 200 ms more than a fetch would: every published test of it
   * shows 100-300 ms beyond the slowest request (docs/workbench.md).
   */
  UrlFetchApp: { default: 60, fetch: 60, fetchAll: 260 },
  /** HubSpot's server time for one request, before sandbox-injected latency. */
  HubSpot: { default: 120 },
  /** Google Calendar REST (freeBusy) server time. */
  GoogleCalendarApi: { default: 100 },
  /** A canned answer from a host the scenario describes (world field `http`): a typical web API. */
  ExternalHttp: { default: 150 },
  Session: { default: 0 },
  Utilities: { default: 0 },
  CardService: { default: 0 },
};

/**
 * Local work that still takes time: charged to the simulated clock (as a wait, so the execution's limit
 * applies) but not recorded as a call, so call counts and the crash sweeps' call indices stay those of the
 * round trips. docs/workbench.md gives the figures' sources.
 */
export const LOCAL_WORK_MS = {
  /** One Utilities.computeDigest: the audit chain hashes each row once when writing and when verifying. */
  computeDigest: 1,
};

export function latencyOf(service: string, method: string): number {
  const table = LATENCY_MS[service];
  if (!table) return 0;
  return table[method] ?? table.default;
}
