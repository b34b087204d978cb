// A small HubSpot account for the sandbox tests, and a fetch helper that speaks to it like a client would.
import { CRM_VERSION } from '../../tools/sandbox/api-version';
import { startSandbox } from '../../tools/sandbox/server';
import type { RunningSandbox, SandboxOptions } from '../../tools/sandbox/server';
import type { SandboxSeed } from '../../tools/sandbox/types';

export const V = CRM_VERSION;
export const PORTAL = 4_242_001;
export const FULL = 'pat-na1-full';
export const READ_ONLY = 'pat-na1-contacts-read';
/** A service key with every scope: a Bearer credential the private-app token-info endpoint does not know. */
export const SERVICE_KEY = 'svc-na1-full';
/** 2026-03-02T09:00:00Z, a Monday. */
export const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

export const FULL_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.deals.read',
  'crm.objects.owners.read',
  'forms',
];

export function testSeed(): SandboxSeed {
  return {
    portalId: PORTAL,
    now: T0 - 86_400_000,
    tokens: {
      [FULL]: { portalId: PORTAL, scopes: FULL_SCOPES, appId: 77, userId: 501 },
      [READ_ONLY]: { portalId: PORTAL, scopes: ['crm.objects.contacts.read'] },
      [SERVICE_KEY]: { portalId: PORTAL, scopes: FULL_SCOPES, kind: 'service-key' },
    },
    contacts: [
      {
        id: '101',
        properties: {
          email: 'Ada.Lovelace@Analytical.example',
          firstname: 'Ada',
          lastname: 'Lovelace',
          jobtitle: 'Head of Engines',
          hubspot_owner_id: '9001',
          lifecyclestage: 'lead',
          phone: null,
        },
      },
      { id: '102', properties: { email: 'grace@navy.example', firstname: 'Grace', lastname: 'Hopper' } },
      { id: '103', properties: { email: 'alan@bletchley.example', firstname: 'Alan' } },
    ],
    companies: [
      {
        id: '201',
        properties: { name: 'Analytical Engines Ltd', domain: 'analytical.example', industry: 'Computing' },
      },
      { id: '202', properties: { name: 'Difference Works', domain: 'difference.example' } },
    ],
    deals: [
      {
        id: '301',
        properties: { dealname: 'Engine No. 2', dealstage: 'appointmentscheduled', amount: '12000' },
      },
    ],
    owners: [
      { id: '9001', email: 'sam@seller.example', firstName: 'Sam', lastName: 'Seller', userId: 7001 },
      { id: '9002', email: 'rita@seller.example', firstName: 'Rita', lastName: 'Rep', userId: 7002 },
    ],
    associations: [
      { fromType: 'contacts', fromId: '101', toType: 'companies', toId: '201', typeIds: [1] },
      { fromType: 'contacts', fromId: '101', toType: 'companies', toId: '202' },
      { fromType: 'contacts', fromId: '101', toType: 'deals', toId: '301' },
    ],
    forms: {
      'form-guid-1': Array.from({ length: 45 }, (_, i) => ({
        conversionId: `conv-${String(i).padStart(2, '0')}`,
        submittedAt: T0 - (45 - i) * 60_000,
        values: [
          { name: 'email', value: `lead${i}@example.com` },
          { name: 'firstname', value: `Lead${i}` },
        ],
        pageUrl: 'https://example.com/contact',
      })),
      'form-guid-empty': [],
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty body. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

function parseOrNull(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/** A started sandbox and a client for it; close it in afterAll/afterEach. */
export async function openSandbox(overrides: Partial<SandboxOptions> = {}) {
  const sandbox: RunningSandbox = await startSandbox({ seed: testSeed(), ...overrides });
  async function call(
    method: string,
    path: string,
    options: { token?: string | null; body?: unknown; now?: number; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? FULL : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (options.now !== undefined) headers['x-workbench-now'] = String(options.now);
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${sandbox.url}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: parseOrNull(text), text };
  }
  return { sandbox, call };
}
