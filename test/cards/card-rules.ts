// The reviewer's rules for a card, as functions over card JSON: how many widgets come before the first time
// to offer, which button labels repeat, whether icons, a collapsible section and a peek header are used.
import type { Json } from './card-json';

/** Every button a person can press: button lists, decorated text buttons and the fixed footer. */
export function pressableLabels(card: Json): string[] {
  const labels: string[] = [];
  const add = (b: Json | undefined) => {
    if (b && b.onClick) labels.push(String(b.text || b.altText || ''));
  };
  for (const section of card.sections || []) {
    for (const widget of section.widgets || []) {
      for (const b of (widget.buttonList && widget.buttonList.buttons) || []) add(b);
      if (widget.decoratedText) add(widget.decoratedText.button);
    }
  }
  if (card.fixedFooter) {
    add(card.fixedFooter.primaryButton);
    add(card.fixedFooter.secondaryButton);
  }
  return labels;
}

export function repeatedLabels(card: Json): string[] {
  const labels = pressableLabels(card).map((l) => l.trim().toLowerCase());
  return [...new Set(labels.filter((l, i) => labels.indexOf(l) !== i))];
}

/** A selectable widget showing a time ("10:00 – 10:30 AM"): a checkbox item or a switch row. */
function showsTime(widget: Json): boolean {
  const time = /\d{1,2}:\d{2}/;
  if (widget.selectionInput) return (widget.selectionInput.items || []).some((i: Json) => time.test(i.text));
  const d = widget.decoratedText;
  return !!(d && d.switchControl && time.test(String(d.text)));
}

/** Widgets drawn before the first time to offer (null when the card offers no time). */
export function widgetsBeforeFirstTime(card: Json): number | null {
  let count = 0;
  for (const section of card.sections || []) {
    for (const widget of section.widgets || []) {
      if (showsTime(widget)) return count;
      count++;
    }
  }
  return null;
}

export function usesIcons(card: Json): boolean {
  return JSON.stringify(card).includes('"startIcon"');
}

export function hasCollapsibleSection(card: Json): boolean {
  return (card.sections || []).some((s: Json) => s.collapsible === true);
}

/** Every icon a person meets: decorated text start and end icons, and icon-only buttons, with their alt text. */
export function icons(card: Json): Array<{ altText: string }> {
  const found: Array<{ altText: string }> = [];
  const add = (icon: Json | undefined) => {
    if (icon) found.push({ altText: String(icon.altText || '').trim() });
  };
  for (const section of card.sections || []) {
    for (const widget of section.widgets || []) {
      const d = widget.decoratedText;
      if (d) {
        add(d.startIcon);
        add(d.endIcon);
        if (d.button && d.button.icon && !d.button.text) add({ altText: d.button.altText });
      }
      for (const b of (widget.buttonList && widget.buttonList.buttons) || [])
        if (b.icon && !b.text) add({ altText: b.altText });
    }
  }
  return found;
}

/** Icons without alt text, and alt texts two icons share (a screen reader could not tell them apart). */
export function altTextProblems(card: Json): string[] {
  const alts = icons(card).map((i) => i.altText);
  const missing = alts.filter((a) => !a).length;
  const repeated = [...new Set(alts.filter((a, i) => a && alts.indexOf(a) !== i))];
  return (missing ? [`${missing} icon(s) without alt text`] : []).concat(
    repeated.map((a) => `alt text used twice: ${a}`),
  );
}

/** Everything a card shows as text: header, section headers, widgets' texts, labels, items and buttons. */
export function shownTexts(card: Json): string[] {
  const texts: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (/^(text|title|subtitle|header|topLabel|bottomLabel|label|altText|hintText|value)$/.test(key))
        texts.push(value);
      return;
    }
    if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value as Json))
        if (k !== 'onClick' && k !== 'parameters') walk(v, k);
  };
  walk(card, '');
  return texts;
}

/** The one name for the times a draft offers is "Times to offer"; these older names must not come back. */
const OTHER_NAMES_FOR_TIMES = /\b(free times|next free times|insert free times|free slots|next slots)\b/i;

export function vocabularyProblems(card: Json): string[] {
  return shownTexts(card).filter((t) => OTHER_NAMES_FOR_TIMES.test(t));
}

const COUNTED =
  'leads?|drafts?|times?|forms?|owners?|templates?|messages?|days?|minutes?|rows?|notes?|tasks?|hours?|deals?|scopes?';

/** "2 draft(s)", "1 leads", "3 lead": counts whose noun is not written out for the number. */
export function pluralProblems(card: Json): string[] {
  const unwritten = /\w\(s\)/;
  const oneMany = new RegExp(`(^|[^\\d.,:])1 (${COUNTED.replace(/\?/g, '')}s)\\b`);
  const manyOne = new RegExp(
    `(^|[^\\d.,:])([02-9]|\\d{2,}) (lead|draft|form|owner|template|message|note|task|deal|scope)\\b(?!-)`,
  );
  return shownTexts(card).filter((t) => unwritten.test(t) || oneMany.test(t) || manyOne.test(t));
}
