import type { EraChoice, EraStore } from '@org/mcp-core';
import type { RedisCacheStoreOptions } from '../cache/cacheStoreOptions.js';
import { expiringJsonCache } from '../cache/expiringJsonCache.js';
import type { RedisJsonCache } from '../cache/redisJsonCache.js';

export const REDIS_ERA_STORE_DEFAULTS = {
  /** How long an answer is kept (a day): a server that changes era is probed again after it at the latest. */
  ttlMs: 24 * 60 * 60 * 1000,
  maxValueBytes: 1024,
} as const;

export interface RedisEraStoreOptions extends RedisCacheStoreOptions {
  /** Default a day. */
  ttlMs?: number | undefined;
}

/**
 * Core's era store (`ClientOptions.eraStore`) in Redis: which protocol era and revision each server
 * speaks, so a replica that starts cold skips the probe its peers already made. A remembered answer
 * that fails is deleted by the client, so every replica probes again.
 */
export class RedisEraStore implements EraStore {
  private readonly cache: RedisJsonCache;
  private readonly ttlMs: number;

  constructor(options: RedisEraStoreOptions) {
    ({ cache: this.cache, ttlMs: this.ttlMs } = expiringJsonCache(
      'RedisEraStore',
      'era',
      options,
      REDIS_ERA_STORE_DEFAULTS,
    ));
  }

  async get(key: string): Promise<EraChoice | undefined> {
    const choice = (await this.cache.get(key)) as Partial<EraChoice> | undefined;
    const known =
      (choice?.era === 'modern' || choice?.era === 'handshake') && typeof choice.version === 'string';
    return known ? (choice as EraChoice) : undefined;
  }

  set(key: string, choice: EraChoice): Promise<void> {
    return this.cache.set(key, { era: choice.era, version: choice.version }, this.ttlMs);
  }

  delete(key: string): Promise<void> {
    return this.cache.delete(key);
  }
}
