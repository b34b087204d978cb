// CardService fake: the builders an add-on uses, producing card JSON with the field names Google documents.
// Local work: no round trips. Builders stay mutable until build(), as in Apps Script, so JSON is produced then.
// Every card and response the scenario runner is shown is checked against tools/workbench/card.schema.json
// (tools/workbench/card-schema.ts), written from the same pages; build() itself stays cheap.
//
// Sources:
//   card.v1   https://developers.google.com/workspace/add-ons/reference/rpc/google.apps.card.v1 (Card, Widget,
//             DecoratedText, Button, Icon, OnClick, Action, OpenLink, TextInput, SelectionInput, ...)
//   responses https://developers.google.com/workspace/add-ons/guides/alternate-runtimes (the RenderActions JSON:
//             renderActions.action.navigations/notification/link, stateChanged; its "Sample JSON Schemas")
//             whose samples show the navigations pushCard, popToRoot and popToCard; Navigation's pop (for
//             popCard()) and updateCard complete the set (https://developers.google.com/workspace/add-ons/how-tos/navigation
//             lists the Apps Script methods: popCard, popToRoot, popToNamedCard, pushCard, updateCard)
//   drafts    https://developers.google.com/workspace/add-ons/gmail/extending-compose-ui (UpdateDraftActionResponse:
//             renderActions.hostAppAction.gmailAction.updateDraftActionMarkup)
//
// Shapes (absent fields are omitted):
//   Card            {header:{title,subtitle,imageUrl,imageType,imageAltText}, sections:[{header,collapsible,
//                    uncollapsibleWidgetsCount, widgets:[Widget]}], fixedFooter:{primaryButton,secondaryButton},
//                    cardActions:[{actionLabel,onClick}], name, displayStyle, peekCardHeader}
//   Widget          {decoratedText:{topLabel,text,bottomLabel,wrapText,startIcon, one of button|switchControl|
//                    endIcon, onClick}} | {textParagraph:{text}} | {buttonList:{buttons:[Button]}} |
//                    {selectionInput:{name,label,type,items:[{text,value,selected}],onChangeAction}} |
//                    {textInput:{name,label,value,hintText,type:SINGLE_LINE|MULTIPLE_LINE,onChangeAction,validation,
//                    initialSuggestions,autoCompleteAction}} | {divider:{}} | {image:{imageUrl,altText,onClick}} |
//                    {dateTimePicker:{name,label,type,valueMsEpoch,timezoneOffsetDate,onChangeAction}}
//   Button          {text,icon,altText,color:{red,green,blue,alpha},disabled,type,onClick}; TextButtonStyle.TEXT
//                    is written as OUTLINED (Apps Script: "Deprecated version of OUTLINED")
//   OnClick         {action:Action} | {openLink:{url,openAs,onClose}} | {openDynamicLinkAction:Action}
//   Action          {function, parameters:[{key,value}], loadIndicator, persistValues, requiredWidgets,
//                    allWidgetsAreRequired, interaction}
//   ActionResponse  {renderActions:{action:{navigations:[{pushCard:Card}|{updateCard:Card}|{pop:true}|
//                    {popToRoot:true}|{popToCard:name}], notification:{text}, link:{url,openAs,onClose}}},
//                    stateChanged?}
//   UniversalActionResponse {renderActions:{action:{navigations:[{pushCard:Card}...]}}} or {...{action:{link}}}
//   UpdateDraftActionResponse {renderActions:{hostAppAction:{gmailAction:{updateDraftActionMarkup:{updateBody:
//                    {insertContents:[{content,contentType}],type}, updateSubject:{subject},
//                    updateToRecipients:{toRecipients:[{email}]}, updateCcRecipients, updateBccRecipients}}}}}
//
// Workbench keys: Apps Script publishes no JSON for these, so each is ONE key with the x-workbench- prefix
// (also listed in docs/workbench.md, "Card JSON", and explicitly in the schema):
//   x-workbench-composedEmailType     on an OnClick beside `action`, from setComposeAction(action, type):
//                                     {action:Action, "x-workbench-composedEmailType":"REPLY_AS_DRAFT"}
//   x-workbench-authorizationAction   an OnClick from setAuthorizationAction: {"x-workbench-authorizationAction":
//                                     {authorizationUrl}}
//   x-workbench-composeActionResponse what a compose action's callback returns (ComposeActionResponseBuilder):
//                                     {"x-workbench-composeActionResponse":{gmailDraft:{draftId,threadId}}}
//
// Limits enforced at build(): at most 100 sections per card and 100 widgets per section
// (https://developers.google.com/workspace/add-ons/concepts/cards); fields card.v1 marks required throw when
// missing. Apps Script's wording for those errors is not published, so the messages are ours.

type Json = Record<string, unknown>;
type CS = typeof GoogleAppsScript.Card_Service;

export const MAX_SECTIONS_PER_CARD = 100;
export const MAX_WIDGETS_PER_SECTION = 100;

function enumOf<T>(...names: string[]): T {
  return Object.freeze(Object.fromEntries(names.map((name) => [name, name]))) as unknown as T;
}

const TextButtonStyle = enumOf<CS['TextButtonStyle']>(
  'OUTLINED',
  'FILLED',
  'FILLED_TONAL',
  'BORDERLESS',
  'TEXT',
);
const SelectionInputType = enumOf<CS['SelectionInputType']>(
  'CHECK_BOX',
  'RADIO_BUTTON',
  'DROPDOWN',
  'SWITCH',
  'MULTI_SELECT',
);
const LoadIndicator = enumOf<CS['LoadIndicator']>('SPINNER', 'NONE');
const ContentType = enumOf<CS['ContentType']>('TEXT', 'MUTABLE_HTML', 'IMMUTABLE_HTML');
const UpdateDraftBodyType = enumOf<CS['UpdateDraftBodyType']>(
  'IN_PLACE_INSERT',
  'INSERT_AT_START',
  'INSERT_AT_END',
);
const ImageStyle = enumOf<CS['ImageStyle']>('SQUARE', 'CIRCLE');
const ImageCropType = enumOf<CS['ImageCropType']>('SQUARE', 'CIRCLE', 'RECTANGLE_CUSTOM', 'RECTANGLE_4_3');
const OpenAs = enumOf<CS['OpenAs']>('FULL_SIZE', 'OVERLAY');
const OnClose = enumOf<CS['OnClose']>('NOTHING', 'RELOAD', 'RELOAD_ADD_ON');
const ComposedEmailType = enumOf<CS['ComposedEmailType']>('REPLY_AS_DRAFT', 'STANDALONE_DRAFT');
const DisplayStyle = enumOf<CS['DisplayStyle']>('PEEK', 'REPLACE');
const SwitchControlType = enumOf<CS['SwitchControlType']>('SWITCH', 'CHECK_BOX');
const InputType = enumOf<CS['InputType']>('TEXT', 'INTEGER', 'FLOAT', 'EMAIL');
const Interaction = enumOf<CS['Interaction']>('INTERACTION_UNSPECIFIED', 'OPEN_DIALOG');
const Icon = enumOf<CS['Icon']>(
  'NONE',
  'AIRPLANE',
  'BOOKMARK',
  'BUS',
  'CAR',
  'CLOCK',
  'CONFIRMATION_NUMBER_ICON',
  'DOLLAR',
  'DESCRIPTION',
  'EMAIL',
  'EVENT_PERFORMER',
  'EVENT_SEAT',
  'FLIGHT_ARRIVAL',
  'FLIGHT_DEPARTURE',
  'HOTEL',
  'HOTEL_ROOM_TYPE',
  'INVITE',
  'MAP_PIN',
  'MEMBERSHIP',
  'MULTIPLE_PEOPLE',
  'OFFER',
  'PERSON',
  'PHONE',
  'RESTAURANT_ICON',
  'SHOPPING_CART',
  'STAR',
  'STORE',
  'TICKET',
  'TRAIN',
  'VIDEO_CAMERA',
  'VIDEO_PLAY',
);

/** Checks an enum argument: Apps Script rejects values that are not members. */
function member(enumeration: object, value: unknown, argument: string): string {
  const name = String(value);
  if (!Object.prototype.hasOwnProperty.call(enumeration, name))
    throw new Error(`Invalid argument: ${argument}`);
  return name;
}

function missing(what: string, field: string): Error {
  return new Error(`${what} is missing its required ${field}`);
}

/** Drops undefined fields so the JSON holds only what was set. */
function compact(json: Json): Json {
  return Object.fromEntries(Object.entries(json).filter(([, value]) => value !== undefined));
}

/** Every builder of this fake; jsonOf accepts only these (a plain object is not a CardService object). */
abstract class Part {
  abstract toJson(): Json;
}

function jsonOf(value: unknown, argument: string): Json {
  if (value instanceof Part) return value.toJson();
  throw new Error(`Invalid argument: ${argument}`);
}

/** A #rrggbb colour as card.v1's google.type.Color. */
function colorOf(hex: string): Json {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/iu.exec(hex);
  if (!match) throw new Error('Invalid argument: backgroundColor');
  const [red, green, blue] = match.slice(1).map((channel) => parseInt(channel, 16) / 255);
  return { red, green, blue, alpha: 1 };
}

// ---- actions and links ---------------------------------------------------------------------------

class FakeAction extends Part implements GoogleAppsScript.Card_Service.Action {
  private functionName: string | undefined;
  private parameters: Record<string, string> = {};
  private loadIndicator: string | undefined;
  private persistValues: boolean | undefined;
  private requiredWidgets: string[] = [];
  private allWidgetsAreRequired: boolean | undefined;
  private interaction: string | undefined;

  setFunctionName(functionName: string): this {
    this.functionName = String(functionName);
    return this;
  }
  /** @deprecated in Apps Script: the old name of setFunctionName. */
  setMethodName(functionName: string): this {
    return this.setFunctionName(functionName);
  }
  /** Apps Script passes parameters as strings; other values are refused. */
  setParameters(parameters: { [key: string]: string }): this {
    for (const [key, value] of Object.entries(parameters)) {
      if (typeof value !== 'string')
        throw new Error(`Invalid argument: parameters (the value of ${key} is not a string)`);
    }
    this.parameters = { ...parameters };
    return this;
  }
  setLoadIndicator(loadIndicator: GoogleAppsScript.Card_Service.LoadIndicator): this {
    this.loadIndicator = member(LoadIndicator, loadIndicator, 'loadIndicator');
    return this;
  }
  setPersistValues(persistValues: boolean): this {
    this.persistValues = persistValues;
    return this;
  }
  addRequiredWidget(requiredWidget: string): this {
    this.requiredWidgets.push(requiredWidget);
    return this;
  }
  setAllWidgetsAreRequired(allWidgetsAreRequired: boolean): this {
    this.allWidgetsAreRequired = allWidgetsAreRequired;
    return this;
  }
  setInteraction(interaction: GoogleAppsScript.Card_Service.Interaction): this {
    this.interaction = member(Interaction, interaction, 'interaction');
    return this;
  }
  toJson(): Json {
    if (!this.functionName) throw missing('Action', 'function name');
    return compact({
      function: this.functionName,
      parameters: Object.entries(this.parameters).map(([key, value]) => ({ key, value })),
      loadIndicator: this.loadIndicator,
      persistValues: this.persistValues,
      requiredWidgets: this.requiredWidgets.length ? [...this.requiredWidgets] : undefined,
      allWidgetsAreRequired: this.allWidgetsAreRequired,
      interaction: this.interaction,
    });
  }
}

class FakeOpenLink extends Part implements GoogleAppsScript.Card_Service.OpenLink {
  private url: string | undefined;
  private openAs: string | undefined;
  private onClose: string | undefined;

  setUrl(url: string): this {
    this.url = url;
    return this;
  }
  setOpenAs(openAs: GoogleAppsScript.Card_Service.OpenAs): this {
    this.openAs = member(OpenAs, openAs, 'openAs');
    return this;
  }
  setOnClose(onClose: GoogleAppsScript.Card_Service.OnClose): this {
    this.onClose = member(OnClose, onClose, 'onClose');
    return this;
  }
  toJson(): Json {
    if (!this.url) throw missing('OpenLink', 'url');
    return compact({ url: this.url, openAs: this.openAs, onClose: this.onClose });
  }
}

class FakeAuthorizationAction extends Part implements GoogleAppsScript.Card_Service.AuthorizationAction {
  private url: string | undefined;
  setAuthorizationUrl(authorizationUrl: string): this {
    this.url = authorizationUrl;
    return this;
  }
  toJson(): Json {
    if (!this.url) throw missing('AuthorizationAction', 'authorization URL');
    return { authorizationUrl: this.url };
  }
}

/** A builder that can be clicked: the last of its setters wins, as in Apps Script. */
abstract class Clickable extends Part {
  protected onClick: (() => Json) | undefined;

  setOnClickAction(action: GoogleAppsScript.Card_Service.Action): this {
    this.onClick = () => ({ action: jsonOf(action, 'action') });
    return this;
  }
  setOpenLink(openLink: GoogleAppsScript.Card_Service.OpenLink): this {
    this.onClick = () => ({ openLink: jsonOf(openLink, 'openLink') });
    return this;
  }
  setOnClickOpenLinkAction(action: GoogleAppsScript.Card_Service.Action): this {
    this.onClick = () => ({ openDynamicLinkAction: jsonOf(action, 'action') });
    return this;
  }
  setComposeAction(
    action: GoogleAppsScript.Card_Service.Action,
    composedEmailType: GoogleAppsScript.Card_Service.ComposedEmailType,
  ): this {
    const type = member(ComposedEmailType, composedEmailType, 'composedEmailType');
    this.onClick = () => ({ action: jsonOf(action, 'action'), 'x-workbench-composedEmailType': type });
    return this;
  }
  setAuthorizationAction(action: GoogleAppsScript.Card_Service.AuthorizationAction): this {
    this.onClick = () => ({ 'x-workbench-authorizationAction': jsonOf(action, 'authorizationAction') });
    return this;
  }
}

// ---- widgets -------------------------------------------------------------------------------------

/** A builder that can be added to a section. */
abstract class Widget extends Clickable {
  abstract toWidgetJson(): Json;
  toJson(): Json {
    return this.toWidgetJson();
  }
}

class FakeIconImage extends Part implements GoogleAppsScript.Card_Service.IconImage {
  private icon: Json = {};
  private altText: string | undefined;
  private cropType: string | undefined;

  setIcon(icon: GoogleAppsScript.Card_Service.Icon): this {
    this.icon = { knownIcon: member(Icon, icon, 'icon') };
    return this;
  }
  setIconUrl(url: string): this {
    this.icon = { iconUrl: url };
    return this;
  }
  setMaterialIcon(icon: GoogleAppsScript.Card_Service.MaterialIcon): this {
    this.icon = { materialIcon: jsonOf(icon, 'icon') };
    return this;
  }
  setAltText(altText: string): this {
    this.altText = altText;
    return this;
  }
  setImageCropType(imageCropType: GoogleAppsScript.Card_Service.ImageCropType): this {
    this.cropType = member(ImageCropType, imageCropType, 'imageCropType');
    return this;
  }
  toJson(): Json {
    if (Object.keys(this.icon).length === 0) throw missing('IconImage', 'icon');
    return compact({ ...this.icon, altText: this.altText, imageType: this.cropType });
  }
}

class FakeMaterialIcon extends Part implements GoogleAppsScript.Card_Service.MaterialIcon {
  private name: string | undefined;
  private fill: boolean | undefined;
  private weight: number | undefined;
  private grade: number | undefined;

  setName(name: string): this {
    this.name = name;
    return this;
  }
  setFill(fill: boolean): this {
    this.fill = fill;
    return this;
  }
  setWeight(weight: number): this {
    this.weight = weight;
    return this;
  }
  setGrade(grade: number): this {
    this.grade = grade;
    return this;
  }
  toJson(): Json {
    if (!this.name) throw missing('MaterialIcon', 'name');
    return compact({ name: this.name, fill: this.fill, weight: this.weight, grade: this.grade });
  }
}

/** Buttons render as card.v1 Buttons inside a buttonList; added alone to a section they get their own list. */
abstract class Button extends Widget {
  abstract buttonJson(): Json;
  toWidgetJson(): Json {
    return { buttonList: { buttons: [this.buttonJson()] } };
  }
}

class FakeTextButton extends Button implements GoogleAppsScript.Card_Service.TextButton {
  private text: string | undefined;
  private altText: string | undefined;
  private color: string | undefined;
  private disabled: boolean | undefined;
  private style: string | undefined;

  setText(text: string): this {
    this.text = text;
    return this;
  }
  setAltText(altText: string): this {
    this.altText = altText;
    return this;
  }
  setBackgroundColor(backgroundColor: string): this {
    colorOf(backgroundColor);
    this.color = backgroundColor;
    return this;
  }
  setDisabled(disabled: boolean): this {
    this.disabled = disabled;
    return this;
  }
  setTextButtonStyle(textButtonStyle: GoogleAppsScript.Card_Service.TextButtonStyle): this {
    this.style = member(TextButtonStyle, textButtonStyle, 'textButtonStyle');
    return this;
  }
  buttonJson(): Json {
    if (!this.text) throw missing('TextButton', 'text');
    if (!this.onClick) throw missing('TextButton', 'onClick action');
    return compact({
      text: this.text,
      altText: this.altText,
      color: this.color === undefined ? undefined : colorOf(this.color),
      disabled: this.disabled,
      type: this.style === 'TEXT' ? 'OUTLINED' : this.style,
      onClick: this.onClick(),
    });
  }
}

class FakeImageButton extends Button implements GoogleAppsScript.Card_Service.ImageButton {
  private readonly icon = new FakeIconImage();
  private hasIcon = false;
  private altText: string | undefined;

  setIcon(icon: GoogleAppsScript.Card_Service.Icon): this {
    this.icon.setIcon(icon);
    this.hasIcon = true;
    return this;
  }
  setIconUrl(url: string): this {
    this.icon.setIconUrl(url);
    this.hasIcon = true;
    return this;
  }
  setMaterialIcon(icon: GoogleAppsScript.Card_Service.MaterialIcon): this {
    this.icon.setMaterialIcon(icon);
    this.hasIcon = true;
    return this;
  }
  setAltText(altText: string): this {
    this.altText = altText;
    return this;
  }
  buttonJson(): Json {
    if (!this.hasIcon) throw missing('ImageButton', 'icon');
    if (!this.onClick) throw missing('ImageButton', 'onClick action');
    return compact({ icon: this.icon.toJson(), altText: this.altText, onClick: this.onClick() });
  }
}

class FakeButtonSet extends Widget implements GoogleAppsScript.Card_Service.ButtonSet {
  private readonly buttons: Button[] = [];

  addButton(button: GoogleAppsScript.Card_Service.Button): this {
    if (!(button instanceof Button)) throw new Error('Invalid argument: button');
    this.buttons.push(button);
    return this;
  }
  toWidgetJson(): Json {
    if (this.buttons.length === 0) throw missing('ButtonSet', 'button');
    return { buttonList: { buttons: this.buttons.map((button) => button.buttonJson()) } };
  }
}

class FakeSwitch extends Part implements GoogleAppsScript.Card_Service.Switch {
  private fieldName: string | undefined;
  private value: string | undefined;
  private selected: boolean | undefined;
  private onChange: Part | undefined;
  private controlType: string | undefined;

  setFieldName(fieldName: string): this {
    this.fieldName = fieldName;
    return this;
  }
  setValue(value: string): this {
    this.value = value;
    return this;
  }
  setSelected(selected: boolean): this {
    this.selected = selected;
    return this;
  }
  setOnChangeAction(action: GoogleAppsScript.Card_Service.Action): this {
    jsonOf(action, 'action');
    this.onChange = action as unknown as Part;
    return this;
  }
  setControlType(controlType: GoogleAppsScript.Card_Service.SwitchControlType): this {
    this.controlType = member(SwitchControlType, controlType, 'controlType');
    return this;
  }
  toJson(): Json {
    if (!this.fieldName) throw missing('Switch', 'field name');
    return compact({
      name: this.fieldName,
      value: this.value,
      selected: this.selected,
      onChangeAction: this.onChange?.toJson(),
      controlType: this.controlType,
    });
  }
}

class FakeDecoratedText extends Widget implements GoogleAppsScript.Card_Service.DecoratedText {
  private text: string | undefined;
  private topLabel: string | undefined;
  private bottomLabel: string | undefined;
  private wrapText: boolean | undefined;
  private startIcon: FakeIconImage | undefined;
  private endIcon: Part | undefined;
  private control: (() => Json) | undefined;

  setText(text: string): this {
    this.text = text;
    return this;
  }
  setTopLabel(text: string): this {
    this.topLabel = text;
    return this;
  }
  setBottomLabel(text: string): this {
    this.bottomLabel = text;
    return this;
  }
  setWrapText(wrapText: boolean): this {
    this.wrapText = wrapText;
    return this;
  }
  setStartIcon(startIcon: GoogleAppsScript.Card_Service.IconImage): this {
    if (!(startIcon instanceof FakeIconImage)) throw new Error('Invalid argument: startIcon');
    this.startIcon = startIcon;
    return this;
  }
  /** The older way to set the start icon. */
  setIcon(icon: GoogleAppsScript.Card_Service.Icon): this {
    this.startIcon = new FakeIconImage().setIcon(icon);
    return this;
  }
  setIconUrl(url: string): this {
    this.startIcon = new FakeIconImage().setIconUrl(url);
    return this;
  }
  setIconAltText(altText: string): this {
    (this.startIcon ??= new FakeIconImage()).setAltText(altText);
    return this;
  }
  setEndIcon(endIcon: GoogleAppsScript.Card_Service.IconImage): this {
    if (!(endIcon instanceof FakeIconImage)) throw new Error('Invalid argument: endIcon');
    this.endIcon = endIcon;
    return this;
  }
  setButton(button: GoogleAppsScript.Card_Service.Button): this {
    if (!(button instanceof Button)) throw new Error('Invalid argument: button');
    this.control = () => ({ button: button.buttonJson() });
    return this;
  }
  setSwitchControl(switchToSet: GoogleAppsScript.Card_Service.Switch): this {
    if (!(switchToSet instanceof FakeSwitch)) throw new Error('Invalid argument: switchToSet');
    this.control = () => ({ switchControl: switchToSet.toJson() });
    return this;
  }
  toWidgetJson(): Json {
    if (!this.text) throw missing('DecoratedText', 'text');
    return {
      decoratedText: compact({
        topLabel: this.topLabel,
        text: this.text,
        bottomLabel: this.bottomLabel,
        wrapText: this.wrapText,
        startIcon: this.startIcon?.toJson(),
        endIcon: this.endIcon?.toJson(),
        ...this.control?.(),
        onClick: this.onClick?.(),
      }),
    };
  }
}

class FakeTextParagraph extends Widget implements GoogleAppsScript.Card_Service.TextParagraph {
  private text: string | undefined;
  setText(text: string): this {
    this.text = text;
    return this;
  }
  toWidgetJson(): Json {
    if (!this.text) throw missing('TextParagraph', 'text');
    return { textParagraph: { text: this.text } };
  }
}

class FakeDivider extends Widget implements GoogleAppsScript.Card_Service.Divider {
  toWidgetJson(): Json {
    return { divider: {} };
  }
}

class FakeImage extends Widget implements GoogleAppsScript.Card_Service.Image {
  private imageUrl: string | undefined;
  private altText: string | undefined;

  setImageUrl(url: string): this {
    this.imageUrl = url;
    return this;
  }
  setAltText(altText: string): this {
    this.altText = altText;
    return this;
  }
  toWidgetJson(): Json {
    if (!this.imageUrl) throw missing('Image', 'image URL');
    return { image: compact({ imageUrl: this.imageUrl, altText: this.altText, onClick: this.onClick?.() }) };
  }
}

/** Inputs hold a field name the add-on reads back from the event's formInputs. */
abstract class Input extends Widget {
  protected fieldName: string | undefined;
  protected title: string | undefined;
  protected onChange: Part | undefined;

  setFieldName(fieldName: string): this {
    this.fieldName = fieldName;
    return this;
  }
  setTitle(title: string): this {
    this.title = title;
    return this;
  }
  setOnChangeAction(action: GoogleAppsScript.Card_Service.Action): this {
    jsonOf(action, 'action');
    this.onChange = action as unknown as Part;
    return this;
  }
  protected requireFieldName(what: string): string {
    if (!this.fieldName) throw missing(what, 'field name');
    return this.fieldName;
  }
}

class FakeSelectionInput extends Input implements GoogleAppsScript.Card_Service.SelectionInput {
  private type = 'CHECK_BOX';
  private readonly items: Json[] = [];
  private maxSelected: number | undefined;
  private minQueryLength: number | undefined;
  private dataSource: Part | undefined;

  setType(type: GoogleAppsScript.Card_Service.SelectionInputType): this {
    this.type = member(SelectionInputType, type, 'type');
    return this;
  }
  addItem(text: unknown, value: unknown, selected: boolean): this {
    this.items.push({ text: String(text), value: String(value), selected: Boolean(selected) });
    return this;
  }
  addMultiSelectItem(
    text: string,
    value: string,
    selected: boolean,
    startIconUri: string,
    bottomText: string,
  ): this {
    this.items.push(compact({ text, value, selected: Boolean(selected), startIconUri, bottomText }));
    return this;
  }
  setMultiSelectMaxSelectedItems(maxSelectedItems: number): this {
    this.maxSelected = maxSelectedItems;
    return this;
  }
  setMultiSelectMinQueryLength(queryLength: number): this {
    this.minQueryLength = queryLength;
    return this;
  }
  setExternalDataSource(action: GoogleAppsScript.Card_Service.Action): this {
    jsonOf(action, 'action');
    this.dataSource = action as unknown as Part;
    return this;
  }
  toWidgetJson(): Json {
    return {
      selectionInput: compact({
        name: this.requireFieldName('SelectionInput'),
        label: this.title,
        type: this.type,
        items: this.items.map((item) => ({ ...item })),
        onChangeAction: this.onChange?.toJson(),
        multiSelectMaxSelectedItems: this.maxSelected,
        multiSelectMinQueryLength: this.minQueryLength,
        externalDataSource: this.dataSource?.toJson(),
      }),
    };
  }
}

class FakeValidation extends Part implements GoogleAppsScript.Card_Service.Validation {
  private characterLimit: number | undefined;
  private inputType: string | undefined;
  setCharacterLimit(characterLimit: number): this {
    this.characterLimit = characterLimit;
    return this;
  }
  setInputType(inputType: GoogleAppsScript.Card_Service.InputType): this {
    this.inputType = member(InputType, inputType, 'inputType');
    return this;
  }
  toJson(): Json {
    return compact({ characterLimit: this.characterLimit, inputType: this.inputType });
  }
}

class FakeSuggestions extends Part implements GoogleAppsScript.Card_Service.Suggestions {
  private readonly items: string[] = [];
  addSuggestion(suggestion: string): this {
    this.items.push(suggestion);
    return this;
  }
  addSuggestions(suggestions: string[]): this {
    this.items.push(...suggestions);
    return this;
  }
  toJson(): Json {
    return { items: this.items.map((text) => ({ text })) };
  }
}

class FakeTextInput extends Input implements GoogleAppsScript.Card_Service.TextInput {
  private value: string | undefined;
  private hint: string | undefined;
  private multiline = false;
  private validation: Part | undefined;
  private suggestions: Part | undefined;
  private suggestionsAction: Part | undefined;

  setValue(value: string): this {
    this.value = value;
    return this;
  }
  setHint(hint: string): this {
    this.hint = hint;
    return this;
  }
  setMultiline(multiline: boolean): this {
    this.multiline = multiline;
    return this;
  }
  setValidation(validation: GoogleAppsScript.Card_Service.Validation): this {
    jsonOf(validation, 'validation');
    this.validation = validation as unknown as Part;
    return this;
  }
  setSuggestions(suggestions: GoogleAppsScript.Card_Service.Suggestions): this {
    jsonOf(suggestions, 'suggestions');
    this.suggestions = suggestions as unknown as Part;
    return this;
  }
  setSuggestionsAction(suggestionsAction: GoogleAppsScript.Card_Service.Action): this {
    jsonOf(suggestionsAction, 'suggestionsAction');
    this.suggestionsAction = suggestionsAction as unknown as Part;
    return this;
  }
  toWidgetJson(): Json {
    return {
      textInput: compact({
        name: this.requireFieldName('TextInput'),
        label: this.title,
        value: this.value,
        hintText: this.hint,
        type: this.multiline ? 'MULTIPLE_LINE' : 'SINGLE_LINE',
        onChangeAction: this.onChange?.toJson(),
        validation: this.validation?.toJson(),
        initialSuggestions: this.suggestions?.toJson(),
        autoCompleteAction: this.suggestionsAction?.toJson(),
      }),
    };
  }
}

class FakeDateTimePicker extends Input implements GoogleAppsScript.Card_Service.DateTimePicker {
  private valueMs: number | undefined;
  private offsetMinutes: number | undefined;

  setValueInMsSinceEpoch(valueMsEpoch: number | string): this {
    this.valueMs = Number(valueMsEpoch);
    return this;
  }
  setTimeZoneOffsetInMins(timeZoneOffsetMins: number): this {
    this.offsetMinutes = timeZoneOffsetMins;
    return this;
  }
  toWidgetJson(): Json {
    return {
      dateTimePicker: compact({
        name: this.requireFieldName('DateTimePicker'),
        label: this.title,
        type: 'DATE_AND_TIME',
        valueMsEpoch: this.valueMs,
        timezoneOffsetDate: this.offsetMinutes,
        onChangeAction: this.onChange?.toJson(),
      }),
    };
  }
}

// ---- cards ---------------------------------------------------------------------------------------

class FakeCardHeader extends Part implements GoogleAppsScript.Card_Service.CardHeader {
  private title: string | undefined;
  private subtitle: string | undefined;
  private imageUrl: string | undefined;
  private imageStyle: string | undefined;
  private imageAltText: string | undefined;

  setTitle(title: string): this {
    this.title = title;
    return this;
  }
  setSubtitle(subtitle: string): this {
    this.subtitle = subtitle;
    return this;
  }
  setImageUrl(imageUrl: string): this {
    this.imageUrl = imageUrl;
    return this;
  }
  setImageStyle(imageStyle: GoogleAppsScript.Card_Service.ImageStyle): this {
    this.imageStyle = member(ImageStyle, imageStyle, 'imageStyle');
    return this;
  }
  setImageAltText(imageAltText: string): this {
    this.imageAltText = imageAltText;
    return this;
  }
  toJson(): Json {
    if (!this.title) throw missing('CardHeader', 'title');
    return compact({
      title: this.title,
      subtitle: this.subtitle,
      imageUrl: this.imageUrl,
      imageType: this.imageStyle,
      imageAltText: this.imageAltText,
    });
  }
}

class FakeCardSection extends Part implements GoogleAppsScript.Card_Service.CardSection {
  private header: string | undefined;
  private collapsible: boolean | undefined;
  private uncollapsible: number | undefined;
  private readonly widgets: Widget[] = [];

  addWidget(widget: GoogleAppsScript.Card_Service.Widget): this {
    if (!(widget instanceof Widget)) throw new Error('Invalid argument: widget');
    this.widgets.push(widget);
    return this;
  }
  setHeader(header: string): this {
    this.header = header;
    return this;
  }
  setCollapsible(collapsible: boolean): this {
    this.collapsible = collapsible;
    return this;
  }
  setNumUncollapsibleWidgets(numUncollapsibleWidgets: number): this {
    this.uncollapsible = numUncollapsibleWidgets;
    return this;
  }
  toJson(): Json {
    if (this.widgets.length === 0) throw missing('CardSection', 'widget');
    if (this.widgets.length > MAX_WIDGETS_PER_SECTION) {
      throw new Error(
        `A card section can hold at most ${MAX_WIDGETS_PER_SECTION} widgets; this one has ${this.widgets.length}`,
      );
    }
    return compact({
      header: this.header,
      collapsible: this.collapsible,
      uncollapsibleWidgetsCount: this.uncollapsible,
      widgets: this.widgets.map((widget) => widget.toWidgetJson()),
    });
  }
}

class FakeFixedFooter extends Part implements GoogleAppsScript.Card_Service.FixedFooter {
  private primary: FakeTextButton | undefined;
  private secondary: FakeTextButton | undefined;

  setPrimaryButton(button: GoogleAppsScript.Card_Service.TextButton): this {
    if (!(button instanceof FakeTextButton)) throw new Error('Invalid argument: button');
    this.primary = button;
    return this;
  }
  setSecondaryButton(button: GoogleAppsScript.Card_Service.TextButton): this {
    if (!(button instanceof FakeTextButton)) throw new Error('Invalid argument: button');
    this.secondary = button;
    return this;
  }
  toJson(): Json {
    if (!this.primary) throw missing('FixedFooter', 'primary button');
    return compact({
      primaryButton: this.primary.buttonJson(),
      secondaryButton: this.secondary?.buttonJson(),
    });
  }
}

class FakeCardAction extends Clickable implements GoogleAppsScript.Card_Service.CardAction {
  private text: string | undefined;
  setText(text: string): this {
    this.text = text;
    return this;
  }
  toJson(): Json {
    if (!this.text) throw missing('CardAction', 'text');
    if (!this.onClick) throw missing('CardAction', 'onClick action');
    return { actionLabel: this.text, onClick: this.onClick() };
  }
}

/** A built card: its JSON is fixed at build(), as Apps Script's Card is. */
export class FakeCard extends Part implements GoogleAppsScript.Card_Service.Card {
  constructor(readonly json: Json) {
    super();
  }
  toJson(): Json {
    return this.json;
  }
  printJson(): string {
    return JSON.stringify(this.json, null, 2);
  }
}

class FakeCardBuilder implements GoogleAppsScript.Card_Service.CardBuilder {
  private header: FakeCardHeader | undefined;
  private peekHeader: FakeCardHeader | undefined;
  private readonly sections: FakeCardSection[] = [];
  private readonly cardActions: FakeCardAction[] = [];
  private footer: FakeFixedFooter | undefined;
  private name: string | undefined;
  private displayStyle: string | undefined;

  setHeader(cardHeader: GoogleAppsScript.Card_Service.CardHeader): this {
    if (!(cardHeader instanceof FakeCardHeader)) throw new Error('Invalid argument: cardHeader');
    this.header = cardHeader;
    return this;
  }
  setPeekCardHeader(peekCardHeader: GoogleAppsScript.Card_Service.CardHeader): this {
    if (!(peekCardHeader instanceof FakeCardHeader)) throw new Error('Invalid argument: peekCardHeader');
    this.peekHeader = peekCardHeader;
    return this;
  }
  addSection(section: GoogleAppsScript.Card_Service.CardSection): this {
    if (!(section instanceof FakeCardSection)) throw new Error('Invalid argument: section');
    this.sections.push(section);
    return this;
  }
  addCardAction(cardAction: GoogleAppsScript.Card_Service.CardAction): this {
    if (!(cardAction instanceof FakeCardAction)) throw new Error('Invalid argument: cardAction');
    this.cardActions.push(cardAction);
    return this;
  }
  setFixedFooter(fixedFooter: GoogleAppsScript.Card_Service.FixedFooter): this {
    if (!(fixedFooter instanceof FakeFixedFooter)) throw new Error('Invalid argument: fixedFooter');
    this.footer = fixedFooter;
    return this;
  }
  setName(name: string): this {
    this.name = name;
    return this;
  }
  setDisplayStyle(displayStyle: GoogleAppsScript.Card_Service.DisplayStyle): this {
    this.displayStyle = member(DisplayStyle, displayStyle, 'displayStyle');
    return this;
  }
  build(): FakeCard {
    if (this.sections.length === 0) throw missing('Card', 'section');
    if (this.sections.length > MAX_SECTIONS_PER_CARD) {
      throw new Error(
        `A card can hold at most ${MAX_SECTIONS_PER_CARD} sections; this one has ${this.sections.length}`,
      );
    }
    return new FakeCard(
      compact({
        header: this.header?.toJson(),
        sections: this.sections.map((section) => section.toJson()),
        fixedFooter: this.footer?.toJson(),
        cardActions: this.cardActions.length ? this.cardActions.map((action) => action.toJson()) : undefined,
        name: this.name,
        displayStyle: this.displayStyle,
        peekCardHeader: this.peekHeader?.toJson(),
      }),
    );
  }
}

// ---- responses -----------------------------------------------------------------------------------

/** Which CardService builder made a response; the workbench checks it against the callback's kind. */
export type ResponseKind =
  'ActionResponse' | 'UniversalActionResponse' | 'ComposeActionResponse' | 'UpdateDraftActionResponse';

/** A built response: fixed JSON with printJson, and the kind of its builder (not part of the JSON). */
export class FakeResponse
  implements
    GoogleAppsScript.Card_Service.ActionResponse,
    GoogleAppsScript.Card_Service.UniversalActionResponse,
    GoogleAppsScript.Card_Service.ComposeActionResponse,
    GoogleAppsScript.Card_Service.UpdateDraftActionResponse
{
  constructor(
    readonly json: Json,
    readonly kind: ResponseKind,
  ) {}
  printJson(): string {
    return JSON.stringify(this.json, null, 2);
  }
}

class FakeNavigation extends Part implements GoogleAppsScript.Card_Service.Navigation {
  private readonly steps: Json[] = [];

  pushCard(card: GoogleAppsScript.Card_Service.Card): this {
    this.steps.push({ pushCard: jsonOf(card, 'card') });
    return this;
  }
  updateCard(card: GoogleAppsScript.Card_Service.Card): this {
    this.steps.push({ updateCard: jsonOf(card, 'card') });
    return this;
  }
  popCard(): this {
    this.steps.push({ pop: true });
    return this;
  }
  popToRoot(): this {
    this.steps.push({ popToRoot: true });
    return this;
  }
  popToNamedCard(cardName: string): this {
    this.steps.push({ popToCard: cardName });
    return this;
  }
  toJson(): Json {
    return { navigations: this.steps.map((step) => ({ ...step })) };
  }
  printJson(): string {
    return JSON.stringify(this.toJson(), null, 2);
  }
}

class FakeNotification extends Part implements GoogleAppsScript.Card_Service.Notification {
  private text: string | undefined;
  setText(text: string): this {
    this.text = text;
    return this;
  }
  toJson(): Json {
    if (!this.text) throw missing('Notification', 'text');
    return { text: this.text };
  }
}

class FakeActionResponseBuilder implements GoogleAppsScript.Card_Service.ActionResponseBuilder {
  private navigation: Part | undefined;
  private notification: Part | undefined;
  private openLink: Part | undefined;
  private stateChanged: boolean | undefined;

  setNavigation(navigation: GoogleAppsScript.Card_Service.Navigation): this {
    jsonOf(navigation, 'navigation');
    this.navigation = navigation as unknown as Part;
    return this;
  }
  setNotification(notification: GoogleAppsScript.Card_Service.Notification): this {
    jsonOf(notification, 'notification');
    this.notification = notification as unknown as Part;
    return this;
  }
  setOpenLink(openLink: GoogleAppsScript.Card_Service.OpenLink): this {
    jsonOf(openLink, 'openLink');
    this.openLink = openLink as unknown as Part;
    return this;
  }
  setStateChanged(stateChanged: boolean): this {
    this.stateChanged = stateChanged;
    return this;
  }
  build(): FakeResponse {
    const action = compact({
      navigations: this.navigation?.toJson().navigations,
      notification: this.notification?.toJson(),
      link: this.openLink?.toJson(),
    });
    return new FakeResponse(
      compact({ renderActions: { action }, stateChanged: this.stateChanged }),
      'ActionResponse',
    );
  }
}

class FakeUniversalActionResponseBuilder
  implements GoogleAppsScript.Card_Service.UniversalActionResponseBuilder
{
  private cards: FakeCard[] | undefined;
  private openLink: Part | undefined;

  displayAddOnCards(cardObjects: GoogleAppsScript.Card_Service.Card[]): this {
    this.cards = Array.from(cardObjects, (card) => {
      if (!(card instanceof FakeCard)) throw new Error('Invalid argument: cardObjects');
      return card;
    });
    return this;
  }
  setOpenLink(openLink: GoogleAppsScript.Card_Service.OpenLink): this {
    jsonOf(openLink, 'openLink');
    this.openLink = openLink as unknown as Part;
    return this;
  }
  build(): FakeResponse {
    if (this.openLink)
      return new FakeResponse(
        { renderActions: { action: { link: this.openLink.toJson() } } },
        'UniversalActionResponse',
      );
    if (!this.cards || this.cards.length === 0) throw missing('UniversalActionResponse', 'cards or link');
    const navigations = this.cards.map((card) => ({ pushCard: card.json }));
    return new FakeResponse({ renderActions: { action: { navigations } } }, 'UniversalActionResponse');
  }
}

/** What setGmailDraft needs of a draft: the Gmail fake's FakeGmailDraft, or any object shaped like it. */
export interface DraftLike {
  getId(): string;
  getMessage(): { getThread(): { getId(): string } };
}

class FakeComposeActionResponseBuilder implements Omit<
  GoogleAppsScript.Card_Service.ComposeActionResponseBuilder,
  'setGmailDraft'
> {
  private draft: { draftId: string; threadId: string } | undefined;

  setGmailDraft(draft: DraftLike & { hostThreadId?: () => string }): this {
    const threadId = draft.hostThreadId ? draft.hostThreadId() : draft.getMessage().getThread().getId();
    this.draft = { draftId: draft.getId(), threadId };
    return this;
  }
  build(): FakeResponse {
    if (!this.draft) throw missing('ComposeActionResponse', 'Gmail draft');
    return new FakeResponse(
      { 'x-workbench-composeActionResponse': { gmailDraft: { ...this.draft } } },
      'ComposeActionResponse',
    );
  }
}

class FakeUpdateDraftBodyAction extends Part implements GoogleAppsScript.Card_Service.UpdateDraftBodyAction {
  private readonly contents: Json[] = [];
  private updateType: string | undefined;

  addUpdateContent(content: string, contentType: GoogleAppsScript.Card_Service.ContentType): this {
    this.contents.push({ content, contentType: member(ContentType, contentType, 'contentType') });
    return this;
  }
  setUpdateType(updateType: GoogleAppsScript.Card_Service.UpdateDraftBodyType): this {
    this.updateType = member(UpdateDraftBodyType, updateType, 'updateType');
    return this;
  }
  toJson(): Json {
    if (this.contents.length === 0) throw missing('UpdateDraftBodyAction', 'content');
    if (!this.updateType) throw missing('UpdateDraftBodyAction', 'update type');
    return { insertContents: this.contents.map((content) => ({ ...content })), type: this.updateType };
  }
}

class FakeUpdateDraftSubjectAction
  extends Part
  implements GoogleAppsScript.Card_Service.UpdateDraftSubjectAction
{
  private subject: string | undefined;
  addUpdateSubject(subject: string): this {
    this.subject = subject;
    return this;
  }
  toJson(): Json {
    if (this.subject === undefined) throw missing('UpdateDraftSubjectAction', 'subject');
    return { subject: this.subject };
  }
}

/** To, Cc and Bcc updates differ only in their field name. */
class FakeUpdateDraftRecipientsAction
  extends Part
  implements
    GoogleAppsScript.Card_Service.UpdateDraftToRecipientsAction,
    GoogleAppsScript.Card_Service.UpdateDraftCcRecipientsAction,
    GoogleAppsScript.Card_Service.UpdateDraftBccRecipientsAction
{
  private readonly emails: string[] = [];
  constructor(private readonly field: 'toRecipients' | 'ccRecipients' | 'bccRecipients') {
    super();
  }
  addUpdateToRecipients(emails: string[]): this {
    return this.add(emails);
  }
  addUpdateCcRecipients(emails: string[]): this {
    return this.add(emails);
  }
  addUpdateBccRecipients(emails: string[]): this {
    return this.add(emails);
  }
  private add(emails: string[]): this {
    this.emails.push(...Array.from(emails, String));
    return this;
  }
  toJson(): Json {
    return { [this.field]: this.emails.map((email) => ({ email })) };
  }
}

class FakeUpdateDraftActionResponseBuilder
  implements GoogleAppsScript.Card_Service.UpdateDraftActionResponseBuilder
{
  private readonly updates = new Map<string, Part>();

  private set(field: string, action: unknown, argument: string): this {
    jsonOf(action, argument);
    this.updates.set(field, action as Part);
    return this;
  }
  setUpdateDraftBodyAction(action: GoogleAppsScript.Card_Service.UpdateDraftBodyAction): this {
    return this.set('updateBody', action, 'updateDraftBodyAction');
  }
  setUpdateDraftSubjectAction(action: GoogleAppsScript.Card_Service.UpdateDraftSubjectAction): this {
    return this.set('updateSubject', action, 'updateDraftSubjectAction');
  }
  setUpdateDraftToRecipientsAction(
    action: GoogleAppsScript.Card_Service.UpdateDraftToRecipientsAction,
  ): this {
    return this.set('updateToRecipients', action, 'updateDraftToRecipientsAction');
  }
  setUpdateDraftCcRecipientsAction(
    action: GoogleAppsScript.Card_Service.UpdateDraftCcRecipientsAction,
  ): this {
    return this.set('updateCcRecipients', action, 'updateDraftCcRecipientsAction');
  }
  setUpdateDraftBccRecipientsAction(
    action: GoogleAppsScript.Card_Service.UpdateDraftBccRecipientsAction,
  ): this {
    return this.set('updateBccRecipients', action, 'updateDraftBccRecipientsAction');
  }
  build(): FakeResponse {
    if (this.updates.size === 0) throw missing('UpdateDraftActionResponse', 'update');
    const markup = Object.fromEntries([...this.updates].map(([field, part]) => [field, part.toJson()]));
    return new FakeResponse(
      { renderActions: { hostAppAction: { gmailAction: { updateDraftActionMarkup: markup } } } },
      'UpdateDraftActionResponse',
    );
  }
}

// ---- the service ---------------------------------------------------------------------------------

export class FakeCardService implements Pick<
  GoogleAppsScript.Card_Service.CardService,
  | 'TextButtonStyle'
  | 'SelectionInputType'
  | 'LoadIndicator'
  | 'ContentType'
  | 'UpdateDraftBodyType'
  | 'Icon'
  | 'ImageStyle'
  | 'ImageCropType'
  | 'OpenAs'
  | 'OnClose'
  | 'ComposedEmailType'
  | 'DisplayStyle'
  | 'SwitchControlType'
  | 'InputType'
  | 'Interaction'
  | 'newAction'
  | 'newActionResponseBuilder'
  | 'newAuthorizationAction'
  | 'newButtonSet'
  | 'newCardAction'
  | 'newCardBuilder'
  | 'newCardHeader'
  | 'newCardSection'
  | 'newDateTimePicker'
  | 'newDecoratedText'
  | 'newDivider'
  | 'newFixedFooter'
  | 'newIconImage'
  | 'newImage'
  | 'newImageButton'
  | 'newMaterialIcon'
  | 'newNavigation'
  | 'newNotification'
  | 'newOpenLink'
  | 'newSelectionInput'
  | 'newSuggestions'
  | 'newSwitch'
  | 'newTextButton'
  | 'newTextInput'
  | 'newTextParagraph'
  | 'newUniversalActionResponseBuilder'
  | 'newUpdateDraftActionResponseBuilder'
  | 'newUpdateDraftBodyAction'
  | 'newUpdateDraftSubjectAction'
  | 'newUpdateDraftToRecipientsAction'
  | 'newUpdateDraftCcRecipientsAction'
  | 'newUpdateDraftBccRecipientsAction'
  | 'newValidation'
> {
  readonly TextButtonStyle = TextButtonStyle;
  readonly SelectionInputType = SelectionInputType;
  readonly LoadIndicator = LoadIndicator;
  readonly ContentType = ContentType;
  readonly UpdateDraftBodyType = UpdateDraftBodyType;
  readonly Icon = Icon;
  readonly ImageStyle = ImageStyle;
  readonly ImageCropType = ImageCropType;
  readonly OpenAs = OpenAs;
  readonly OnClose = OnClose;
  readonly ComposedEmailType = ComposedEmailType;
  readonly DisplayStyle = DisplayStyle;
  readonly SwitchControlType = SwitchControlType;
  readonly InputType = InputType;
  readonly Interaction = Interaction;

  newAction = () => new FakeAction();
  newActionResponseBuilder = () => new FakeActionResponseBuilder();
  newAuthorizationAction = () => new FakeAuthorizationAction();
  newButtonSet = () => new FakeButtonSet();
  newCardAction = () => new FakeCardAction();
  newCardBuilder = () => new FakeCardBuilder();
  newCardHeader = () => new FakeCardHeader();
  newCardSection = () => new FakeCardSection();
  newComposeActionResponseBuilder = () => new FakeComposeActionResponseBuilder();
  newDateTimePicker = () => new FakeDateTimePicker();
  newDecoratedText = () => new FakeDecoratedText();
  newDivider = () => new FakeDivider();
  newFixedFooter = () => new FakeFixedFooter();
  newIconImage = () => new FakeIconImage();
  newImage = () => new FakeImage();
  newImageButton = () => new FakeImageButton();
  newMaterialIcon = () => new FakeMaterialIcon();
  newNavigation = () => new FakeNavigation();
  newNotification = () => new FakeNotification();
  newOpenLink = () => new FakeOpenLink();
  newSelectionInput = () => new FakeSelectionInput();
  newSuggestions = () => new FakeSuggestions();
  newSwitch = () => new FakeSwitch();
  newTextButton = () => new FakeTextButton();
  newTextInput = () => new FakeTextInput();
  newTextParagraph = () => new FakeTextParagraph();
  newUniversalActionResponseBuilder = () => new FakeUniversalActionResponseBuilder();
  newUpdateDraftActionResponseBuilder = () => new FakeUpdateDraftActionResponseBuilder();
  newUpdateDraftBodyAction = () => new FakeUpdateDraftBodyAction();
  newUpdateDraftSubjectAction = () => new FakeUpdateDraftSubjectAction();
  newUpdateDraftToRecipientsAction = () => new FakeUpdateDraftRecipientsAction('toRecipients');
  newUpdateDraftCcRecipientsAction = () => new FakeUpdateDraftRecipientsAction('ccRecipients');
  newUpdateDraftBccRecipientsAction = () => new FakeUpdateDraftRecipientsAction('bccRecipients');
  newValidation = () => new FakeValidation();
  // Builders published add-on samples call; they are defined in the block at the end of this file.
  newDatePicker = () => new FakeDatePicker();
  newKeyValue = () => new FakeKeyValue();
  newTimePicker = () => new FakeTimePicker();
}

/**
 * Every function name that the card's actions (clicks, changes, data sources) would call, in order of
 * first appearance, so a test can check that each one exists in the bundle. Accepts the JSON or its text.
 */
export function actionFunctionNames(cardJson: unknown): string[] {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.function === 'string') names.add(record.function);
      Object.values(record).forEach(visit);
    }
  };
  visit(typeof cardJson === 'string' ? JSON.parse(cardJson) : cardJson);
  return [...names];
}

// ---- builders published add-on samples use -----------------------------------------------------
// Kept together here, apart from the builders above, so changes to the JSON keys above do not collide.

/**
 * KeyValue, deprecated in Apps Script but still in Google's older Gmail samples: its replacement,
 * DecoratedText, renders the same fields (https://developers.google.com/apps-script/reference/card-service/key-value),
 * so it produces a decoratedText widget. "Setting the text content and one of the keys is required using
 * setContent(text) and one of setIcon(icon), setIconUrl(url), setTopLabel(text), or setBottomLabel(text)."
 */
class FakeKeyValue extends FakeDecoratedText implements GoogleAppsScript.Card_Service.KeyValue {
  private hasKey = false;
  private hasContent = false;

  setContent(text: string): this {
    this.hasContent = Boolean(text);
    return this.setText(text);
  }
  setMultiline(multiline: boolean): this {
    return this.setWrapText(multiline);
  }
  setSwitch(switchToSet: GoogleAppsScript.Card_Service.Switch): this {
    return this.setSwitchControl(switchToSet);
  }
  override setTopLabel(text: string): this {
    this.hasKey = true;
    return super.setTopLabel(text);
  }
  override setBottomLabel(text: string): this {
    this.hasKey = true;
    return super.setBottomLabel(text);
  }
  override setIcon(icon: GoogleAppsScript.Card_Service.Icon): this {
    this.hasKey = true;
    return super.setIcon(icon);
  }
  override setIconUrl(url: string): this {
    this.hasKey = true;
    return super.setIconUrl(url);
  }
  override toWidgetJson(): Json {
    if (!this.hasKey) throw missing('KeyValue', 'key (an icon, a top label or a bottom label)');
    if (!this.hasContent) throw missing('KeyValue', 'content');
    return super.toWidgetJson();
  }
}

/** DatePicker: card.v1's dateTimePicker of type DATE_ONLY, its value a date at 00:00 UTC in ms. */
class FakeDatePicker extends Input implements GoogleAppsScript.Card_Service.DatePicker {
  private valueMs: number | undefined;

  setValueInMsSinceEpoch(valueMsEpoch: number | string): this {
    this.valueMs = Number(valueMsEpoch);
    return this;
  }
  toWidgetJson(): Json {
    return {
      dateTimePicker: compact({
        name: this.requireFieldName('DatePicker'),
        label: this.title,
        type: 'DATE_ONLY',
        valueMsEpoch: this.valueMs,
        onChangeAction: this.onChange?.toJson(),
      }),
    };
  }
}

/**
 * TimePicker: card.v1's dateTimePicker of type TIME_ONLY, whose valueMsEpoch is the time of day in ms
 * (https://developers.google.com/workspace/add-ons/reference/rpc/google.apps.card.v1#datetimepicker).
 * setHours takes 0-23 and setMinutes 0-59 (https://developers.google.com/apps-script/reference/card-service/time-picker).
 */
class FakeTimePicker extends Input implements GoogleAppsScript.Card_Service.TimePicker {
  private hours: number | undefined;
  private minutes: number | undefined;

  setHours(hours: number): this {
    if (!Number.isInteger(hours) || hours < 0 || hours > 23) throw new Error('Invalid argument: hours');
    this.hours = hours;
    return this;
  }
  setMinutes(minutes: number): this {
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 59)
      throw new Error('Invalid argument: minutes');
    this.minutes = minutes;
    return this;
  }
  toWidgetJson(): Json {
    const set = this.hours !== undefined || this.minutes !== undefined;
    return {
      dateTimePicker: compact({
        name: this.requireFieldName('TimePicker'),
        label: this.title,
        type: 'TIME_ONLY',
        valueMsEpoch: set ? ((this.hours ?? 0) * 60 + (this.minutes ?? 0)) * 60_000 : undefined,
        onChangeAction: this.onChange?.toJson(),
      }),
    };
  }
}
