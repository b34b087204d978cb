import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { FakeUtilities, SLEEP_LIMIT_MS } from '../../tools/workbench/fakes/utilities';
import { CallLedger, ExecutionTimeout, SimClock } from '../../tools/workbench/runtime';

const ledger = new CallLedger(new SimClock(Date.UTC(2025, 0, 6, 9)));
const Utilities = new FakeUtilities({ ledger });
const unsigned = (bytes: number[]) => Buffer.from(bytes.map((b) => b & 0xff)).toString('hex');
const winter = new Date(Date.UTC(2024, 0, 15, 13, 5, 9, 7)); // a Monday

describe('computeDigest', () => {
  test('SHA-256 of "abc" as Java signed bytes', () => {
    const digest = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc');
    expect(digest.slice(0, 4)).toEqual([-70, 120, 22, -65]); // ba 78 16 bf
    expect(unsigned(digest)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('every digest matches the UTF-8 hash and every byte lies in -128..127', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (text) => {
        const digest = Utilities.computeDigest(
          Utilities.DigestAlgorithm.SHA_256,
          text,
          Utilities.Charset.UTF_8,
        );
        expect(digest.every((b) => Number.isInteger(b) && b >= -128 && b <= 127)).toBe(true);
        expect(unsigned(digest)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 1000 },
    );
  });

  test('US_ASCII turns characters it cannot encode into "?", as Java does', () => {
    const ascii = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'café', Utilities.Charset.US_ASCII);
    expect(unsigned(ascii)).toBe(createHash('md5').update('caf?').digest('hex'));
  });

  test('a digest of bytes hashes the bytes; HMAC-SHA256 matches Node', () => {
    const bytes = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_1, [-1, 0, 127]);
    expect(unsigned(bytes)).toBe(
      createHash('sha1')
        .update(Buffer.from([255, 0, 127]))
        .digest('hex'),
    );
    const mac = Utilities.computeHmacSha256Signature('payload', 'secret');
    expect(unsigned(mac)).toBe(createHmac('sha256', 'secret').update('payload').digest('hex'));
  });
});

describe('base64', () => {
  test('known encodings, standard and web-safe', () => {
    expect(Utilities.base64Encode('hello')).toBe('aGVsbG8=');
    expect(Utilities.base64Encode([-5, -1])).toBe('+/8=');
    expect(Utilities.base64EncodeWebSafe([-5, -1])).toBe('-_8=');
    expect(Utilities.base64Decode('aGVsbG8=')).toEqual([104, 101, 108, 108, 111]);
  });

  test('decoding what was encoded gives the same signed bytes back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -128, max: 127 }), { maxLength: 64 }), (bytes) => {
        expect(Utilities.base64Decode(Utilities.base64Encode(bytes))).toEqual(bytes);
        expect(Utilities.base64DecodeWebSafe(Utilities.base64EncodeWebSafe(bytes))).toEqual(bytes);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('formatDate (SimpleDateFormat)', () => {
  test.each([
    ['America/Los_Angeles', 'yyyy-MM-dd HH:mm:ss.SSS z Z XXX', '2024-01-15 05:05:09.007 PST -0800 -08:00'],
    ['America/Los_Angeles', 'EEE, d MMM yyyy hh:mm a', 'Mon, 15 Jan 2024 05:05 AM'],
    ['America/Los_Angeles', 'EEEE MMMM yy h', 'Monday January 24 5'],
    ['America/Los_Angeles', "h 'o''clock' a", "5 o'clock AM"],
    ['Etc/UTC', "yyyy-MM-dd'T'HH:mm:ss'Z'", '2024-01-15T13:05:09Z'],
    ['UTC', 'HH:mm XXX z', '13:05 Z UTC'],
    ['GMT+05:30', 'HH:mm Z z', '18:35 +0530 GMT+05:30'],
    ['Asia/Kolkata', 'HH:mm XX', '18:35 +0530'],
    ['Europe/Berlin', 'HH:mm Z', '14:05 +0100'],
    ['Mars/Olympus_Mons', 'HH:mm z', '13:05 GMT'],
  ])('%s "%s"', (zone, pattern, expected) => {
    expect(Utilities.formatDate(winter, zone, pattern)).toBe(expected);
  });

  test('daylight saving time and the 12/24-hour fields', () => {
    const summerNoon = new Date(Date.UTC(2024, 6, 1, 16));
    expect(Utilities.formatDate(summerNoon, 'America/New_York', 'HH:mm z Z X hh a')).toBe(
      '12:00 EDT -0400 -04 12 PM',
    );
    const halfPastMidnight = new Date(Date.UTC(2024, 6, 1, 0, 30));
    expect(Utilities.formatDate(halfPastMidnight, 'UTC', 'HH kk KK hh')).toBe('00 24 00 12');
  });

  test('day of year, week fields and the US week year (weeks start on Sunday, week 1 holds January 1)', () => {
    expect(Utilities.formatDate(winter, 'UTC', 'D F w W YYYY')).toBe('15 3 3 3 2024');
    // 2024-12-31 is a Tuesday: its week holds 2025-01-01, so it is week 1 of week year 2025.
    const newYearsEve = new Date(Date.UTC(2024, 11, 31, 12));
    expect(Utilities.formatDate(newYearsEve, 'UTC', 'yyyy YYYY ww D')).toBe('2024 2025 01 366');
    expect(Utilities.formatDate(new Date(Date.UTC(2024, 11, 28, 12)), 'UTC', 'YYYY w')).toBe('2024 52');
  });

  test('a letter SimpleDateFormat does not know throws as Java does', () => {
    expect(() => Utilities.formatDate(winter, 'UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
  });
});

test('parseCsv handles quotes, embedded delimiters and newlines, CRLF and other delimiters', () => {
  expect(Utilities.parseCsv('a,b\n"c,1","say ""hi"""\r\n"multi\nline",\n')).toEqual([
    ['a', 'b'],
    ['c,1', 'say "hi"'],
    ['multi\nline', ''],
  ]);
  expect(Utilities.parseCsv('a;b', ';')).toEqual([['a', 'b']]);
});

test('newBlob holds text and bytes', () => {
  const blob = Utilities.newBlob('héllo', 'text/plain', 'a.txt');
  expect(blob.getDataAsString()).toBe('héllo');
  expect(blob.getBytes()).toEqual([104, -61, -87, 108, 108, 111]);
  expect(blob.setName('b.txt').getName()).toBe('b.txt');
  expect(blob.getContentType()).toBe('text/plain');
  expect(Utilities.newBlob([104, 105]).getDataAsString()).toBe('hi');
});

test('getUuid gives RFC 4122 UUIDs, or the injected sequence for reproducible runs', () => {
  expect(Utilities.getUuid()).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  let n = 0;
  const seeded = new FakeUtilities({ ledger, newUuid: () => `uuid-${++n}` });
  expect([seeded.getUuid(), seeded.getUuid()]).toEqual(['uuid-1', 'uuid-2']);
});

describe('sleep', () => {
  test('advances the simulated clock, not the real one', () => {
    const clockLedger = new CallLedger(new SimClock(0));
    const started = Date.now();
    new FakeUtilities({ ledger: clockLedger }).sleep(SLEEP_LIMIT_MS);
    expect(clockLedger.clock.now()).toBe(SLEEP_LIMIT_MS);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(clockLedger.roundTrips()).toHaveLength(0);
  });

  test('refuses more than 5 minutes, and counts toward the execution limit', () => {
    const clockLedger = new CallLedger(new SimClock(0));
    const utilities = new FakeUtilities({ ledger: clockLedger });
    expect(() => utilities.sleep(SLEEP_LIMIT_MS + 1)).toThrow(/at most 300000/);
    clockLedger.begin('card', 'onGmailMessageOpen');
    utilities.sleep(29_000);
    expect(() => utilities.sleep(1_000)).toThrow(ExecutionTimeout);
  });
});

describe('formatString (sprintf-like)', () => {
  test.each([
    // The reference's own examples.
    ['%11.6f', [3.14159], '   3.141590'],
    ['%-6s', ['abc'], 'abc   '],
    ['%s %s', ['Hello', 'world!'], 'Hello world!'],
    // What add-ons build with it.
    [
      'https://cataas.com/cat/says/%s?time=%s',
      ['Hi%20there', 1700000000000],
      'https://cataas.com/cat/says/Hi%20there?time=1700000000000',
    ],
    ['%02d:%02d', [9, 5], '09:05'],
    ['%d%%', [42.9], '42%'],
    ['%+d|% d|%05d|%-5d|', [3, 3, -42, 7], '+3| 3|-0042|7    |'],
    ['%.2f %e %E', [2.346, 12345.678, 0.5], '2.35 1.234568e+04 5.000000E-01'],
    ['%x %X %o %c', [255, 255, 8, 65], 'ff FF 10 A'],
    ['%.3s|%5s', ['abcdef', true], 'abc| true'],
  ])('%s', (template, args, expected) => {
    expect(Utilities.formatString(template, ...args)).toBe(expected);
  });

  test('extra arguments are ignored; too few, or a word for %d, are refused with a clear message', () => {
    expect(Utilities.formatString('%s', 'a', 'b')).toBe('a');
    expect(() => Utilities.formatString('%s and %s', 'a')).toThrow(
      /more format specifiers than the 1 argument/,
    );
    expect(() => Utilities.formatString('%d', 'many')).toThrow(/%d needs a number/);
  });
});

describe('parseDate (SimpleDateFormat, lenient as Java)', () => {
  const at = (iso: string) => new Date(iso).getTime();
  test.each([
    ['2024-01-15 05:05:09', 'America/Los_Angeles', 'yyyy-MM-dd HH:mm:ss', '2024-01-15T13:05:09.000Z'],
    ['2024-07-01 12:00', 'America/New_York', 'yyyy-MM-dd HH:mm', '2024-07-01T16:00:00.000Z'],
    ['Mon, 15 Jan 2024 05:05 PM', 'UTC', 'EEE, d MMM yyyy hh:mm a', '2024-01-15T17:05:00.000Z'],
    ['15 January 2024', 'Europe/Berlin', 'd MMMM yyyy', '2024-01-14T23:00:00.000Z'],
    ['20240115T130509Z', 'America/Los_Angeles', "yyyyMMdd'T'HHmmssX", '2024-01-15T13:05:09.000Z'],
    ['2024-01-15T13:05:09+05:30', 'UTC', "yyyy-MM-dd'T'HH:mm:ssXXX", '2024-01-15T07:35:09.000Z'],
    ['2024-13-01', 'UTC', 'yyyy-MM-dd', '2025-01-01T00:00:00.000Z'],
    ['01/02/03 trailing text', 'UTC', 'MM/dd/yy', '2003-01-02T00:00:00.000Z'],
  ])('"%s" in %s as "%s"', (text, zone, pattern, expected) => {
    expect(Utilities.parseDate(text, zone, pattern).toISOString()).toBe(expected);
  });

  test('is the inverse of formatDate', () => {
    const pattern = "yyyy-MM-dd'T'HH:mm:ss.SSS";
    expect(
      Utilities.parseDate(
        Utilities.formatDate(winter, 'Asia/Kolkata', pattern),
        'Asia/Kolkata',
        pattern,
      ).getTime(),
    ).toBe(winter.getTime());
    expect(at('2024-01-15T13:05:09.007Z')).toBe(winter.getTime());
  });

  test("text that does not match fails with Java's message", () => {
    expect(() => Utilities.parseDate('15/01/2024', 'UTC', 'yyyy-MM-dd')).toThrow(
      'Unparseable date: "15/01/2024"',
    );
    expect(() => Utilities.parseDate('Smarch 1', 'UTC', 'MMMM d')).toThrow(/Unparseable date/);
  });
});
