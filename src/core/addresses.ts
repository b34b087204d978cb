// Reading RFC 5322 address headers as Gmail returns them ("Ann Lee <ann@x.com>, bob@y.com").
import type { MailAddress } from './ports';

/** Splits on commas outside quotes and angle brackets. */
function splitAddresses(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') angle++;
    else if (!quoted && ch === '>') angle = Math.max(0, angle - 1);
    if (ch === ',' && !quoted && angle === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

export function parseAddress(text: string): MailAddress | null {
  const angled = /^(.*)<([^<>]+)>\s*$/.exec(text);
  const email = (angled ? angled[2] : text).trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return null;
  const name = angled
    ? angled[1]
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim()
    : '';
  return { email, name: name || null };
}

export function parseAddressList(header: string | null | undefined): MailAddress[] {
  if (!header) return [];
  return splitAddresses(header)
    .map(parseAddress)
    .filter((a): a is MailAddress => a !== null);
}

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** First and last name from a display name such as "Lee, Ann" or "Ann Marie Lee". */
export function splitName(name: string | null): { firstName: string | null; lastName: string | null } {
  if (!name) return { firstName: null, lastName: null };
  const comma = name.split(',').map((s) => s.trim());
  if (comma.length === 2 && comma[0] && comma[1]) return { firstName: comma[1], lastName: comma[0] };
  const words = name.trim().split(/\s+/);
  if (words.length === 1) return { firstName: words[0], lastName: null };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] };
}
