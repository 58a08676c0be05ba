import { CATALOG_VERSION, type CatalogEntry, type CatalogStore } from '@org/mcp-manager';
import type { RedisCacheStoreOptions } from '../cache/cacheStoreOptions.js';
import { expiringJsonCache } from '../cache/expiringJsonCache.js';
import type { RedisJsonCache } from '../cache/redisJsonCache.js';

export const REDIS_CATALOG_STORE_DEFAULTS = {
  /** How long an entry is kept after its last write (7 days): a server no replica starts any more goes. */
  ttlMs: 7 * 24 * 60 * 60 * 1000,
  /** One server's lists. */
  maxValueBytes: 4 * 1024 * 1024,
} as const;

export interface RedisCatalogStoreOptions extends RedisCacheStoreOptions {
  /** Default 7 days. */
  ttlMs?: number | undefined;
}

/**
 * The manager's catalog of servers (their tools, resources, templates, prompts and protocol version)
 * in Redis, so a replica that starts cold lists a lazy server without starting it. A cache: Redis
 * down, an entry too large or of another version is no entry, logged, never an error.
 */
export class RedisCatalogStore implements CatalogStore {
  private readonly cache: RedisJsonCache;
  private readonly ttlMs: number;

  constructor(options: RedisCatalogStoreOptions) {
    ({ cache: this.cache, ttlMs: this.ttlMs } = expiringJsonCache(
      'RedisCatalogStore',
      'catalog',
      options,
      REDIS_CATALOG_STORE_DEFAULTS,
    ));
  }

  async get(key: string): Promise<CatalogEntry | undefined> {
    const entry = (await this.cache.get(key)) as Partial<CatalogEntry> | undefined;
    return entry?.version === CATALOG_VERSION ? (entry as CatalogEntry) : undefined;
  }

  set(key: string, entry: CatalogEntry): Promise<void> {
    return this.cache.set(key, entry, this.ttlMs);
  }

  delete(key: string): Promise<void> {
    return this.cache.delete(key);
  }
}
