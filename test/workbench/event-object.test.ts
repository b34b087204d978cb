import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEventObject, localeEnabled, timeZoneOffsetMs } from '../../tools/workbench/event-object';
import type { EventManifest } from '../../tools/workbench/event-object';

const LOCALE_SCOPE = 'https://www.googleapis.com/auth/script.locale';
const withLocale: EventManifest = {
  oauthScopes: [LOCALE_SCOPE],
  addOns: { common: { useLocaleFromApp: true } },
};
const JULY = Date.UTC(2026, 6, 15, 15, 0);
const JANUARY = Date.UTC(2026, 0, 15, 15, 0);
const newYorker = { timeZone: 'America/New_York', locale: 'en-US' };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('time zone and locale', () => {
  test('the offset is the zone’s real one at that instant: New York in July and in January', () => {
    const july = buildEventObject({
      manifest: withLocale,
      host: 'GMAIL',
      user: newYorker,
      now: JULY,
    }) as Json;
    const january = buildEventObject({
      manifest: withLocale,
      host: 'GMAIL',
      user: newYorker,
      now: JANUARY,
    }) as Json;
    expect(july.commonEventObject.timeZone).toEqual({ id: 'America/New_York', offset: -4 * 3_600_000 });
    expect(january.commonEventObject.timeZone).toEqual({ id: 'America/New_York', offset: -5 * 3_600_000 });
  });

  test('the offset changes at the DST switch itself, and half-hour zones keep their half hour', () => {
    const springForward = Date.UTC(2026, 2, 8, 7, 0); // 03:00 EDT, the first instant of summer time
    expect(timeZoneOffsetMs('America/New_York', springForward - 1)).toBe(-5 * 3_600_000);
    expect(timeZoneOffsetMs('America/New_York', springForward)).toBe(-4 * 3_600_000);
    expect(timeZoneOffsetMs('Asia/Kolkata', JULY)).toBe(5.5 * 3_600_000);
    expect(timeZoneOffsetMs('Europe/Berlin', JANUARY)).toBe(3_600_000);
    expect(timeZoneOffsetMs('Etc/UTC', JULY)).toBe(0);
  });

  test('userLocale is language-REGION, and the original fields carry the language, country and offSet string', () => {
    const e = buildEventObject({
      manifest: withLocale,
      host: 'GMAIL',
      user: { timeZone: 'Europe/Berlin', locale: 'de_de' },
      now: JULY,
    }) as Json;
    expect(e.commonEventObject.userLocale).toBe('de-DE');
    expect(e.userLocale).toBe('de');
    expect(e.userCountry).toBe('DE');
    expect(e.userTimezone).toEqual({ id: 'Europe/Berlin', offSet: '7200000' });
  });

  test('without useLocaleFromApp AND the script.locale scope, no locale or time zone is sent', () => {
    const onlyFlag: EventManifest = { addOns: { common: { useLocaleFromApp: true } } };
    const onlyScope: EventManifest = { oauthScopes: [LOCALE_SCOPE], addOns: { common: {} } };
    for (const manifest of [onlyFlag, onlyScope, {}]) {
      expect(localeEnabled(manifest)).toBe(false);
      const e = buildEventObject({ manifest, host: 'GMAIL', user: newYorker, now: JULY }) as Json;
      expect(e.commonEventObject).toEqual({ hostApp: 'GMAIL', platform: 'WEB' });
      for (const field of ['userLocale', 'userCountry', 'userTimezone']) expect(e).not.toHaveProperty(field);
    }
  });

  test('Prospector’s own manifest asks for the locale', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'appsscript.json'), 'utf8'));
    expect(localeEnabled(manifest)).toBe(true);
  });
});

describe('host and platform', () => {
  test('commonEventObject names them in upper case, the original fields in lower case', () => {
    const e = buildEventObject({ manifest: {}, host: 'CALENDAR', user: newYorker, now: JULY }) as Json;
    expect(e.commonEventObject.hostApp).toBe('CALENDAR');
    expect(e.commonEventObject.platform).toBe('WEB');
    expect(e.hostApp).toBe('calendar');
    expect(e.clientPlatform).toBe('web');
  });

  test('a host object of another host is refused: they are mutually exclusive', () => {
    expect(() =>
      buildEventObject({
        manifest: {},
        host: 'CALENDAR',
        user: newYorker,
        now: JULY,
        gmail: { messageId: 'm', threadId: 't', accessToken: 'a' },
      }),
    ).toThrow(/A CALENDAR event object cannot carry a gmail object/);
  });
});

describe('widget actions', () => {
  const formInputs = {
    name: { stringInputs: { value: ['Ana'] } },
    days: { stringInputs: { value: ['mon', 'tue'] } },
    when: { dateTimeInput: { msSinceEpoch: String(JULY), hasDate: true, hasTime: true } },
  };

  test('form inputs come in both shapes: Google’s in commonEventObject, text values in the original maps', () => {
    const e = buildEventObject({
      manifest: {},
      host: 'GMAIL',
      user: newYorker,
      now: JULY,
      parameters: { leadId: '42' },
      formInputs,
    }) as Json;
    expect(e.commonEventObject.formInputs).toEqual(formInputs);
    expect(e.commonEventObject.parameters).toEqual({ leadId: '42' });
    expect(e.parameters).toEqual({ leadId: '42' });
    expect(e.formInputs).toEqual({ name: ['Ana'], days: ['mon', 'tue'] });
    expect(e.formInput).toEqual({ name: 'Ana', days: 'mon' });
  });

  test('homepage and contextual events carry no widget fields', () => {
    const e = buildEventObject({ manifest: {}, host: 'GMAIL', user: newYorker, now: JULY }) as Json;
    for (const field of ['parameters', 'formInput', 'formInputs']) {
      expect(e).not.toHaveProperty(field);
      expect(e.commonEventObject).not.toHaveProperty(field);
    }
  });
});

describe('Gmail', () => {
  const gmail = { messageId: 'msg-1', threadId: 'thr-1', accessToken: 'token-1' };

  test('the open message is in gmail and, the original way, in messageMetadata', () => {
    const e = buildEventObject({ manifest: {}, host: 'GMAIL', user: newYorker, now: JULY, gmail }) as Json;
    expect(e.gmail).toEqual(gmail);
    expect(e.messageMetadata).toEqual({ messageId: 'msg-1', accessToken: 'token-1' });
  });

  test('draft recipients are sent only when the compose trigger’s draftAccess is METADATA', () => {
    const draft = { toRecipients: ['ana@example.com'], subject: 'Hello' };
    const metadata: EventManifest = { addOns: { gmail: { composeTrigger: { draftAccess: 'METADATA' } } } };
    const e = buildEventObject({
      manifest: metadata,
      host: 'GMAIL',
      user: newYorker,
      now: JULY,
      draftMetadata: draft,
    }) as Json;
    expect(e.gmail).toEqual({ toRecipients: ['ana@example.com'], ccRecipients: [], bccRecipients: [] });
    expect(e.draftMetadata).toEqual({
      toRecipients: ['ana@example.com'],
      ccRecipients: [],
      bccRecipients: [],
      subject: 'Hello',
    });
    const none: EventManifest = { addOns: { gmail: { composeTrigger: { draftAccess: 'NONE' } } } };
    const hidden = buildEventObject({
      manifest: none,
      host: 'GMAIL',
      user: newYorker,
      now: JULY,
      draftMetadata: draft,
    }) as Json;
    expect(hidden).not.toHaveProperty('draftMetadata');
    expect(hidden).not.toHaveProperty('gmail');
  });
});

describe('Calendar', () => {
  const calendar = {
    id: 'ev-1',
    calendarId: 'primary',
    organizer: { email: 'ana@example.com' },
    attendees: [{ email: 'ana@example.com', self: true, organizer: true }],
  };

  test('attendees and capabilities are sent only with currentEventAccess READ or READ_WRITE', () => {
    const read: EventManifest = { addOns: { calendar: { currentEventAccess: 'READ' } } };
    const e = buildEventObject({
      manifest: read,
      host: 'CALENDAR',
      user: newYorker,
      now: JULY,
      calendar,
    }) as Json;
    expect(e.calendar.attendees).toEqual(calendar.attendees);
    expect(e.calendar.capabilities).toEqual({
      canSeeAttendees: true,
      canSeeConferenceData: true,
      canAddAttendees: false,
      canSetConferenceData: false,
      canAddAttachments: false,
    });
    const metadataOnly = buildEventObject({
      manifest: {},
      host: 'CALENDAR',
      user: newYorker,
      now: JULY,
      calendar,
    }) as Json;
    expect(metadataOnly.calendar).toEqual({
      id: 'ev-1',
      calendarId: 'primary',
      organizer: { email: 'ana@example.com' },
    });
  });
});
