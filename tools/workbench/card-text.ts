// A card as plain text lines, for the demo's story: what the user would read in the sidebar.
type Json = Record<string, unknown>;

/** Card text may carry the simple HTML CardService allows; the story shows it as a person reads it. */
function readable(text: unknown): string {
  return String(text ?? '')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export function cardLines(card: Json | null): string[] {
  if (!card) return [];
  const lines: string[] = [];
  const header = card.header as Json | undefined;
  if (header)
    lines.push(`[${readable(header.title)}${header.subtitle ? ` · ${readable(header.subtitle)}` : ''}]`);
  for (const section of (card.sections as Json[]) || []) {
    if (section.header) lines.push(`  ${readable(section.header)}`);
    for (const widget of (section.widgets as Json[]) || [])
      lines.push(...widgetLines(widget).map((l) => `    ${l}`));
  }
  const footer = card.fixedFooter as Json | undefined;
  if (footer && footer.primaryButton)
    lines.push(`  (footer) [${readable((footer.primaryButton as Json).text)}]`);
  return lines;
}

function widgetLines(widget: Json): string[] {
  if (widget.decoratedText) {
    const d = widget.decoratedText as Json;
    const label = d.topLabel ? `${readable(d.topLabel)}: ` : '';
    const bottom = d.bottomLabel ? ` (${readable(d.bottomLabel)})` : '';
    const button = d.button ? ` [${readable((d.button as Json).text)}]` : '';
    return [`${label}${readable(d.text)}${bottom}${button}`];
  }
  if (widget.textParagraph) return [readable((widget.textParagraph as Json).text)];
  if (widget.buttonList) {
    const buttons = ((widget.buttonList as Json).buttons as Json[]) || [];
    return [buttons.map((b) => `[${readable(b.text || b.altText)}]`).join(' ')];
  }
  if (widget.selectionInput) {
    const s = widget.selectionInput as Json;
    const items = (s.items as Json[]) || [];
    return [
      `${readable(s.label || s.name)}:`,
      ...items.map((i) => `  ${i.selected ? '[x]' : '[ ]'} ${readable(i.text)}`),
    ];
  }
  if (widget.textInput) {
    const t = widget.textInput as Json;
    return [`${readable(t.label)}: ${t.value === undefined ? '____' : readable(t.value)}`];
  }
  if (widget.divider) return ['---'];
  if (widget.image) return [`(image ${readable((widget.image as Json).altText)})`];
  return [`(${Object.keys(widget)[0]})`];
}
