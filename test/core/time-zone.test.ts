import fc from 'fast-check';
import {
  addLocalDays,
  formatDay,
  formatSlotRange,
  formatTime,
  isValidTimeZone,
  zoneAbbreviation,
  zonedParts,
  zonedToEpoch,
} from '../../src/core/time-zone';

const NEW_YORK = 'America/New_York';
const LONDON = 'Europe/London';
const utc = (iso: string): number => Date.parse(iso);
const MINUTE = 60_000;

describe('zonedParts', () => {
  it('reads the wall clock and weekday in the zone', () => {
    expect(zonedParts(utc('2026-03-10T14:05:09Z'), NEW_YORK)).toEqual({
      year: 2026,
      month: 3,
      day: 10,
      hour: 10,
      minute: 5,
      second: 9,
      weekday: 2,
    });
    expect(zonedParts(utc('2026-03-10T14:05:09Z'), 'Asia/Kolkata')).toMatchObject({ hour: 19, minute: 35 });
  });

  it('gives midnight as hour 0, not 24', () => {
    expect(zonedParts(utc('2026-01-15T05:00:00Z'), NEW_YORK)).toMatchObject({ day: 15, hour: 0, minute: 0 });
  });

  it('crosses the date line into the previous local day', () => {
    expect(zonedParts(utc('2026-01-01T03:00:00Z'), NEW_YORK)).toMatchObject({
      year: 2025,
      month: 12,
      day: 31,
      weekday: 3,
    });
  });
});

describe('zonedToEpoch', () => {
  it('converts ordinary wall times on both sides of each DST change', () => {
    expect(zonedToEpoch({ year: 2026, month: 3, day: 6, hour: 10, minute: 0 }, NEW_YORK)).toBe(
      utc('2026-03-06T15:00:00Z'),
    );
    expect(zonedToEpoch({ year: 2026, month: 3, day: 9, hour: 10, minute: 0 }, NEW_YORK)).toBe(
      utc('2026-03-09T14:00:00Z'),
    );
    expect(zonedToEpoch({ year: 2026, month: 3, day: 9, hour: 14, minute: 0 }, LONDON)).toBe(
      utc('2026-03-09T14:00:00Z'),
    );
    expect(zonedToEpoch({ year: 2026, month: 3, day: 30, hour: 15, minute: 0 }, LONDON)).toBe(
      utc('2026-03-30T14:00:00Z'),
    );
  });

  it('moves a time skipped by spring-forward to the end of the gap', () => {
    // New York 2026-03-08: 02:00 EST -> 03:00 EDT at 07:00Z.
    expect(zonedToEpoch({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, NEW_YORK)).toBe(
      utc('2026-03-08T07:00:00Z'),
    );
    expect(zonedToEpoch({ year: 2026, month: 3, day: 8, hour: 2, minute: 0 }, NEW_YORK)).toBe(
      utc('2026-03-08T07:00:00Z'),
    );
    expect(zonedToEpoch({ year: 2026, month: 3, day: 8, hour: 1, minute: 59 }, NEW_YORK)).toBe(
      utc('2026-03-08T06:59:00Z'),
    );
    // London 2026-03-29: 01:00 GMT -> 02:00 BST at 01:00Z.
    expect(zonedToEpoch({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, LONDON)).toBe(
      utc('2026-03-29T01:00:00Z'),
    );
  });

  it('picks the earlier instant of a time repeated by fall-back', () => {
    // New York 2026-11-01: 01:30 happens at 05:30Z (EDT) and 06:30Z (EST).
    expect(zonedToEpoch({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, NEW_YORK)).toBe(
      utc('2026-11-01T05:30:00Z'),
    );
    // London 2026-10-25: 01:30 happens at 00:30Z (BST) and 01:30Z (GMT).
    expect(zonedToEpoch({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, LONDON)).toBe(
      utc('2026-10-25T00:30:00Z'),
    );
    expect(zonedToEpoch({ year: 2026, month: 10, day: 25, hour: 2, minute: 0 }, LONDON)).toBe(
      utc('2026-10-25T02:00:00Z'),
    );
  });

  it('handles a half-hour DST change and a midnight gap', () => {
    // Lord Howe Island springs from 02:00 +10:30 to 02:30 +11 on 2026-10-04.
    expect(zonedToEpoch({ year: 2026, month: 10, day: 4, hour: 2, minute: 15 }, 'Australia/Lord_Howe')).toBe(
      utc('2026-10-03T15:30:00Z'),
    );
    // Santiago skips from 24:00 to 01:00 on 2026-09-06, so that day starts at 01:00.
    expect(zonedToEpoch({ year: 2026, month: 9, day: 6, hour: 0, minute: 0 }, 'America/Santiago')).toBe(
      utc('2026-09-06T04:00:00Z'),
    );
  });

  it('reads hour 24 as the next midnight', () => {
    expect(zonedToEpoch({ year: 2026, month: 3, day: 7, hour: 24, minute: 0 }, NEW_YORK)).toBe(
      zonedToEpoch({ year: 2026, month: 3, day: 8, hour: 0, minute: 0 }, NEW_YORK),
    );
  });

  const zones = fc.constantFrom(
    NEW_YORK,
    LONDON,
    'Australia/Sydney',
    'Asia/Kolkata',
    'UTC',
    'America/Santiago',
  );
  const anyInstant = fc.integer({ min: utc('1995-01-01T00:00:00Z'), max: utc('2045-01-01T00:00:00Z') });
  // 2026 DST changes of the zones above, where conversions go wrong if they go wrong at all.
  const changes = [
    '2026-03-08T07:00Z',
    '2026-11-01T06:00Z',
    '2026-03-29T01:00Z',
    '2026-10-25T01:00Z',
    '2026-04-04T16:00Z',
    '2026-10-03T16:00Z',
    '2026-04-05T03:00Z',
    '2026-09-06T04:00Z',
  ].map(utc);
  const nearChange = fc
    .tuple(fc.constantFrom(...changes), fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }))
    .map(([change, delta]) => change + delta);
  const instants = fc.oneof(anyInstant, nearChange);

  it('round-trips every instant to its first occurrence (property)', () => {
    fc.assert(
      fc.property(zones, instants, (timeZone, instant) => {
        const onTheMinute = instant - (instant % MINUTE);
        const parts = zonedParts(onTheMinute, timeZone);
        const back = zonedToEpoch(parts, timeZone);
        expect(zonedParts(back, timeZone)).toEqual(parts);
        // Equal, unless the wall time repeats and this instant was its second occurrence.
        expect(back === onTheMinute || (back < onTheMinute && onTheMinute - back <= 3 * 3_600_000)).toBe(
          true,
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects anything else', () => {
    expect(isValidTimeZone(NEW_YORK)).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(undefined as unknown as string)).toBe(false);
  });
});

describe('addLocalDays', () => {
  it('walks over month, year and leap-day boundaries', () => {
    expect(addLocalDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addLocalDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addLocalDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
  });
});

describe('formatting', () => {
  const tenNewYork = utc('2026-03-10T14:00:00Z');

  it('writes times and days as the locale does', () => {
    expect(formatTime(tenNewYork, NEW_YORK)).toBe('10:00 AM');
    expect(formatTime(utc('2026-03-10T19:30:00Z'), NEW_YORK)).toBe('3:30 PM');
    expect(formatTime(tenNewYork, LONDON, 'en-GB')).toBe('14:00');
    expect(formatDay(tenNewYork, NEW_YORK)).toBe('Tue, Mar 10');
    expect(formatDay(tenNewYork, LONDON, 'en-GB')).toBe('Tue 10 Mar');
  });

  it('names zones by their abbreviation where one exists', () => {
    expect(zoneAbbreviation(tenNewYork, NEW_YORK)).toBe('EDT');
    expect(zoneAbbreviation(utc('2026-03-06T14:00:00Z'), NEW_YORK)).toBe('EST');
    expect(zoneAbbreviation(tenNewYork, LONDON)).toBe('GMT');
    expect(zoneAbbreviation(utc('2026-03-30T14:00:00Z'), LONDON)).toBe('BST');
    expect(zoneAbbreviation(tenNewYork, 'Europe/Paris')).toBe('CET');
    expect(zoneAbbreviation(tenNewYork, 'Asia/Kolkata')).toBe('GMT+5:30');
  });

  it('writes a slot as one line, sharing AM/PM only when both ends have it', () => {
    expect(formatSlotRange(tenNewYork, tenNewYork + 30 * MINUTE, NEW_YORK)).toBe(
      'Tue, Mar 10, 10:00 – 10:30 AM EDT',
    );
    expect(formatSlotRange(tenNewYork + 90 * MINUTE, tenNewYork + 120 * MINUTE, NEW_YORK)).toBe(
      'Tue, Mar 10, 11:30 AM – 12:00 PM EDT',
    );
    expect(formatSlotRange(tenNewYork, tenNewYork + 30 * MINUTE, LONDON, 'en-GB')).toBe(
      'Tue 10 Mar, 14:00 – 14:30 GMT',
    );
  });

  it('names both days or both zones when a range crosses midnight or a DST change', () => {
    expect(formatSlotRange(utc('2026-03-11T03:30:00Z'), utc('2026-03-11T04:30:00Z'), NEW_YORK)).toBe(
      'Tue, Mar 10, 11:30 PM EDT – Wed, Mar 11, 12:30 AM EDT',
    );
    expect(formatSlotRange(utc('2026-11-01T05:30:00Z'), utc('2026-11-01T06:30:00Z'), NEW_YORK)).toBe(
      'Sun, Nov 1, 1:30 AM EDT – 1:30 AM EST',
    );
  });
});
