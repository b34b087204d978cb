import { openSandbox, T0, V } from './sandbox-fixture';

const TASK_TO_CONTACT = [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }];
const NOTE_TO_CONTACT = [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }];

function task(overrides: Record<string, unknown> = {}, contactId = '101') {
  return {
    properties: {
      hs_timestamp: String(T0 + 86_400_000),
      hs_task_subject: 'Follow up with Ada',
      hs_task_body: 'Reply drafted; send times.',
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: 'MEDIUM',
      hs_task_type: 'EMAIL',
      hubspot_owner_id: '9001',
      ...overrides,
    },
    associations: [{ to: { id: contactId }, types: TASK_TO_CONTACT }],
  };
}

describe('HubSpot sandbox: creating records', () => {
  let env: Awaited<ReturnType<typeof openSandbox>>;
  beforeEach(async () => {
    env = await openSandbox();
  });
  afterEach(() => env.sandbox.close());

  it('batch-creates tasks associated with a contact: 201, new ids, all stored properties', async () => {
    const { status, json } = await env.call('POST', `/crm/objects/${V}/tasks/batch/create`, {
      body: { inputs: [task(), task({ hs_task_subject: 'Second' }, '102')] },
      now: T0,
    });
    expect(status).toBe(201);
    expect(json.status).toBe('COMPLETE');
    expect(json.results).toHaveLength(2);
    const [first] = json.results;
    expect(first.id).toMatch(/^\d+$/);
    expect(first.properties).toEqual({
      hs_createdate: '2026-03-02T09:00:00Z',
      hs_lastmodifieddate: '2026-03-02T09:00:00Z',
      hs_object_id: first.id,
      hs_task_body: 'Reply drafted; send times.',
      hs_task_priority: 'MEDIUM',
      hs_task_status: 'NOT_STARTED',
      hs_task_subject: 'Follow up with Ada',
      hs_task_type: 'EMAIL',
      hs_timestamp: '2026-03-03T09:00:00Z',
      hubspot_owner_id: '9001',
    });
    expect(first.createdAt).toBe('2026-03-02T09:00:00Z');

    const read = await env.call(
      'GET',
      `/crm/objects/${V}/tasks/${first.id}?properties=hs_task_subject&associations=contacts`,
    );
    expect(read.json.properties.hs_task_subject).toBe('Follow up with Ada');
    expect(read.json.associations).toEqual({
      contacts: { results: [{ id: '101', type: 'task_to_contact' }] },
    });
    const contact = await env.call('GET', `/crm/objects/${V}/contacts/101?associations=tasks`);
    expect(contact.json.associations.tasks.results).toEqual([{ id: first.id, type: 'contact_to_task' }]);
  });

  it('creates a note with its body and reads it back', async () => {
    const body = 'Lead asked for a demo next week.';
    const { status, json } = await env.call('POST', `/crm/objects/${V}/notes/batch/create`, {
      body: {
        inputs: [
          {
            properties: { hs_timestamp: '2026-03-02T09:00:00.000Z', hs_note_body: body },
            associations: [{ to: { id: 101 }, types: NOTE_TO_CONTACT }],
          },
        ],
      },
    });
    expect(status).toBe(201);
    const read = await env.call(
      'GET',
      `/crm/objects/${V}/notes/${json.results[0].id}?properties=hs_note_body`,
    );
    expect(read.json.properties.hs_note_body).toBe(body);
  });

  it('rejects a task association type that is not task->contact (999) and stores nothing', async () => {
    const bad = task();
    bad.associations[0].types = [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 999 }];
    const { status, json } = await env.call('POST', `/crm/objects/${V}/tasks/batch/create`, {
      body: { inputs: [task(), bad] },
    });
    expect(status).toBe(400);
    expect(json).toMatchObject({
      status: 'error',
      message: '999 is not a valid association type between tasks and contacts',
      category: 'VALIDATION_ERROR',
      subCategory: 'crm.associations.INVALID_ASSOCIATION_TYPE',
    });
    expect(env.sandbox.state.records.tasks).toEqual([]);
  });

  it('rejects the note->contact type on a task, and an association to a missing contact', async () => {
    const noteType = task();
    noteType.associations[0].types = NOTE_TO_CONTACT;
    const wrongType = await env.call('POST', `/crm/objects/${V}/tasks/batch/create`, {
      body: { inputs: [noteType] },
    });
    expect(wrongType.status).toBe(400);
    const missing = await env.call('POST', `/crm/objects/${V}/tasks/batch/create`, {
      body: { inputs: [task({}, '555')] },
    });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({
      message: 'One or more associations are invalid',
      context: { INVALID_OBJECT_IDS: ['CONTACT=555 is not valid'] },
    });
  });

  it('requires hs_timestamp', async () => {
    const inputs = [{ properties: { hs_task_subject: 'No due date' } }];
    const { status, json } = await env.call('POST', `/crm/objects/${V}/tasks/batch/create`, {
      body: { inputs },
    });
    expect(status).toBe(400);
    expect(json).toMatchObject({
      message: 'Error creating TASK. Some required properties were not set.',
      context: { properties: ['hs_timestamp'] },
      category: 'VALIDATION_ERROR',
    });
  });

  it('validates option values, unknown properties and the note body length in one 400', async () => {
    const invalid = task({ hs_task_priority: 'URGENT', hs_favourite_colour: 'teal' });
    const first = await env.call('POST', `/crm/objects/${V}/tasks/batch/create`, {
      body: { inputs: [invalid] },
    });
    expect(first.status).toBe(400);
    expect(first.json.message).toMatch(/^Property values were not valid: /);
    expect(first.json.errors.map((e: { code: string }) => e.code)).toEqual([
      'INVALID_OPTION',
      'PROPERTY_DOESNT_EXIST',
    ]);

    const long = { properties: { hs_timestamp: String(T0), hs_note_body: 'x'.repeat(65_537) } };
    const second = await env.call('POST', `/crm/objects/${V}/notes/batch/create`, {
      body: { inputs: [long] },
    });
    expect(second.status).toBe(400);
    expect(second.json.errors[0]).toMatchObject({
      code: 'INVALID_STRING_LENGTH',
      context: { propertyName: ['hs_note_body'] },
    });
    const exact = { properties: { hs_timestamp: String(T0), hs_note_body: 'x'.repeat(65_536) } };
    expect(
      (await env.call('POST', `/crm/objects/${V}/notes/batch/create`, { body: { inputs: [exact] } })).status,
    ).toBe(201);
  });

  it('rejects 101 inputs', async () => {
    const inputs = Array.from({ length: 101 }, () => task());
    const { status, json } = await env.call('POST', `/crm/objects/${V}/tasks/batch/create`, {
      body: { inputs },
    });
    expect(status).toBe(400);
    expect(json.message).toBe('Invalid input JSON: inputs must NOT have more than 100 items (got 101)');
  });

  it('with objectWriteTraceId on every input, creates the good ones and reports the bad in a 207', async () => {
    const inputs = [
      { ...task(), objectWriteTraceId: 'sub-1' },
      { ...task({ hs_task_status: 'MAYBE' }), objectWriteTraceId: 'sub-2' },
    ];
    const { status, json } = await env.call('POST', `/crm/objects/${V}/tasks/batch/create`, {
      body: { inputs },
    });
    expect(status).toBe(207);
    expect(json.results).toHaveLength(1);
    expect(json.results[0].objectWriteTraceId).toBe('sub-1');
    expect(json.numErrors).toBe(1);
    expect(json.errors[0]).toMatchObject({
      status: 'error',
      category: 'VALIDATION_ERROR',
      context: { objectWriteTraceId: ['sub-2'] },
    });
  });

  it('creates a contact, then refuses a second one with the same email (409)', async () => {
    const properties = {
      email: 'new.lead@example.com',
      firstname: 'New',
      lastname: 'Lead',
      hubspot_owner_id: '9002',
    };
    const created = await env.call('POST', `/crm/objects/${V}/contacts`, { body: { properties } });
    expect(created.status).toBe(201);
    expect(created.json.properties).toMatchObject({
      email: 'new.lead@example.com',
      hs_object_id: created.json.id,
    });
    const again = await env.call('POST', `/crm/objects/${V}/contacts`, {
      body: { properties: { email: 'NEW.LEAD@example.com' } },
    });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({
      message: `Contact already exists. Existing ID: ${created.json.id}`,
      category: 'CONFLICT',
    });
  });

  it('deletes a task (204); afterwards it is not found and no longer listed on the contact', async () => {
    const created = await env.call('POST', `/crm/objects/${V}/tasks/batch/create`, {
      body: { inputs: [task()] },
    });
    const id = created.json.results[0].id;
    const removed = await env.call('DELETE', `/crm/objects/${V}/tasks/${id}`);
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
    expect((await env.call('GET', `/crm/objects/${V}/tasks/${id}`)).status).toBe(404);
    const contact = await env.call('GET', `/crm/objects/${V}/contacts/101?associations=tasks`);
    expect(contact.json.associations).toBeUndefined();
  });
});
