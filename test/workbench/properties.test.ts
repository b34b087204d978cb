import fc from 'fast-check';
import {
  FakePropertiesService,
  PROPERTY_ENTRY_LIMIT_BYTES,
  PROPERTY_QUOTA_MESSAGE,
  PROPERTY_STORE_LIMIT_BYTES,
  PropertyStores,
} from '../../tools/workbench/fakes/properties';
import { CallLedger, SimClock } from '../../tools/workbench/runtime';

function setup(userEmail = 'ana@example.com', documentId?: string) {
  const ledger = new CallLedger(new SimClock(Date.UTC(2025, 0, 6, 9)));
  const stores = new PropertyStores();
  const service = new FakePropertiesService({ ledger, stores, userEmail, documentId });
  return { ledger, stores, service };
}

test('properties round-trip as strings and persist across executions over the same stores', () => {
  const { ledger, stores, service } = setup();
  const props = service.getScriptProperties();
  props.setProperty('watermark', 42 as unknown as string).setProperties({ a: '1', b: '2' });
  expect(props.getProperty('watermark')).toBe('42');
  expect(props.getProperty('missing')).toBeNull();
  expect(props.getKeys().sort()).toEqual(['a', 'b', 'watermark']);
  // A later execution builds a new service over the same stores and sees the same data.
  const later = new FakePropertiesService({ ledger, stores, userEmail: 'ana@example.com' });
  expect(later.getScriptProperties().getProperties()).toEqual({ watermark: '42', a: '1', b: '2' });
  later.getScriptProperties().deleteProperty('a');
  expect(props.getKeys().sort()).toEqual(['b', 'watermark']);
  props.deleteAllProperties();
  expect(later.getScriptProperties().getProperties()).toEqual({});
});

test('user stores are per user; the script store is shared; no document store outside a document', () => {
  const { ledger, stores, service } = setup('ana@example.com');
  service.getUserProperties().setProperty('token', 'ana-secret');
  service.getScriptProperties().setProperty('shared', 'yes');
  const bob = new FakePropertiesService({ ledger, stores, userEmail: 'bob@example.com' });
  expect(bob.getUserProperties().getProperty('token')).toBeNull();
  expect(bob.getScriptProperties().getProperty('shared')).toBe('yes');
  expect(service.getDocumentProperties()).toBeNull();
  const inDoc = setup('ana@example.com', 'doc-1').service.getDocumentProperties();
  expect(inDoc?.setProperty('k', 'v').getProperty('k')).toBe('v');
});

test('setProperties with deleteAllOthers replaces the whole store', () => {
  const props = setup().service.getScriptProperties();
  props.setProperties({ a: '1', b: '2' });
  props.setProperties({ c: '3' }, true);
  expect(props.getProperties()).toEqual({ c: '3' });
});

test('an entry of 9 KB (key + value, UTF-8 bytes) fits; one byte more is refused with the quota message', () => {
  const props = setup().service.getScriptProperties();
  const key = 'k';
  props.setProperty(key, 'x'.repeat(PROPERTY_ENTRY_LIMIT_BYTES - 1));
  expect(() => props.setProperty(key, 'x'.repeat(PROPERTY_ENTRY_LIMIT_BYTES))).toThrow(
    PROPERTY_QUOTA_MESSAGE,
  );
  // Multi-byte characters count as bytes: 'é' is two.
  expect(() => props.setProperty(key, 'é'.repeat(PROPERTY_ENTRY_LIMIT_BYTES / 2))).toThrow(
    PROPERTY_QUOTA_MESSAGE,
  );
  expect(props.getProperty(key)).toHaveLength(PROPERTY_ENTRY_LIMIT_BYTES - 1);
});

test('a store holds 500 KB; the write that would pass it fails and changes nothing', () => {
  const props = setup().service.getScriptProperties();
  const value = 'v'.repeat(8_000);
  let written = 0;
  expect(() => {
    for (;;) {
      props.setProperty(`key${String(written).padStart(3, '0')}`, value);
      written++;
    }
  }).toThrow(PROPERTY_QUOTA_MESSAGE);
  expect(written).toBe(Math.floor(PROPERTY_STORE_LIMIT_BYTES / (8_000 + 6)));
  expect(props.getKeys()).toHaveLength(written);
  // Overwriting an existing key counts its new size only.
  props.setProperty('key000', 'small');
  props.setProperty('key999', value);
  // A batch with one oversized entry writes none of them.
  expect(() => props.setProperties({ fresh: 'ok', big: 'x'.repeat(10_000) })).toThrow(PROPERTY_QUOTA_MESSAGE);
  expect(props.getProperty('fresh')).toBeNull();
});

test('whatever is stored within the limits reads back unchanged', () => {
  const props = setup().service.getScriptProperties();
  fc.assert(
    fc.property(
      fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ maxLength: 200 })),
      (values) => {
        props.setProperties(values, true);
        expect(props.getProperties()).toEqual({ ...values });
      },
    ),
    { numRuns: 300 },
  );
});

test('each call is one round trip charged its modelled latency on the simulated clock', () => {
  const { ledger, service } = setup();
  const start = ledger.clock.now();
  const props = service.getScriptProperties();
  props.getProperties();
  props.setProperties({ a: '1' });
  props.setProperty('b', '2');
  expect(ledger.roundTrips().map((c) => [c.method, c.latencyMs])).toEqual([
    ['getProperties', 30],
    ['setProperties', 70],
    ['setProperty', 70],
  ]);
  expect(ledger.clock.now() - start).toBe(170);
});
