import fc from 'fast-check';
import {
  AUDIT_COLUMNS,
  AUDIT_EVENT_TYPES,
  auditEvent,
  eventCells,
  MAX_CELL_CHARS,
  redactSecrets,
  inertForExport,
  sheetSafe,
} from '../../src/core/audit';
import type { AuditEvent } from '../../src/core/audit';

const AT = Date.UTC(2026, 2, 9, 15, 4, 5, 678); // 11:04:05 EDT, 15:04:05 GMT
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

function event(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 'evt-1',
    type: 'draft_created',
    at: AT,
    actor: 'fox@acme.example',
    resourceType: 'draft',
    resourceId: 'r-123',
    outcome: 'success',
    summary: 'Draft prepared for dana@fbi.example.com',
    details: { threadId: 't1', slots: 2 },
    runId: 'run-9',
    ...overrides,
  };
}

/** What Google Sheets gives back for a value written with Range.setValues: a leading apostrophe is hidden. */
function readBack(written: string): string {
  return written.startsWith("'") ? written.slice(1) : written;
}

describe('auditEvent', () => {
  it('adds an id from the factory unless one is given', () => {
    const { id: _id, ...fields } = event();
    expect(auditEvent(fields, () => 'fresh').id).toBe('fresh');
    expect(auditEvent({ ...fields, id: 'given' }, () => 'fresh').id).toBe('given');
  });

  it('copies details so later changes do not alter the record', () => {
    const details: Record<string, unknown> = { a: 1 };
    const e = auditEvent({ ...event(), details }, () => 'x');
    details.a = 2;
    expect(e.details).toEqual({ a: 1 });
  });

  it('refuses unknown types and non-finite times', () => {
    expect(() => auditEvent({ ...event(), type: 'mail_sent' as never }, () => 'x')).toThrow(
      /Unknown audit event type 'mail_sent'/,
    );
    expect(() => auditEvent({ ...event(), at: NaN }, () => 'x')).toThrow(/finite/);
  });

  it('knows every type of the original design', () => {
    expect(AUDIT_EVENT_TYPES).toContain('approval_denied');
    expect(new Set(AUDIT_EVENT_TYPES).size).toBe(AUDIT_EVENT_TYPES.length);
  });
});

describe('eventCells', () => {
  it('gives the first 11 columns as logical strings', () => {
    expect(AUDIT_COLUMNS).toHaveLength(13);
    expect(eventCells(event(), 'America/New_York')).toEqual([
      '2026-03-09T15:04:05.678Z',
      '2026-03-09 11:04:05 EDT',
      'evt-1',
      'draft_created',
      'fox@acme.example',
      'draft',
      'r-123',
      'success',
      'Draft prepared for dana@fbi.example.com',
      '{"threadId":"t1","slots":2}',
      'run-9',
    ]);
  });

  it('writes local time in the given zone, or UTC when the zone is unusable', () => {
    expect(eventCells(event(), 'Europe/London')[1]).toBe('2026-03-09 15:04:05 GMT');
    expect(eventCells(event({ at: Date.UTC(2026, 6, 1, 23, 0) }), 'Europe/London')[1]).toBe(
      '2026-07-02 00:00:00 BST',
    );
    expect(eventCells(event(), 'Not/AZone')[1]).toBe('2026-03-09 15:04:05 UTC');
  });

  it('makes short fields one line and keeps line breaks only escaped inside JSON', () => {
    const cells = eventCells(
      event({ summary: 'Rejected:\r\n=cmd|"/c calc"!A1', details: { message: 'a\nb' } }),
      'UTC',
    );
    expect(cells[8]).toBe('Rejected: =cmd|"/c calc"!A1');
    expect(cells[9]).toBe('{"message":"a\\nb"}');
    for (const cell of cells) expect(cell).not.toMatch(/[\r\n\t]/);
  });

  it('serialises awkward details instead of throwing', () => {
    const details: Record<string, unknown> = {
      big: BigInt(12),
      when: new Date(AT),
      error: new RangeError('bad'),
      nan: NaN,
      skip: undefined,
      fn: () => 1,
      list: [1, undefined],
    };
    details.self = details;
    expect(JSON.parse(eventCells(event({ details }), 'UTC')[9])).toEqual({
      big: '12',
      when: '2026-03-09T15:04:05.678Z',
      error: { name: 'RangeError', message: 'bad' },
      nan: 'NaN',
      list: [1, null],
      self: '[circular]',
    });
  });

  it('cuts every cell to the limit with a marker that counts what was cut', () => {
    const cells = eventCells(
      event({ summary: 's'.repeat(60_000), details: { blob: 'd'.repeat(100_000) } }),
      'UTC',
    );
    for (const cell of [cells[8], cells[9]]) {
      expect(cell.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
      expect(sheetSafe(cell).length).toBeLessThanOrEqual(50_000);
      expect(cell).toMatch(/…\[truncated \d+ chars\]$/);
    }
    const hidden = Number(/truncated (\d+) chars/.exec(cells[8])![1]);
    expect(cells[8].indexOf('…[truncated') + hidden).toBe(60_000);
  });

  it('redacts credentials in any cell', () => {
    const token = 'pat-eu1-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    const cells = eventCells(
      event({ summary: `token ${token}`, details: { header: `Bearer ${token}` } }),
      'UTC',
    );
    expect(cells.join('|')).not.toContain('aaaaaaaa-bbbb');
  });
});

describe('inertForExport (the value itself stays inert in a CSV or XLSX download)', () => {
  it.each([
    '=HYPERLINK("http://evil.example","click")',
    '+1-555-0100',
    '@SUM(A1)',
    '-2+3',
    '\t=1',
    '\r=1',
    '\uFF1D1+1',
  ])('keeps %j with a visible leading apostrophe', (payload) => {
    expect(inertForExport(payload)).toBe(`'${payload}`);
    // What Sheets stores (and getValues and an export return) is the quoted value.
    expect(readBack(sheetSafe(inertForExport(payload)))).toBe(`'${payload}`);
  });

  it('leaves other text alone', () => {
    for (const value of ['Ann', "'already quoted", '{"a":1}', '2026-03-09T15:04:05.678Z', '']) {
      expect(inertForExport(value)).toBe(value);
    }
  });

  it('is applied to every event cell, within the cell limit', () => {
    const cells = eventCells(
      event({ id: '-1', actor: '@me', resourceId: '=1+1', summary: '+'.repeat(60_000), runId: '\t-x' }),
      'UTC',
    );
    for (const cell of cells) {
      expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect(sheetSafe(cell).length).toBeLessThanOrEqual(50_000);
    }
    expect(cells[6]).toBe("'=1+1");
  });
});

describe('sheetSafe', () => {
  it.each([
    '=HYPERLINK("http://evil.example","click")',
    '+1-555-0100',
    '@SUM(A1)',
    '-2+3',
    '\t=1',
    '\r=1',
    "'quoted",
  ])('stores %j as text that reads back unchanged', (payload) => {
    const written = sheetSafe(payload);
    expect(written).toBe(`'${payload}`);
    expect(readBack(written)).toBe(payload);
  });

  it('also protects values Sheets would turn into numbers, dates or booleans', () => {
    for (const value of ['00123', 'TRUE', 'Mar 1 2016', '0'.repeat(64), '1e5', '$100.15', '50%']) {
      expect(sheetSafe(value)).toBe(`'${value}`);
    }
  });

  it('leaves an empty cell empty', () => {
    expect(sheetSafe('')).toBe('');
  });

  it('never yields a formula start without the apostrophe, and reads back exactly (property)', () => {
    const dangerous = fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'");
    const cell = fc.oneof(
      anyText(),
      fc.tuple(dangerous, anyText()).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(cell, (text) => {
        const written = sheetSafe(text);
        const protectedStart = !/^[=+\-@\t\r]/.test(written);
        const prefixedWhenNeeded = !/^[=+\-@\t\r]/.test(text) || written.startsWith("'");
        return protectedStart && prefixedWhenNeeded && readBack(written) === text;
      }),
      { numRuns: 1000 },
    );
  });
});

describe('redactSecrets', () => {
  it('replaces each known secret of 8 or more characters, every time it appears', () => {
    expect(redactSecrets('key s3cr3t-value then s3cr3t-value', ['s3cr3t-value'])).toBe(
      'key [redacted] then [redacted]',
    );
  });

  it('ignores short secrets, which would redact ordinary words', () => {
    expect(redactSecrets('the password is abc', ['abc', 'the'])).toBe('the password is abc');
  });

  it('replaces a secret that contains another as a whole', () => {
    expect(redactSecrets('x LONGSECRET-123456 y', ['LONGSECRET', 'LONGSECRET-123456'])).toBe(
      'x [redacted] y',
    );
  });

  it('treats secrets literally, not as patterns', () => {
    expect(redactSecrets('a.b*c+d?e(f) and axbxc', ['a.b*c+d?e(f)'])).toBe('[redacted] and axbxc');
  });

  it('redacts HubSpot private app tokens, bearer credentials and hapikey parameters it was not told about', () => {
    expect(redactSecrets('Token pat-na1-11111111-2222-3333-4444-555555555555 failed', [])).toBe(
      'Token [redacted] failed',
    );
    expect(redactSecrets('Authorization: Bearer eyJhbGciOi.abc.def', [])).toBe(
      'Authorization: Bearer [redacted]',
    );
    expect(redactSecrets('GET /contacts?hapikey=0000aaaa-bb', [])).toBe('GET /contacts?hapikey=[redacted]');
  });

  it('leaves ordinary text alone', () => {
    expect(redactSecrets('pat-a-cake, a pattern and a bearer bond', [])).toBe(
      'pat-a-cake, a pattern and a bearer bond',
    );
  });
});
