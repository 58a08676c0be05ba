// The public API of @org/mcp-redis: everything below is exported on purpose; nothing else is.

export type { RedisCacheStoreOptions } from './cache/cacheStoreOptions.js';
export {
  REDIS_CATALOG_STORE_DEFAULTS,
  RedisCatalogStore,
  type RedisCatalogStoreOptions,
} from './catalog/redisCatalogStore.js';
export { DEFAULT_COMMAND_TIMEOUT_MS } from './connection/redisCall.js';
export type { RedisConnection, ScriptArguments } from './connection/redisConnection.js';
export { DEFAULT_KEY_PREFIX } from './connection/redisKeys.js';
export type { RedisStoreOptions } from './connection/storeOptions.js';
export { REDIS_ERA_STORE_DEFAULTS, RedisEraStore, type RedisEraStoreOptions } from './era/redisEraStore.js';
export {
  REDIS_LIST_CACHE_STORE_DEFAULTS,
  RedisListCacheStore,
  type RedisListCacheStoreOptions,
} from './lists/redisListCacheStore.js';
export {
  REDIS_TOKEN_STORE_DEFAULTS,
  RedisTokenStore,
  type RedisTokenStoreOptions,
} from './tokens/redisTokenStore.js';
