// Reading RFC 5322 address headers as Gmail returns them ("Ann Lee <ann@x.com>, bob@y.com"), including
// what real mail carries: comments ("ann@x.com (Ann Lee)"), quoted display names with commas and escaped
// quotes, folded or broken lines inside a name, groups ("team: a@x.com, b@y.com;"), the empty bounce
// address "<>" and bare system names such as "MAILER-DAEMON". https://www.rfc-editor.org/rfc/rfc5322#section-3.4
import type { MailAddress } from './ports';

/** One mailbox as written: its address when it has one, its display name, and the text it was written as. */
export interface ParsedMailbox {
  /** Lower-cased local@domain, or null when the text names no address one could look up or write to. */
  email: string | null;
  name: string | null;
  /** The mailbox as one clean line, for a card that must say who this is when there is no address. */
  text: string;
}

// local@domain with no whitespace, no second '@' and none of the specials that cannot stand unquoted.
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

/** Folded lines (CRLF + space) are one space; a bare CR or LF in a name is a broken header, read as one. */
function unfolded(text: string): string {
  return text.replace(/\r\n[ \t]+|[\r\n]+/g, ' ');
}

/** Splits on commas outside quotes, comments and angle brackets, honouring backslash escapes. */
function splitAddresses(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let comment = 0;
  let angle = false;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i];
    if ((quoted || comment) && ch === '\\') {
      current += ch + (header[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"' && !comment) quoted = !quoted;
    else if (!quoted && ch === '(') comment++;
    else if (!quoted && comment && ch === ')') comment--;
    else if (!quoted && !comment && ch === '<') angle = true;
    else if (!quoted && !comment && ch === '>') angle = false;
    if ((ch === ',' || ch === ';') && !quoted && !comment && !angle) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Reads one mailbox: phrase words, quoted strings, comments and at most one <angle address>. */
export function parseMailbox(raw: string): ParsedMailbox {
  const text = unfolded(raw).replace(/\s+/g, ' ').trim();
  const words: string[] = [];
  const comments: string[] = [];
  let angle: string | null = null;
  let i = 0;
  const readUntil = (close: string, nests: string | null): string => {
    let depth = 1;
    let out = '';
    for (i++; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\\' && close !== '>') {
        out += text[++i] ?? '';
        continue;
      }
      if (nests && ch === nests) depth++;
      else if (ch === close && --depth === 0) break;
      out += ch;
    }
    i++;
    return out;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') words.push(readUntil('"', null));
    else if (ch === '(') comments.push(readUntil(')', '('));
    else if (ch === '<') angle = readUntil('>', null);
    else if (ch === ' ') i++;
    else {
      let word = '';
      while (i < text.length && !/[\s"(<]/.test(text[i])) word += text[i++];
      words.push(word);
    }
  }
  const phrase = words.join(' ');
  const candidate = (angle !== null ? angle.replace(/^(@[^:]*:)/, '') : words.join('')).trim().toLowerCase();
  const email = ADDRESS.test(candidate) ? candidate : null;
  const nameText = (angle !== null ? phrase : '') || comments.join(' ');
  const name = nameText.replace(/\s+/g, ' ').trim() || null;
  return { email, name, text };
}

export function parseAddress(text: string): MailAddress | null {
  const mailbox = parseMailbox(text);
  return mailbox.email ? { email: mailbox.email, name: mailbox.name } : null;
}

/** A group's display name before its members ("team: a@x.com, b@y.com;"). */
const GROUP_NAME = /^[^"<>(),@:]*:/;

export function parseAddressList(header: string | null | undefined): MailAddress[] {
  if (!header) return [];
  return splitAddresses(unfolded(header))
    .map((part) => part.replace(GROUP_NAME, ''))
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
