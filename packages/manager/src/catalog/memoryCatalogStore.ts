import type { CatalogEntry, CatalogStore } from './catalogStore.js';

/** A catalog kept for the life of the process (structuredClone in and out: a caller cannot change an entry). */
export class MemoryCatalogStore implements CatalogStore {
  private readonly entries = new Map<string, CatalogEntry>();

  async get(key: string): Promise<CatalogEntry | undefined> {
    const entry = this.entries.get(key);
    return entry && structuredClone(entry);
  }

  async set(key: string, entry: CatalogEntry): Promise<void> {
    this.entries.set(key, structuredClone(entry));
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
}
