// Wall-clock arithmetic in IANA time zones with nothing but Intl.DateTimeFormat, which Apps Script V8
// supports. Constructing a formatter is slow, so every formatter is built once per zone and locale.

export interface LocalDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
}

export interface ZonedParts extends LocalDateTime {
  second: number;
  /** 0 = Sunday */
  weekday: number;
}

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  return formatter(`parts|${timeZone}`, 'en-US', {
    timeZone,
    hour12: false,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.trim() === '') return false;
  try {
    partsFormatter(tz);
    return true;
  } catch {
    return false;
  }
}

export function weekdayOf(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4); plain arithmetic, as this runs for every zonedParts call.
  const daysSinceEpoch = Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);
  return (((daysSinceEpoch + 4) % 7) + 7) % 7;
}

/** Calendar arithmetic on a local date (no time zone involved). */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  const values: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of partsFormatter(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  const parts = {
    year: values.year ?? NaN,
    month: values.month ?? NaN,
    day: values.day ?? NaN,
    // hour12:false renders midnight as "24" in some engines (hourCycle is not in the ES2019 typings).
    hour: (values.hour ?? NaN) % 24,
    minute: values.minute ?? NaN,
    second: values.second ?? NaN,
    weekday: 0,
  };
  parts.weekday = weekdayOf(parts);
  return parts;
}

/** Local wall time minus UTC at an instant, in ms (at the whole second, which is what Intl resolves). */
function offsetAt(epochMs: number, timeZone: string): number {
  const p = zonedParts(epochMs, timeZone);
  const wholeSecond = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wholeSecond;
}

/**
 * Local wall time -> epoch ms. A time skipped by a spring-forward gap gives the instant the gap ends
 * (02:30 -> 03:00); a time repeated by a fall-back gives the earlier instant. hour 24 means the next
 * day's 00:00. Assumes a zone changes its offset at most once within 48 hours, true of every tzdb zone
 * in use.
 */
export function zonedToEpoch(local: LocalDateTime, timeZone: string): number {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const offsetBefore = offsetAt(asUtc - DAY_MS, timeZone);
  const offsetAfter = offsetAt(asUtc + DAY_MS, timeZone);
  const withBefore = asUtc - offsetBefore;
  if (offsetBefore === offsetAfter) return withBefore;
  const withAfter = asUtc - offsetAfter;
  const beforeFits = offsetAt(withBefore, timeZone) === offsetBefore;
  const afterFits = offsetAt(withAfter, timeZone) === offsetAfter;
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
  if (beforeFits) return withBefore;
  if (afterFits) return withAfter;
  // In a gap: the offset jumps forward somewhere in [withAfter, withBefore]; find that instant.
  let stillBefore = withAfter;
  let alreadyAfter = withBefore;
  while (alreadyAfter - stillBefore > 1000) {
    const middle = stillBefore + Math.floor((alreadyAfter - stillBefore) / 2000) * 1000;
    if (offsetAt(middle, timeZone) === offsetBefore) stillBefore = middle;
    else alreadyAfter = middle;
  }
  return alreadyAfter;
}

// ICU puts narrow and thin no-break spaces around times; plain spaces keep drafts and tests predictable.
function plainSpaces(text: string): string {
  return text.replace(/[\u202f\u2009\u00a0]/g, ' ');
}

function timeFormatter(timeZone: string, locale: string): Intl.DateTimeFormat {
  return formatter(`time|${locale}|${timeZone}`, locale, { timeZone, hour: 'numeric', minute: '2-digit' });
}

function dayFormatter(timeZone: string, locale: string): Intl.DateTimeFormat {
  return formatter(`day|${locale}|${timeZone}`, locale, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  });
}

/** "10:00" or "3:30 PM", as the locale writes times. */
export function formatTime(epochMs: number, timeZone: string, locale = 'en-US'): string {
  return plainSpaces(timeFormatter(timeZone, locale).format(epochMs));
}

/** "Tue, Mar 10" (en-US) or "Tue 10 Mar" (en-GB). */
export function formatDay(epochMs: number, timeZone: string, locale = 'en-US'): string {
  return plainSpaces(dayFormatter(timeZone, locale).format(epochMs));
}

function shortZoneName(epochMs: number, timeZone: string, locale: string): string {
  const parts = formatter(`zone|${locale}|${timeZone}`, locale, {
    timeZone,
    timeZoneName: 'short',
  }).formatToParts(epochMs);
  const name = parts.find((part) => part.type === 'timeZoneName');
  return name ? plainSpaces(name.value) : timeZone;
}

/**
 * "EDT", "GMT", "BST". ICU's en-US data names American zones and en-GB data names European ones;
 * anything else gets the offset form Intl gives ("GMT+5:30").
 */
export function zoneAbbreviation(epochMs: number, timeZone: string): string {
  const american = shortZoneName(epochMs, timeZone, 'en-US');
  if (!/^GMT[+-]/.test(american)) return american;
  const british = shortZoneName(epochMs, timeZone, 'en-GB');
  return /^GMT[+-]/.test(british) ? american : british;
}

/** The time without its AM/PM marker, for the first half of a range that shares the marker. */
function timeWithoutDayPeriod(epochMs: number, timeZone: string, locale: string): string {
  const parts = timeFormatter(timeZone, locale).formatToParts(epochMs);
  return plainSpaces(
    parts
      .filter((part) => part.type !== 'dayPeriod')
      .map((part) => part.value)
      .join(''),
  ).trim();
}

function dayPeriod(epochMs: number, timeZone: string, locale: string): string | undefined {
  return timeFormatter(timeZone, locale)
    .formatToParts(epochMs)
    .find((part) => part.type === 'dayPeriod')?.value;
}

/** One readable line: "Tue, Mar 10, 10:00 – 10:30 AM EDT". */
export function formatSlotRange(start: number, end: number, timeZone: string, locale = 'en-US'): string {
  const startDay = formatDay(start, timeZone, locale);
  const endDay = formatDay(end, timeZone, locale);
  const startZone = zoneAbbreviation(start, timeZone);
  const endZone = zoneAbbreviation(end, timeZone);
  const endTime = formatTime(end, timeZone, locale);
  if (startDay !== endDay || startZone !== endZone) {
    const startText = `${startDay}, ${formatTime(start, timeZone, locale)} ${startZone}`;
    const endText = startDay === endDay ? endTime : `${endDay}, ${endTime}`;
    return `${startText} – ${endText} ${endZone}`;
  }
  const period = dayPeriod(start, timeZone, locale);
  const startTime =
    period !== undefined && period === dayPeriod(end, timeZone, locale)
      ? timeWithoutDayPeriod(start, timeZone, locale)
      : formatTime(start, timeZone, locale);
  return `${startDay}, ${startTime} – ${endTime} ${endZone}`;
}

/**
 * The range in `timeZone` as shown beside the same range in `besideZone`: without its day when both
 * zones are on the same day ("5:00 – 5:30 PM GMT" beside "Tue, Mar 10, 1:00 – 1:30 PM EDT"), with it
 * otherwise. The day is compared as the locale writes it, so every locale drops it alike.
 */
export function formatSlotRangeBeside(
  start: number,
  end: number,
  timeZone: string,
  besideZone: string,
  locale = 'en-US',
): string {
  const full = formatSlotRange(start, end, timeZone, locale);
  const day = formatDay(start, timeZone, locale);
  const sameDay =
    day === formatDay(start, besideZone, locale) &&
    formatDay(end, timeZone, locale) === formatDay(end, besideZone, locale);
  return sameDay && full.startsWith(`${day}, `) ? full.slice(day.length + 2) : full;
}
