import { DEFAULT_FIELD_MAPPING } from '../../src/core/prospect';
import {
  DEFAULT_SHARED_SETTINGS,
  DEFAULT_USER_SETTINGS,
  diffSettings,
  DRAFT_ONLY_FACTS,
  validateShared,
  validateUser,
} from '../../src/core/settings';
import type { FieldError, Validation } from '../../src/core/settings';
import { DEFAULT_SLOT_RULES } from '../../src/core/slots';

const GUID = '0f3c2a6e-7d1b-4a8e-9c55-2b8f1e6d4a10';

function errorsOf<T>(result: Validation<T>): FieldError[] {
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

function valueOf<T>(result: Validation<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('DRAFT_ONLY_FACTS', () => {
  it('states draft-only as fixed facts', () => {
    expect(DRAFT_ONLY_FACTS).toEqual({ modeDraftOnly: true, allowAutoSend: false, requireApproval: true });
    expect(Object.isFrozen(DRAFT_ONLY_FACTS)).toBe(true);
  });
});

describe('validateShared', () => {
  it('fills defaults for an empty object', () => {
    expect(valueOf(validateShared({}))).toEqual(DEFAULT_SHARED_SETTINGS);
  });

  it('returns values that do not share objects with the defaults', () => {
    valueOf(validateShared({})).forms.push({ guid: GUID, name: 'x', mapping: DEFAULT_FIELD_MAPPING });
    valueOf(validateUser({})).slotRules.weeklyHours[1]!.push({ start: '18:00', end: '19:00' });
    expect(DEFAULT_SHARED_SETTINGS.forms).toEqual([]);
    expect(DEFAULT_SLOT_RULES.weeklyHours[1]).toEqual([{ start: '09:00', end: '17:00' }]);
  });

  it('accepts a partial object and keeps the rest default', () => {
    const value = valueOf(
      validateShared({
        portalId: 123456,
        pollerEnabled: 'true',
        contactCooldownDays: '30',
        forms: [{ guid: GUID.toUpperCase(), name: 'Demo request' }],
      }),
    );
    expect(value).toMatchObject({
      portalId: '123456',
      pollerEnabled: true,
      contactCooldownDays: 30,
      domainDailyLimit: DEFAULT_SHARED_SETTINGS.domainDailyLimit,
    });
    expect(value.forms).toEqual([{ guid: GUID, name: 'Demo request', mapping: DEFAULT_FIELD_MAPPING }]);
  });

  it('reads the spreadsheet id from a pasted URL', () => {
    const id = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd';
    expect(
      valueOf(
        validateShared({ auditSpreadsheetId: `https://docs.google.com/spreadsheets/d/${id}/edit#gid=0` }),
      ).auditSpreadsheetId,
    ).toBe(id);
    expect(valueOf(validateShared({ auditSpreadsheetId: id })).auditSpreadsheetId).toBe(id);
    expect(errorsOf(validateShared({ auditSpreadsheetId: '=IMPORTXML("x")' }))[0].field).toBe(
      'auditSpreadsheetId',
    );
  });

  it('explains the hourly limit of installed add-ons', () => {
    expect(errorsOf(validateShared({ pollerIntervalMinutes: 15 }))).toEqual([
      {
        field: 'pollerIntervalMinutes',
        message:
          'Poll interval must be 60 minutes or more for an installed add-on (Google runs add-on timers at most hourly)',
      },
    ]);
    expect(valueOf(validateShared({ pollerIntervalMinutes: 120 })).pollerIntervalMinutes).toBe(120);
  });

  it('takes only the hour intervals Apps Script timers run at (1, 2, 4, 6, 8 or 12 hours)', () => {
    for (const minutes of [60, 120, 240, 360, 480, 720]) {
      expect(valueOf(validateShared({ pollerIntervalMinutes: minutes })).pollerIntervalMinutes).toBe(minutes);
    }
    for (const minutes of [180, 300, 600, 1440]) {
      expect(errorsOf(validateShared({ pollerIntervalMinutes: minutes }))).toEqual([
        {
          field: 'pollerIntervalMinutes',
          message:
            'Poll interval must be 60, 120, 240, 360, 480 or 720 minutes (every 1, 2, 4, 6, 8 or 12 hours, as Apps Script timers run)',
        },
      ]);
    }
  });

  it('allows the sub-hourly intervals Apps Script supports when asked', () => {
    for (const minutes of [5, 10, 15, 30, 60, 120, 720]) {
      expect(
        valueOf(validateShared({ pollerIntervalMinutes: minutes }, { allowSubHourly: true }))
          .pollerIntervalMinutes,
      ).toBe(minutes);
    }
    for (const minutes of [0, 1, 7, 45, 90, 180, 1440, 2000, 12.5, 'soon']) {
      expect(
        errorsOf(validateShared({ pollerIntervalMinutes: minutes }, { allowSubHourly: true }))[0].field,
      ).toBe('pollerIntervalMinutes');
    }
  });

  it('explains each number out of range', () => {
    expect(
      errorsOf(
        validateShared({ contactCooldownDays: -1, domainDailyLimit: 0, retentionDays: 7, cacheMinutes: 600 }),
      ),
    ).toEqual([
      {
        field: 'contactCooldownDays',
        message: 'Contact cooldown (days) must be a whole number from 0 to 365',
      },
      {
        field: 'domainDailyLimit',
        message: 'Drafts per domain per day must be a whole number from 1 to 1000',
      },
      { field: 'retentionDays', message: 'Audit retention (days) must be a whole number from 30 to 3650' },
      { field: 'cacheMinutes', message: 'CRM cache (minutes) must be a whole number from 0 to 360' },
    ]);
  });

  it('validates forms: GUID shape, duplicates, names and mappings', () => {
    const errors = errorsOf(
      validateShared({
        forms: [
          { guid: 'not-a-guid' },
          { guid: GUID, mapping: { email: ['Work_Email', 'email'], firstName: 'given_name' } },
          { guid: GUID },
          { guid: '1f3c2a6e-7d1b-4a8e-9c55-2b8f1e6d4a10', mapping: { email: ['=bad'], colour: ['x'] } },
        ],
      }),
    );
    expect(errors.map((e) => e.field)).toEqual([
      'forms[0].guid',
      'forms[2].guid',
      'forms[3].mapping.colour',
      'forms[3].mapping.email',
    ]);
    expect(errors[1].message).toBe(`Form ${GUID} is listed twice`);
    const ok = valueOf(
      validateShared({
        forms: [{ guid: GUID, mapping: { email: ['Work_Email', 'email'], firstName: 'given_name' } }],
      }),
    );
    expect(ok.forms[0]).toEqual({
      guid: GUID,
      name: 'Form 0f3c2a6e',
      mapping: { ...DEFAULT_FIELD_MAPPING, email: ['work_email', 'email'], firstName: ['given_name'] },
    });
  });

  it('rejects unknown keys and non-objects', () => {
    expect(errorsOf(validateShared({ pollInterval: 60 }))).toEqual([
      { field: 'pollInterval', message: "Unknown setting 'pollInterval'" },
    ]);
    expect(errorsOf(validateShared('{"portalId":1}'))[0].message).toBe('Settings must be a JSON object');
    expect(errorsOf(validateShared(null))[0].message).toBe('Settings must be a JSON object');
    expect(errorsOf(validateShared([]))[0].message).toBe('Settings must be a JSON object');
  });

  it.each([
    'allowAutoSend',
    'auto_send',
    'mode_draft_only',
    'sendEmails',
    'ALLOW-AUTO-SEND',
    'requireApproval',
  ])('refuses %s: sending cannot be enabled', (key) => {
    const errors = errorsOf(validateShared({ [key]: true }));
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe(key);
    expect(errors[0].message).toMatch(
      /cannot be set: Prospector only prepares drafts and never sends email\. Draft-only is part of the product, not a setting\.$/,
    );
  });

  it('refuses sending keys hidden in nested objects too', () => {
    const errors = errorsOf(validateShared({ forms: [{ guid: GUID, autoSend: true }] }));
    expect(errors.map((e) => e.field)).toEqual(['forms[0].autoSend']);
  });

  it('keeps a hostile form name to one clean line', () => {
    const value = valueOf(validateShared({ forms: [{ guid: GUID, name: '=HYPERLINK("x")\r\nBcc' }] }));
    expect(value.forms[0].name).toBe('=HYPERLINK("x") Bcc');
  });
});

describe('validateUser', () => {
  it('fills defaults for an empty object', () => {
    expect(valueOf(validateUser({}))).toEqual(DEFAULT_USER_SETTINGS);
    expect(DEFAULT_USER_SETTINGS.slotRules).toEqual(DEFAULT_SLOT_RULES);
  });

  it('merges partial slot rules over the defaults and replaces working hours whole', () => {
    const value = valueOf(
      validateUser({
        slotRules: {
          slotMinutes: '45',
          weeklyHours: { 2: [{ start: '10:00', end: '12:00' }] },
          tentativeIsBusy: 'false',
        },
      }),
    );
    expect(value.slotRules).toEqual({
      ...DEFAULT_SLOT_RULES,
      slotMinutes: 45,
      tentativeIsBusy: false,
      weeklyHours: { 2: [{ start: '10:00', end: '12:00' }] },
    });
  });

  it("reports the slot rules' own problems", () => {
    const errors = errorsOf(
      validateUser({ slotRules: { slotMinutes: 3, weeklyHours: { 1: [{ start: '17:00', end: '09:00' }] } } }),
    );
    expect(errors.every((e) => e.field === 'slotRules')).toBe(true);
    expect(errors.map((e) => e.message)).toEqual([
      'Meeting length in minutes must be a whole number from 5 to 480.',
      'Monday 17:00–09:00: the end must be after the start.',
    ]);
    expect(errorsOf(validateUser({ slotRules: { timeZone: 'UTC' } }))).toEqual([
      { field: 'slotRules.timeZone', message: "Unknown setting 'timeZone'" },
    ]);
  });

  it('checks the default template against the known ids', () => {
    expect(valueOf(validateUser({ defaultTemplateId: 'times-that-work' })).defaultTemplateId).toBe(
      'times-that-work',
    );
    expect(errorsOf(validateUser({ defaultTemplateId: 'nope' }))[0].message).toBe(
      'Default template must be one of: form-lead-first-reply, known-contact-follow-up, times-that-work',
    );
    expect(
      valueOf(validateUser({ defaultTemplateId: 'mine' }, { templateIds: ['mine'] })).defaultTemplateId,
    ).toBe('mine');
  });

  it('cleans the sender name and limits its length', () => {
    expect(valueOf(validateUser({ senderName: '  Fox\r\nBcc: x@example.com ' })).senderName).toBe(
      'Fox Bcc: x@example.com',
    );
    expect(valueOf(validateUser({ senderName: '   ' })).senderName).toBeNull();
    expect(errorsOf(validateUser({ senderName: 'x'.repeat(101) }))[0]).toEqual({
      field: 'senderName',
      message: 'Sender name must be at most 100 characters',
    });
    expect(errorsOf(validateUser({ senderName: { first: 'Fox' } }))[0].message).toBe(
      'Sender name must be text',
    );
  });

  it('validates booleans and ranges', () => {
    expect(errorsOf(validateUser({ takeUnassignedLeads: 'yes', holdReleaseDays: 0 }))).toEqual([
      { field: 'takeUnassignedLeads', message: 'Take unassigned leads must be true or false' },
      { field: 'holdReleaseDays', message: 'Release holds after (days) must be a whole number from 1 to 30' },
    ]);
  });

  it('refuses sending keys here too', () => {
    expect(errorsOf(validateUser({ send_emails: true }))[0].message).toMatch(/never sends email/);
  });
});

describe('diffSettings', () => {
  it('lists changed leaves by dotted path', () => {
    const before = { ...DEFAULT_USER_SETTINGS, senderName: 'Fox' };
    const after = {
      ...before,
      senderName: 'Fox Mulder',
      slotRules: { ...before.slotRules, slotMinutes: 45 },
    };
    expect(diffSettings(before, after)).toEqual([
      { field: 'slotRules.slotMinutes', old: 30, new: 45 },
      { field: 'senderName', old: 'Fox', new: 'Fox Mulder' },
    ]);
  });

  it('compares lists as whole values, notices added and removed keys, and treats absent as null', () => {
    const before = { forms: [{ guid: 'a' }], portalId: null as string | null };
    const after = { forms: [{ guid: 'a' }, { guid: 'b' }], cacheMinutes: 5 };
    expect(diffSettings(before, after)).toEqual([
      { field: 'forms', old: [{ guid: 'a' }], new: [{ guid: 'a' }, { guid: 'b' }] },
      { field: 'cacheMinutes', old: null, new: 5 },
    ]);
  });

  it('never shows secret values', () => {
    const changes = diffSettings(
      { hubspotToken: null, nested: { apiKey: 'old-secret-123' } },
      { hubspotToken: 'pat-na1-x', nested: { apiKey: 'new-secret-456' } },
      ['hubspotToken', 'apiKey'],
    );
    expect(changes).toEqual([
      { field: 'hubspotToken', old: null, new: '[redacted]' },
      { field: 'nested.apiKey', old: '[redacted]', new: '[redacted]' },
    ]);
  });

  it('returns nothing when nothing changed', () => {
    expect(diffSettings(DEFAULT_SHARED_SETTINGS, { ...DEFAULT_SHARED_SETTINGS })).toEqual([]);
  });
});
