import type { Logger } from '@org/mcp-core';
import type { RedisStoreOptions } from '../connection/storeOptions.js';

/** What the cache stores (catalog, lists, eras) take besides the connection. */
export interface RedisCacheStoreOptions extends RedisStoreOptions {
  /** Hears of a Redis failure or a bad value, which the store then bypasses. Default: silent. */
  logger?: Logger | undefined;
}
