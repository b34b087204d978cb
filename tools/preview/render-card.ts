// Card JSON (card.v1 field names, as the CardService fake builds it; shapes at the top of
// tools/workbench/fakes/card-service.ts) to HTML that looks like the Gmail add-on side panel. Buttons carry
// what a click needs as data attributes; inputs carry their field names, so the page can send the card's
// form values back. A widget the preview cannot draw becomes a visible placeholder naming it.
import { escapeHtml, formattedText } from './rich-text';

type Json = Record<string, unknown>;

/**
 * Known icons as characters that common fonts carry (the preview has no network, so no icon fonts or
 * image URLs); other icons show the first letter of their name.
 */
const KNOWN_ICONS: Record<string, string> = {
  AIRPLANE: '✈',
  CLOCK: '◷',
  DESCRIPTION: '☰',
  DOLLAR: '$',
  EMAIL: '✉',
  FLIGHT_ARRIVAL: '✈',
  FLIGHT_DEPARTURE: '✈',
  INVITE: '✉',
  MAP_PIN: '⌖',
  PHONE: '☎',
  STAR: '★',
  VIDEO_CAMERA: '▶',
  VIDEO_PLAY: '▶',
  PERSON: '☺',
  MULTIPLE_PEOPLE: '☺',
};

/** Material icon names the cards use, as characters (Google draws them from its Material Symbols font). */
const MATERIAL_ICONS: Record<string, string> = {
  delete: '✕',
  schedule: '◷',
  event: '▦',
};

/** Numbers each clickable button in the order runner.ts's cardButtons() lists them. */
interface Context {
  nextButton: number;
}

function attr(name: string, value: unknown): string {
  return ` ${name}="${escapeHtml(value)}"`;
}

function parametersOf(action: Json): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const p of (action.parameters as Array<{ key: string; value: string }>) || [])
    parameters[p.key] = p.value;
  return parameters;
}

/** What a click does, as data attributes: the action's function and parameters, or the link to open. */
function onClickAttributes(onClick: Json | undefined): string {
  if (!onClick) return '';
  const link = onClick.openLink as Json | undefined;
  if (link) return attr('data-open-link', link.url);
  const action = (onClick.action || onClick.openDynamicLinkAction) as Json | undefined;
  if (action) {
    return (
      attr('data-function', action.function) +
      attr('data-parameters', JSON.stringify(parametersOf(action))) +
      (onClick['x-workbench-composedEmailType']
        ? attr('data-compose', onClick['x-workbench-composedEmailType'])
        : '') +
      (onClick.openDynamicLinkAction ? attr('data-dynamic-link', 'true') : '')
    );
  }
  const authorization = onClick['x-workbench-authorizationAction'] as Json | undefined;
  if (authorization) return attr('data-open-link', authorization.authorizationUrl);
  return '';
}

function colorCss(color: Json | undefined): string {
  if (!color) return '';
  const channel = (value: unknown) => Math.round(Number(value ?? 0) * 255);
  return `background-color: rgb(${channel(color.red)}, ${channel(color.green)}, ${channel(color.blue)})`;
}

function iconHtml(icon: Json | undefined, className: string): string {
  if (!icon) return '';
  const label = icon.altText || icon.knownIcon || (icon.materialIcon as Json | undefined)?.name || 'icon';
  const material = (icon.materialIcon as Json | undefined)?.name;
  const glyph =
    KNOWN_ICONS[String(icon.knownIcon)] ??
    (material ? MATERIAL_ICONS[String(material)] : undefined) ??
    String(label).charAt(0).toUpperCase();
  return `<span class="${className}"${attr('title', label)} aria-hidden="true">${escapeHtml(glyph)}</span>`;
}

function buttonHtml(button: Json, context: Context, extraClass = ''): string {
  const index = button.onClick ? context.nextButton++ : null;
  const text = String(button.text || button.altText || '');
  const style =
    String(button.type || (button.color ? 'FILLED' : 'TEXT'))
      .toLowerCase()
      .replace('_', '-') || 'text';
  const label = button.text
    ? escapeHtml(button.text)
    : iconHtml({ altText: button.altText, ...(button.icon as Json) }, 'btn-icon');
  return (
    `<button type="button" class="btn btn-${style}${extraClass}"` +
    (index === null ? '' : attr('data-button-index', index)) +
    attr('data-text', text) +
    onClickAttributes(button.onClick as Json | undefined) +
    (button.color ? attr('style', colorCss(button.color as Json)) : '') +
    (button.altText ? attr('title', button.altText) + attr('aria-label', button.altText) : '') +
    (button.disabled ? ' disabled' : '') +
    `>${label}</button>`
  );
}

function decoratedTextHtml(widget: Json, context: Context): string {
  const onClick = widget.onClick as Json | undefined;
  const top = widget.topLabel ? `<div class="dt-top">${formattedText(widget.topLabel)}</div>` : '';
  const bottom = widget.bottomLabel
    ? `<div class="dt-bottom">${formattedText(widget.bottomLabel)}</div>`
    : '';
  const wrap = widget.wrapText ? '' : ' dt-nowrap';
  let control = '';
  if (widget.button) control = buttonHtml(widget.button as Json, context, ' dt-button');
  else if (widget.switchControl) control = switchHtml(widget.switchControl as Json);
  else if (widget.endIcon) control = iconHtml(widget.endIcon as Json, 'dt-icon dt-end-icon');
  return (
    `<div class="widget w-decorated-text${onClick ? ' clickable' : ''}"${onClickAttributes(onClick)}>` +
    iconHtml(widget.startIcon as Json | undefined, 'dt-icon') +
    `<div class="dt-body">${top}<div class="dt-text${wrap}">${formattedText(widget.text)}</div>${bottom}</div>` +
    control +
    '</div>'
  );
}

function switchHtml(control: Json): string {
  const kind = control.controlType === 'CHECK_BOX' ? 'checkbox' : 'switch';
  return (
    `<label class="dt-control control-${kind}">` +
    `<input type="checkbox"${attr('name', control.name)}${attr('value', control.value ?? 'on')}` +
    `${attr('data-input-kind', 'switchControl')}${control.selected ? ' checked' : ''}>` +
    (kind === 'switch' ? '<span class="switch-track"><span class="switch-thumb"></span></span>' : '') +
    '</label>'
  );
}

function choicesHtml(input: Json, type: 'checkbox' | 'radio' | 'switch'): string {
  const items = (input.items as Json[]) || [];
  return items
    .map((item) => {
      const box =
        `<input type="${type === 'radio' ? 'radio' : 'checkbox'}"${attr('name', input.name)}` +
        `${attr('value', item.value)}${item.selected ? ' checked' : ''}>`;
      const toggle =
        type === 'switch' ? '<span class="switch-track"><span class="switch-thumb"></span></span>' : '';
      return `<label class="choice choice-${type}">${box}${toggle}<span class="choice-text">${escapeHtml(item.text)}</span></label>`;
    })
    .join('');
}

function selectionInputHtml(input: Json): string | null {
  const type = String(input.type || 'CHECK_BOX');
  const label = input.label ? `<div class="field-label">${escapeHtml(input.label)}</div>` : '';
  const common =
    attr('data-name', input.name) +
    attr('data-type', type) +
    (input.onChangeAction ? attr('data-on-change', (input.onChangeAction as Json).function) : '');
  if (type === 'CHECK_BOX' || type === 'RADIO_BUTTON' || type === 'SWITCH') {
    const kind = type === 'CHECK_BOX' ? 'checkbox' : type === 'RADIO_BUTTON' ? 'radio' : 'switch';
    return `<fieldset class="widget w-selection-input"${common}>${label}${choicesHtml(input, kind)}</fieldset>`;
  }
  if (type === 'DROPDOWN' || type === 'MULTI_SELECT') {
    const options = ((input.items as Json[]) || [])
      .map(
        (item) =>
          `<option${attr('value', item.value)}${item.selected ? ' selected' : ''}>${escapeHtml(item.text)}</option>`,
      )
      .join('');
    const multiple = type === 'MULTI_SELECT' ? ' multiple' : '';
    return `<div class="widget w-selection-input"${common}>${label}<select class="dropdown"${attr('name', input.name)}${multiple}>${options}</select></div>`;
  }
  return null;
}

function textInputHtml(input: Json): string {
  const label = input.label ? `<div class="field-label">${escapeHtml(input.label)}</div>` : '';
  const hint = input.hintText ? `<div class="field-hint">${escapeHtml(input.hintText)}</div>` : '';
  const validation = (input.validation as Json | undefined) || {};
  const limit = validation.characterLimit ? attr('maxlength', validation.characterLimit) : '';
  const field =
    input.type === 'MULTIPLE_LINE'
      ? `<textarea rows="4"${attr('name', input.name)}${limit}>${escapeHtml(input.value ?? '')}</textarea>`
      : `<input type="text"${attr('name', input.name)}${attr('value', input.value ?? '')}${limit}>`;
  return `<div class="widget w-text-input"${attr('data-name', input.name)}>${label}${field}${hint}</div>`;
}

/**
 * card.v1 dateTimePicker: DATE_ONLY (valueMsEpoch is midnight UTC of the day), TIME_ONLY (valueMsEpoch is
 * the time of day) or DATE_AND_TIME; drawn as the browser's own date and time inputs.
 */
function dateTimePickerHtml(picker: Json): string {
  const type = String(picker.type || 'DATE_AND_TIME');
  const ms = picker.valueMsEpoch === undefined ? null : Number(picker.valueMsEpoch);
  const iso = ms === null ? '' : new Date(ms).toISOString();
  const kind = type === 'DATE_ONLY' ? 'date' : type === 'TIME_ONLY' ? 'time' : 'datetime-local';
  const value =
    ms === null
      ? ''
      : kind === 'date'
        ? iso.slice(0, 10)
        : kind === 'time'
          ? iso.slice(11, 16)
          : iso.slice(0, 16);
  const label = picker.label ? `<div class="field-label">${escapeHtml(picker.label)}</div>` : '';
  return (
    `<div class="widget w-date-time-picker"${attr('data-name', picker.name)}${attr('data-type', type)}>${label}` +
    `<input type="${kind}"${attr('name', picker.name)}${attr('value', value)}${attr('data-input-kind', type)}></div>`
  );
}

function imageHtml(image: Json): string {
  const url = String(image.imageUrl || '');
  const onClick = image.onClick as Json | undefined;
  const open = `<div class="widget w-image${onClick ? ' clickable' : ''}"${onClickAttributes(onClick)}>`;
  // Only inline images are drawn: fetching an image URL would leave loopback.
  if (/^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=]+$/i.test(url))
    return `${open}<img${attr('src', url)}${attr('alt', image.altText ?? '')}></div>`;
  return `${open}<div class="image-placeholder"${attr('title', url)}>Image: ${escapeHtml(image.altText || url)}</div></div>`;
}

function unsupported(name: string): string {
  return `<div class="widget w-unsupported"${attr('data-widget', name)}>Not shown in the preview: ${escapeHtml(name)}</div>`;
}

function renderWidget(widget: Json, context: Context): string {
  const [name] = Object.keys(widget);
  const body = widget[name] as Json;
  switch (name) {
    case 'decoratedText':
      return decoratedTextHtml(body, context);
    case 'textParagraph':
      return `<div class="widget w-text-paragraph">${formattedText(body.text)}</div>`;
    case 'buttonList': {
      const buttons = ((body.buttons as Json[]) || []).map((b) => buttonHtml(b, context)).join('');
      return `<div class="widget w-button-list">${buttons}</div>`;
    }
    case 'selectionInput':
      return selectionInputHtml(body) ?? unsupported(`selectionInput ${String(body.type)}`);
    case 'textInput':
      return textInputHtml(body);
    case 'divider':
      return '<hr class="widget w-divider">';
    case 'image':
      return imageHtml(body);
    case 'dateTimePicker':
      return dateTimePickerHtml(body);
    default:
      return unsupported(name ?? 'empty widget');
  }
}

function sectionHtml(section: Json, context: Context): string {
  const widgets = ((section.widgets as Json[]) || []).map((w) => renderWidget(w, context));
  const header = section.header ? `<div class="section-header">${formattedText(section.header)}</div>` : '';
  const shown = section.collapsible ? Number(section.uncollapsibleWidgetsCount ?? 0) : widgets.length;
  const hidden = widgets.slice(shown);
  const more = hidden.length
    ? `<details class="section-more"><summary${attr('aria-label', `Show more: ${String(section.header ?? 'section')}`)}>Show more</summary>${hidden.join('')}</details>`
    : '';
  return `<section class="card-section">${header}${widgets.slice(0, shown).join('')}${more}</section>`;
}

function headerHtml(header: Json | undefined, cardActions: Json[]): string {
  if (!header && !cardActions.length) return '';
  const title = header ? String(header.title ?? '') : '';
  const avatarClass = header && header.imageType === 'CIRCLE' ? 'avatar avatar-circle' : 'avatar';
  const avatar =
    header && header.imageUrl
      ? `<div class="${avatarClass}"${attr('title', header.imageAltText ?? header.imageUrl)}>${escapeHtml(title.trim().charAt(0).toUpperCase() || '?')}</div>`
      : '';
  const subtitle =
    header && header.subtitle ? `<div class="card-subtitle">${escapeHtml(header.subtitle)}</div>` : '';
  // Card actions fill Gmail's ⋮ menu; the workbench runner presses only buttons, so they are listed, not live.
  const menu = cardActions.length
    ? `<details class="card-actions"><summary${attr('title', 'Card actions')}>⋮</summary><div class="card-actions-menu">${cardActions
        .map(
          (a) =>
            `<div class="card-action"${attr('data-action-label', a.actionLabel)}${onClickAttributes(a.onClick as Json)}>${escapeHtml(a.actionLabel)}</div>`,
        )
        .join('')}</div></details>`
    : '';
  return `<header class="card-header">${avatar}<div class="card-titles"><div class="card-title">${escapeHtml(title)}</div>${subtitle}</div>${menu}</header>`;
}

function footerHtml(footer: Json | undefined, context: Context): string {
  if (!footer) return '';
  // Numbered primary first (as cardButtons lists them), drawn secondary first (primary on the right).
  const primary = footer.primaryButton
    ? buttonHtml({ type: 'FILLED', ...(footer.primaryButton as Json) }, context)
    : '';
  const secondary = footer.secondaryButton ? buttonHtml(footer.secondaryButton as Json, context) : '';
  return `<footer class="card-footer">${secondary}${primary}</footer>`;
}

/**
 * The peek header: where Gmail lets the user return to a contextual card from the homepage. The preview
 * draws it as a strip above the card, so it can be seen and checked.
 */
function peekHtml(peek: Json | undefined): string {
  if (!peek) return '';
  const subtitle = peek.subtitle ? `<span class="peek-subtitle">${escapeHtml(peek.subtitle)}</span>` : '';
  return `<div class="card-peek"${attr('title', 'Peek header')}><span class="peek-title">${escapeHtml(peek.title ?? '')}</span>${subtitle}</div>`;
}

/** One card as the side panel shows it; null (no card) gives an empty panel. */
export function renderCard(card: Json | null): string {
  if (!card) return '<div class="card card-empty">The add-on shows no card here.</div>';
  const context: Context = { nextButton: 0 };
  const sections = ((card.sections as Json[]) || []).map((s) => sectionHtml(s, context)).join('');
  const footer = footerHtml(card.fixedFooter as Json | undefined, context);
  return (
    `<div class="card"${card.name ? attr('data-card-name', card.name) : ''}>` +
    peekHtml(card.peekCardHeader as Json | undefined) +
    headerHtml(card.header as Json | undefined, (card.cardActions as Json[]) || []) +
    `<div class="card-body">${sections}</div>${footer}</div>`
  );
}
