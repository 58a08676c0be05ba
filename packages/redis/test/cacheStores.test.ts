import { eraCache } from '@org/mcp-core/internal';
import { CATALOG_VERSION, type CatalogEntry } from '@org/mcp-manager';
import { MCPHttpClient } from '@org/mcp-transport-http';
import { captureLogger, startOfficialModern } from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCatalogStore, RedisEraStore, RedisListCacheStore } from '../src/index.js';
import { useRedis } from './support/redisFixture.js';

const redis = useRedis();
let prefixes = 0;
const prefix = () => `c${++prefixes}:`;

const entry: CatalogEntry = {
  version: CATALOG_VERSION,
  savedAt: '2026-12-01T00:00:00.000Z',
  protocolVersion: '2025-11-25',
  tools: [{ name: 'echo', inputSchema: { type: 'object' } }],
  resources: [],
  resourceTemplates: [],
  prompts: [],
};

describe('RedisCatalogStore', () => {
  it('shares entries between replicas, each with its ttlMs', async () => {
    const keyPrefix = prefix();
    const a = new RedisCatalogStore({ connection: redis.connection(), keyPrefix, ttlMs: 60_000 });
    const b = new RedisCatalogStore({ connection: await redis.connect(), keyPrefix });
    await a.set('fingerprint-1', entry);
    expect(await b.get('fingerprint-1')).toEqual(entry);
    expect(await b.get('fingerprint-2')).toBeUndefined();
    const [key] = await redis.connection().keys(`${keyPrefix}*`);
    expect(await redis.connection().pTTL(key as string)).toBeGreaterThan(50_000);
    await b.delete('fingerprint-1');
    expect(await a.get('fingerprint-1')).toBeUndefined();
  });

  it('takes an entry of another version, one over maxValueBytes, or Redis down for no entry, and logs it', async () => {
    const captured = captureLogger();
    const keyPrefix = prefix();
    const store = new RedisCatalogStore({
      connection: redis.connection(),
      keyPrefix,
      maxValueBytes: 2_000,
      logger: captured.logger,
    });
    await store.set('old', { ...entry, version: CATALOG_VERSION + 1 });
    expect(await store.get('old')).toBeUndefined();
    const large = {
      ...entry,
      tools: Array.from({ length: 100 }, (_, i) => ({ name: `tool-${i}`, inputSchema: {} })),
    };
    await store.set('large', large as CatalogEntry);
    expect(await store.get('large')).toBeUndefined();
    expect(captured.text()).toContain('could not write the Redis catalog cache; it is bypassed');
  });
});

describe('RedisListCacheStore', () => {
  it('keeps a list until the expiresAt the server gave, in Redis too', async () => {
    let now = 1_000_000;
    const keyPrefix = prefix();
    const store = new RedisListCacheStore({ connection: redis.connection(), keyPrefix, now: () => now });
    const list = { items: [{ name: 'a' }], expiresAt: now + 30_000, cacheScope: 'public' as const };
    await store.set('server tools/list public', list);
    await store.set('stale', { ...list, expiresAt: now - 1 });
    expect(await store.get('server tools/list public')).toEqual(list);
    expect(await store.get('stale')).toBeUndefined();
    expect(await redis.connection().keys(`${keyPrefix}*`)).toHaveLength(1);
    const [key] = await redis.connection().keys(`${keyPrefix}*`);
    const ttl = await redis.connection().pTTL(key as string);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
    now += 30_000;
    expect(await store.get('server tools/list public')).toBeUndefined();
  });

  it('logs neither the key (it may name a caller) nor the value when it bypasses itself', async () => {
    const captured = captureLogger();
    const store = new RedisListCacheStore({
      connection: redis.connection(),
      keyPrefix: prefix(),
      maxValueBytes: 100,
      logger: captured.logger,
    });
    await store.set('tenant-secret-partition', {
      items: ['x'.repeat(200)],
      expiresAt: Date.now() + 60_000,
      cacheScope: 'private',
    });
    expect(captured.lines).toHaveLength(1);
    expect(captured.text()).not.toMatch(/tenant-secret-partition|xxxx/);
  });
});

describe('RedisEraStore', () => {
  let server: Awaited<ReturnType<typeof startOfficialModern>>;
  beforeAll(async () => {
    server = await startOfficialModern();
  });
  afterAll(() => server?.close());

  it('lets a client that starts cold skip the probe its peer made', async () => {
    const keyPrefix = prefix();
    const store = new RedisEraStore({ connection: redis.connection(), keyPrefix, ttlMs: 60_000 });
    const first = new MCPHttpClient({ transport: 'http', url: server.url }, { eraStore: store });
    await first.connect();
    await first.disconnect();
    // Another replica: nothing in its memory, the same Redis.
    eraCache.clear();
    const seen: unknown[] = [];
    const peer = new RedisEraStore({ connection: await redis.connect(), keyPrefix });
    const watched = {
      get: async (key: string) => {
        const choice = await peer.get(key);
        seen.push(choice);
        return choice;
      },
      set: (key: string, choice: Parameters<typeof peer.set>[1]) => peer.set(key, choice),
      delete: (key: string) => peer.delete(key),
    };
    const second = new MCPHttpClient({ transport: 'http', url: server.url }, { eraStore: watched });
    await second.connect();
    expect(second.era).toBe(first.era);
    expect(seen).toEqual([{ era: first.era, version: expect.any(String) }]);
    await second.disconnect();
  });

  it('answers no era for a value that is not one', async () => {
    const keyPrefix = prefix();
    const store = new RedisEraStore({ connection: redis.connection(), keyPrefix });
    await store.set('k', { era: 'modern', version: '2026-07-28' });
    expect(await store.get('k')).toEqual({ era: 'modern', version: '2026-07-28' });
    const [key] = await redis.connection().keys(`${keyPrefix}*`);
    await redis.connection().set(key as string, JSON.stringify({ era: 'future', version: 1 }));
    expect(await store.get('k')).toBeUndefined();
  });
});
