// The HubSpot adapter against the sandbox, for what only a faithful HubSpot shows: paging, computed
// properties, pipelines, secondary emails (issue 14, items 16, 18, 19).
import { runCall } from '../../src/core/http';
import { activityMarker, markerLine } from '../../src/core/markers';
import { HubSpotCrm } from '../../src/services/hubspot/hubspot-crm';
import { ASSOCIATIONS_PAGE_SIZE } from '../../tools/sandbox/routes/associations';
import type { SandboxSeed, SeedObject } from '../../tools/sandbox/types';
import { FULL, testSeed } from '../sandbox/sandbox-fixture';
import { sandboxHttp } from './sandbox-http';
import type { SandboxHttp } from './sandbox-http';

jest.setTimeout(30_000);

function open(seed: SandboxSeed): { http: SandboxHttp; crm: HubSpotCrm } {
  const http = sandboxHttp({ seed });
  return { http, crm: new HubSpotCrm(http, FULL, { baseUrl: http.url }) };
}

describe("crash recovery finds its marker on any page of a contact's tasks and notes", () => {
  let env: ReturnType<typeof open>;
  const count = ASSOCIATIONS_PAGE_SIZE + 20;
  beforeAll(() => {
    const seed = testSeed();
    const manual = (i: number, body: string): SeedObject => ({
      id: String(5000 + i),
      properties: { hs_timestamp: '2026-02-01T09:00:00Z', [body]: `Call back ${i}` },
    });
    // The contact's older activity fills the first page; the add-on's task and note come last.
    seed.tasks = Array.from({ length: count }, (_, i) => manual(i, 'hs_task_body'));
    seed.tasks.push({
      id: '9000',
      properties: {
        hs_timestamp: '2026-03-02T09:00:00Z',
        hs_task_body: `Reply<br>${markerLine('conv-late')}`,
      },
    });
    seed.notes = Array.from({ length: count }, (_, i) => manual(i, 'hs_note_body'));
    seed.notes.push({
      id: '9001',
      properties: { hs_timestamp: '2026-03-02T09:00:00Z', hs_note_body: markerLine('conv-late') },
    });
    seed.associations = [
      ...(seed.associations ?? []),
      ...[...seed.tasks, ...seed.notes].map((record) => ({
        fromType: 'contacts' as const,
        fromId: '102',
        toType: (seed.tasks?.includes(record) ? 'tasks' : 'notes') as 'tasks' | 'notes',
        toId: record.id,
      })),
    ];
    env = open(seed);
  });
  afterAll(() => env.http.stop());

  it('pages through the associations and reads the marker on the second page', () => {
    const markers = env.crm.activityMarkers(['102', '103']);
    expect(markers.tasks.get(activityMarker('conv-late'))).toBe('9000');
    expect(markers.notes.get(activityMarker('conv-late'))).toBe('9001');
    // First pages of tasks and notes together, their second pages together, then the bodies.
    expect(env.http.rounds).toHaveLength(3);
    const second = env.http.rounds[1].map((r) => JSON.parse(r.payload as string).inputs);
    expect(second).toEqual([
      [{ id: '102', after: expect.any(String) }],
      [{ id: '102', after: expect.any(String) }],
    ]);
  });
});

describe('a contact known by a secondary email', () => {
  let env: ReturnType<typeof open>;
  beforeAll(() => {
    const seed = testSeed();
    seed.contacts?.push({
      id: '104',
      properties: { email: 'kat@work.example', firstname: 'Kat', hs_additional_emails: 'kat@home.example' },
    });
    env = open(seed);
  });
  afterAll(() => env.http.stop());

  it('is missed by the primary lookups and found by the secondary search', () => {
    const { crm, http } = env;
    expect(runCall(http, crm.lookupLead('kat@home.example')).contact).toBeNull();
    expect(runCall(http, crm.contactsByEmail(['kat@home.example'])).size).toBe(0);
    const found = runCall(http, crm.contactsBySecondaryEmail(['Kat@Home.example', 'grace@navy.example']));
    expect([...found.keys()]).toEqual(['kat@home.example']);
    expect(found.get('kat@home.example')).toMatchObject({
      id: '104',
      email: 'kat@work.example',
      firstName: 'Kat',
    });
  });
});
