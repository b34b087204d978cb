import fc from 'fast-check';
import {
  cleanMultiline,
  cleanSingleLine,
  DEFAULT_FIELD_MAPPING,
  emailDomain,
  MESSAGE_MAX,
  normaliseEmail,
  parseSubmission,
  truncateText,
  truncateWithCount,
} from '../../src/core/prospect';
import type { FormSubmission, FormValue, Intake, Prospect } from '../../src/core/prospect';

const NOW = Date.UTC(2026, 2, 9, 12, 0);
const GUID = '0f3c2a6e-7d1b-4a8e-9c55-2b8f1e6d4a10';
/** Any UTF-16 text, lone surrogates and controls included (fast-check's 'binary' unit is 50x slower). */
const anyText = (maxLength = 40) =>
  fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 0x7f }),
        fc.integer({ min: 0x80, max: 0x30ff }),
        fc.integer({ min: 0, max: 0x10ffff }),
      ),
      { maxLength },
    )
    .map((codePoints) => String.fromCodePoint(...codePoints));

function submission(
  values: Record<string, string | null>,
  extra: Partial<FormSubmission> = {},
): FormSubmission {
  return {
    conversionId: 'a3e1c2d4-0000-4000-8000-000000000001',
    submittedAt: NOW - 60_000,
    values: Object.entries(values).map(([name, value]): FormValue => ({ name, value })),
    pageUrl: 'https://acme.example/pricing?utm_source=ads#form',
    pageTitle: 'Pricing | Acme',
    ...extra,
  };
}

function parse(values: Record<string, string | null>, extra: Partial<FormSubmission> = {}): Intake {
  return parseSubmission(submission(values, extra), GUID, DEFAULT_FIELD_MAPPING, NOW);
}

function accepted(values: Record<string, string | null>, extra: Partial<FormSubmission> = {}): Prospect {
  const intake = parse(values, extra);
  if (!intake.ok) throw new Error(`rejected: ${intake.reason}`);
  return intake.prospect;
}

function rejected(values: Record<string, string | null>, extra: Partial<FormSubmission> = {}) {
  const intake = parse(values, extra);
  if (intake.ok) throw new Error('accepted');
  return intake;
}

describe('parseSubmission: a normal lead', () => {
  it('maps HubSpot fields to a prospect', () => {
    const p = accepted({
      email: ' Dana.Scully@FBI.example.com ',
      firstname: 'Dana',
      lastname: 'Scully',
      company: 'FBI',
      phone: '+1-555-0100',
      message: 'We need a demo.\r\nThanks!',
      hs_timezone: 'america_slash_new_york',
    });
    expect(p).toEqual({
      conversionId: 'a3e1c2d4-0000-4000-8000-000000000001',
      formGuid: GUID,
      submittedAt: NOW - 60_000,
      email: 'dana.scully@fbi.example.com',
      firstName: 'Dana',
      lastName: 'Scully',
      company: 'FBI',
      phone: '+1-555-0100',
      message: 'We need a demo.\nThanks!',
      sourcePage: 'Pricing | Acme',
      timeZone: 'America/New_York',
    });
  });

  it('takes the first candidate field that has a value', () => {
    const p = accepted({ email: 'a@b.example.com', firstname: '  ', first_name: 'Ann', comments: 'hello' });
    expect(p.firstName).toBe('Ann');
    expect(p.message).toBe('hello');
  });

  it('matches field names case-insensitively and honours a custom mapping', () => {
    const mapping = { ...DEFAULT_FIELD_MAPPING, email: ['work_email', 'email'] };
    const sub = submission({ Work_Email: 'w@corp.example.com', email: 'home@mail.example.com' });
    const intake = parseSubmission(sub, GUID, mapping, NOW);
    expect(intake.ok && intake.prospect.email).toBe('w@corp.example.com');
  });

  it('turns absent and null optional fields into null, never "null"', () => {
    const p = accepted(
      { email: 'a@b.example.com', firstname: null, company: '' },
      { pageTitle: null, pageUrl: null },
    );
    expect(p).toMatchObject({ firstName: null, lastName: null, company: null, phone: null, message: null });
    expect(p.sourcePage).toBeNull();
    expect(p.timeZone).toBeNull();
  });

  it('uses the page URL without query or fragment when the title is missing', () => {
    expect(accepted({ email: 'a@b.example.com' }, { pageTitle: '' }).sourcePage).toBe(
      'https://acme.example/pricing',
    );
    expect(
      accepted({ email: 'a@b.example.com' }, { pageTitle: null, pageUrl: 'javascript:alert(1)' }).sourcePage,
    ).toBeNull();
  });

  it('accepts only valid IANA time zones, in canonical spelling', () => {
    expect(accepted({ email: 'a@b.example.com', timezone: 'europe/london' }).timeZone).toBe('Europe/London');
    expect(accepted({ email: 'a@b.example.com', timezone: 'Mars/Olympus_Mons' }).timeZone).toBeNull();
    expect(accepted({ email: 'a@b.example.com', timezone: '+05:00' }).timeZone).toBeNull();
    expect(accepted({ email: 'a@b.example.com', timezone: '../../etc/passwd' }).timeZone).toBeNull();
  });
});

describe('parseSubmission: rejections a reviewer can read', () => {
  it('rejects a missing email, naming the fields it looked in', () => {
    const r = rejected({ firstname: 'Bob' });
    expect(r).toMatchObject({
      code: 'missing_email',
      formGuid: GUID,
      conversionId: 'a3e1c2d4-0000-4000-8000-000000000001',
    });
    expect(r.reason).toBe('The submission has no email address (looked in: email)');
  });

  it('rejects a blank or null email as missing', () => {
    expect(rejected({ email: '   ' }).code).toBe('missing_email');
    expect(rejected({ email: null }).code).toBe('missing_email');
  });

  it('quotes the invalid address in the reason', () => {
    expect(rejected({ email: 'bob@@x' })).toMatchObject({
      code: 'invalid_email',
      reason: "Email 'bob@@x' is not a valid address",
    });
  });

  it('rejects header injection through the email field', () => {
    const r = rejected({ email: 'a@b.example.com\r\nBcc: victim@example.com' });
    expect(r.code).toBe('invalid_email');
    expect(r.reason).not.toMatch(/[\r\n]/);
  });

  it('rejects overlong addresses with the limit in the reason', () => {
    const long = `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example.com`;
    const r = rejected({ email: long });
    expect(r.reason).toMatch(/^Email '.{0,60}' is longer than 254 characters$/);
  });

  it('explains why an internationalised local part is refused', () => {
    expect(rejected({ email: 'jürgen@example.de' }).reason).toBe(
      "Email 'jürgen@example.de' has non-ASCII characters before the @, which not every mail server accepts",
    );
  });

  it('rejects disposable-address services', () => {
    expect(rejected({ email: 'x@mailinator.com' })).toMatchObject({
      code: 'disposable_email',
      reason: "Email 'x@mailinator.com' uses mailinator.com, a disposable-address service",
    });
    expect(rejected({ email: 'x@eu.yopmail.com' }).code).toBe('disposable_email');
  });

  it('rejects a missing or hostile conversion id', () => {
    expect(parse({ email: 'a@b.example.com' }, { conversionId: '' })).toMatchObject({
      ok: false,
      code: 'missing_conversion_id',
    });
    const r = parse({ email: 'a@b.example.com' }, { conversionId: 'id\r\n=cmd|"/c calc"!A1' });
    expect(r).toMatchObject({ ok: false, code: 'invalid_conversion_id' });
    if (!r.ok) expect(r.conversionId).not.toMatch(/[\r\n]/);
  });

  it('rejects times far in the future, before 2000, or not numbers', () => {
    const day = 86_400_000;
    expect(parse({ email: 'a@b.example.com' }, { submittedAt: NOW + day - 1 }).ok).toBe(true);
    const future = parse({ email: 'a@b.example.com' }, { submittedAt: NOW + day + 1 });
    expect(future).toMatchObject({ ok: false, code: 'invalid_timestamp' });
    if (!future.ok)
      expect(future.reason).toBe('Submission time 2026-03-10T12:00:00.001Z is more than a day in the future');
    expect(parse({ email: 'a@b.example.com' }, { submittedAt: Date.UTC(1999, 11, 31) })).toMatchObject({
      ok: false,
      reason: 'Submission time 1999-12-31T00:00:00.000Z is before 2000',
    });
    for (const bad of [NaN, Infinity, '1700000000000' as unknown as number, 1e300]) {
      expect(parse({ email: 'a@b.example.com' }, { submittedAt: bad })).toMatchObject({
        ok: false,
        code: 'invalid_timestamp',
      });
    }
  });

  it('rejects a given name over 100 characters rather than cutting it', () => {
    const r = rejected({ email: 'a@b.example.com', firstname: 'B'.repeat(101) });
    expect(r.code).toBe('field_too_long');
    expect(r.reason).toMatch(/^First name is 101 characters long \(limit 100\): 'B{59}…'$/);
    expect(accepted({ email: 'a@b.example.com', lastname: 'L'.repeat(100) }).lastName).toHaveLength(100);
  });

  it('rejects what is not a submission at all, without throwing', () => {
    const mapping = DEFAULT_FIELD_MAPPING;
    for (const junk of [
      null,
      undefined,
      42,
      'text',
      [],
      { conversionId: 'x1', submittedAt: NOW, values: 'nope' },
    ]) {
      const r = parseSubmission(junk as unknown as FormSubmission, GUID, mapping, NOW);
      expect(r.ok).toBe(false);
    }
  });
});

describe('parseSubmission: hostile text', () => {
  it('strips CR/LF and collapses whitespace in names (they go into headers)', () => {
    const p = accepted({
      email: 'a@b.example.com',
      firstname: '  Bob\r\nBcc: evil@example.com ',
      lastname: 'Van\t\tDer   Berg',
    });
    expect(p.firstName).toBe('Bob Bcc: evil@example.com');
    expect(p.lastName).toBe('Van Der Berg');
  });

  it('removes zero-width characters and bidi overrides but keeps emoji', () => {
    const p = accepted({
      email: '\u200Ba@b.example.com\uFEFF',
      firstname: 'Jo\u200Bhn\u202E 🎉',
      lastname: '👨\u200D👩\u200D👧 Family',
      company: '\u202Egnp.exe\u202C Corp',
    });
    expect(p.email).toBe('a@b.example.com');
    expect(p.firstName).toBe('John 🎉');
    expect(p.lastName).toBe('👨\u200D👩\u200D👧 Family');
    expect(p.company).toBe('gnp.exe Corp');
  });

  it('keeps names in other scripts, and joiners inside them', () => {
    const p = accepted({ email: 'a@b.example.com', firstname: 'مریم', lastname: 'می\u200Cخواهم' });
    expect(p.firstName).toBe('مریم');
    expect(p.lastName).toBe('می\u200Cخواهم');
  });

  it('keeps formula and HTML payloads as plain text (escaping happens where they are written)', () => {
    const p = accepted({
      email: 'a@b.example.com',
      firstname: '=HYPERLINK("http://x","y")',
      company: '<script>alert(1)</script>',
    });
    expect(p.firstName).toBe('=HYPERLINK("http://x","y")');
    expect(p.company).toBe('<script>alert(1)</script>');
  });

  it('truncates a 100 KB message to 5,000 characters with a marker', () => {
    const p = accepted({ email: 'a@b.example.com', message: 'word '.repeat(20_000) });
    expect(p.message!.length).toBeLessThanOrEqual(MESSAGE_MAX);
    expect(p.message).toMatch(/\n…\[truncated \d+ chars\]$/);
    const hidden = Number(/truncated (\d+) chars/.exec(p.message!)![1]);
    expect(p.message!.indexOf('\n…[') + hidden).toBe('word '.repeat(20_000).trim().length);
  });

  it('rejects 100 KB names and emails quickly, quoting only a short part', () => {
    const huge = 'A'.repeat(100_000);
    const started = Date.now();
    expect(rejected({ email: 'a@b.example.com', lastname: huge }).reason.length).toBeLessThan(200);
    expect(rejected({ email: huge + '@example.com' }).reason.length).toBeLessThan(200);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('cuts long company names with an ellipsis', () => {
    const p = accepted({ email: 'a@b.example.com', company: 'C'.repeat(1000) });
    expect(p.company).toHaveLength(200);
    expect(p.company!.endsWith('…')).toBe(true);
  });

  it('never throws, and every rejection reason is one line (property)', () => {
    const value = fc.oneof(
      anyText(),
      fc.constant(null),
      fc.constantFrom('a@b.example.com', '=1+1', 'x'.repeat(300)),
    );
    const name = fc.constantFrom('email', 'firstname', 'lastname', 'company', 'message', 'timezone', 'phone');
    fc.assert(
      fc.property(
        fc.array(fc.record({ name, value })),
        fc.oneof(anyText(), fc.constant('id-1')),
        fc.oneof(fc.integer(), fc.double(), fc.constant(NOW)),
        (values, conversionId, submittedAt) => {
          const intake = parseSubmission(
            { conversionId, submittedAt, values },
            GUID,
            DEFAULT_FIELD_MAPPING,
            NOW,
          );
          if (intake.ok) {
            const p = intake.prospect;
            for (const line of [p.firstName, p.lastName, p.company, p.phone, p.sourcePage]) {
              expect(line ?? '').not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e]/u);
            }
            expect(normaliseEmail(p.email)).toBe(p.email);
          } else {
            expect(intake.reason).not.toMatch(/[\r\n\u2028\u2029]/);
            expect(intake.conversionId.length).toBeLessThanOrEqual(100);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('normaliseEmail and emailDomain', () => {
  it.each([
    ['Bob@Example.COM', 'bob@example.com'],
    ['  mailto:bob@example.com ', 'bob@example.com'],
    ["o'brien+tag@sub.example.co.uk", "o'brien+tag@sub.example.co.uk"],
    ['bob@bücher.de', 'bob@bücher.de'],
    ['bob@xn--bcher-kva.de', 'bob@xn--bcher-kva.de'],
  ])('accepts %s', (raw, email) => {
    expect(normaliseEmail(raw)).toBe(email);
  });

  it.each([
    'bob@@x.com',
    'bob',
    '@example.com',
    'bob@',
    'bob@localhost',
    'bob@example.c0m',
    'a..b@example.com',
    '.a@example.com',
    'a.@example.com',
    'a b@example.com',
    'bob@exa mple.com',
    'bob@-example.com',
    'bob@example-.com',
    'Bob <bob@example.com>',
    '"bob"@example.com',
    'bob@[127.0.0.1]',
    'jürgen@example.de',
    'a@b.example.com\nBcc: c@example.com',
    `${'a'.repeat(65)}@example.com`,
  ])('refuses %j', (raw) => {
    expect(normaliseEmail(raw)).toBeNull();
  });

  it('refuses addresses over 254 characters', () => {
    const at254 = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(at254).toHaveLength(254);
    expect(normaliseEmail(at254)).toBe(at254);
    expect(normaliseEmail('x' + at254)).toBeNull();
  });

  it('gives the lower-case domain', () => {
    expect(emailDomain('Bob@Sub.Example.COM')).toBe('sub.example.com');
    expect(emailDomain('no-at-sign')).toBe('');
  });
});

describe('text hygiene helpers', () => {
  it('cleanSingleLine removes every control character and line separator', () => {
    expect(cleanSingleLine('a\u0000b\u0085c\u2028d\u2029e\u001bf\u007fg')).toBe('a b c d e f g');
    expect(cleanSingleLine('\ud800lone surrogate')).toBe('lone surrogate');
  });

  it('cleanMultiline keeps paragraphs and drops excess blank lines', () => {
    expect(cleanMultiline('  one \r\n\r\n\r\n\r\ntwo\u2028three\t\tfour\u0007 ')).toBe(
      'one\n\ntwo\nthree four',
    );
  });

  it('truncateText never splits a surrogate pair', () => {
    expect(truncateText('ab😀cd', 4)).toBe('ab…');
    expect(truncateText('abc', 3)).toBe('abc');
  });

  it('truncateWithCount stays within the limit and counts what it cut', () => {
    const text = 'x'.repeat(1000);
    const cut = truncateWithCount(text, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    const hidden = Number(/truncated (\d+) chars/.exec(cut)![1]);
    expect(cut.indexOf('…[') + hidden).toBe(1000);
  });
});
