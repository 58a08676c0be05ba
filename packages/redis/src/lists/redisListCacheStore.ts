import type { ListCacheEntry, ListCacheStore } from '@org/mcp-core';
import type { RedisCacheStoreOptions } from '../cache/cacheStoreOptions.js';
import { RedisJsonCache } from '../cache/redisJsonCache.js';
import { resolveStoreOptions } from '../connection/storeOptions.js';

export const REDIS_LIST_CACHE_STORE_DEFAULTS = {
  /** One cached list, every page of it. */
  maxValueBytes: 4 * 1024 * 1024,
} as const;

export interface RedisListCacheStoreOptions extends RedisCacheStoreOptions {
  /** The clock, in epoch ms (the entries' `expiresAt` is one). */
  now?: (() => number) | undefined;
}

/**
 * Core's list cache (`ClientOptions.listCache`, the 2026-07-28 `ttlMs` and `cacheScope`) in Redis:
 * each entry expires in Redis when the server said it goes stale, so replicas share fresh lists
 * and never serve a stale one. Private entries arrive keyed by their caller's partition already.
 */
export class RedisListCacheStore implements ListCacheStore {
  private readonly cache: RedisJsonCache;
  private readonly now: () => number;

  constructor(options: RedisListCacheStoreOptions) {
    const resolved = resolveStoreOptions(
      'RedisListCacheStore',
      options,
      REDIS_LIST_CACHE_STORE_DEFAULTS.maxValueBytes,
    );
    this.cache = new RedisJsonCache(resolved, 'list', options.logger);
    this.now = options.now ?? Date.now;
  }

  async get(key: string): Promise<ListCacheEntry | undefined> {
    const entry = (await this.cache.get(key)) as ListCacheEntry | undefined;
    if (!entry || !Array.isArray(entry.items) || !(entry.expiresAt > this.now())) return undefined;
    return entry;
  }

  set(key: string, entry: ListCacheEntry): Promise<void> {
    return this.cache.set(key, entry, entry.expiresAt - this.now());
  }

  delete(key: string): Promise<void> {
    return this.cache.delete(key);
  }
}
