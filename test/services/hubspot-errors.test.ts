import fc from 'fast-check';
import { CrmError } from '../../src/core/errors';
import type { CrmErrorKind } from '../../src/core/errors';
import type { Call, HttpResponse } from '../../src/core/http';
import { runCall } from '../../src/core/http';
import { HubSpotCrm } from '../../src/services/hubspot/hubspot-crm';
import { crmErrorFrom } from '../../src/services/hubspot/responses';
import { FakeHttp, json, raw, TOKEN } from './hubspot-fake-http';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** Every method of the adapter, run over `http`. */
function everyMethod({ crm, http }: { crm: HubSpotCrm; http: FakeHttp }): [string, () => unknown][] {
  const task = {
    contactId: '1',
    subject: 's',
    body: 'b',
    dueAt: 0,
    ownerId: null,
    priority: 'LOW' as const,
    type: 'TODO' as const,
  };
  const run = <T>(call: Call<T>) => runCall(http, call);
  return [
    ['lookupLead', () => run(crm.lookupLead('ann@acme.com'))],
    ['contactsByEmail', () => run(crm.contactsByEmail(['ann@acme.com']))],
    ['primaryCompanies', () => crm.primaryCompanies(['1'])],
    ['activityMarkers', () => crm.activityMarkers(['1'])],
    ['deals', () => run(crm.deals(['1']))],
    ['owners', () => run(crm.owners())],
    ['submissionsPage', () => run(crm.submissionsPage('f', null, 50))],
    ['createTasks', () => run(crm.createTasks([task]))],
    ['createNotes', () => run(crm.createNotes([{ contactId: '1', body: 'b', timestamp: 0, ownerId: null }]))],
    [
      'createContact',
      () =>
        crm.createContact({
          email: 'a@b.co',
          firstName: null,
          lastName: null,
          company: null,
          phone: null,
          ownerId: null,
        }),
    ],
  ];
}

/** An adapter whose every request gets `response`. */
function answeringAll(response: HttpResponse): { crm: HubSpotCrm; http: FakeHttp } {
  const http = new FakeHttp();
  for (const method of ['get', 'post'] as const) http.on(method, /.*/, response);
  return { crm: new HubSpotCrm(http, TOKEN), http };
}

describe('HubSpot error statuses', () => {
  const cases: [number, CrmErrorKind, unknown, string][] = [
    [
      400,
      'bad_request',
      { status: 'error', message: 'Property "x" does not exist', category: 'VALIDATION_ERROR' },
      'HubSpot refused the request: Property "x" does not exist',
    ],
    [
      401,
      'auth',
      {
        status: 'error',
        message: 'Authentication credentials not found.',
        category: 'INVALID_AUTHENTICATION',
      },
      'HubSpot rejected the access token',
    ],
    [
      404,
      'not_found',
      { status: 'error', message: 'resource not found' },
      'HubSpot found no such record: resource not found',
    ],
    [
      409,
      'conflict',
      { status: 'error', message: 'Contact already exists' },
      'HubSpot reported a conflict: Contact already exists',
    ],
    [422, 'bad_request', {}, 'HubSpot refused the request'],
    [500, 'unavailable', { status: 'error', message: 'internal' }, 'HubSpot is not answering right now'],
    [502, 'unavailable', '<html>Bad gateway</html>', 'HubSpot is not answering right now'],
    [503, 'unavailable', {}, 'HubSpot is not answering right now'],
    [302, 'invalid_response', {}, 'HubSpot answered with an unexpected HTTP 302'],
  ];
  it.each(cases)('HTTP %i becomes %s', (status, kind, body, message) => {
    const response = typeof body === 'string' ? raw(status, body) : json(status, body);
    const error = crmErrorFrom(response, [TOKEN]);
    expect(error).toBeInstanceOf(CrmError);
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(message);
    expect(error.details.status).toBe(status);
  });

  it('keeps correlationId and category', () => {
    const error = crmErrorFrom(
      json(400, { status: 'error', message: 'bad', correlationId: 'c-1', category: 'VALIDATION_ERROR' }),
      [],
    );
    expect(error.details).toEqual({ status: 400, correlationId: 'c-1', category: 'VALIDATION_ERROR' });
  });

  it('403 MISSING_SCOPES lists the scopes', () => {
    const error = crmErrorFrom(
      json(403, {
        status: 'error',
        message: "This app hasn't been granted all required scopes to make this call.",
        correlationId: 'c-2',
        errors: [
          {
            message: 'One or more of the following scopes are required.',
            context: { requiredGranularScopes: ['crm.objects.contacts.read', 'crm.objects.companies.read'] },
          },
        ],
        links: { scopes: 'https://developers.hubspot.com/scopes' },
        category: 'MISSING_SCOPES',
      }),
      [TOKEN],
    );
    expect(error.kind).toBe('forbidden');
    expect(error.message).toBe(
      'HubSpot refused: the private app lacks the scopes crm.objects.contacts.read, crm.objects.companies.read',
    );
    expect(error.details.category).toBe('MISSING_SCOPES');
  });

  it('403 from a batch names the scopes in text', () => {
    const error = crmErrorFrom(
      json(403, { category: 'MISSING_SCOPES', errors: [{ context: '{missingScopes=[forms, tickets]}' }] }),
      [],
    );
    expect(error.message).toBe('HubSpot refused: the private app lacks the scopes forms, tickets');
  });

  it('403 without scopes keeps HubSpot message', () => {
    expect(crmErrorFrom(json(403, { message: 'Portal is locked' }), []).message).toBe(
      'HubSpot refused access: Portal is locked',
    );
  });

  it.each([
    ['TEN_SECONDLY_ROLLING', {}, 10_000],
    ['TEN_SECONDLY_ROLLING', { 'x-hubspot-ratelimit-interval-milliseconds': '2000' }, 2_000],
    ['TEN_SECONDLY_ROLLING', { 'X-HubSpot-RateLimit-Interval-Milliseconds': '60000' }, 10_000],
    ['SECONDLY', {}, 1_000],
    ['DAILY', {}, undefined],
  ])('429 %s with headers %j: retry after %s ms', (policyName, headers, retryAfterMs) => {
    const error = crmErrorFrom(
      json(
        429,
        { status: 'error', message: 'You have reached your limit.', errorType: 'RATE_LIMIT', policyName },
        headers,
      ),
      [],
    );
    expect(error.kind).toBe('rate_limited');
    expect(error.message).toBe(`HubSpot rate limit reached (${policyName})`);
    expect(error.details.policyName).toBe(policyName);
    expect(error.details.retryAfterMs).toBe(retryAfterMs);
  });

  it('cuts a long HubSpot message to one short line', () => {
    const error = crmErrorFrom(json(400, { message: `line one\nline two ${'x'.repeat(1000)}` }), []);
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(360);
  });
});

describe('malformed answers', () => {
  const malformed: [string, HttpResponse][] = [
    ['not JSON', raw(200, '<html>oops</html>')],
    ['a JSON array', raw(200, '[1,2]')],
    ['a JSON string', raw(200, '"ok"')],
    ['results that are not a list', json(200, { results: { a: 1 } })],
    ['truncated JSON', raw(200, '{"results":[{"id":"1"')],
  ];
  it.each(malformed)('%s becomes invalid_response for every read and write', (_, response) => {
    for (const [name, action] of everyMethod(answeringAll(response))) {
      const error = thrown(action);
      expect([name, error instanceof CrmError && error.kind]).toEqual([name, 'invalid_response']);
      expect((error as CrmError).message.length).toBeLessThan(100);
    }
  });

  it('any JSON HubSpot might send gives a result or a CrmError, never another error', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(200, 201, 207, 404),
        fc.oneof(
          fc.jsonValue(),
          fc.dictionary(
            fc.constantFrom('results', 'id', 'properties', 'paging', 'errors', 'to'),
            fc.jsonValue(),
          ),
        ),
        (status, body) => {
          for (const [, action] of everyMethod(answeringAll(json(status, body)))) {
            try {
              action();
            } catch (error) {
              if (!(error instanceof CrmError)) throw error;
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the token never appears in an error', () => {
  // HubSpot echoing the credential in its message is the worst case the adapter must still contain.
  const echo = `Invalid token ${TOKEN} (Bearer ${TOKEN})`;
  const answers: HttpResponse[] = [
    json(400, { message: echo }),
    json(401, { message: echo }),
    json(403, {
      message: echo,
      category: 'MISSING_SCOPES',
      errors: [{ context: { requiredScopes: [TOKEN] } }],
    }),
    json(403, { message: echo }),
    json(404, { message: echo }),
    json(409, { message: echo }),
    json(429, { message: echo, policyName: TOKEN }),
    json(429, { message: echo, policyName: 'DAILY' }),
    json(500, { message: echo }),
    json(207, { results: [], errors: [{ message: echo }] }),
    raw(200, echo),
    raw(302, echo),
  ];

  it('in any message, detail or stack, for every method and status', () => {
    let errors = 0;
    for (const response of answers) {
      for (const [, action] of everyMethod(answeringAll(response))) {
        let error: unknown;
        try {
          action();
        } catch (e) {
          error = e;
        }
        if (error === undefined) continue;
        errors++;
        const e = error as CrmError;
        const shown = [
          String(e),
          e.message,
          e.stack ?? '',
          JSON.stringify(e),
          JSON.stringify(e.details ?? {}),
        ].join(' ');
        expect(shown).not.toContain(TOKEN);
        expect(shown).not.toContain(TOKEN.slice(8, 30));
      }
    }
    expect(errors).toBeGreaterThan(answers.length * 5);
  });
});
