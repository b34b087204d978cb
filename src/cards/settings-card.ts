// Settings: the team's shared settings (editable by admins, read-only for everyone else), the user's own
// calendar rules, and the fixed draft-only facts. Validation messages appear under the input they concern.
import type { FieldError, SharedSettings, UserSettings } from '../core/settings';
import { DRAFT_ONLY_FACTS, SHARED_FORM_FIELDS, shownValues } from '../core/settings';
import type { DayWindow, Weekday, WeeklyHours } from '../core/slots';
import { ACTIONS, INPUTS } from './actions';
import { writerWidgets } from './writer-settings-section';
import {
  button,
  card,
  checkboxes,
  collapsibleSection,
  dropdown,
  errorLine,
  footer,
  hint,
  keyValue,
  linkButton,
  paragraph,
  section,
  switchLine,
  textInput,
  timePicker,
} from './widgets';
import type { Card, InputName, Section, Widget } from './widgets';

/** The Save button's parameter: the team settings as this card showed them (see mergeEdits). */
export const SHOWN_PARAMETER = 'shown';
/**
 * The Save button's parameter when the card offered HubSpot's forms as checkboxes: Gmail leaves an unticked
 * checkbox group out of the event, so this is how Save tells "none ticked" from "none offered".
 */
export const FORM_CHOICES_PARAMETER = 'formChoicesShown';

export interface SettingsModel {
  isAdmin: boolean;
  /** Already masked ("pat-na1-…1a2b"); the token itself never reaches a card. */
  tokenMask: string | null;
  /** Whether the message writer's key is saved (never the key itself). */
  writerKeySet?: boolean;
  shared: SharedSettings;
  personal: UserSettings;
  auditSheetUrl: string | null;
  errors: FieldError[];
  notice?: string;
  /** The forms "Test connection" last listed from HubSpot; null or absent when none were listed. */
  formChoices?: Array<{ guid: string; name: string }> | null;
}

/** Setting paths (as validateShared/validateUser name them) whose input has another name or no input of its own. */
const FIELD_INPUTS: Record<string, InputName | 'calendar'> = {
  token: INPUTS.hubspotToken,
  auditSpreadsheetId: INPUTS.auditSheetUrl,
  'slotRules.weeklyHours': INPUTS.workEnd,
  'slotRules.slotMinutes': INPUTS.slotMinutes,
  'slotRules.alignMinutes': INPUTS.slotMinutes,
  'slotRules.bufferBeforeMinutes': INPUTS.bufferMinutes,
  'slotRules.bufferAfterMinutes': INPUTS.bufferMinutes,
  'slotRules.minNoticeMinutes': INPUTS.minNoticeMinutes,
  'slotRules.horizonDays': INPUTS.horizonDays,
};

const INPUT_NAMES: readonly string[] = Object.values(INPUTS);

/** Where an error is shown: an input, the calendar section as a whole, or (null) the top of the card. */
function errorTarget(field: string): InputName | 'calendar' | null {
  const withoutIndex = field.replace(/\[\d+\].*$/, '');
  const target = FIELD_INPUTS[field] || FIELD_INPUTS[withoutIndex];
  if (target) return target;
  if (INPUT_NAMES.includes(withoutIndex)) return withoutIndex as InputName;
  return field.startsWith('slotRules') ? 'calendar' : null;
}

/** Hands out each error once, where its input is drawn; whatever is left goes to the top of the card. */
class ErrorPlacement {
  private readonly left: FieldError[];

  constructor(errors: FieldError[]) {
    this.left = errors.slice();
  }

  take(target: InputName | 'calendar'): Widget[] {
    const taken = this.left.filter((e) => errorTarget(e.field) === target);
    for (const e of taken) this.left.splice(this.left.indexOf(e), 1);
    return taken.map((e) => errorLine(e.message));
  }

  rest(): Widget[] {
    return this.left.map((e) => errorLine(e.message));
  }
}

export function settingsCard(model: SettingsModel): Card {
  const errors = new ErrorPlacement(model.errors);
  const field = (name: InputName, widget: Widget): Widget[] => [widget, ...errors.take(name)];
  // The user's own settings first; the team's follow, folded to one line for someone who cannot change them.
  const own = section('Your calendar', [
    ...errors.take('calendar'),
    ...calendarWidgets(model.personal, field),
  ]);
  const body: Section[] = model.isAdmin
    ? [
        own,
        section('HubSpot', hubspotWidgets(model, field)),
        section('Audit sheet', auditWidgets(model, field)),
        section('Lead poller', pollerWidgets(model, field)),
        section(
          'Message writer',
          writerWidgets(model.shared.writer, !!model.writerKeySet, model.isAdmin, field),
        ),
        section('Draft-only (fixed)', draftOnlyWidgets()),
      ]
    : [
        own,
        collapsibleSection(
          'Team settings',
          [
            hint(teamSummary(model)),
            ...hubspotWidgets(model, field),
            ...auditWidgets(model, field),
            ...pollerWidgets(model, field),
            ...writerWidgets(model.shared.writer, !!model.writerKeySet, model.isAdmin, field),
            ...draftOnlyWidgets(),
          ],
          1,
        ),
      ];
  const top: Widget[] = [];
  if (model.notice) top.push(paragraph(model.notice));
  const unplaced = errors.rest();
  if (unplaced.length) top.push(paragraph('Please fix these settings:'), ...unplaced);
  return card(
    {
      title: 'Prospector settings',
      name: 'settings',
      footer: footer(
        button(
          'Save',
          ACTIONS.saveSettings,
          {
            [SHOWN_PARAMETER]: JSON.stringify(shownValues(model.shared, SHARED_FORM_FIELDS)),
            ...(offersFormChoices(model) ? { [FORM_CHOICES_PARAMETER]: '1' } : {}),
          },
          { primary: true },
        ),
        button('Back', ACTIONS.back),
      ),
    },
    top.length ? [section(null, top), ...body] : body,
  );
}

type Field = (name: InputName, widget: Widget) => Widget[];

/** The team's settings in one line, for a rep who reads but cannot change them. */
function teamSummary(model: SettingsModel): string {
  const s = model.shared;
  const forms = s.forms.length === 1 ? '1 form watched' : `${s.forms.length} forms watched`;
  return [
    model.tokenMask ? 'HubSpot connected' : 'HubSpot not connected',
    forms,
    s.pollerEnabled ? `checks every ${s.pollerIntervalMinutes} minutes` : 'automatic checks off',
    'set by an admin',
  ].join(' · ');
}

/** A whole-number input with its errors under it. */
function numberField(field: Field) {
  return (name: InputName, title: string, value: number): Widget[] =>
    field(name, textInput(name, title, { value: String(value) }));
}

const ADMIN_ONLY = 'Only an admin can change these team settings.';

function hubspotWidgets(model: SettingsModel, field: Field): Widget[] {
  const { shared } = model;
  const token = model.tokenMask || 'not set';
  if (!model.isAdmin) {
    return [
      hint(ADMIN_ONLY),
      keyValue('HubSpot', model.tokenMask ? 'connected' : 'not connected'),
      keyValue(
        'Forms watched for new leads',
        shared.forms.length ? shared.forms.map((f) => f.name || 'Unnamed form').join(', ') : 'none',
      ),
      button('Test connection', ACTIONS.testConnection),
    ];
  }
  return [
    keyValue('Access token', token),
    // Never prefilled: the saved token stays in script properties; an empty input keeps it.
    ...field(
      INPUTS.hubspotToken,
      textInput(INPUTS.hubspotToken, 'New access token', {
        hint: model.tokenMask ? 'Leave empty to keep the saved token' : 'A HubSpot private app access token',
      }),
    ),
    ...field(
      INPUTS.portalId,
      textInput(INPUTS.portalId, 'HubSpot account id', { value: shared.portalId || '' }),
    ),
    ...formWidgets(model, field),
    button('Test connection', ACTIONS.testConnection),
  ];
}

function offersFormChoices(model: SettingsModel): boolean {
  return model.isAdmin && !!model.formChoices && model.formChoices.length > 0;
}

/**
 * HubSpot's forms as checkboxes once "Test connection" listed them, with a line per other form (GUID |
 * name) for what the list does not hold; before that, the typed lines alone.
 */
function formWidgets(model: SettingsModel, field: Field): Widget[] {
  const watched = model.shared.forms;
  const choices = offersFormChoices(model) ? model.formChoices || [] : [];
  const listed = new Set(choices.map((c) => c.guid));
  const others = watched.filter((f) => !listed.has(f.guid)).map((f) => `${f.guid} | ${f.name}`);
  if (!choices.length) {
    return field(
      INPUTS.forms,
      textInput(INPUTS.forms, 'Forms watched for new leads', {
        value: others.join('\n'),
        hint: 'One form per line: GUID | name. Or press Test connection to choose from HubSpot’s forms.',
        multiline: true,
      }),
    );
  }
  const ticked = new Set(watched.map((f) => f.guid));
  return [
    checkboxes(
      INPUTS.formChoices,
      'Forms watched for new leads',
      choices.map((c) => ({ text: c.name, value: c.guid, selected: ticked.has(c.guid) })),
    ),
    ...field(
      INPUTS.forms,
      textInput(INPUTS.forms, 'Other forms', {
        value: others.join('\n'),
        hint: 'Forms not listed above, one per line: GUID | name',
        multiline: true,
      }),
    ),
  ];
}

function auditWidgets(model: SettingsModel, field: Field): Widget[] {
  const current = model.auditSheetUrl
    ? linkButton('Open audit sheet', model.auditSheetUrl)
    : model.isAdmin
      ? button('Create audit sheet', ACTIONS.createAuditSheet)
      : paragraph('No audit sheet yet.');
  if (!model.isAdmin) return [current];
  return [
    current,
    ...(model.auditSheetUrl
      ? [
          hint("Edit the message templates in the sheet's Templates tab, then load them here."),
          button('Load templates from the sheet', ACTIONS.syncTemplates),
        ]
      : []),
    ...field(
      INPUTS.auditSheetUrl,
      textInput(
        INPUTS.auditSheetUrl,
        model.auditSheetUrl ? 'Use another sheet (URL)' : 'Or attach an existing sheet (URL)',
        {
          hint: 'https://docs.google.com/spreadsheets/d/…',
        },
      ),
    ),
    // Creating happens with the button above; switching to (or re-preparing) a sheet by URL with this one.
    ...(model.auditSheetUrl ? [button('Attach the sheet at this URL', ACTIONS.createAuditSheet)] : []),
  ];
}

function pollerWidgets(model: SettingsModel, field: Field): Widget[] {
  const s = model.shared;
  if (!model.isAdmin) {
    return [
      keyValue('Automatic checks', s.pollerEnabled ? `on, every ${s.pollerIntervalMinutes} minutes` : 'off'),
      keyValue('No second draft to a contact within', `${s.contactCooldownDays} days`),
      keyValue('Drafts per company domain per day', String(s.domainDailyLimit)),
      keyValue('Audit rows kept for', `${s.retentionDays} days`),
    ];
  }
  const number = numberField(field);
  return [
    ...field(
      INPUTS.pollerEnabled,
      switchLine(INPUTS.pollerEnabled, 'Check HubSpot for new leads automatically', s.pollerEnabled),
    ),
    ...number(INPUTS.pollerIntervalMinutes, 'Check every (minutes)', s.pollerIntervalMinutes),
    ...number(
      INPUTS.contactCooldownDays,
      'No second draft to a contact within (days)',
      s.contactCooldownDays,
    ),
    ...number(INPUTS.domainDailyLimit, 'Drafts per company domain per day', s.domainDailyLimit),
    ...number(INPUTS.retentionDays, 'Keep audit rows for (days)', s.retentionDays),
  ];
}

/** Monday first, as a work week reads; values are JavaScript weekdays (0 = Sunday). */
const WEEK: Array<[Weekday, string]> = [
  [1, 'Mon'],
  [2, 'Tue'],
  [3, 'Wed'],
  [4, 'Thu'],
  [5, 'Fri'],
  [6, 'Sat'],
  [0, 'Sun'],
];

/** The form edits one window for every working day: the earliest start and the latest end. */
function workingHours(weekly: WeeklyHours): { start: string; end: string; uniform: boolean } {
  const windows = WEEK.map(([day]) => weekly[day] || []).filter((w) => w.length > 0);
  const all: DayWindow[] = ([] as DayWindow[]).concat(...windows);
  if (!all.length) return { start: '09:00', end: '17:00', uniform: true };
  const start = all.map((w) => w.start).sort()[0];
  const end = all.map((w) => w.end).sort()[all.length - 1];
  const uniform = windows.every((w) => w.length === 1 && w[0].start === start && w[0].end === end);
  return { start, end, uniform };
}

function calendarWidgets(personal: UserSettings, field: Field): Widget[] {
  const rules = personal.slotRules;
  const hours = workingHours(rules.weeklyHours);
  const number = numberField(field);
  const widgets: Widget[] = [
    ...field(
      INPUTS.workingDays,
      checkboxes(
        INPUTS.workingDays,
        'Working days',
        WEEK.map(([day, label]) => ({
          text: label,
          value: String(day),
          selected: (rules.weeklyHours[day] || []).length > 0,
        })),
      ),
    ),
    ...field(INPUTS.workStart, timePicker(INPUTS.workStart, 'Working day starts', hours.start)),
    ...field(INPUTS.workEnd, timePicker(INPUTS.workEnd, 'Working day ends', hours.end)),
  ];
  if (!hours.uniform)
    widgets.push(hint('Your hours differ by day; saving sets these hours for every working day.'));
  widgets.push(
    ...field(INPUTS.slotMinutes, meetingLength(rules.slotMinutes)),
    ...number(
      INPUTS.bufferMinutes,
      'Buffer around other meetings (minutes)',
      Math.max(rules.bufferBeforeMinutes, rules.bufferAfterMinutes),
    ),
    ...number(INPUTS.minNoticeMinutes, 'Minimum notice (minutes)', rules.minNoticeMinutes),
    ...number(INPUTS.horizonDays, 'Look ahead (days)', rules.horizonDays),
    ...field(
      INPUTS.takeUnassignedLeads,
      switchLine(
        INPUTS.takeUnassignedLeads,
        'Prepare drafts for leads without a HubSpot owner',
        personal.takeUnassignedLeads,
        'Leave off unless you are the one who answers them, so two people never both do.',
      ),
    ),
    ...number(INPUTS.holdReleaseDays, 'Release held slots after (days)', personal.holdReleaseDays),
    ...field(
      INPUTS.senderName,
      textInput(INPUTS.senderName, 'Your name in drafts', { value: personal.senderName || '' }),
    ),
  );
  return widgets;
}

/** The meeting lengths a rep picks from; a length saved some other way stays on the list. */
const MEETING_LENGTHS = [15, 20, 30, 45, 60, 90];

function meetingLength(current: number): Widget {
  const lengths = MEETING_LENGTHS.includes(current)
    ? MEETING_LENGTHS
    : MEETING_LENGTHS.concat(current).sort((a, b) => a - b);
  return dropdown(
    INPUTS.slotMinutes,
    'Meeting length',
    lengths.map((minutes) => ({
      text:
        minutes < 60 || minutes % 60
          ? `${minutes} minutes`
          : minutes === 60
            ? '1 hour'
            : `${minutes / 60} hours`,
      value: String(minutes),
      selected: minutes === current,
    })),
  );
}

function draftOnlyWidgets(): Widget[] {
  return [
    keyValue('Drafts only', DRAFT_ONLY_FACTS.modeDraftOnly ? 'always' : 'no'),
    keyValue('Automatic sending', DRAFT_ONLY_FACTS.allowAutoSend ? 'yes' : 'never'),
    keyValue('A person approves by sending', DRAFT_ONLY_FACTS.requireApproval ? 'always' : 'no'),
    hint(
      'Every email leaves your mailbox only when you send it yourself, so no message goes out unreviewed.',
    ),
  ];
}
