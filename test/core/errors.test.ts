import { ConfigError, CrmError, describeError, TemplateError } from '../../src/core/errors';

describe('CrmError', () => {
  it('carries its kind and details', () => {
    const error = new CrmError('rate_limited', 'HubSpot rate limit', {
      status: 429,
      policyName: 'TEN_SECONDLY_ROLLING',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe('rate_limited');
    expect(error.details.status).toBe(429);
    expect(error.name).toBe('CrmError');
  });

  it('defaults details to an empty object', () => {
    expect(new CrmError('timeout', 'slow').details).toEqual({});
  });
});

describe('describeError', () => {
  it('describes a CRM error with what a person needs to follow it up', () => {
    const error = new CrmError('rate_limited', 'HubSpot is rate limiting requests', {
      status: 429,
      policyName: 'TEN_SECONDLY_ROLLING',
      retryAfterMs: 1500,
      correlationId: 'c0ffee',
      category: 'RATE_LIMITS',
    });
    expect(describeError(error)).toEqual({
      kind: 'rate_limited',
      message:
        'HubSpot is rate limiting requests (HTTP 429, category RATE_LIMITS, policy TEN_SECONDLY_ROLLING, retry after 2 s, correlation id c0ffee)',
    });
  });

  it('names configuration and template errors by kind', () => {
    expect(describeError(new ConfigError('Add the HubSpot token in Settings'))).toEqual({
      kind: 'config',
      message: 'Add the HubSpot token in Settings',
    });
    expect(describeError(new TemplateError('Unknown placeholder {{x}}')).kind).toBe('template');
  });

  it('describes programming errors as internal, with their class', () => {
    expect(describeError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toEqual({
      kind: 'internal',
      message: "TypeError: Cannot read properties of undefined (reading 'id')",
    });
  });

  it('copes with thrown strings, objects, null and cycles', () => {
    expect(describeError('plain failure')).toEqual({ kind: 'unknown', message: 'plain failure' });
    expect(describeError({ code: 7 })).toEqual({ kind: 'unknown', message: '{"code":7}' });
    expect(describeError(null).message).toBe('null');
    expect(describeError(undefined).message).toBe('undefined');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeError(cyclic).message).toBe('[object Object]');
  });

  it('keeps to one line of at most 500 characters', () => {
    const d = describeError(new Error('first line\r\nsecond line\n' + 'x'.repeat(2000)));
    expect(d.message).not.toMatch(/[\r\n]/);
    expect(d.message.startsWith('Error: first line second line')).toBe(true);
    expect(d.message.length).toBe(500);
    expect(d.message.endsWith('…')).toBe(true);
  });

  it('never repeats a HubSpot token or bearer credential', () => {
    const token = 'pat-na1-11111111-2222-3333-4444-555555555555';
    const d = describeError(
      new CrmError('auth', `Token ${token} rejected; header Authorization: Bearer abcdefgh12345678`),
    );
    expect(d.message).not.toContain(token);
    expect(d.message).not.toContain('abcdefgh12345678');
    expect(d.message).toContain('[redacted]');
  });

  it('says something even for an empty message', () => {
    expect(describeError(new ConfigError('')).message).toBe('Unknown error');
  });
});
