// Utilities fake (https://developers.google.com/apps-script/reference/utilities/utilities). Local work,
// no round trips; sleep and computeDigest advance the simulated clock (latency.ts LOCAL_WORK_MS).
//
// Apps Script is Java underneath: byte arrays are Java bytes (signed, -128..127) and formatDate takes a
// java.text.SimpleDateFormat pattern (the subset below; other letters throw as Java does). Enum values are
// their names as strings.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { LOCAL_WORK_MS } from '../latency';
import type { CallLedger } from '../runtime';

/** Utilities.sleep refuses more than 5 minutes (the reference, sleep(milliseconds)). */
export const SLEEP_LIMIT_MS = 300_000;

function enumOf<T>(...names: string[]): T {
  return Object.freeze(Object.fromEntries(names.map((name) => [name, name]))) as unknown as T;
}

const Charset = enumOf<typeof GoogleAppsScript.Utilities.Charset>('US_ASCII', 'UTF_8');
const DigestAlgorithm = enumOf<typeof GoogleAppsScript.Utilities.DigestAlgorithm>(
  'MD2',
  'MD5',
  'SHA_1',
  'SHA_256',
  'SHA_384',
  'SHA_512',
);
const MacAlgorithm = enumOf<typeof GoogleAppsScript.Utilities.MacAlgorithm>(
  'HMAC_MD5',
  'HMAC_SHA_1',
  'HMAC_SHA_256',
  'HMAC_SHA_384',
  'HMAC_SHA_512',
);

const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

type Bytes = GoogleAppsScript.Byte[];

/** Java bytes: -128..127. */
export function signedBytes(buffer: Uint8Array): Bytes {
  return Array.from(buffer, (byte) => (byte > 127 ? byte - 256 : byte));
}

function bufferOf(bytes: ArrayLike<number>): Buffer {
  return Buffer.from(Array.from(bytes, (byte) => byte & 0xff));
}

/** A string in the given Charset; US_ASCII turns what it cannot encode into '?', as Java does. */
function encode(text: string, charset?: GoogleAppsScript.Utilities.Charset): Buffer {
  if (String(charset) === 'US_ASCII') {
    return Buffer.from(Array.from(text, (c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : 0x3f)));
  }
  return Buffer.from(text, 'utf8');
}

function dataBuffer(data: Bytes | string, charset?: GoogleAppsScript.Utilities.Charset): Buffer {
  return typeof data === 'string' ? encode(data, charset) : bufferOf(data);
}

/** A Blob as Apps Script hands them around; enough for HTTP bodies and text attachments. */
export class FakeBlob implements GoogleAppsScript.Base.Blob {
  constructor(
    private data: Buffer,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {}

  getBytes(): Bytes {
    return signedBytes(this.data);
  }
  setBytes(data: Bytes): FakeBlob {
    this.data = bufferOf(data);
    return this;
  }
  getDataAsString(charset?: string): string {
    return this.data.toString(charset && /ascii/iu.test(charset) ? 'latin1' : 'utf8');
  }
  setDataFromString(text: string, charset?: string): FakeBlob {
    this.data = Buffer.from(text, charset && /ascii/iu.test(charset) ? 'latin1' : 'utf8');
    return this;
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(contentType: string | null): FakeBlob {
    this.contentType = contentType;
    return this;
  }
  setContentTypeFromExtension(): FakeBlob {
    const extension = (this.name ?? '').split('.').pop()?.toLowerCase() ?? '';
    const known: Record<string, string> = {
      txt: 'text/plain',
      html: 'text/html',
      csv: 'text/csv',
      json: 'application/json',
      ics: 'text/calendar',
      pdf: 'application/pdf',
      png: 'image/png',
    };
    if (!known[extension]) throw new Error(`Could not infer a content type from the name ${this.name}`);
    this.contentType = known[extension];
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): FakeBlob {
    this.name = name;
    return this;
  }
  copyBlob(): FakeBlob {
    return new FakeBlob(Buffer.from(this.data), this.contentType, this.name);
  }
  getAs(contentType: string): FakeBlob {
    if (contentType !== this.contentType) {
      throw new Error(`Converting from ${this.contentType} to ${contentType} is not supported.`);
    }
    return this.copyBlob();
  }
  getBlob(): FakeBlob {
    return this;
  }
  isGoogleType(): boolean {
    return false;
  }
  /** @deprecated in Apps Script */
  getAllBlobs(): FakeBlob[] {
    throw new Error('Blob.getAllBlobs is deprecated');
  }
}

// ---- formatDate ----------------------------------------------------------------------------------

interface ZonedTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
  offsetMinutes: number;
  shortName: string;
  longName: string;
}

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);
const WEEKDAYS = 'Sunday Monday Tuesday Wednesday Thursday Friday Saturday'.split(' ');
const FIXED_OFFSET = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/u;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string, timeZoneName: 'longOffset' | 'short' | 'long'): Intl.DateTimeFormat {
  const key = `${timeZone}|${timeZoneName}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      timeZoneName,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

function offsetText(offsetMinutes: number, separator: string): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${separator}${pad(abs % 60, 2)}`;
}

/** Java's name for a zone without an abbreviation is GMT+hh:mm. */
function javaShortName(intlName: string, offsetMinutes: number): string {
  return /^GMT[+-]/u.test(intlName) ? `GMT${offsetText(offsetMinutes, ':')}` : intlName;
}

function zoned(ms: number, timeZone: string): ZonedTime {
  const fixed = FIXED_OFFSET.exec(timeZone);
  if (fixed || timeZone === 'GMT' || timeZone === 'UTC') {
    const sign = fixed?.[1] === '-' ? -1 : 1;
    const offsetMinutes = fixed ? sign * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) : 0;
    const shifted = new Date(ms + offsetMinutes * 60_000);
    const name =
      offsetMinutes === 0 ? (timeZone === 'UTC' ? 'UTC' : 'GMT') : `GMT${offsetText(offsetMinutes, ':')}`;
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
      millisecond: shifted.getUTCMilliseconds(),
      weekday: shifted.getUTCDay(),
      offsetMinutes,
      shortName: name,
      longName: offsetMinutes === 0 ? 'Greenwich Mean Time' : name,
    };
  }
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatterFor(timeZone, 'longOffset').formatToParts(ms);
  } catch {
    // Java's TimeZone.getTimeZone falls back to GMT for an ID it does not know.
    return zoned(ms, 'GMT');
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = /GMT([+-])(\d{2}):(\d{2})/u.exec(part('timeZoneName'));
  const offsetMinutes = offset
    ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]))
    : 0;
  const year = Number(part('year'));
  const month = Number(part('month'));
  const day = Number(part('day'));
  const nameOf = (style: 'short' | 'long') =>
    formatterFor(timeZone, style)
      .formatToParts(ms)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return {
    year,
    month,
    day,
    hour: Number(part('hour')),
    minute: Number(part('minute')),
    second: Number(part('second')),
    millisecond: ((ms % 1000) + 1000) % 1000,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
    offsetMinutes,
    shortName: javaShortName(nameOf('short'), offsetMinutes),
    longName: nameOf('long'),
  };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

function dayOfYear(t: ZonedTime): number {
  return (Date.UTC(t.year, t.month - 1, t.day) - Date.UTC(t.year, 0, 1)) / 86_400_000 + 1;
}

/**
 * Week of year and week year in java.util.Calendar's US rules (Apps Script formats in Locale.US): weeks
 * start on Sunday and week 1 is the one holding January 1, so the last days of December can be week 1.
 */
function usWeek(t: ZonedTime): { week: number; year: number } {
  const daysToSaturday = 6 - t.weekday;
  if (t.month === 12 && t.day + daysToSaturday > 31) return { week: 1, year: t.year + 1 };
  return { week: Math.floor((dayOfYear(t) - 1 + weekdayOf(t.year, 1, 1)) / 7) + 1, year: t.year };
}

function field(letter: string, count: number, t: ZonedTime): string {
  switch (letter) {
    case 'G':
      return 'AD';
    case 'y':
      return count === 2 ? pad(t.year % 100, 2) : pad(t.year, count);
    case 'M':
    case 'L':
      if (count >= 4) return MONTHS[t.month - 1];
      if (count === 3) return MONTHS[t.month - 1].slice(0, 3);
      return pad(t.month, count);
    case 'd':
      return pad(t.day, count);
    case 'D':
      return pad(dayOfYear(t), count);
    case 'F':
      return pad(Math.floor((t.day - 1) / 7) + 1, count);
    case 'w':
      return pad(usWeek(t).week, count);
    case 'W':
      return pad(Math.floor((t.day - 1 + weekdayOf(t.year, t.month, 1)) / 7) + 1, count);
    case 'Y': {
      const year = usWeek(t).year;
      return count === 2 ? pad(year % 100, 2) : pad(year, count);
    }
    case 'E':
      return count >= 4 ? WEEKDAYS[t.weekday] : WEEKDAYS[t.weekday].slice(0, 3);
    case 'u':
      return pad(t.weekday === 0 ? 7 : t.weekday, count);
    case 'a':
      return t.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(t.hour, count);
    case 'k':
      return pad(t.hour === 0 ? 24 : t.hour, count);
    case 'K':
      return pad(t.hour % 12, count);
    case 'h':
      return pad(t.hour % 12 === 0 ? 12 : t.hour % 12, count);
    case 'm':
      return pad(t.minute, count);
    case 's':
      return pad(t.second, count);
    case 'S':
      return pad(t.millisecond, count);
    case 'z':
      return count >= 4 ? t.longName : t.shortName;
    case 'Z':
      return offsetText(t.offsetMinutes, '');
    case 'X':
      if (t.offsetMinutes === 0) return 'Z';
      if (count === 1) return offsetText(t.offsetMinutes, '').slice(0, 3);
      return offsetText(t.offsetMinutes, count === 2 ? '' : ':');
    default:
      throw new Error(`Illegal pattern character '${letter}'`);
  }
}

/** java.text.SimpleDateFormat, for the letters an add-on uses. */
export function formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, pattern: string): string {
  const t = zoned(date.getTime(), timeZone);
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      // Quoted text is literal; '' stands for one quote, inside quotes or out.
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      for (; j < pattern.length; j++) {
        if (pattern[j] !== "'") out += pattern[j];
        else if (pattern[j + 1] === "'") out += pattern[j++];
        else break;
      }
      if (j >= pattern.length) throw new Error('Unterminated quote');
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/u.test(c)) {
      out += c;
      i++;
      continue;
    }
    let count = 1;
    while (pattern[i + count] === c) count++;
    out += field(c, count, t);
    i += count;
  }
  return out;
}

// ---- parseDate -----------------------------------------------------------------------------------

const NUMERIC_LETTERS = 'yYMLdDFwWuHkKhmsS';

interface PatternToken {
  letter?: string;
  count: number;
  literal?: string;
}

function tokenize(pattern: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      let text = '';
      let j = i + 1;
      if (pattern[j] === "'") {
        tokens.push({ count: 1, literal: "'" });
        i += 2;
        continue;
      }
      for (; j < pattern.length; j++) {
        if (pattern[j] !== "'") text += pattern[j];
        else if (pattern[j + 1] === "'") text += pattern[j++];
        else break;
      }
      if (j >= pattern.length) throw new Error('Unterminated quote');
      tokens.push({ count: text.length, literal: text });
      i = j + 1;
    } else if (/[A-Za-z]/u.test(c)) {
      let count = 1;
      while (pattern[i + count] === c) count++;
      tokens.push({ letter: c, count });
      i += count;
    } else {
      tokens.push({ count: 1, literal: c });
      i++;
    }
  }
  return tokens;
}

/** The offset in minutes of a zone at an instant, as formatDate reads it (unknown IDs are GMT, as in Java). */
function offsetAt(ms: number, timeZone: string): number {
  return zoned(ms, timeZone).offsetMinutes;
}

/**
 * Utilities.parseDate(date, timeZone, format): "Parses the provided string date according to the
 * specification described in the Java Standard Edition SimpleDateFormat class"
 * (https://developers.google.com/apps-script/reference/utilities/utilities#parseDate(String,String,String)).
 * Java's default lenient parsing: out-of-range fields roll over (month 13 is January of the next year),
 * text after the pattern is ignored, abutting numeric fields take the pattern's width, "yy" puts the year
 * within 80 years before and 20 after now. A zone in the text (z, Z, X) wins over the timeZone argument.
 * Text that does not match fails with Java's message: Unparseable date: "...".
 */
export function parseDate(text: string, timeZone: string, pattern: string, now = Date.now()): Date {
  const source = String(text);
  const fail = (): never => {
    throw new Error(`Unparseable date: "${source}"`);
  };
  const tokens = tokenize(pattern);
  const fields = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 };
  let pm: boolean | undefined;
  let hour12: number | undefined;
  let offsetMinutes: number | undefined;
  let at = 0;
  const names = (list: string[], long: boolean) => {
    const rest = source.slice(at).toLowerCase();
    for (const full of list) {
      for (const name of long ? [full, full.slice(0, 3)] : [full.slice(0, 3), full]) {
        if (rest.startsWith(name.toLowerCase())) {
          at += name.length;
          return list.indexOf(full);
        }
      }
    }
    return fail();
  };
  tokens.forEach((token, index) => {
    if (token.literal !== undefined) {
      if (!source.startsWith(token.literal, at)) fail();
      at += token.literal.length;
      return;
    }
    const letter = token.letter as string;
    const next = tokens[index + 1];
    const abutting = next?.letter !== undefined && NUMERIC_LETTERS.includes(next.letter);
    const number = (): number => {
      const match = (abutting ? new RegExp(`^[+-]?\\d{1,${token.count}}`, 'u') : /^[+-]?\d+/u).exec(
        source.slice(at),
      );
      if (!match) return fail();
      at += match[0].length;
      return Number(match[0]);
    };
    switch (letter) {
      case 'y':
      case 'Y': {
        const start = at;
        const year = number();
        const digits = at - start;
        if (token.count <= 2 && digits === 2) {
          // Java: within 80 years before and 20 years after the time of parsing.
          const thisYear = new Date(now).getUTCFullYear();
          let candidate = Math.floor((thisYear - 80) / 100) * 100 + year;
          if (candidate < thisYear - 80) candidate += 100;
          fields.year = candidate;
        } else fields.year = year;
        break;
      }
      case 'M':
      case 'L':
        fields.month = token.count >= 3 ? names(MONTHS, token.count >= 4) + 1 : number();
        break;
      case 'd':
        fields.day = number();
        break;
      case 'E':
        names(WEEKDAYS, token.count >= 4);
        break;
      case 'a': {
        const marker = source.slice(at, at + 2).toUpperCase();
        if (marker !== 'AM' && marker !== 'PM') fail();
        pm = marker === 'PM';
        at += 2;
        break;
      }
      case 'H':
        fields.hour = number();
        break;
      case 'k':
        fields.hour = number() % 24;
        break;
      case 'h':
        hour12 = number() % 12;
        break;
      case 'K':
        hour12 = number();
        break;
      case 'm':
        fields.minute = number();
        break;
      case 's':
        fields.second = number();
        break;
      case 'S':
        fields.ms = number();
        break;
      case 'z':
      case 'Z':
      case 'X': {
        const rest = source.slice(at);
        const zulu = /^Z/u.exec(rest);
        const numeric = /^(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?/u.exec(rest);
        const named = /^(GMT|UTC)/u.exec(rest);
        if (numeric) {
          offsetMinutes = (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
          at += numeric[0].length;
        } else if (zulu || named) {
          offsetMinutes = 0;
          at += (zulu ?? named)?.[0].length ?? 0;
        } else fail();
        break;
      }
      default:
        throw new Error(`Illegal pattern character '${letter}'`);
    }
  });
  if (hour12 !== undefined) fields.hour = hour12 + (pm ? 12 : 0);
  else if (pm && fields.hour < 12) fields.hour += 12;
  const wall = Date.UTC(
    0,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    fields.ms,
  );
  // Date.UTC maps years 0-99 to 1900-1999: set the year afterwards.
  const asUtc = new Date(wall);
  asUtc.setUTCFullYear(asUtc.getUTCFullYear() - 1900 + fields.year);
  const local = asUtc.getTime();
  if (offsetMinutes !== undefined) return new Date(local - offsetMinutes * 60_000);
  let guess = local - offsetAt(local, timeZone) * 60_000;
  guess = local - offsetAt(guess, timeZone) * 60_000;
  return new Date(guess);
}

// ---- formatString --------------------------------------------------------------------------------

const FORMAT_SPEC = /%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdifeExXoc%])/gu;

function padTo(text: string, width: number | undefined, flags: string, numeric: boolean): string {
  if (width === undefined || text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width, ' ');
  if (numeric && flags.includes('0')) {
    const sign = /^[-+ ]/u.test(text) ? text[0] : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width, ' ');
}

function signed(text: string, negative: boolean, flags: string): string {
  if (negative) return `-${text}`;
  if (flags.includes('+')) return `+${text}`;
  if (flags.includes(' ')) return ` ${text}`;
  return text;
}

function numberArgument(value: unknown, spec: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'boolean' || value === null || value === '' || Number.isNaN(n)) {
    throw new Error(`Utilities.formatString: ${spec} needs a number, got ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * Utilities.formatString(template, ...args): "sprintf-like string formatting using '%'-style format
 * strings" (https://developers.google.com/apps-script/reference/utilities/utilities#formatString(String,Object...)).
 * The reference's examples hold: '%11.6f' of 3.14159 is '   3.141590', '%-6s' of 'abc' is 'abc   ',
 * '%s %s' of 'Hello', 'world!' is 'Hello world!'. Conversions: s, d/i (the integer part), f, e/E, x/X,
 * o, c, %%; flags - + space 0; width; precision (digits, or the longest text for s). Google does not say
 * what a template asking for more arguments than given does: the workbench refuses it rather than guess.
 */
export function formatString(template: string, ...args: unknown[]): string {
  let next = 0;
  return String(template).replace(
    FORMAT_SPEC,
    (spec, flags: string, widthText?: string, precisionText?: string, conversion?: string) => {
      if (conversion === '%') return '%';
      if (next >= args.length) {
        throw new Error(
          `Utilities.formatString: the template has more format specifiers than the ${args.length} argument(s) given (at ${spec})`,
        );
      }
      const value = args[next++];
      const width = widthText === undefined ? undefined : Number(widthText);
      const precision = precisionText === undefined ? undefined : Number(precisionText);
      switch (conversion) {
        case 's': {
          const text = String(value);
          return padTo(precision === undefined ? text : text.slice(0, precision), width, flags, false);
        }
        case 'c':
          return padTo(
            typeof value === 'number' ? String.fromCharCode(value) : (String(value)[0] ?? ''),
            width,
            flags,
            false,
          );
        case 'd':
        case 'i': {
          const n = Math.trunc(numberArgument(value, spec));
          return padTo(signed(String(Math.abs(n)), n < 0, flags), width, flags, true);
        }
        case 'f': {
          const n = numberArgument(value, spec);
          return padTo(signed(Math.abs(n).toFixed(precision ?? 6), n < 0, flags), width, flags, true);
        }
        case 'e':
        case 'E': {
          const n = numberArgument(value, spec);
          // C and Java write at least two exponent digits: 1.5e+00.
          let text = Math.abs(n)
            .toExponential(precision ?? 6)
            .replace(/e([+-])(\d)$/u, 'e$10$2');
          if (conversion === 'E') text = text.toUpperCase();
          return padTo(signed(text, n < 0, flags), width, flags, true);
        }
        case 'x':
        case 'X':
        case 'o': {
          const n = Math.trunc(numberArgument(value, spec));
          let text = Math.abs(n).toString(conversion === 'o' ? 8 : 16);
          if (conversion === 'X') text = text.toUpperCase();
          return padTo(signed(text, n < 0, flags), width, flags, true);
        }
        default:
          return spec;
      }
    },
  );
}

// ---- parseCsv ------------------------------------------------------------------------------------

/** RFC 4180: quoted fields may hold the delimiter, newlines and doubled quotes. */
export function parseCsv(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        value += '"';
        i++;
      } else if (c === '"') quoted = false;
      else value += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(value);
      value = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && csv[i + 1] === '\n') i++;
      row.push(value);
      rows.push(row);
      row = [];
      value = '';
    } else value += c;
  }
  if (value !== '' || row.length > 0) {
    row.push(value);
    rows.push(row);
  }
  return rows;
}

// ---- the service ---------------------------------------------------------------------------------

export interface UtilitiesOptions {
  ledger: CallLedger;
  /** Deterministic UUIDs for reproducible runs; random v4 UUIDs by default. */
  newUuid?: () => string;
}

export class FakeUtilities implements Pick<
  GoogleAppsScript.Utilities.Utilities,
  | 'Charset'
  | 'DigestAlgorithm'
  | 'MacAlgorithm'
  | 'base64Decode'
  | 'base64DecodeWebSafe'
  | 'base64Encode'
  | 'base64EncodeWebSafe'
  | 'computeDigest'
  | 'computeHmacSha256Signature'
  | 'computeHmacSignature'
  | 'formatDate'
  | 'formatString'
  | 'getUuid'
  | 'newBlob'
  | 'parseCsv'
  | 'parseDate'
  | 'sleep'
> {
  readonly Charset = Charset;
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;

  constructor(private readonly options: UtilitiesOptions) {}

  base64Encode(data: Bytes | string, charset?: GoogleAppsScript.Utilities.Charset): string {
    return dataBuffer(data, charset).toString('base64');
  }

  /** Web-safe alphabet (- and _), padding kept, as Java's URL encoder does. */
  base64EncodeWebSafe(data: Bytes | string, charset?: GoogleAppsScript.Utilities.Charset): string {
    return this.base64Encode(data, charset).replace(/\+/gu, '-').replace(/\//gu, '_');
  }

  base64Decode(encoded: string): Bytes {
    return signedBytes(Buffer.from(encoded, 'base64'));
  }

  base64DecodeWebSafe(encoded: string): Bytes {
    return signedBytes(Buffer.from(encoded, 'base64url'));
  }

  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: Bytes | string,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    const name = NODE_DIGEST[String(algorithm)];
    if (!name) throw new Error(`Digest algorithm ${String(algorithm)} is not supported by the workbench`);
    this.options.ledger.wait(LOCAL_WORK_MS.computeDigest);
    return signedBytes(createHash(name).update(dataBuffer(value, charset)).digest());
  }

  computeHmacSignature(
    algorithm: GoogleAppsScript.Utilities.MacAlgorithm,
    value: Bytes | string,
    key: Bytes | string,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    const name = NODE_DIGEST[String(algorithm).replace(/^HMAC_/u, '')];
    if (!name) throw new Error(`MAC algorithm ${String(algorithm)} is not supported by the workbench`);
    return signedBytes(
      createHmac(name, dataBuffer(key, charset)).update(dataBuffer(value, charset)).digest(),
    );
  }

  computeHmacSha256Signature(
    value: Bytes | string,
    key: Bytes | string,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    return this.computeHmacSignature(MacAlgorithm.HMAC_SHA_256, value, key, charset);
  }

  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    return formatDate(date, timeZone, format);
  }

  formatString(template: string, ...args: unknown[]): string {
    return formatString(template, ...args);
  }

  getUuid(): string {
    return (this.options.newUuid ?? randomUUID)();
  }

  newBlob(data: Bytes | string, contentType?: string, name?: string): FakeBlob {
    return new FakeBlob(dataBuffer(data), contentType ?? null, name ?? null);
  }

  parseCsv(csv: string, delimiter?: string): string[][] {
    return parseCsv(csv, delimiter);
  }

  /** "Now" for two-digit years is the simulated clock's. */
  parseDate(date: string, timeZone: string, format: string): Date {
    return parseDate(date, timeZone, format, this.options.ledger.clock.now());
  }

  /** Advances the simulated clock; counts toward the execution's time limit. */
  sleep(milliseconds: number): void {
    if (!(milliseconds >= 0)) throw new Error('Invalid argument: milliseconds');
    if (milliseconds > SLEEP_LIMIT_MS) {
      throw new Error(`Invalid argument: milliseconds (at most ${SLEEP_LIMIT_MS}, got ${milliseconds})`);
    }
    this.options.ledger.wait(milliseconds);
  }
}
