import type { Logger } from '../util/logger.js';
import type { CacheScope, ListCacheEntry, ListCacheStore } from './listCacheStore.js';

/** A server's cache hint is honoured up to a day. */
export const MAX_TTL_MS = 86_400_000;

/** The list methods the client caches. */
export type ListMethod = 'tools/list' | 'prompts/list' | 'resources/list';
export const LIST_METHODS: readonly ListMethod[] = ['tools/list', 'prompts/list', 'resources/list'];

/** Which list each list_changed notification invalidates. */
export const LIST_CHANGED: ReadonlyMap<string, ListMethod> = new Map([
  ['notifications/tools/list_changed', 'tools/list'],
  ['notifications/prompts/list_changed', 'prompts/list'],
  ['notifications/resources/list_changed', 'resources/list'],
]);

/**
 * The caching hints of a whole list, folded page by page (caching.mdx, "Interaction with
 * Pagination": each page has its own ttlMs, counted from when it arrived): fresh until the first
 * page goes stale, private if any page is. ttlMs absent or negative is 0; cacheScope absent is private.
 */
export class ListHints {
  expiresAt = Number.POSITIVE_INFINITY;
  cacheScope: CacheScope = 'public';

  add(page: Record<string, unknown>): void {
    const raw = page.ttlMs;
    const ttl = typeof raw === 'number' && Number.isFinite(raw) ? Math.min(Math.max(raw, 0), MAX_TTL_MS) : 0;
    this.expiresAt = Math.min(this.expiresAt, Date.now() + ttl);
    if (page.cacheScope !== 'public') this.cacheScope = 'private';
  }
}

/** One listing: its items and, in the modern era, its hints (undefined: the server gave none). */
export interface Listing<T> {
  items: T[];
  hints: ListHints | undefined;
}

/** What every list of one client shares: the store, the server's identity and the caller's partition. */
export interface ListCacheContext {
  readonly store: ListCacheStore;
  readonly logger: Logger;
  /** The server and revision the store's keys name; undefined outside the modern era (nothing is shared). */
  serverKey(): string | undefined;
  /** The caller's authorization context for private results; undefined: none. */
  partition(): string | undefined;
}

interface Kept<T> {
  items: T[];
  expiresAt: number;
  cacheScope: CacheScope;
  partition: string | undefined;
}

/**
 * One list method's cache in one client: the last listing kept in the instance (private results
 * only for the partition they were listed for), then the shared store, then the server. One listing
 * in flight at a time per partition; a listing that started before an invalidation is handed to its
 * caller but not kept. Expiry only makes the next call list again: nothing is fetched in the background.
 */
export class CachedList<T extends { name?: string | undefined }> {
  private kept: Kept<T> | undefined;
  private byName: Map<string | undefined, T> | undefined;
  private inflight: { promise: Promise<T[]>; partition: string | undefined } | undefined;
  private generation = 0;

  /** keepWithoutHints: a listing without hints (handshake era) is kept until invalidated, else not reused. */
  constructor(
    private readonly method: ListMethod,
    private readonly context: ListCacheContext,
    private readonly keepWithoutHints: boolean,
  ) {}

  get(refresh: boolean, list: () => Promise<Listing<T>>): Promise<T[]> {
    let partition: string | undefined;
    try {
      partition = this.context.partition();
    } catch (error) {
      return Promise.reject(error);
    }
    if (!refresh) {
      const kept = this.kept;
      if (
        kept &&
        Date.now() < kept.expiresAt &&
        (kept.cacheScope === 'public' || kept.partition === partition)
      )
        return Promise.resolve(kept.items);
      if (this.inflight && this.inflight.partition === partition) return this.inflight.promise;
    }
    const promise: Promise<T[]> = this.load(refresh, partition, list).finally(() => {
      if (this.inflight?.promise === promise) this.inflight = undefined;
    });
    this.inflight = { promise, partition };
    return promise;
  }

  /** An item of the last listing, fresh or not, without listing again; undefined when not listed (yet). */
  find(name: string): T | undefined {
    if (!this.kept) return undefined;
    this.byName ??= new Map(this.kept.items.map((item) => [item.name, item]));
    return this.byName.get(name);
  }

  /** Drops the kept listing; onServer (the server said it changed): the store's entries too. */
  invalidate(onServer: boolean): void {
    this.generation++;
    this.kept = undefined;
    this.byName = undefined;
    this.inflight = undefined;
    const serverKey = onServer ? this.context.serverKey() : undefined;
    if (serverKey === undefined) return;
    let partition: string | undefined;
    try {
      partition = this.context.partition();
    } catch {
      partition = undefined;
    }
    for (const scope of ['public', 'private'] as const) {
      const key = this.keyFor(serverKey, scope, partition);
      if (key !== undefined) this.attempt('delete', () => this.context.store.delete(key));
    }
  }

  private async load(
    refresh: boolean,
    partition: string | undefined,
    list: () => Promise<Listing<T>>,
  ): Promise<T[]> {
    const generation = this.generation;
    const serverKey = this.context.serverKey();
    if (!refresh && serverKey !== undefined) {
      const shared = await this.read(serverKey, partition);
      if (shared) {
        const items = shared.items as T[];
        if (generation === this.generation) this.keep(items, shared.expiresAt, shared.cacheScope, partition);
        return items;
      }
    }
    const { items, hints } = await list();
    if (generation !== this.generation) return items;
    if (!hints) {
      this.keep(items, this.keepWithoutHints ? Number.POSITIVE_INFINITY : 0, 'private', partition);
      return items;
    }
    const { expiresAt, cacheScope } = hints;
    this.keep(items, expiresAt, cacheScope, partition);
    const key = serverKey === undefined ? undefined : this.keyFor(serverKey, cacheScope, partition);
    if (key !== undefined && Date.now() < expiresAt)
      this.attempt('set', () => this.context.store.set(key, { items, expiresAt, cacheScope }));
    return items;
  }

  /** A fresh entry of the store: the public one, else the caller's private one. */
  private async read(serverKey: string, partition: string | undefined): Promise<ListCacheEntry | undefined> {
    for (const scope of ['public', 'private'] as const) {
      const key = this.keyFor(serverKey, scope, partition);
      if (key === undefined) continue;
      try {
        const entry = await this.context.store.get(key);
        if (isFresh(entry, scope)) return entry;
      } catch (error) {
        this.warn('get', error);
        return undefined;
      }
    }
    return undefined;
  }

  private keep(items: T[], expiresAt: number, cacheScope: CacheScope, partition: string | undefined): void {
    this.kept = { items, expiresAt, cacheScope, partition };
    this.byName = undefined;
  }

  /** Private results without a partition are never put in a store, which may be shared. */
  private keyFor(serverKey: string, scope: CacheScope, partition: string | undefined): string | undefined {
    if (scope === 'public') return JSON.stringify(['mcp-list', serverKey, this.method, scope]);
    if (partition === undefined) return undefined;
    return JSON.stringify(['mcp-list', serverKey, this.method, scope, partition]);
  }

  /** Runs a store write without waiting for it; a throw or rejection is logged, never the caller's. */
  private attempt(operation: 'set' | 'delete', run: () => void | Promise<void>): void {
    try {
      const pending = run();
      if (pending && typeof pending.then === 'function')
        pending.then(undefined, (error: unknown) => this.warn(operation, error));
    } catch (error) {
      this.warn(operation, error);
    }
  }

  private warn(operation: string, error: unknown): void {
    this.context.logger.warn(
      { err: error, method: this.method, operation },
      'list cache store failed; bypassed',
    );
  }
}

function isFresh(entry: ListCacheEntry | undefined, scope: CacheScope): entry is ListCacheEntry {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    Array.isArray(entry.items) &&
    entry.cacheScope === scope &&
    typeof entry.expiresAt === 'number' &&
    Date.now() < entry.expiresAt
  );
}
