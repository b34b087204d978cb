// Card text to safe HTML. Plain fields are escaped; formatted fields keep only the small tag set the
// preview renders (<b>, <i>, <br>, <a href>, <font color>) — a subset of what Workspace cards allow
// (https://developers.google.com/workspace/add-ons/concepts/widgets#text_formatting). Any other tag, an
// unsafe link or a bad colour shows as literal text, so markup the add-on forgot to escape stays visible.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an HTML text node or a quoted attribute value. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Character references a card's text may already carry (the add-on escapes what it inserts). */
const ENTITY = /^&(?:#\d{1,7}|#x[0-9a-f]{1,6}|amp|lt|gt|quot|apos|nbsp);/i;
const TAG = /^<(\/?)([a-z]+)((?:\s+[a-z-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))*)\s*(\/?)>/i;
const ATTRIBUTE = /([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const SAFE_URL = /^(https?:|mailto:)/i;
const SAFE_COLOR = /^(#[0-9a-f]{3}|#[0-9a-f]{6}|[a-z]{3,20})$/i;

function attributesOf(text: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of text.matchAll(ATTRIBUTE)) found[match[1].toLowerCase()] = match[2] ?? match[3] ?? '';
  return found;
}

/** Decodes the references ENTITY accepts, so an attribute can be re-escaped exactly once. */
function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (_, ref: string) => {
    const lower = ref.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[lower] as string;
  });
}

/** The opening tag to emit for an allowed tag, or null when the tag (or its attributes) is not allowed. */
function openingTag(name: string, rawAttributes: string): string | null {
  const attributes = attributesOf(rawAttributes);
  if (name === 'b' || name === 'i') return `<${name}>`;
  if (name === 'font') {
    const color = decodeEntities(attributes.color ?? '');
    return SAFE_COLOR.test(color) ? `<font color="${escapeHtml(color)}">` : null;
  }
  if (name === 'a') {
    const href = decodeEntities(attributes.href ?? '').trim();
    return SAFE_URL.test(href)
      ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">`
      : null;
  }
  return null;
}

/** Formatted card text as HTML: the allowed tags balanced, everything else as text. */
export function formattedText(value: unknown): string {
  const text = String(value ?? '');
  const open: string[] = [];
  let html = '';
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const entity = ENTITY.exec(rest);
    if (entity) {
      html += entity[0];
      i += entity[0].length;
      continue;
    }
    const tag = TAG.exec(rest);
    if (tag) {
      const [whole, closing, rawName, rawAttributes] = tag;
      const name = rawName.toLowerCase();
      if (name === 'br' && !closing) {
        html += '<br>';
        i += whole.length;
        continue;
      }
      if (closing && !rawAttributes && open.includes(name)) {
        // Close what is open above it too, so the output stays well nested.
        while (open.length) {
          const top = open.pop() as string;
          html += `</${top}>`;
          if (top === name) break;
        }
        i += whole.length;
        continue;
      }
      const opening = closing ? null : openingTag(name, rawAttributes);
      if (opening) {
        open.push(name);
        html += opening;
        i += whole.length;
        continue;
      }
    }
    html += escapeHtml(text[i]);
    i += 1;
  }
  while (open.length) html += `</${open.pop()}>`;
  return html;
}
