// A small account for `npm run sandbox` when no seed file is given: two contacts (one with a primary
// company and a deal), an owner, and a form with three submissions.
import type { SandboxSeed } from './types';

export const DEMO_TOKEN = 'pat-sandbox-demo';
export const DEMO_FORM_GUID = '5b0f4f0e-6c1a-4a57-9d7e-0a1b2c3d4e5f';

export function demoSeed(now: number = Date.now()): SandboxSeed {
  const minute = 60_000;
  return {
    portalId: 1_234_567,
    now: now - 30 * 86_400_000,
    tokens: {
      [DEMO_TOKEN]: {
        portalId: 1_234_567,
        scopes: [
          'crm.objects.contacts.read',
          'crm.objects.contacts.write',
          'crm.objects.companies.read',
          'crm.objects.deals.read',
          'crm.objects.owners.read',
          'forms',
        ],
      },
    },
    contacts: [
      {
        id: '51',
        properties: {
          email: 'jordan.lee@northwind.example',
          firstname: 'Jordan',
          lastname: 'Lee',
          jobtitle: 'Operations Director',
          lifecyclestage: 'salesqualifiedlead',
          hubspot_owner_id: '801',
          hs_timezone: 'europe_slash_london',
        },
      },
      { id: '52', properties: { email: 'priya@contoso.example', firstname: 'Priya', lastname: 'Shah' } },
    ],
    companies: [
      {
        id: '61',
        properties: { name: 'Northwind Traders', domain: 'northwind.example', numberofemployees: '240' },
      },
    ],
    deals: [
      {
        id: '71',
        properties: { dealname: 'Northwind rollout', dealstage: 'qualifiedtobuy', amount: '48000' },
      },
    ],
    owners: [{ id: '801', email: 'sales@example.com', firstName: 'Casey', lastName: 'Quinn', userId: 9101 }],
    associations: [
      { fromType: 'contacts', fromId: '51', toType: 'companies', toId: '61', typeIds: [1] },
      { fromType: 'contacts', fromId: '51', toType: 'deals', toId: '71' },
    ],
    forms: {
      [DEMO_FORM_GUID]: [1, 2, 3].map((n) => ({
        conversionId: `demo-conversion-${n}`,
        submittedAt: now - n * 45 * minute,
        values: [
          { name: 'email', value: `visitor${n}@example.org` },
          { name: 'firstname', value: `Visitor ${n}` },
          { name: 'message', value: 'Could we talk next week?' },
        ],
        pageUrl: 'https://www.example.com/contact-us',
      })),
    },
  };
}
