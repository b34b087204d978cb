// PropertiesService fake (https://developers.google.com/apps-script/guides/properties). Stores live in a
// PropertyStores object that outlives executions, as Apps Script's do; each call is a round trip.
//
// Limits: the documented ones (https://developers.google.com/apps-script/guides/services/quotas):
// 9 KB per value and 500 KB per store. Measurements show the real service is looser (a 1-byte key can
// hold a value of 524,287 bytes; a key can reach 8,066 bytes; keys count toward the total:
// https://tanaikech.github.io/2023/05/22/report-specification-of-properties-service-for-google-apps-script/),
// so we enforce the documented figures, counting key + value in UTF-8 bytes: code that fits here fits
// there. Apps Script reports an oversized write with the storage-quota message below (seen by users both
// for one large value and for a full store).
import { latencyOf } from '../latency';
import type { CallLedger } from '../runtime';

export const PROPERTY_ENTRY_LIMIT_BYTES = 9 * 1024;
export const PROPERTY_STORE_LIMIT_BYTES = 500 * 1024;
export const PROPERTY_QUOTA_MESSAGE =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

type Store = Map<string, string>;

/** Every property store of one script, kept across executions. */
export class PropertyStores {
  readonly script: Store = new Map();
  private readonly users = new Map<string, Store>();
  private readonly documents = new Map<string, Store>();

  user(email: string): Store {
    return storeIn(this.users, email);
  }

  document(documentId: string): Store {
    return storeIn(this.documents, documentId);
  }
}

function storeIn(stores: Map<string, Store>, key: string): Store {
  let store = stores.get(key);
  if (!store) {
    store = new Map();
    stores.set(key, store);
  }
  return store;
}

function entryBytes(key: string, value: string): number {
  return Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
}

/** One property store as the script sees it. */
export class FakeProperties implements GoogleAppsScript.Properties.Properties {
  constructor(
    private readonly ledger: CallLedger,
    private readonly store: Store,
  ) {}

  private charge(method: string): void {
    this.ledger.charge('PropertiesService', method, latencyOf('PropertiesService', method));
  }

  getProperty(key: string): string | null {
    this.charge('getProperty');
    return this.store.get(String(key)) ?? null;
  }

  getProperties(): { [key: string]: string } {
    this.charge('getProperties');
    return Object.fromEntries(this.store);
  }

  getKeys(): string[] {
    this.charge('getKeys');
    return [...this.store.keys()];
  }

  setProperty(key: string, value: string): FakeProperties {
    this.charge('setProperty');
    this.write(new Map([[String(key), String(value)]]), false);
    return this;
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): FakeProperties {
    this.charge('setProperties');
    const entries = Object.entries(properties).map(([key, value]): [string, string] => [key, String(value)]);
    this.write(new Map(entries), deleteAllOthers);
    return this;
  }

  deleteProperty(key: string): FakeProperties {
    this.charge('deleteProperty');
    this.store.delete(String(key));
    return this;
  }

  deleteAllProperties(): FakeProperties {
    this.charge('deleteAllProperties');
    this.store.clear();
    return this;
  }

  /** All or nothing: a write that breaks a limit leaves the store as it was. */
  private write(entries: Map<string, string>, deleteAllOthers: boolean): void {
    const next = new Map(deleteAllOthers ? [] : this.store);
    for (const [key, value] of entries) {
      if (entryBytes(key, value) > PROPERTY_ENTRY_LIMIT_BYTES) throw new Error(PROPERTY_QUOTA_MESSAGE);
      next.set(key, value);
    }
    let total = 0;
    for (const [key, value] of next) total += entryBytes(key, value);
    if (total > PROPERTY_STORE_LIMIT_BYTES) throw new Error(PROPERTY_QUOTA_MESSAGE);
    this.store.clear();
    for (const [key, value] of next) this.store.set(key, value);
  }
}

export interface PropertiesServiceOptions {
  ledger: CallLedger;
  stores: PropertyStores;
  /** Whose user store getUserProperties opens. */
  userEmail: string;
  /** The open document, if any; Gmail and Calendar add-ons have none. */
  documentId?: string | null;
}

export class FakePropertiesService implements Pick<
  GoogleAppsScript.Properties.PropertiesService,
  'getScriptProperties' | 'getUserProperties'
> {
  constructor(private readonly options: PropertiesServiceOptions) {}

  getScriptProperties(): FakeProperties {
    return new FakeProperties(this.options.ledger, this.options.stores.script);
  }

  getUserProperties(): FakeProperties {
    return new FakeProperties(this.options.ledger, this.options.stores.user(this.options.userEmail));
  }

  /** Null outside a document, as for a Gmail add-on (the type says Properties; the service returns null). */
  getDocumentProperties(): FakeProperties | null {
    const { documentId } = this.options;
    return documentId
      ? new FakeProperties(this.options.ledger, this.options.stores.document(documentId))
      : null;
  }
}
