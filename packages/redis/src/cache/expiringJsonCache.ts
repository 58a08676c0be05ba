import { countIssues, resolveStoreOptions } from '../connection/storeOptions.js';
import type { RedisCacheStoreOptions } from './cacheStoreOptions.js';
import { RedisJsonCache } from './redisJsonCache.js';

/** A cache store whose entries all live `ttlMs` after their last write (the catalog, the eras). */
export interface ExpiringJsonCache {
  cache: RedisJsonCache;
  ttlMs: number;
}

/** Checks a store's options (`ttlMs` among them; CONFIG_INVALID naming each bad one) and opens its cache. */
export function expiringJsonCache(
  store: string,
  kind: string,
  options: RedisCacheStoreOptions & { ttlMs?: number | undefined },
  defaults: { ttlMs: number; maxValueBytes: number },
): ExpiringJsonCache {
  const issues = countIssues(store, { ttlMs: options.ttlMs });
  const resolved = resolveStoreOptions(store, options, defaults.maxValueBytes, issues);
  return {
    cache: new RedisJsonCache(resolved, kind, options.logger),
    ttlMs: options.ttlMs ?? defaults.ttlMs,
  };
}
