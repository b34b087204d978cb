// The event object Gmail, Calendar or Drive passes to an add-on's triggers and callbacks, field by field as
// Google's reference describes it (https://developers.google.com/workspace/add-ons/concepts/event-objects):
// commonEventObject, the host's own object (gmail, calendar or drive; at most one), and the original
// Gmail add-on fields Google still sends beside them for backward compatibility. docs/workbench.md
// ("Event objects") lists every field with its value here and its source.
import { zonedParts } from '../../src/core/time-zone';

export type HostApp = 'GMAIL' | 'CALENDAR' | 'DRIVE';
export type Platform = 'WEB' | 'IOS' | 'ANDROID';

/** The parts of appsscript.json that decide what an event object carries. */
export interface EventManifest {
  oauthScopes?: string[];
  addOns?: {
    common?: { useLocaleFromApp?: boolean };
    gmail?: { composeTrigger?: { draftAccess?: string } };
    calendar?: { currentEventAccess?: string };
  };
}

/** One widget's value in commonEventObject.formInputs (V8 shape). */
export type FormInput =
  | { stringInputs: { value: string[] } }
  | { dateInput: { msSinceEpoch: string } }
  | { timeInput: { hours: number; minutes: number } }
  | { dateTimeInput: { msSinceEpoch: string; hasDate: boolean; hasTime: boolean } };

export interface DraftRecipients {
  toRecipients?: string[];
  ccRecipients?: string[];
  bccRecipients?: string[];
  subject?: string;
}

export interface CalendarEventObject {
  id: string;
  calendarId: string;
  organizer?: { email: string };
  recurringEventId?: string;
  attendees?: Array<Record<string, unknown>>;
  capabilities?: Record<string, boolean>;
  conferenceData?: Record<string, unknown>;
}

export interface EventObjectOptions {
  manifest: EventManifest;
  host: HostApp;
  platform?: Platform;
  user: { timeZone: string; locale?: string };
  /** The instant of the event: the time zone's offset is the one in force then. */
  now: number;
  /**
   * A widget action (a button press) carries its action's parameters and the card's form inputs; homepage
   * and contextual triggers and universal actions carry neither. Pass them (even empty) for an action.
   */
  parameters?: Record<string, string>;
  formInputs?: Record<string, FormInput>;
  /** The open message (contextual trigger and the actions on its cards). */
  gmail?: { messageId: string; threadId: string; accessToken: string };
  /** The draft being composed (compose trigger): sent only when the manifest's draftAccess is METADATA. */
  draftMetadata?: DraftRecipients;
  calendar?: CalendarEventObject;
  drive?: { activeCursorItem?: Record<string, unknown>; selectedItems?: Array<Record<string, unknown>> };
}

type Json = Record<string, unknown>;

export const LOCALE_SCOPE = 'https://www.googleapis.com/auth/script.locale';

const EVENT_OBJECTS = 'https://developers.google.com/workspace/add-ons/concepts/event-objects';

/**
 * userLocale and timeZone are "disabled by default": they are sent only when the manifest sets
 * addOns.common.useLocaleFromApp and lists the script.locale scope
 * (https://developers.google.com/workspace/add-ons/how-tos/access-user-locale).
 */
export function localeEnabled(manifest: EventManifest): boolean {
  return (
    manifest.addOns?.common?.useLocaleFromApp === true && (manifest.oauthScopes || []).includes(LOCALE_SCOPE)
  );
}

/** The zone's offset from UTC in ms at `now`, as timeZone.offset gives it (DST included). */
export function timeZoneOffsetMs(timeZone: string, now: number): number {
  const p = zonedParts(now, timeZone);
  const wholeSecond = now - (((now % 1000) + 1000) % 1000);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wholeSecond;
}

/** "en_us" or "en-US" -> "en-US": ISO 639 language, hyphen, ISO 3166 region, as userLocale is documented. */
function bcp47(locale: string): string {
  const [language, region] = locale.replace('_', '-').split('-');
  return region ? `${language.toLowerCase()}-${region.toUpperCase()}` : language.toLowerCase();
}

export function buildEventObject(options: EventObjectOptions): Json {
  const { manifest, host, user, now } = options;
  const platform = options.platform || 'WEB';
  const hosts = {
    gmail: options.gmail || options.draftMetadata,
    calendar: options.calendar,
    drive: options.drive,
  };
  const present = Object.entries(hosts).filter(([, value]) => value !== undefined);
  // The host objects are mutually exclusive: only the calling host's is set.
  for (const [name] of present)
    if (name.toUpperCase() !== host)
      throw new Error(`A ${host} event object cannot carry a ${name} object (${EVENT_OBJECTS})`);

  const common: Json = { hostApp: host, platform };
  const event: Json = { commonEventObject: common };
  // Original Gmail add-on fields, deprecated but still sent beside the new structure.
  event.hostApp = host.toLowerCase();
  event.clientPlatform = platform.toLowerCase();

  if (localeEnabled(manifest)) {
    const locale = bcp47(user.locale || 'en-US');
    const offset = timeZoneOffsetMs(user.timeZone, now);
    common.userLocale = locale;
    common.timeZone = { id: user.timeZone, offset };
    const [language, country] = locale.split('-');
    event.userLocale = language;
    if (country) event.userCountry = country;
    // Published code reads the original field as offSet (EO now prints "offset"); a string of ms.
    event.userTimezone = { id: user.timeZone, offSet: String(offset) };
  }

  const isAction = options.parameters !== undefined || options.formInputs !== undefined;
  if (isAction) {
    const parameters = { ...(options.parameters || {}) };
    const formInputs = options.formInputs || {};
    common.parameters = parameters;
    common.formInputs = formInputs;
    event.parameters = { ...parameters };
    // The legacy maps hold text widgets' values only: picker values are in commonEventObject alone.
    event.formInputs = legacyFormInputs(formInputs);
    event.formInput = Object.fromEntries(
      Object.entries(event.formInputs as Record<string, string[]>).map(([name, values]) => [name, values[0]]),
    );
  }

  if (host === 'GMAIL') Object.assign(event, gmailFields(options));
  if (host === 'CALENDAR' && options.calendar) event.calendar = calendarObject(options.calendar, manifest);
  if (host === 'DRIVE' && options.drive) event.drive = options.drive;
  return event;
}

function legacyFormInputs(formInputs: Record<string, FormInput>): Record<string, string[]> {
  const legacy: Record<string, string[]> = {};
  for (const [name, input] of Object.entries(formInputs))
    if ('stringInputs' in input) legacy[name] = [...input.stringInputs.value];
  return legacy;
}

function gmailFields(options: EventObjectOptions): Json {
  const fields: Json = {};
  const gmail: Json = {};
  if (options.gmail) {
    Object.assign(gmail, options.gmail);
    fields.messageMetadata = { messageId: options.gmail.messageId, accessToken: options.gmail.accessToken };
  }
  const metadataAccess = options.manifest.addOns?.gmail?.composeTrigger?.draftAccess === 'METADATA';
  if (options.draftMetadata && metadataAccess) {
    const draft = options.draftMetadata;
    const recipients = {
      toRecipients: [...(draft.toRecipients || [])],
      ccRecipients: [...(draft.ccRecipients || [])],
      bccRecipients: [...(draft.bccRecipients || [])],
    };
    Object.assign(gmail, recipients);
    fields.draftMetadata = { ...recipients, subject: draft.subject || '' };
  }
  if (Object.keys(gmail).length) fields.gmail = gmail;
  return fields;
}

/**
 * Attendees, capabilities and conference data are "user-generated data": sent only when the manifest's
 * currentEventAccess is READ or READ_WRITE. Capabilities not given follow that access: reading with
 * READ, adding and setting only with READ_WRITE.
 */
function calendarObject(calendar: CalendarEventObject, manifest: EventManifest): Json {
  const access = manifest.addOns?.calendar?.currentEventAccess;
  const { attendees, capabilities, conferenceData, ...rest } = calendar;
  if (access !== 'READ' && access !== 'READ_WRITE') return JSON.parse(JSON.stringify(rest));
  const writable = access === 'READ_WRITE';
  const granted = capabilities || {
    canSeeAttendees: true,
    canSeeConferenceData: true,
    canAddAttendees: writable,
    canSetConferenceData: writable,
    canAddAttachments: writable,
  };
  return JSON.parse(JSON.stringify({ ...rest, attendees, capabilities: granted, conferenceData }));
}
