// Issue "Ready for a real team", item 13: property values over 9 KB fail. Templates of up to 20,000
// characters are stored in chunks that each fit, against the Properties fake that enforces the limit.
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import type { Template } from '../../src/core/templates';
import {
  fitsOneProperty,
  readTeamConfig,
  TEMPLATES_KEY,
  writeTemplates,
} from '../../src/services/settings-store';
import { PropertiesStore } from '../../src/services/stores';
import {
  FakePropertiesService,
  PROPERTY_ENTRY_LIMIT_BYTES,
  PropertyStores,
} from '../../tools/workbench/fakes/properties';
import { CallLedger, SimClock } from '../../tools/workbench/runtime';

function scriptStore(stores = new PropertyStores()) {
  const ledger = new CallLedger(new SimClock(Date.UTC(2026, 2, 10)));
  const service = new FakePropertiesService({ ledger, stores, userEmail: 'admin@northwind.example' });
  return {
    stores,
    store: new PropertiesStore(
      service.getScriptProperties() as unknown as GoogleAppsScript.Properties.Properties,
    ),
  };
}

const long = (id: string, char: string): Template => ({
  id,
  name: `Long ${id}`,
  subject: 'Hello {{firstName}}',
  body: `Dear {{firstName}},\n${char.repeat(19_900)}`,
});

describe('templates in script properties', () => {
  it('keeps templates of 20,000 characters (also multi-byte) in chunks that each fit 9 KB', () => {
    const { stores, store } = scriptStore();
    const templates = [long('a', 'x'), long('b', 'é'), long('c', '日')];
    writeTemplates(store, templates);
    for (const [key, value] of stores.script)
      expect(Buffer.byteLength(key) + Buffer.byteLength(value)).toBeLessThanOrEqual(
        PROPERTY_ENTRY_LIMIT_BYTES,
      );
    const again = scriptStore(stores).store;
    expect(readTeamConfig(again).templates).toEqual(templates);
  });

  it('deletes chunks a longer earlier version left, one by one, and keeps every other property', () => {
    const { stores, store } = scriptStore();
    writeTemplates(store, [long('a', 'x'), long('b', 'y')]);
    const chunksBefore = Number(stores.script.get(TEMPLATES_KEY));
    stores.script.set('hubspot.token', 'pat-na1-written-meanwhile');
    writeTemplates(store, DEFAULT_TEMPLATES);
    expect(stores.script.get(TEMPLATES_KEY)).toBe('1');
    for (let i = 1; i < chunksBefore; i++) expect(stores.script.has(`${TEMPLATES_KEY}.${i}`)).toBe(false);
    expect(stores.script.get('hubspot.token')).toBe('pat-na1-written-meanwhile');
    expect(readTeamConfig(scriptStore(stores).store).templates).toEqual(DEFAULT_TEMPLATES);
  });

  it('still reads templates stored the old way, as one JSON value', () => {
    const { stores } = scriptStore();
    stores.script.set(TEMPLATES_KEY, JSON.stringify(DEFAULT_TEMPLATES.slice(0, 1)));
    expect(readTeamConfig(scriptStore(stores).store).templates).toEqual(DEFAULT_TEMPLATES.slice(0, 1));
  });

  it('tells whether a value fits one property, counting the key in UTF-8 bytes', () => {
    expect(fitsOneProperty('k', 'x'.repeat(9 * 1024 - 1))).toBe(true);
    expect(fitsOneProperty('k', 'x'.repeat(9 * 1024))).toBe(false);
    expect(fitsOneProperty('k', 'é'.repeat(4_700))).toBe(false);
  });
});
