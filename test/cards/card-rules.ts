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
