import { ACTIONS, INPUTS } from '../../src/cards/actions';
import { settingsCard } from '../../src/cards/settings-card';
import type { SettingsModel } from '../../src/cards/settings-card';
import { DEFAULT_SHARED_SETTINGS, DEFAULT_USER_SETTINGS } from '../../src/core/settings';
import type { FieldError } from '../../src/core/settings';
import {
  buttonNamed,
  cardTexts,
  hasButton,
  inputNamed,
  installCardService,
  jsonOf,
  sectionHeaders,
  sectionNamed,
  unknownActions,
  widgetTexts,
} from './card-json';
import type { Json } from './card-json';

beforeAll(installCardService);

const GUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';

function model(overrides: Partial<SettingsModel> = {}): SettingsModel {
  return {
    isAdmin: true,
    tokenMask: 'pat-na1-…1a2b',
    shared: {
      ...DEFAULT_SHARED_SETTINGS,
      portalId: '12345',
      forms: [{ guid: GUID, name: 'Contact us', mapping: {} as never }],
      pollerEnabled: true,
    },
    personal: DEFAULT_USER_SETTINGS,
    auditSheetUrl: null,
    errors: [],
    ...overrides,
  };
}

const render = (overrides: Partial<SettingsModel> = {}): Json => jsonOf(settingsCard(model(overrides)));

/** The widget right after the input named `name`, in whichever section holds it. */
function widgetAfter(card: Json, name: string): Json | undefined {
  for (const s of card.sections) {
    const i = s.widgets.findIndex(
      (w: Json) =>
        w.textInput?.name === name ||
        w.selectionInput?.name === name ||
        w.decoratedText?.switchControl?.name === name,
    );
    if (i >= 0) return s.widgets[i + 1];
  }
  throw new Error(`no input ${name}`);
}

/** A time picker's value as "HH:MM" (TIME_ONLY: valueMsEpoch is the time of day). */
function pickerTime(card: Json, name: string): string {
  for (const s of card.sections)
    for (const w of s.widgets)
      if (w.dateTimePicker && w.dateTimePicker.name === name) {
        const minutes = w.dateTimePicker.valueMsEpoch / 60_000;
        return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      }
  throw new Error(`no picker ${name}`);
}

describe('settingsCard', () => {
  it('has the sections in order and saves from the footer', () => {
    const card = render();
    expect(sectionHeaders(card)).toEqual([
      'Your calendar',
      'HubSpot',
      'Audit sheet',
      'Lead poller',
      'Message writer',
      'Draft-only (fixed)',
    ]);
    expect(card.fixedFooter.secondaryButton).toMatchObject({
      text: 'Back',
      onClick: { action: { function: ACTIONS.back } },
    });
    expect(card.fixedFooter.primaryButton).toMatchObject({
      text: 'Save',
      type: 'FILLED',
      onClick: { action: { function: ACTIONS.saveSettings } },
    });
  });

  it('never prefills the token input, shows the mask, and tests the connection', () => {
    const card = render();
    const token = inputNamed(card, 'textInput', INPUTS.hubspotToken)!;
    expect(token.value).toBeUndefined();
    expect(widgetTexts(sectionNamed(card, 'HubSpot').widgets)).toContain('pat-na1-…1a2b');
    expect(buttonNamed(card, 'Test connection').onClick.action.function).toBe(ACTIONS.testConnection);
    expect(widgetTexts(sectionNamed(render({ tokenMask: null }), 'HubSpot').widgets)).toContain('not set');
  });

  it('lists the forms one "guid | name" per line in a multi-line input', () => {
    const forms = inputNamed(render(), 'textInput', INPUTS.forms)!;
    expect(forms).toMatchObject({ type: 'MULTIPLE_LINE', value: `${GUID} | Contact us` });
    expect(inputNamed(render(), 'textInput', INPUTS.portalId)!.value).toBe('12345');
  });

  it('offers to create the audit sheet, or links to it, with an attach-by-URL input', () => {
    const none = render();
    expect(buttonNamed(none, 'Create audit sheet').onClick.action.function).toBe(ACTIONS.createAuditSheet);
    expect(inputNamed(none, 'textInput', INPUTS.auditSheetUrl)).toBeDefined();
    const url = 'https://docs.google.com/spreadsheets/d/abc/edit';
    const attached = render({ auditSheetUrl: url });
    expect(hasButton(attached, 'Create audit sheet')).toBe(false);
    expect(buttonNamed(attached, 'Open audit sheet').onClick).toEqual({ openLink: { url } });
  });

  it('shows the poller settings as a switch and numbers', () => {
    const card = render();
    const poller = sectionNamed(card, 'Lead poller');
    expect(poller.widgets[0].decoratedText.switchControl).toEqual({
      name: INPUTS.pollerEnabled,
      value: 'true',
      selected: true,
    });
    expect(inputNamed(card, 'textInput', INPUTS.pollerIntervalMinutes)!.value).toBe('60');
    expect(inputNamed(card, 'textInput', INPUTS.contactCooldownDays)!.value).toBe('14');
    expect(inputNamed(card, 'textInput', INPUTS.domainDailyLimit)!.value).toBe('10');
    expect(inputNamed(card, 'textInput', INPUTS.retentionDays)!.value).toBe('365');
  });

  it('shows the calendar rules: working days Mon..Sun, hours, meeting rules', () => {
    const card = render();
    const days = inputNamed(card, 'selectionInput', INPUTS.workingDays)!;
    expect(days.type).toBe('CHECK_BOX');
    expect(days.items.map((i: Json) => [i.text, i.value, i.selected])).toEqual([
      ['Mon', '1', true],
      ['Tue', '2', true],
      ['Wed', '3', true],
      ['Thu', '4', true],
      ['Fri', '5', true],
      ['Sat', '6', false],
      ['Sun', '0', false],
    ]);
    const value = (name: string) => inputNamed(card, 'textInput', name)!.value;
    expect([pickerTime(card, INPUTS.workStart), pickerTime(card, INPUTS.workEnd)]).toEqual([
      '09:00',
      '17:00',
    ]);
    const length = inputNamed(card, 'selectionInput', INPUTS.slotMinutes)!;
    expect(length.type).toBe('DROPDOWN');
    expect(length.items.filter((i: Json) => i.selected).map((i: Json) => i.text)).toEqual(['30 minutes']);
    expect(value(INPUTS.bufferMinutes)).toBe('10');
    expect(value(INPUTS.minNoticeMinutes)).toBe('120');
    expect(value(INPUTS.horizonDays)).toBe('10');
    expect(value(INPUTS.holdReleaseDays)).toBe('3');
    expect(value(INPUTS.senderName)).toBe('');
    expect(
      sectionNamed(card, 'Your calendar').widgets.some(
        (w: Json) => w.decoratedText?.switchControl?.name === INPUTS.takeUnassignedLeads,
      ),
    ).toBe(true);
  });

  it('warns when per-day hours would be flattened by saving', () => {
    const personal = {
      ...DEFAULT_USER_SETTINGS,
      slotRules: {
        ...DEFAULT_USER_SETTINGS.slotRules,
        weeklyHours: { 1: [{ start: '08:00', end: '12:00' }], 5: [{ start: '10:00', end: '18:00' }] },
      },
    };
    const card = render({ personal });
    expect([pickerTime(card, INPUTS.workStart), pickerTime(card, INPUTS.workEnd)]).toEqual([
      '08:00',
      '18:00',
    ]);
    expect(cardTexts(card).join(' ')).toMatch(/differ by day/);
    expect(cardTexts(render()).join(' ')).not.toMatch(/differ by day/);
  });

  it('shows the draft-only facts read-only, with why', () => {
    const texts = widgetTexts(sectionNamed(render(), 'Draft-only (fixed)').widgets);
    expect(texts.slice(0, 6)).toEqual([
      'Drafts only',
      'always',
      'Automatic sending',
      'never',
      'A person approves by sending',
      'always',
    ]);
    expect(texts).toHaveLength(7);
  });

  it('shows each error under its input, and unplaced ones at the top', () => {
    const errors: FieldError[] = [
      { field: 'pollerIntervalMinutes', message: 'Poll interval must be whole hours' },
      { field: 'slotRules.slotMinutes', message: 'Meeting length must be 5 to 240' },
      { field: 'forms[0].guid', message: 'Form GUID must look like …' },
      { field: 'auditSpreadsheetId', message: 'Audit spreadsheet must be a URL' },
      { field: 'slotRules', message: 'Working hours overlap' },
      { field: 'defaultTemplateId', message: 'Default template must be one of: a, b' },
    ];
    const card = render({ errors });
    const textOf = (w: Json | undefined) => w?.textParagraph?.text ?? '';
    expect(textOf(widgetAfter(card, INPUTS.pollerIntervalMinutes))).toContain(
      'Poll interval must be whole hours',
    );
    expect(textOf(widgetAfter(card, INPUTS.slotMinutes))).toContain('Meeting length must be 5 to 240');
    expect(textOf(widgetAfter(card, INPUTS.forms))).toContain('Form GUID must look like');
    expect(textOf(widgetAfter(card, INPUTS.auditSheetUrl))).toContain('Audit spreadsheet must be a URL');
    expect(widgetTexts(sectionNamed(card, 'Your calendar').widgets)[0]).toContain('Working hours overlap');
    const top = widgetTexts(card.sections[0].widgets);
    expect(sectionHeaders(card)[0]).toBeNull();
    expect(top.join(' ')).toContain('Default template must be one of: a, b');
    // Each message appears once.
    for (const e of errors)
      expect(cardTexts(card).filter((t) => t.includes(e.message.slice(0, 15)))).toHaveLength(1);
  });

  it('for a non-admin: shared settings read-only with a note, personal settings editable', () => {
    const card = render({
      isAdmin: false,
      errors: [{ field: 'portalId', message: 'Account id must be a number' }],
    });
    for (const name of [
      INPUTS.hubspotToken,
      INPUTS.portalId,
      INPUTS.forms,
      INPUTS.auditSheetUrl,
      INPUTS.pollerIntervalMinutes,
    ]) {
      expect(inputNamed(card, 'textInput', name)).toBeUndefined();
    }
    expect(hasButton(card, 'Create audit sheet')).toBe(false);
    // The rep's own settings first; the team's folded to one summary line.
    expect(sectionHeaders(card)).toEqual([null, 'Your calendar', 'Team settings']);
    const team = sectionNamed(card, 'Team settings');
    expect(team.collapsible).toBe(true);
    expect(team.uncollapsibleWidgetsCount).toBe(1);
    expect(widgetTexts(team.widgets)[0]).toMatch(/set by an admin/);
    expect(widgetTexts(team.widgets).join(' ')).toMatch(/Only an admin/);
    expect(widgetTexts(team.widgets)).toContain('Contact us');
    expect(widgetTexts(team.widgets).join(' ')).not.toContain(GUID);
    expect(widgetTexts(team.widgets)).toContain('on, every 60 minutes');
    expect(inputNamed(card, 'selectionInput', INPUTS.slotMinutes)).toBeDefined();
    // An error for an input that is not drawn still reaches the user.
    expect(widgetTexts(card.sections[0].widgets).join(' ')).toContain('Account id must be a number');
  });

  it('escapes user text it shows', () => {
    const card = render({
      isAdmin: false,
      shared: { ...model().shared, forms: [{ guid: GUID, name: '<i>x</i>', mapping: {} as never }] },
    });
    expect(cardTexts(card)).toContain('&lt;i&gt;x&lt;/i&gt;');
  });

  it('calls only exported functions', () => {
    expect(unknownActions(render())).toEqual([]);
    expect(unknownActions(render({ isAdmin: false, auditSheetUrl: 'https://x' }))).toEqual([]);
  });
});
