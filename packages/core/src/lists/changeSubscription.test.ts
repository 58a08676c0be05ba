import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RpcError, ScriptedServer } from '../../test/scriptedServer.js';
import { BaseMCPClient } from '../client/baseClient.js';
import { eraCache } from '../era/eraCache.js';
import { SUBSCRIPTION_ACKNOWLEDGED } from './changeSubscription.js';

/** A modern-era server offering tool list changes; `listen` says how it answers each subscriptions/listen. */
function modernServer(listen: (n: number) => unknown): ScriptedServer {
  const server = new ScriptedServer();
  server.on('server/discover', () => ({
    supportedVersions: ['2026-07-28'],
    capabilities: { tools: { listChanged: true } },
  }));
  let n = 0;
  server.on('subscriptions/listen', () => listen(n++));
  server.on('tools/list', () => ({ tools: [{ name: `t${server.requests('tools/list').length}` }] }));
  return server;
}

function clientFor(server: ScriptedServer): BaseMCPClient {
  return new BaseMCPClient({
    name: 'changes',
    transportType: 'memory',
    createTransport: () => server.clientTransport,
  });
}

const ack = { jsonrpc: '2.0', method: SUBSCRIPTION_ACKNOWLEDGED, params: {} } as const;

describe('subscriptions/listen in the modern era', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    eraCache.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('listens again with backoff when the subscription ends, and refreshes tools once it is acknowledged again', async () => {
    // The first subscription is ended by the server; the second stays open.
    const server = modernServer((n) => (n === 0 ? {} : undefined));
    const client = clientFor(server);
    await client.connect();
    expect(await client.getTools()).toEqual([{ name: 't1' }]);
    const changed = vi.fn();
    client.on('toolsChanged', changed);
    await vi.advanceTimersByTimeAsync(999);
    expect(server.requests('subscriptions/listen')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(501); // 1 s backoff plus at most 50 % jitter
    expect(server.requests('subscriptions/listen')).toHaveLength(2);
    expect(changed).not.toHaveBeenCalled();
    await server.send(ack);
    expect(changed).toHaveBeenCalledTimes(1);
    expect(await client.getTools()).toEqual([{ name: 't2' }]);
    await client.disconnect();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not ask again a server that refuses subscriptions/listen with a JSON-RPC error', async () => {
    const server = modernServer(() => new RpcError(-32603, 'Subscription limit reached'));
    const client = clientFor(server);
    await client.connect();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.requests('subscriptions/listen')).toHaveLength(1);
    await client.disconnect();
  });

  it('stops listening on disconnect, with no timer left behind', async () => {
    const server = modernServer(() => ({}));
    const client = clientFor(server);
    await client.connect();
    await vi.advanceTimersByTimeAsync(0);
    await client.disconnect();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.requests('subscriptions/listen')).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
