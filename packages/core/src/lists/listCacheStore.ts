/** Who may reuse a cached list (2026-07-28 `cacheScope`): anyone, or only the same authorization context. */
export type CacheScope = 'public' | 'private';

/** One cached list (every page of it), as a store holds it. */
export interface ListCacheEntry {
  /** The listed items (tools, prompts, resources), every page. */
  items: unknown[];
  /** Epoch ms (`Date.now()`) until which the list is fresh. */
  expiresAt: number;
  cacheScope: CacheScope;
}

/**
 * Where cached list results live. Pass one store to several clients (or back it by Redis, a file …)
 * to share lists across clients or processes. Keys name the server, the protocol revision, the method,
 * the scope and, for private results, the caller's partition. A method may return a promise; a store
 * that throws or rejects is logged and bypassed, never failing a call.
 */
export interface ListCacheStore {
  get(key: string): ListCacheEntry | undefined | Promise<ListCacheEntry | undefined>;
  set(key: string, entry: ListCacheEntry): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

/**
 * The caller's authorization context for `private` results: a string, or a function asked at each
 * list call (an access token's subject, a tenant id …). Undefined: private results stay in the client.
 */
export type CachePartition = string | (() => string | undefined);

/** The default store: a bounded in-memory map; expired entries are dropped when read. */
export class MemoryListCacheStore implements ListCacheStore {
  private readonly entries = new Map<string, ListCacheEntry>();

  constructor(private readonly maxEntries = 1000) {}

  get(key: string): ListCacheEntry | undefined {
    const entry = this.entries.get(key);
    if (entry && Date.now() >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: ListCacheEntry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    // The oldest entry goes first: Map keeps insertion order.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
