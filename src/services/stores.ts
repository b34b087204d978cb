// Properties and Lock behind the core's ports.
import type { KeyValueStore, Lock } from '../core/ports';
import { utf8Length } from '../core/utf8';

/**
 * A Properties store read once per execution (one getProperties call) and written through: every later
 * read in the same execution is free.
 */
export class PropertiesStore implements KeyValueStore {
  private snapshot: Record<string, string> | null = null;

  constructor(private readonly properties: GoogleAppsScript.Properties.Properties) {}

  reload(): void {
    this.snapshot = null;
  }

  get(key: string): string | null {
    const all = this.load();
    return Object.prototype.hasOwnProperty.call(all, key) ? all[key] : null;
  }

  getAll(): Record<string, string> {
    return { ...this.load() };
  }

  setAll(values: Record<string, string>): void {
    if (!Object.keys(values).length) return;
    this.properties.setProperties(values);
    if (this.snapshot) Object.assign(this.snapshot, values);
  }

  /** Bytes the store holds (keys and values, as the 500 KB limit counts them), or null if not read yet. */
  loadedBytes(): number | null {
    if (!this.snapshot) return null;
    let total = 0;
    for (const key of Object.keys(this.snapshot)) total += utf8Length(key) + utf8Length(this.snapshot[key]);
    return total;
  }

  delete(key: string): void {
    this.properties.deleteProperty(key);
    if (this.snapshot) delete this.snapshot[key];
  }

  private load(): Record<string, string> {
    if (!this.snapshot) this.snapshot = this.properties.getProperties();
    return this.snapshot;
  }
}

export class ScriptLock implements Lock {
  private held = false;
  constructor(private readonly lock: GoogleAppsScript.Lock.Lock) {}
  tryLock(timeoutMs: number): boolean {
    this.held = this.lock.tryLock(timeoutMs);
    return this.held;
  }
  release(): void {
    if (this.held) this.lock.releaseLock();
    this.held = false;
  }
}
