// CacheService fake (https://developers.google.com/apps-script/reference/cache/cache). Caches outlive
// executions and expire on the simulated clock. Limits from the Cache reference: keys up to 250
// characters, values up to 100 KB, expiry 600 s by default and at most 21,600 s (6 hours), and a cap of
// 1,000 items per cache beyond which the cache keeps the 900 items farthest from expiring. The
// "Argument too large: key|value" messages are the ones Apps Script users report
// (https://github.com/joseballester/muFunds/issues/13).
import { latencyOf } from '../latency';
import type { CallLedger, SimClock } from '../runtime';

export const CACHE_KEY_LIMIT_CHARS = 250;
export const CACHE_VALUE_LIMIT_BYTES = 100 * 1024;
export const CACHE_DEFAULT_TTL_SECONDS = 600;
export const CACHE_MAX_TTL_SECONDS = 21_600;
export const CACHE_ITEM_CAP = 1_000;
export const CACHE_ITEMS_KEPT_ON_OVERFLOW = 900;

interface Entry {
  value: string;
  expiresAt: number;
}

type Store = Map<string, Entry>;

/** Every cache of one script, kept across executions. */
export class CacheStores {
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

function checkKey(key: string): string {
  const text = String(key);
  if (text.length > CACHE_KEY_LIMIT_CHARS) throw new Error('Argument too large: key');
  return text;
}

function checkValue(value: string): string {
  const text = String(value);
  if (Buffer.byteLength(text, 'utf8') > CACHE_VALUE_LIMIT_BYTES) throw new Error('Argument too large: value');
  return text;
}

function checkTtl(ttlSeconds: number): number {
  // The reference states the maximum; Apps Script's wording for a bad expiry is not documented, so this
  // message follows the pattern of the key/value errors.
  if (!Number.isFinite(ttlSeconds) || ttlSeconds < 1)
    throw new Error('Invalid argument: expirationInSeconds');
  if (ttlSeconds > CACHE_MAX_TTL_SECONDS) throw new Error('Argument too large: expirationInSeconds');
  return Math.floor(ttlSeconds);
}

export class FakeCache implements GoogleAppsScript.Cache.Cache {
  constructor(
    private readonly ledger: CallLedger,
    private readonly store: Store,
  ) {}

  private get clock(): SimClock {
    return this.ledger.clock;
  }

  private charge(method: string): void {
    this.ledger.charge('CacheService', method, latencyOf('CacheService', method));
  }

  private live(key: string): string | null {
    const entry = this.store.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.clock.now()) {
      this.store.delete(key);
      return null;
    }
    return entry.value;
  }

  get(key: string): string | null {
    this.charge('get');
    return this.live(checkKey(key));
  }

  getAll(keys: string[]): { [key: string]: string } {
    this.charge('getAll');
    const found: { [key: string]: string } = {};
    for (const key of keys.map(checkKey)) {
      const value = this.live(key);
      if (value !== null) found[key] = value;
    }
    return found;
  }

  put(key: string, value: string, expirationInSeconds = CACHE_DEFAULT_TTL_SECONDS): void {
    this.charge('put');
    this.write([[checkKey(key), checkValue(value)]], checkTtl(expirationInSeconds));
  }

  putAll(values: { [key: string]: string }, expirationInSeconds = CACHE_DEFAULT_TTL_SECONDS): void {
    this.charge('putAll');
    const ttl = checkTtl(expirationInSeconds);
    const entries = Object.entries(values).map(([key, value]): [string, string] => [
      checkKey(key),
      checkValue(value),
    ]);
    this.write(entries, ttl);
  }

  remove(key: string): void {
    this.charge('remove');
    this.store.delete(checkKey(key));
  }

  removeAll(keys: string[]): void {
    this.charge('removeAll');
    keys.map(checkKey).forEach((key) => this.store.delete(key));
  }

  private write(entries: [string, string][], ttlSeconds: number): void {
    const expiresAt = this.clock.now() + ttlSeconds * 1000;
    for (const [key, value] of entries) this.store.set(key, { value, expiresAt });
    this.evictOverCap();
  }

  private evictOverCap(): void {
    const now = this.clock.now();
    for (const [key, entry] of this.store) if (entry.expiresAt <= now) this.store.delete(key);
    if (this.store.size <= CACHE_ITEM_CAP) return;
    const byExpiry = [...this.store].sort(([, a], [, b]) => b.expiresAt - a.expiresAt);
    this.store.clear();
    for (const [key, entry] of byExpiry.slice(0, CACHE_ITEMS_KEPT_ON_OVERFLOW)) this.store.set(key, entry);
  }
}

export interface CacheServiceOptions {
  ledger: CallLedger;
  stores: CacheStores;
  userEmail: string;
  /** The open document, if any; Gmail and Calendar add-ons have none. */
  documentId?: string | null;
}

export class FakeCacheService implements GoogleAppsScript.Cache.CacheService {
  constructor(private readonly options: CacheServiceOptions) {}

  getScriptCache(): FakeCache {
    return new FakeCache(this.options.ledger, this.options.stores.script);
  }

  getUserCache(): FakeCache {
    return new FakeCache(this.options.ledger, this.options.stores.user(this.options.userEmail));
  }

  /** Null outside a document, as the reference says. */
  getDocumentCache(): FakeCache | null {
    const { documentId } = this.options;
    return documentId ? new FakeCache(this.options.ledger, this.options.stores.document(documentId)) : null;
  }
}
