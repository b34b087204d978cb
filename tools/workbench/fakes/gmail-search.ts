// Gmail's search language, for the subset the fake models. Anything outside the subset throws, so the add-on
// cannot come to depend on a query the fake would silently answer wrongly.
// Operators: https://support.google.com/mail/answer/7190 ; API notes (dates, thread vs message matching):
// https://developers.google.com/workspace/gmail/api/guides/filtering
import { wallClockToEpoch } from './ics';

/** One message as search sees it; thread-level facts (labels, location) are copied onto each message. */
export interface SearchableMessage {
  from: string;
  to: string;
  cc: string;
  subject: string;
  body: string;
  date: number;
  isDraft: boolean;
  isSent: boolean;
  unread: boolean;
  starred: boolean;
  /** User label names of the thread. */
  labels: string[];
  location: 'inbox' | 'archived' | 'spam' | 'trash';
}

export interface GmailQuery {
  matches(message: SearchableMessage): boolean;
  /** Spam and Trash are left out unless the query names them (in:anywhere, in:spam, in:trash). */
  readonly includesSpamAndTrash: boolean;
}

export interface SearchContext {
  now: number;
  userEmail: string;
}

type Node =
  | { kind: 'and'; items: Node[] }
  | { kind: 'or'; items: Node[] }
  | { kind: 'not'; item: Node }
  | { kind: 'leaf'; test: (m: SearchableMessage) => boolean };

type Token =
  | { kind: 'open' | 'close' | 'openBrace' | 'closeBrace' | 'or' | 'minus' }
  | { kind: 'word'; text: string }
  | { kind: 'phrase'; text: string }
  | { kind: 'operator'; name: string; value: string };

const ADDRESS_FIELDS = ['from', 'to', 'cc'] as const;
const SUPPORTED = new Set([
  ...ADDRESS_FIELDS,
  'subject',
  'label',
  'in',
  'is',
  'after',
  'before',
  'newer_than',
  'older_than',
]);
const SPAM_OR_TRASH = new Set(['anywhere', 'spam', 'trash']);

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const single: Record<string, Token['kind']> = {
    '(': 'open',
    ')': 'close',
    '{': 'openBrace',
    '}': 'closeBrace',
  };
  while (i < query.length) {
    const c = query[i];
    if (/\s/.test(c)) {
      i++;
    } else if (single[c]) {
      tokens.push({ kind: single[c] } as Token);
      i++;
    } else if (c === '"') {
      const end = query.indexOf('"', i + 1);
      const stop = end === -1 ? query.length : end;
      tokens.push({ kind: 'phrase', text: query.slice(i + 1, stop) });
      i = stop + 1;
    } else if (c === '-' && i + 1 < query.length && !/\s/.test(query[i + 1])) {
      tokens.push({ kind: 'minus' });
      i++;
    } else {
      let j = i;
      while (j < query.length && !/[\s(){}"]/.test(query[j])) j++;
      const word = query.slice(i, j);
      i = j;
      const op = /^([A-Za-z_]+):(.*)$/.exec(word);
      if (word === 'OR') tokens.push({ kind: 'or' });
      else if (word === 'AND') continue;
      else if (op) tokens.push({ kind: 'operator', name: op[1].toLowerCase(), value: op[2] });
      else tokens.push({ kind: 'word', text: word });
    }
  }
  return tokens;
}

/** Lower-case word tokens; Gmail matches whole words, not substrings. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function containsSequence(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0) return true;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((w, k) => haystack[i + k] === w)) return true;
  }
  return false;
}

/** Gmail writes label names with '-' for spaces and '/' in queries; both spellings match. */
function labelKey(name: string): string {
  return name.toLowerCase().replace(/[\s/]+/g, '-');
}

/** Midnight of a calendar date in Pacific time: how Gmail reads after:/before: dates (see the API guide). */
function pacificMidnight(year: number, month: number, day: number): number {
  return wallClockToEpoch({ year, month, day }, 'America/Los_Angeles');
}

function parseDateBound(op: string, value: string): number {
  if (/^\d{9,}$/.test(value)) return Number(value) * 1000; // epoch seconds, exact
  const ymd = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  if (ymd) return pacificMidnight(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  const mdy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (mdy) return pacificMidnight(Number(mdy[3]), Number(mdy[1]), Number(mdy[2]));
  throw new Error(`Gmail fake: cannot read the date in '${op}:${value}' (use yyyy/mm/dd or epoch seconds)`);
}

function relativeBound(op: string, value: string, now: number): number {
  const m = /^(\d+)([dmyh])$/i.exec(value);
  if (!m) throw new Error(`Gmail fake: cannot read the period in '${op}:${value}' (use Nd, Nm, Ny)`);
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  if (unit === 'h') return now - n * 3_600_000;
  if (unit === 'd') return now - n * 86_400_000;
  const d = new Date(now);
  if (unit === 'm') d.setUTCMonth(d.getUTCMonth() - n);
  else d.setUTCFullYear(d.getUTCFullYear() - n);
  return d.getTime();
}

function leaf(test: (m: SearchableMessage) => boolean): Node {
  return { kind: 'leaf', test };
}

class Parser {
  private pos = 0;
  includesSpamAndTrash = false;

  constructor(
    private readonly tokens: Token[],
    private readonly context: SearchContext,
  ) {}

  parse(): Node {
    const node = this.sequence(null);
    if (this.pos < this.tokens.length)
      throw new Error(`Gmail fake: unbalanced ')' or '}' in the search query`);
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  /** Juxtaposed terms are ANDed; OR binds tighter, as in Gmail ("a b OR c" is a AND (b OR c)). */
  private sequence(field: string | null, closing?: 'close' | 'closeBrace'): Node {
    const items: Node[] = [];
    for (let t = this.peek(); t && t.kind !== 'close' && t.kind !== 'closeBrace'; t = this.peek()) {
      items.push(this.disjunction(field));
    }
    if (closing) {
      if (this.peek()?.kind !== closing)
        throw new Error(`Gmail fake: missing '${closing === 'close' ? ')' : '}'}'`);
      this.pos++;
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  private disjunction(field: string | null): Node {
    const items = [this.unary(field)];
    while (this.peek()?.kind === 'or') {
      this.pos++;
      if (!this.peek()) throw new Error('Gmail fake: OR at the end of the search query');
      items.push(this.unary(field));
    }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  private unary(field: string | null): Node {
    if (this.peek()?.kind === 'minus') {
      this.pos++;
      return { kind: 'not', item: this.unary(field) };
    }
    return this.primary(field);
  }

  private primary(field: string | null): Node {
    const t = this.tokens[this.pos++];
    if (!t) throw new Error('Gmail fake: incomplete search query');
    switch (t.kind) {
      case 'open':
        return this.sequence(field, 'close');
      case 'openBrace': {
        const inner = this.sequence(field, 'closeBrace');
        return inner.kind === 'and' ? { kind: 'or', items: inner.items } : inner;
      }
      case 'word':
        return this.term(field, t.text, false);
      case 'phrase':
        return this.term(field, t.text, true);
      case 'operator': {
        if (!SUPPORTED.has(t.name)) throw new Error(`Gmail fake: unsupported search operator '${t.name}:'`);
        if (field)
          throw new Error(`Gmail fake: operator '${t.name}:' inside '${field}:(...)' is not modelled`);
        if (t.value !== '') return this.term(t.name, t.value, false);
        if (!this.peek() || this.peek()?.kind === 'or')
          throw new Error(`Gmail fake: '${t.name}:' needs a value`);
        return this.primary(t.name);
      }
      default:
        throw new Error(`Gmail fake: unexpected '${t.kind}' in the search query`);
    }
  }

  private term(field: string | null, text: string, phrase: boolean): Node {
    const { userEmail, now } = this.context;
    switch (field) {
      case null: {
        const needle = words(text);
        return leaf((m) =>
          [m.subject, m.body, m.from, m.to, m.cc].some((part) => containsSequence(words(part), needle)),
        );
      }
      case 'from':
      case 'to':
      case 'cc': {
        const needle = words(!phrase && text.toLowerCase() === 'me' ? userEmail : text);
        return leaf((m) => containsSequence(words(m[field]), needle));
      }
      case 'subject': {
        const needle = words(text);
        return leaf((m) => containsSequence(words(m.subject), needle));
      }
      case 'label':
        return this.place(text, true);
      case 'in':
        return this.place(text, false);
      case 'is':
        return this.status(text);
      case 'after': {
        const bound = parseDateBound(field, text);
        return leaf((m) => m.date >= bound);
      }
      case 'before': {
        const bound = parseDateBound(field, text);
        return leaf((m) => m.date < bound);
      }
      case 'newer_than': {
        const bound = relativeBound(field, text, now);
        return leaf((m) => m.date > bound);
      }
      case 'older_than': {
        const bound = relativeBound(field, text, now);
        return leaf((m) => m.date < bound);
      }
      default:
        throw new Error(`Gmail fake: unsupported search operator '${field}:'`);
    }
  }

  /** in:/label: name a system place or a user label. */
  private place(name: string, asLabel: boolean): Node {
    const key = labelKey(name);
    if (SPAM_OR_TRASH.has(key)) this.includesSpamAndTrash = true;
    switch (key) {
      case 'anywhere':
      case 'all':
        return leaf(() => true);
      case 'inbox':
        return leaf((m) => m.location === 'inbox' && !m.isDraft);
      case 'sent':
        return leaf((m) => m.isSent && !m.isDraft);
      case 'draft':
      case 'drafts':
        return leaf((m) => m.isDraft);
      case 'spam':
      case 'trash':
        return leaf((m) => m.location === key);
      case 'starred':
        return leaf((m) => m.starred);
      case 'unread':
        return leaf((m) => m.unread);
      default:
        if (!asLabel && !/^[\p{L}\p{N}_-]+$/u.test(key)) {
          throw new Error(`Gmail fake: unsupported value in 'in:${name}'`);
        }
        return leaf((m) => m.labels.some((l) => labelKey(l) === key));
    }
  }

  private status(flag: string): Node {
    switch (flag.toLowerCase()) {
      case 'unread':
        return leaf((m) => m.unread);
      case 'read':
        return leaf((m) => !m.unread);
      case 'starred':
        return leaf((m) => m.starred);
      default:
        throw new Error(`Gmail fake: unsupported search operator 'is:${flag}'`);
    }
  }
}

function evaluate(node: Node, m: SearchableMessage): boolean {
  switch (node.kind) {
    case 'and':
      return node.items.every((n) => evaluate(n, m));
    case 'or':
      return node.items.some((n) => evaluate(n, m));
    case 'not':
      return !evaluate(node.item, m);
    case 'leaf':
      return node.test(m);
  }
}

/** Parses a query once; throws a clear Error for anything outside the modelled subset. */
export function parseGmailQuery(query: string, context: SearchContext): GmailQuery {
  const parser = new Parser(tokenize(query), context);
  const root = parser.parse();
  return {
    matches: (m) => evaluate(root, m),
    includesSpamAndTrash: parser.includesSpamAndTrash,
  };
}
