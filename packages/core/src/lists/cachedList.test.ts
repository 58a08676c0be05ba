import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RpcError, ScriptedServer } from '../../test/scriptedServer.js';
import { BaseMCPClient } from '../client/baseClient.js';
import type { ClientOptions } from '../client/clientOptions.js';
import { eraCache } from '../era/eraCache.js';
import { META } from '../era/modernEra.js';
import type { Logger } from '../util/logger.js';
import { type ListCacheStore, MemoryListCacheStore } from './listCacheStore.js';

const LIST_KEY = { 'tools/list': 'tools', 'prompts/list': 'prompts', 'resources/list': 'resources' } as const;
type Method = keyof typeof LIST_KEY;

/** A modern-era server whose lists carry the given caching hints. */
function modernServer(
  hints: Record<string, unknown> = { ttlMs: 1000, cacheScope: 'public' },
): ScriptedServer {
  const server = new ScriptedServer();
  server.on('server/discover', () => ({
    supportedVersions: ['2026-07-28'],
    capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, resources: {} },
    resultType: 'complete',
    ttlMs: 0,
    cacheScope: 'public',
    _meta: { [META.serverInfo]: { name: 'modern', version: '1.0.0' } },
  }));
  server.on(
    'initialize',
    () => new RpcError(-32022, 'Unsupported protocol version', { supported: ['2026-07-28'] }),
  );
  server.on('subscriptions/listen', () => undefined);
  for (const [method, key] of Object.entries(LIST_KEY)) {
    const item = key === 'resources' ? { uri: 'file:///a', name: 'a' } : { name: 'a' };
    server.on(method, () => ({ [key]: [item], resultType: 'complete', ...hints }));
  }
  return server;
}

async function clientFor(server: ScriptedServer, options: ClientOptions & { eraCacheKey?: string } = {}) {
  const client = new BaseMCPClient({
    name: 'cache',
    transportType: 'memory',
    createTransport: () => server.clientTransport,
    ...options,
  });
  await client.connect();
  return client;
}

function list(client: BaseMCPClient, method: Method): Promise<unknown[]> {
  if (method === 'tools/list') return client.getTools();
  return method === 'prompts/list' ? client.listPrompts() : client.listResources();
}

function capturingLogger(): Logger & { warnings: unknown[][] } {
  const warnings: unknown[][] = [];
  const noop = () => {};
  const logger = {
    warnings,
    trace: noop,
    debug: noop,
    info: noop,
    error: noop,
    warn: (...args: unknown[]) => warnings.push(args),
    child: () => logger,
  };
  return logger;
}

describe('list cache (2026-07-28 ttlMs, cacheScope)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    eraCache.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(Object.keys(LIST_KEY) as Method[])(
    '%s: reused until ttlMs expires, listed again on the next call after, never polled',
    async (method) => {
      const server = modernServer();
      const client = await clientFor(server);
      await list(client, method);
      await vi.advanceTimersByTimeAsync(999);
      expect(await list(client, method)).toHaveLength(1);
      expect(server.requests(method)).toHaveLength(1);
      // Idle far past expiry: nothing is fetched in the background.
      await vi.advanceTimersByTimeAsync(60_000);
      expect(server.requests(method)).toHaveLength(1);
      await list(client, method);
      expect(server.requests(method)).toHaveLength(2);
      await client.disconnect();
    },
  );

  it.each([
    ['0', { ttlMs: 0, cacheScope: 'public' }],
    ['absent', { cacheScope: 'public' }],
    ['negative', { ttlMs: -5, cacheScope: 'public' }],
  ])('ttlMs %s: immediately stale, every call lists', async (_, hints) => {
    const server = modernServer(hints);
    const store = new MemoryListCacheStore();
    const client = await clientFor(server, { listCache: store });
    await client.listPrompts();
    await client.listPrompts();
    expect(server.requests('prompts/list')).toHaveLength(2);
    expect(store.size).toBe(0);
    await client.disconnect();
  });

  it('a paged list is fresh until its first page goes stale; private if any page is', async () => {
    const server = modernServer();
    server.on('tools/list', (request) =>
      request.params?.cursor === undefined
        ? {
            tools: [{ name: 'a' }],
            nextCursor: 'p2',
            resultType: 'complete',
            ttlMs: 10_000,
            cacheScope: 'public',
          }
        : { tools: [{ name: 'b' }], resultType: 'complete', ttlMs: 500, cacheScope: 'private' },
    );
    const store = new MemoryListCacheStore();
    const client = await clientFor(server, { listCache: store });
    expect(await client.getTools()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(499);
    await client.getTools();
    expect(server.requests('tools/list')).toHaveLength(2);
    // Private without a partition: kept in the client, never in the store.
    expect(store.size).toBe(0);
    await vi.advanceTimersByTimeAsync(2);
    await client.getTools();
    expect(server.requests('tools/list')).toHaveLength(4);
    await client.disconnect();
  });

  it('a list_changed notification invalidates that list, in the client and in the store', async () => {
    const store = new MemoryListCacheStore();
    const server = modernServer({ ttlMs: 60_000, cacheScope: 'public' });
    const client = await clientFor(server, { listCache: store, eraCacheKey: 'same server' });
    const changed = vi.fn();
    client.on('toolsChanged', changed);
    await client.getTools();
    await client.listPrompts();
    await server.send({ jsonrpc: '2.0', method: 'notifications/prompts/list_changed' });
    await client.getTools();
    await client.listPrompts();
    expect(server.requests('tools/list')).toHaveLength(1);
    expect(server.requests('prompts/list')).toHaveLength(2);
    expect(changed).not.toHaveBeenCalled();
    await server.send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    expect(changed).toHaveBeenCalledTimes(1);
    // Another client of the same server, same store: the dropped entry is not served to it either.
    const other = modernServer({ ttlMs: 60_000, cacheScope: 'public' });
    const second = await clientFor(other, { listCache: store, eraCacheKey: 'same server' });
    await second.getTools();
    expect(other.requests('tools/list')).toHaveLength(1);
    await Promise.all([client.disconnect(), second.disconnect()]);
  });

  it('refresh lists again even while fresh', async () => {
    const server = modernServer();
    const client = await clientFor(server);
    await client.listResources();
    await client.listResources({ refresh: true });
    expect(server.requests('resources/list')).toHaveLength(2);
    await client.disconnect();
  });

  it('public results are shared through one store between clients of the same server', async () => {
    const store = new MemoryListCacheStore();
    const first = modernServer();
    const second = modernServer();
    const a = await clientFor(first, { listCache: store, eraCacheKey: 'same server' });
    const b = await clientFor(second, {
      listCache: store,
      eraCacheKey: 'same server',
      cachePartition: 'bob',
    });
    const c = await clientFor(modernServer(), { listCache: store, eraCacheKey: 'another server' });
    expect(await a.getTools()).toEqual([{ name: 'a' }]);
    expect(await b.getTools()).toEqual([{ name: 'a' }]);
    expect(second.requests('tools/list')).toHaveLength(0);
    // The store's entry expires with the list: b lists once it is stale.
    await vi.advanceTimersByTimeAsync(1000);
    await b.getTools();
    expect(second.requests('tools/list')).toHaveLength(1);
    // A different server never sees it.
    await c.getTools();
    expect(store.size).toBe(2);
    await Promise.all([a.disconnect(), b.disconnect(), c.disconnect()]);
  });

  it('private results never cross partitions; without a partition they stay in the client', async () => {
    const store = new MemoryListCacheStore();
    const hints = { ttlMs: 60_000, cacheScope: 'private' };
    const servers = [modernServer(hints), modernServer(hints), modernServer(hints), modernServer(hints)];
    const opts = { listCache: store, eraCacheKey: 'same server' };
    const alice = await clientFor(servers[0] as ScriptedServer, { ...opts, cachePartition: 'alice' });
    const bob = await clientFor(servers[1] as ScriptedServer, { ...opts, cachePartition: () => 'bob' });
    const alice2 = await clientFor(servers[2] as ScriptedServer, { ...opts, cachePartition: 'alice' });
    const anonymous = await clientFor(servers[3] as ScriptedServer, opts);
    await alice.getTools();
    await bob.getTools();
    await alice2.getTools();
    await anonymous.getTools();
    await anonymous.getTools();
    const counts = servers.map((server) => server.requests('tools/list').length);
    // alice and bob list; alice's second client reuses alice's; the partitionless client lists once and keeps it to itself.
    expect(counts).toEqual([1, 1, 0, 1]);
    expect(store.size).toBe(2);

    // A partition that changes within one client (another user's token) lists again.
    let user = 'carol';
    const server = modernServer(hints);
    const switching = await clientFor(server, { ...opts, cachePartition: () => user });
    await switching.getTools();
    user = 'alice';
    await switching.getTools();
    user = 'carol';
    await switching.getTools();
    expect(server.requests('tools/list')).toHaveLength(1);
    user = 'dave';
    await switching.getTools();
    expect(server.requests('tools/list')).toHaveLength(2);
    await Promise.all([alice, bob, alice2, anonymous, switching].map((client) => client.disconnect()));
  });

  it('a store that throws or rejects is logged and bypassed, never failing a call', async () => {
    const failing: ListCacheStore = {
      get: () => {
        throw new Error('store down');
      },
      set: () => Promise.reject(new Error('store full')),
      delete: () => {
        throw new Error('store gone');
      },
    };
    const logger = capturingLogger();
    const server = modernServer();
    const client = await clientFor(server, { listCache: failing, logger });
    expect(await client.getTools()).toEqual([{ name: 'a' }]);
    // Still cached in the client.
    expect(await client.getTools()).toEqual([{ name: 'a' }]);
    expect(server.requests('tools/list')).toHaveLength(1);
    await server.send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    expect(await client.listPrompts()).toEqual([{ name: 'a' }]);
    await vi.advanceTimersByTimeAsync(0);
    const operations = logger.warnings.map(([fields]) => (fields as { operation: string }).operation);
    expect(operations).toEqual(expect.arrayContaining(['get', 'set', 'delete']));
    await client.disconnect();
  });

  it('an entry a store hands back in the wrong shape, or stale, is not served', async () => {
    const store: ListCacheStore = {
      get: async (key) =>
        key.includes('tools/list')
          ? ({ items: 'nope', expiresAt: Date.now() + 1000, cacheScope: 'public' } as never)
          : { items: [{ name: 'old' }], expiresAt: Date.now() - 1, cacheScope: 'public' },
      set: async () => {},
      delete: async () => {},
    };
    const server = modernServer();
    const client = await clientFor(server, { listCache: store });
    expect(await client.getTools()).toEqual([{ name: 'a' }]);
    expect(await client.listPrompts()).toEqual([{ name: 'a' }]);
    await client.disconnect();
  });

  it('the handshake era keeps tools until a change and does not cache prompts, as before', async () => {
    const server = new ScriptedServer();
    server.on('tools/list', () => ({ tools: [{ name: 'a' }] }));
    server.on('prompts/list', () => ({ prompts: [{ name: 'p' }] }));
    const store = new MemoryListCacheStore();
    const client = await clientFor(server, { era: 'handshake', listCache: store });
    await client.getTools();
    await client.getTools();
    await client.listPrompts();
    await client.listPrompts();
    expect(server.requests('tools/list')).toHaveLength(1);
    expect(server.requests('prompts/list')).toHaveLength(2);
    expect(store.size).toBe(0);
    await client.disconnect();
  });
});
