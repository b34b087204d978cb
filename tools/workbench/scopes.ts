// OAuth scopes: which scopes each Apps Script service method the fakes implement needs, and the refusal when
// the manifest's explicit `oauthScopes` lacks all of them. Each entry comes from the method's reference page
// ("Authorization: Scripts that use this method require authorization with one or more of the following
// scopes"), e.g. https://developers.google.com/apps-script/reference/gmail/gmail-app#createDraft(String,String,String)
// Services with no Authorization section (PropertiesService, CacheService, LockService, Utilities,
// CardService) need none. The check is made where a script enters a service (GmailApp.x, not GmailThread.x):
// the objects a permitted call returns come from the same service.
//
// Apps Script's message when the manifest lists scopes and the needed one is not among them, as users quote
// it: "Specified permissions are not sufficient to call SpreadsheetApp.openById. Required permissions:
// https://www.googleapis.com/auth/spreadsheets"; with several acceptable scopes the list reads
// "(a || b)". A manifest without oauthScopes lets Apps Script detect scopes itself: nothing is refused then.
// https://developers.google.com/apps-script/concepts/scopes#setting_explicit_scopes

export const SCOPE = {
  mail: 'https://mail.google.com/',
  addonMessageReadonly: 'https://www.googleapis.com/auth/gmail.addons.current.message.readonly',
  addonMessageMetadata: 'https://www.googleapis.com/auth/gmail.addons.current.message.metadata',
  addonMessageAction: 'https://www.googleapis.com/auth/gmail.addons.current.message.action',
  gmailReadonly: 'https://www.googleapis.com/auth/gmail.readonly',
  gmailModify: 'https://www.googleapis.com/auth/gmail.modify',
  gmailMetadata: 'https://www.googleapis.com/auth/gmail.metadata',
  calendar: 'https://www.googleapis.com/auth/calendar',
  calendarReadonly: 'https://www.googleapis.com/auth/calendar.readonly',
  calendarFeeds: 'https://www.google.com/calendar/feeds',
  calendarFreeBusy: 'https://www.googleapis.com/auth/calendar.freebusy',
  calendarEventsFreeBusy: 'https://www.googleapis.com/auth/calendar.events.freebusy',
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  spreadsheetsCurrentOnly: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  externalRequest: 'https://www.googleapis.com/auth/script.external_request',
  scriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  userinfoEmail: 'https://www.googleapis.com/auth/userinfo.email',
} as const;

const CALENDAR_READ = [SCOPE.calendarReadonly, SCOPE.calendar, SCOPE.calendarFeeds];
const CALENDAR_WRITE = [SCOPE.calendar, SCOPE.calendarFeeds];
const GMAIL_MESSAGE_READ = [
  SCOPE.mail,
  SCOPE.addonMessageReadonly,
  SCOPE.addonMessageMetadata,
  SCOPE.addonMessageAction,
];

/** Per service: the scopes any method needs unless the method is listed in `methods`; [] = none needed. */
interface ServiceScopes {
  default: readonly string[];
  methods?: Record<string, readonly string[]>;
}

export const SERVICE_SCOPES: Record<string, ServiceScopes> = {
  // https://developers.google.com/apps-script/reference/gmail/gmail-app
  GmailApp: {
    default: [SCOPE.mail],
    methods: {
      getMessageById: GMAIL_MESSAGE_READ,
      getThreadById: GMAIL_MESSAGE_READ,
      setCurrentMessageAccessToken: [],
    },
  },
  // https://developers.google.com/apps-script/reference/calendar/calendar-app
  CalendarApp: {
    default: CALENDAR_READ,
    methods: {
      createCalendar: CALENDAR_WRITE,
      createEvent: CALENDAR_WRITE,
      createAllDayEvent: CALENDAR_WRITE,
      createEventFromDescription: CALENDAR_WRITE,
      createEventSeries: CALENDAR_WRITE,
      createAllDayEventSeries: CALENDAR_WRITE,
      subscribeToCalendar: CALENDAR_WRITE,
      newRecurrence: [],
    },
  },
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
  SpreadsheetApp: {
    default: [SCOPE.spreadsheetsCurrentOnly, SCOPE.spreadsheets],
    methods: {
      create: [SCOPE.spreadsheets],
      open: [SCOPE.spreadsheets],
      openById: [SCOPE.spreadsheets],
      openByUrl: [SCOPE.spreadsheets],
      newCellImage: [],
      newColor: [],
      newConditionalFormatRule: [],
      newDataValidation: [],
      newRichTextValue: [],
      newTextStyle: [],
    },
  },
  // https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app
  UrlFetchApp: { default: [SCOPE.externalRequest] },
  // https://developers.google.com/apps-script/reference/script/script-app
  ScriptApp: {
    default: [],
    methods: {
      newTrigger: [SCOPE.scriptApp],
      getProjectTriggers: [SCOPE.scriptApp],
      getUserTriggers: [SCOPE.scriptApp],
      deleteTrigger: [SCOPE.scriptApp],
    },
  },
  // https://developers.google.com/apps-script/reference/base/session
  Session: {
    default: [],
    methods: { getActiveUser: [SCOPE.userinfoEmail], getEffectiveUser: [SCOPE.userinfoEmail] },
  },
};

/** The parts of appsscript.json the workbench reads. */
export interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
  dependencies?: {
    enabledAdvancedServices?: Array<{ serviceId: string; userSymbol?: string; version?: string }>;
  };
  addOns?: {
    common?: Record<string, unknown>;
    gmail?: { composeTrigger?: { selectActions?: unknown[]; draftAccess?: string } } & Record<
      string,
      unknown
    >;
    calendar?: Record<string, unknown>;
  } & Record<string, unknown>;
  [key: string]: unknown;
}

/** The scopes a method needs ([] when none), or null when the service is not scope-checked. */
export function scopesFor(service: string, method: string): readonly string[] | null {
  const entry = SERVICE_SCOPES[service];
  if (!entry) return null;
  return entry.methods?.[method] ?? entry.default;
}

/** Apps Script's refusal when the manifest's explicit scopes lack every scope the method accepts. */
export function insufficientScopesMessage(
  service: string,
  method: string,
  needed: readonly string[],
): string {
  const list = needed.length === 1 ? needed[0] : `(${needed.join(' || ')})`;
  return `Specified permissions are not sufficient to call ${service}.${method}. Required permissions: ${list}`;
}

/** True when the manifest grants one of `needed` (or declares no scopes, so Apps Script detects them). */
export function grants(manifest: Manifest, needed: readonly string[]): boolean {
  if (!manifest.oauthScopes) return true;
  return needed.length === 0 || needed.some((scope) => manifest.oauthScopes?.includes(scope));
}

/**
 * Wraps a service global so each method call first checks the manifest's scopes. Properties that are not
 * functions (enums such as ScriptApp.AuthMode) pass through.
 */
export function scopeChecked<T extends object>(service: string, target: T, manifest: Manifest): T {
  if (!SERVICE_SCOPES[service] || !manifest.oauthScopes) return target;
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const needed = scopesFor(service, property) ?? [];
      return (...args: unknown[]) => {
        if (!grants(manifest, needed)) throw new Error(insufficientScopesMessage(service, property, needed));
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}

/**
 * The draft metadata a compose trigger's event object carries: recipients only with `draftAccess: METADATA`,
 * which "requires that the add-on include the gmail.addons.current.message.metadata scope"; NONE (the
 * default) leaves the event object "mostly empty" (https://developers.google.com/apps-script/manifest/gmail).
 * Google does not publish what happens without the scope, so the workbench refuses the compose trigger
 * with a message that names the rule.
 */
export function composeDraftMetadata<T>(manifest: Manifest, metadata: T): T | null {
  const access = manifest.addOns?.gmail?.composeTrigger?.draftAccess ?? 'NONE';
  if (access !== 'METADATA') return null;
  if (!grants(manifest, [SCOPE.addonMessageMetadata])) {
    throw new Error(
      `Workbench platform rule: composeTrigger.draftAccess METADATA requires the ${SCOPE.addonMessageMetadata} ` +
        'scope in oauthScopes (https://developers.google.com/apps-script/manifest/gmail#ComposeTrigger)',
    );
  }
  return metadata;
}
