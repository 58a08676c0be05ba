import { BaseMCPClient, InMemoryTransport, ManagerErrorCode, type MCPClient } from '@org/mcp-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MCPConnectionManager } from '../src/index.js';

/** An in-process server: the clock is fake here, so the peer cannot be a real process. */
function memoryClient(
  behaviour: { refuse?: () => boolean; ping?: () => boolean; onServer?: (server: InMemoryTransport) => void },
  name: string,
): MCPClient {
  return new BaseMCPClient({
    name,
    transportType: 'memory',
    era: 'handshake',
    createTransport: () => {
      const [client, server] = InMemoryTransport.createLinkedPair();
      behaviour.onServer?.(server);
      server.onmessage = (m) => {
        const msg = m as { id?: number; method: string };
        if (msg.id === undefined) return;
        if (msg.method === 'initialize' && behaviour.refuse?.()) {
          void server.send({ jsonrpc: '2.0', id: msg.id, error: { code: -32603, message: 'not ready' } });
          return;
        }
        if (msg.method === 'ping' && behaviour.ping && !behaviour.ping()) return;
        const result =
          msg.method === 'initialize'
            ? { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'mem', version: '1' } }
            : {};
        void server.send({ jsonrpc: '2.0', id: msg.id, result });
      };
      return client;
    },
  });
}

describe('manager timing on fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits 1 s, 2 s, 4 s, 8 s between connect attempts', async () => {
    const attempts: number[] = [];
    const start = Date.now();
    const m = new MCPConnectionManager({
      backoff: { jitter: false },
      createClient: (_config, options) =>
        memoryClient(
          {
            refuse: () => {
              attempts.push(Date.now() - start);
              return attempts.length < 5;
            },
          },
          options.name ?? 'x',
        ),
    });
    await m.initialize({ mcpServers: { s: { command: 'unused' } } });
    const connected = m.connectServer('s', { maxRetries: 4 });
    await vi.advanceTimersByTimeAsync(15_000);
    await connected;
    expect(attempts).toEqual([0, 1000, 3000, 7000, 15000]);
    expect((await m.getServerStatus()).s).toMatchObject({ state: 'connected', attempts: 5 });
    await m.shutdown();
  });

  it('restarts a server after N consecutive failed health checks', async () => {
    let healthy = true;
    let created = 0;
    const m = new MCPConnectionManager({
      healthCheckInterval: 10_000,
      healthCheckFailures: 3,
      healthCheckTimeout: 1000,
      backoff: { jitter: false },
      createClient: (_config, options) => {
        created++;
        return memoryClient({ ping: () => healthy }, options.name ?? 'x');
      },
    });
    await m.initialize({ mcpServers: { s: { command: 'unused' } } });
    await m.connectServer('s');
    healthy = false;
    // Checks at 10 s, 20 s and 30 s each time out after 1 s; the third failure starts a restart after a 1 s backoff.
    await vi.advanceTimersByTimeAsync(31_000);
    expect(created).toBe(1);
    expect((await m.getServerStatus()).s?.state).toBe('reconnecting');
    healthy = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(created).toBe(2);
    expect((await m.getServerStatus()).s).toMatchObject({ state: 'connected', restarts: 1 });
    await m.shutdown();
  });

  it('restarts with backoff that goes on from the restarts already spent, then gives up', async () => {
    let refuse = false;
    let crashedAt = 0;
    const attempts: number[] = [];
    let server: InMemoryTransport | undefined;
    const crash = () => {
      crashedAt = Date.now();
      server?.closeWith(new Error('crashed'));
    };
    const m = new MCPConnectionManager({
      backoff: { jitter: false },
      maxRestarts: 3,
      createClient: (_config, options) =>
        memoryClient(
          {
            refuse: () => {
              attempts.push(Date.now() - crashedAt);
              return refuse;
            },
            onServer: (end) => {
              server = end;
            },
          },
          options.name ?? 'x',
        ),
    });
    await m.initialize({ mcpServers: { s: { command: 'unused' } } });
    await m.connectServer('s');
    attempts.length = 0;
    crash();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(attempts).toEqual([1000]);
    expect((await m.getServerStatus()).s).toMatchObject({ state: 'connected', restarts: 1 });
    // Not yet stable: the next restarts wait 2 s, then 4 s, and the third is one too many.
    refuse = true;
    attempts.length = 0;
    crash();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(attempts).toEqual([2000, 6000]);
    expect((await m.getServerStatus()).s).toMatchObject({
      state: 'failed',
      restarts: 3,
      lastError: { code: ManagerErrorCode.RESTARTS_EXHAUSTED },
    });
    await m.shutdown();
  });
});
