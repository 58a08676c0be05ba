import {
  BaseMCPClient,
  CoreErrorCode,
  InMemoryTransport,
  ManagerErrorCode,
  type MCPClient,
  MCPConnectionError,
} from '@org/mcp-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ManagerOptions, MCPConnectionManager } from '../src/index.js';

/** Clients made so far in this file: the text of each one's `echo` tells which answered. */
let started = 0;

/** An in-process server: the clock is fake here, so the peer cannot be a real process. */
function memoryClient(
  behaviour: {
    refuse?: () => boolean;
    ping?: () => boolean;
    onServer?: (server: InMemoryTransport) => void;
    /** Offers one tool, `echo`, which answers `echo <n>`, n counting the clients made (`started`). */
    tools?: boolean;
  },
  name: string,
): MCPClient {
  const generation = ++started;
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
        const capabilities = behaviour.tools ? { tools: {} } : {};
        const answers: Record<string, Record<string, unknown>> = {
          initialize: {
            protocolVersion: '2025-11-25',
            capabilities,
            serverInfo: { name: 'mem', version: '1' },
          },
          'tools/list': { tools: [{ name: 'echo', inputSchema: { type: 'object' } }] },
          'tools/call': { content: [{ type: 'text', text: `echo ${generation}` }] },
        };
        const result = answers[msg.method] ?? {};
        void server.send({ jsonrpc: '2.0', id: msg.id, result });
      };
      return client;
    },
  });
}

/** A manager of one connected server `s` offering `echo`; `crash()` ends its current connection with an error. */
async function oneServer(options: ManagerOptions, refuse: () => boolean = () => false) {
  const servers: InMemoryTransport[] = [];
  const m = new MCPConnectionManager({
    backoff: { jitter: false },
    ...options,
    createClient: (_config, clientOptions) =>
      memoryClient({ tools: true, refuse, onServer: (end) => servers.push(end) }, clientOptions.name ?? 'x'),
  });
  await m.initialize({ mcpServers: { s: { command: 'unused' } } });
  await m.connectServer('s');
  return { m, servers, crash: (why: string) => servers.at(-1)?.closeWith(new Error(why)) };
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
    // The first restart after a crash starts at once (it waited backoff(0), 1 s, before).
    expect(attempts).toEqual([0]);
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
  it('restarts a crashed server at once, and a call made meanwhile waits for it and goes through', async () => {
    const { m, servers, crash } = await oneServer({});
    const first = await m.callTool('s__echo');
    const reconnecting = new Promise<void>((resolve) =>
      m.on('serverStateChanged', (e) => e.state === 'reconnecting' && resolve()),
    );
    crash('crashed');
    await reconnecting;
    // No timer has to fire: the restart needs no backoff.
    const second = await m.callTool('s__echo');
    expect(servers).toHaveLength(2);
    expect(second.content[0]).not.toEqual(first.content[0]);
    expect((await m.getServerStatus()).s).toMatchObject({ state: 'connected', restarts: 1 });
    await m.shutdown();
  });

  it('a call waits at most callWhileRestarting for a restart, then fails with the state and the last error', async () => {
    let refuse = false;
    const { m, crash } = await oneServer({ callWhileRestarting: 3_000 }, () => refuse);
    refuse = true;
    crash('crashed');
    // The restart at once is refused; the next one waits backoff(1), 2 s, and so would a call, up to 3 s.
    await vi.advanceTimersByTimeAsync(0);
    const call = m.callTool('s__echo').catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_000);
    refuse = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await call).toMatchObject({ content: [{ type: 'text' }] });
    // Crashed again with two restarts spent: the next waits backoff(2), 4 s, and a call gives up after 3 s.
    crash('crashed again');
    await vi.advanceTimersByTimeAsync(0);
    const late = m.callTool('s__echo').catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(3_000);
    const error = await late;
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect(error).toMatchObject({ code: ManagerErrorCode.SERVER_RECONNECTING, serverName: 's' });
    // What took it down: the in-memory peer's end of the connection.
    expect((error as Error).cause).toMatchObject({ code: CoreErrorCode.PEER_CLOSED });
    expect((await m.getServerStatus()).s?.state).toBe('reconnecting');
    await m.shutdown();
  });

  it('a call to a known tool of a server that is down fails at once with its state, its last error the cause', async () => {
    let refuse = false;
    const { m, crash } = await oneServer({ maxRestarts: 1 }, () => refuse);
    const expectAtOnce = async (code: string) => {
      const error = await m.callTool('s__echo').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MCPConnectionError);
      expect(error).toMatchObject({ code, serverName: 's' });
      return error as MCPConnectionError;
    };
    await m.disconnectServer('s');
    await expectAtOnce(ManagerErrorCode.SERVER_IDLE);
    await m.disableServer('s');
    await expectAtOnce(ManagerErrorCode.SERVER_DISABLED);
    await m.enableServer('s');
    await m.connectServer('s');
    refuse = true;
    crash('crashed');
    await vi.advanceTimersByTimeAsync(0);
    const failed = await expectAtOnce(ManagerErrorCode.SERVER_FAILED);
    expect(failed.cause).toMatchObject({ code: ManagerErrorCode.RESTARTS_EXHAUSTED });
    await expect(m.callTool('s__nope')).rejects.toMatchObject({ code: ManagerErrorCode.UNKNOWN_TOOL });
    expect(await m.listTools()).toEqual([]);
    await m.shutdown();
  });

  it('connectAllEnabled with a timeout returns what connected by then; the rest go on connecting', async () => {
    let refusals = 3;
    const m = new MCPConnectionManager({
      backoff: { jitter: false },
      createClient: (config, options) =>
        memoryClient(
          { refuse: () => (config as { command: string }).command === 'slow' && refusals-- > 0 },
          options.name ?? 'x',
        ),
    });
    await m.initialize({ mcpServers: { good: { command: 'good' }, slow: { command: 'slow' } } });
    const results = m.connectAllEnabled({ timeout: 2_500 });
    await vi.advanceTimersByTimeAsync(2_500);
    expect(await results).toEqual({ good: true, slow: false });
    // Refused at 0 and at 1 s; the third attempt is due at 3 s.
    expect((await m.getServerStatus()).slow).toMatchObject({
      state: 'connecting',
      attempts: 2,
      lastError: { code: 'PROTOCOL_ERROR' },
    });
    await vi.advanceTimersByTimeAsync(4_500);
    expect((await m.getServerStatus()).slow).toMatchObject({ state: 'connected', attempts: 4 });
    await m.shutdown();
  });
  it('a server waiting out its backoff holds none of the connectConcurrency turns', async () => {
    const m = new MCPConnectionManager({
      connectConcurrency: 1,
      backoff: { jitter: false },
      createClient: (config, options) =>
        memoryClient(
          { refuse: () => (config as { command: string }).command === 'bad' },
          options.name ?? 'x',
        ),
    });
    await m.initialize({ mcpServers: { bad: { command: 'bad' }, good: { command: 'good' } } });
    const results = m.connectAllEnabled();
    // The bad server's first attempt is refused; while it waits 1 s, the good one takes the turn.
    await vi.advanceTimersByTimeAsync(0);
    expect((await m.getServerStatus()).good?.state).toBe('connected');
    expect((await m.getServerStatus()).bad).toMatchObject({ state: 'connecting', attempts: 1 });
    await vi.advanceTimersByTimeAsync(7_000);
    expect(await results).toEqual({ bad: false, good: true });
    await m.shutdown();
  });
});
