// Small typed builders over CardService, so each view reads as a list of what the user sees (in the spirit
// of odoo/mail-client-extensions' gmail/ helpers). Decorated text, paragraphs and section headers render
// simple HTML (https://developers.google.com/apps-script/reference/card-service/text-paragraph), so every
// text given to them here is escaped; callers never build markup from data. Quotes become entities too,
// which cards render as quotes (odoo's Gmail add-on escapes the same five characters).
import { escapeHtml } from '../core/html';
import { formatDay, formatTime, zonedParts } from '../core/time-zone';
import type { ACTIONS, INPUTS } from './actions';

export type Card = GoogleAppsScript.Card_Service.Card;
export type Section = GoogleAppsScript.Card_Service.CardSection;
export type Widget = GoogleAppsScript.Card_Service.Widget;
export type TextButton = GoogleAppsScript.Card_Service.TextButton;
export type FixedFooter = GoogleAppsScript.Card_Service.FixedFooter;

/** Only the functions main.ts exports can be named by a button. */
export type ActionName = (typeof ACTIONS)[keyof typeof ACTIONS];
export type InputName = (typeof INPUTS)[keyof typeof INPUTS];
/** Action parameters reach the handler as strings only. */
export type Params = Record<string, string>;

/** Google's limits for one card (docs/architecture: "cards ≤100 sections, ≤100 widgets per section"). */
export const MAX_SECTIONS = 100;
export const MAX_WIDGETS_PER_SECTION = 100;

const ERROR_COLOR = '#B3261E';
const MUTED_COLOR = '#5F6368';

// ---- text ----------------------------------------------------------------------------------------

/** A paragraph of plain text (escaped). */
export function paragraph(text: string): GoogleAppsScript.Card_Service.TextParagraph {
  return CardService.newTextParagraph().setText(escapeHtml(text));
}

/** A quieter paragraph for hints and footers. */
export function hint(text: string): GoogleAppsScript.Card_Service.TextParagraph {
  return CardService.newTextParagraph().setText(`<font color="${MUTED_COLOR}">${escapeHtml(text)}</font>`);
}

/** A validation message, shown under the input it belongs to. */
export function errorLine(message: string): GoogleAppsScript.Card_Service.TextParagraph {
  return CardService.newTextParagraph().setText(`<font color="${ERROR_COLOR}">${escapeHtml(message)}</font>`);
}

export interface KeyValueOptions {
  bottomLabel?: string;
  /** Opens this URL when the line is tapped. */
  link?: string;
  button?: TextButton | GoogleAppsScript.Card_Service.ImageButton;
}

/** "Label" above "value", both escaped; long values wrap instead of being cut. */
export function keyValue(
  label: string,
  value: string,
  options: KeyValueOptions = {},
): GoogleAppsScript.Card_Service.DecoratedText {
  const widget = CardService.newDecoratedText().setText(escapeHtml(value)).setWrapText(true);
  if (label) widget.setTopLabel(escapeHtml(label));
  if (options.bottomLabel) widget.setBottomLabel(escapeHtml(options.bottomLabel));
  if (options.link) widget.setOpenLink(CardService.newOpenLink().setUrl(options.link));
  if (options.button) widget.setButton(options.button);
  return widget;
}

/** Google's built-in icons the cards use (CardService.Icon); each is drawn with alt text for screen readers. */
export type KnownIcon =
  'PERSON' | 'DOLLAR' | 'EMAIL' | 'CLOCK' | 'DESCRIPTION' | 'PHONE' | 'STAR' | 'INVITE' | 'MULTIPLE_PEOPLE';

/**
 * One at-a-glance row: an icon (with alt text, as Google's accessibility guidance asks of every icon), a
 * line of text and an optional quieter line under it.
 * https://developers.google.com/apps-script/reference/card-service/icon-image#setAltText(String)
 */
export function iconLine(
  icon: KnownIcon,
  altText: string,
  text: string,
  options: KeyValueOptions = {},
): GoogleAppsScript.Card_Service.DecoratedText {
  const widget = keyValue('', text, options);
  widget.setStartIcon(CardService.newIconImage().setIcon(CardService.Icon[icon]).setAltText(altText));
  return widget;
}

/** keyValue lines for the pairs whose value is known; unknown values are left out rather than shown empty. */
export function knownValues(pairs: Array<[string, string | null | undefined]>): Widget[] {
  return pairs
    .filter((pair): pair is [string, string] => !!pair[1])
    .map(([label, value]) => keyValue(label, value));
}

// ---- buttons -------------------------------------------------------------------------------------

export function action(name: ActionName, params: Params = {}): GoogleAppsScript.Card_Service.Action {
  return CardService.newAction().setFunctionName(name).setParameters(params);
}

export interface ButtonOptions {
  /** Filled: the most prominent action of its card. */
  primary?: boolean;
  /**
   * The handler prepares a reply draft and returns a ComposeActionResponse, which Gmail only accepts from
   * a compose action; Gmail then opens the draft for the user to review and send.
   * https://developers.google.com/apps-script/reference/card-service/compose-action-response-builder
   */
  composesReply?: boolean;
  /** Like composesReply, for a new draft that answers no message (STANDALONE_DRAFT). */
  composesDraft?: boolean;
}

/** A button that calls one of ACTIONS. */
export function button(
  text: string,
  name: ActionName,
  params: Params = {},
  options: ButtonOptions = {},
): TextButton {
  const widget = CardService.newTextButton().setText(text);
  if (options.composesReply) {
    widget.setComposeAction(action(name, params), CardService.ComposedEmailType.REPLY_AS_DRAFT);
  } else if (options.composesDraft) {
    widget.setComposeAction(action(name, params), CardService.ComposedEmailType.STANDALONE_DRAFT);
  } else widget.setOnClickAction(action(name, params));
  if (options.primary) widget.setTextButtonStyle(CardService.TextButtonStyle.FILLED);
  return widget;
}

/**
 * A button drawn as a Material icon, for a row's own action (Discard beside a draft). Its alt text is its
 * label for screen readers, so it names what and whom it acts on.
 * https://developers.google.com/apps-script/reference/card-service/image-button#setAltText(String)
 */
export function iconButton(
  materialIcon: string,
  altText: string,
  name: ActionName,
  params: Params = {},
): GoogleAppsScript.Card_Service.ImageButton {
  return CardService.newImageButton()
    .setMaterialIcon(CardService.newMaterialIcon().setName(materialIcon))
    .setAltText(altText)
    .setOnClickAction(action(name, params));
}

export function linkButton(text: string, url: string): TextButton {
  return CardService.newTextButton().setText(text).setOpenLink(CardService.newOpenLink().setUrl(url));
}

export function buttonRow(buttons: TextButton[]): GoogleAppsScript.Card_Service.ButtonSet {
  const set = CardService.newButtonSet();
  for (const b of buttons) set.addButton(b);
  return set;
}

/** The card's fixed footer: its one primary action, and at most one secondary beside it. */
export function footer(primary: TextButton, secondary?: TextButton): FixedFooter {
  const fixed = CardService.newFixedFooter().setPrimaryButton(primary);
  if (secondary) fixed.setSecondaryButton(secondary);
  return fixed;
}

// ---- inputs --------------------------------------------------------------------------------------

export interface TextInputOptions {
  /** A form value is not markup: it is set as is. */
  value?: string;
  hint?: string;
  multiline?: boolean;
}

export function textInput(
  name: InputName,
  title: string,
  options: TextInputOptions = {},
): GoogleAppsScript.Card_Service.TextInput {
  const input = CardService.newTextInput().setFieldName(name).setTitle(title);
  if (options.value !== undefined) input.setValue(options.value);
  if (options.hint) input.setHint(options.hint);
  if (options.multiline) input.setMultiline(true);
  return input;
}

export interface Choice {
  text: string;
  value: string;
  selected: boolean;
}

function selection(
  type: GoogleAppsScript.Card_Service.SelectionInputType,
  name: InputName,
  title: string,
  choices: Choice[],
): GoogleAppsScript.Card_Service.SelectionInput {
  const input = CardService.newSelectionInput().setType(type).setFieldName(name).setTitle(title);
  for (const choice of choices) input.addItem(choice.text, choice.value, choice.selected);
  return input;
}

export function checkboxes(
  name: InputName,
  title: string,
  choices: Choice[],
): GoogleAppsScript.Card_Service.SelectionInput {
  return selection(CardService.SelectionInputType.CHECK_BOX, name, title, choices);
}

export function dropdown(
  name: InputName,
  title: string,
  choices: Choice[],
): GoogleAppsScript.Card_Service.SelectionInput {
  return selection(CardService.SelectionInputType.DROPDOWN, name, title, choices);
}

/** A labelled on/off switch; the form carries "true" under `name` only while it is on. */
export function switchLine(
  name: InputName,
  label: string,
  selected: boolean,
  bottomLabel?: string,
): GoogleAppsScript.Card_Service.DecoratedText {
  const line = CardService.newDecoratedText()
    .setText(escapeHtml(label))
    .setWrapText(true)
    .setSwitchControl(CardService.newSwitch().setFieldName(name).setValue('true').setSelected(selected));
  if (bottomLabel) line.setBottomLabel(escapeHtml(bottomLabel));
  return line;
}

/**
 * A time of day picker set to "HH:MM" (24:00, which a picker cannot show, shows as 23:59). The form sends
 * it as timeInput {hours, minutes}; app/events.ts timeValue reads it back as "HH:MM".
 * https://developers.google.com/apps-script/reference/card-service/time-picker
 */
export function timePicker(
  name: InputName,
  title: string,
  hhmm: string,
): GoogleAppsScript.Card_Service.TimePicker {
  const [hours, minutes] = hhmm.split(':').map(Number);
  const valid = Number.isInteger(hours) && Number.isInteger(minutes);
  const h = valid ? Math.min(23, Math.max(0, hours)) : 9;
  const m = valid ? (hours >= 24 ? 59 : Math.min(59, Math.max(0, minutes))) : 0;
  return CardService.newTimePicker().setFieldName(name).setTitle(title).setHours(h).setMinutes(m);
}

/**
 * A calendar date picker; the form sends dateInput {msSinceEpoch} (midnight UTC of the chosen day).
 * https://developers.google.com/apps-script/reference/card-service/date-picker
 */
export function datePicker(
  name: InputName,
  title: string,
  valueMs: number,
): GoogleAppsScript.Card_Service.DatePicker {
  return CardService.newDatePicker().setFieldName(name).setTitle(title).setValueInMsSinceEpoch(valueMs);
}

// ---- layout --------------------------------------------------------------------------------------

/** A section with an escaped header; past the widget limit the rest is summarised in one line. */
export function section(title: string | null, widgets: Widget[]): Section {
  const built = CardService.newCardSection();
  if (title) built.setHeader(escapeHtml(title));
  const shown =
    widgets.length > MAX_WIDGETS_PER_SECTION
      ? widgets
          .slice(0, MAX_WIDGETS_PER_SECTION - 1)
          .concat(hint(`${widgets.length - MAX_WIDGETS_PER_SECTION + 1} more not shown`))
      : widgets;
  for (const widget of shown) built.addWidget(widget);
  return built;
}

/**
 * A section that shows its first `visible` widgets and folds the rest behind Google's "Show more"
 * (CardSection.setCollapsible / setNumUncollapsibleWidgets).
 */
export function collapsibleSection(title: string, widgets: Widget[], visible = 0): Section {
  const built = section(title, widgets);
  // Google draws a collapsible section with nothing folded away as a plain one; say so by not folding.
  if (widgets.length > visible) built.setCollapsible(true).setNumUncollapsibleWidgets(visible);
  return built;
}

export interface CardOptions {
  title: string;
  subtitle?: string | null;
  /**
   * The header Gmail shows at the bottom of the homepage while a contextual card waits behind it, so the
   * user can return to it (card.v1 peekCardHeader).
   */
  peek?: { title: string; subtitle?: string | null };
  /** Lets navigation pop back to this card by name. */
  name?: string;
  footer?: FixedFooter;
}

/** Header text is plain (not HTML); sections beyond Google's limit are dropped. */
export function card(options: CardOptions, sections: Section[]): Card {
  const header = CardService.newCardHeader().setTitle(options.title);
  if (options.subtitle) header.setSubtitle(options.subtitle);
  const builder = CardService.newCardBuilder().setHeader(header);
  if (options.name) builder.setName(options.name);
  for (const s of sections.slice(0, MAX_SECTIONS)) builder.addSection(s);
  if (options.footer) builder.setFixedFooter(options.footer);
  if (options.peek) {
    const peek = CardService.newCardHeader().setTitle(options.peek.title);
    if (options.peek.subtitle) peek.setSubtitle(options.peek.subtitle);
    builder.setPeekCardHeader(peek);
  }
  return builder.build();
}

// ---- dates, always in the user's zone --------------------------------------------------------------

/**
 * "Tue, Mar 10", with the year when it is not the year of `now` ("Tue, Mar 10, 2024"). Views of recent
 * things only (drafts waiting, the last poll) pass null and never show a year.
 */
export function dayLabel(epochMs: number, timeZone: string, now: number | null): string {
  const day = formatDay(epochMs, timeZone);
  const year = zonedParts(epochMs, timeZone).year;
  return now === null || year === zonedParts(now, timeZone).year ? day : `${day}, ${year}`;
}

/** "Tue, Mar 10, 3:30 PM". */
export function dayTimeLabel(epochMs: number, timeZone: string, now: number | null): string {
  return `${dayLabel(epochMs, timeZone, now)}, ${formatTime(epochMs, timeZone)}`;
}
