import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RpcError, ScriptedServer } from '../../test/scriptedServer.js';
import { MCPAbortError, MCPConnectionError, MCPProtocolError, MCPTimeoutError } from '../errors/errors.js';
import type { JSONRPCNotification } from '../protocol/jsonrpc.js';
import { BaseMCPClient } from './baseClient.js';
import type { ClientOptions } from './clientOptions.js';

function clientFor(server: ScriptedServer, options: ClientOptions = {}): BaseMCPClient {
  return new BaseMCPClient({
    name: 'scripted',
    transportType: 'memory',
    createTransport: () => server.clientTransport,
    ...options,
  });
}

async function connected(options: ClientOptions = {}, server = new ScriptedServer()) {
  const client = clientFor(server, options);
  await client.connect();
  return { client, server };
}

describe('BaseMCPClient on an in-memory transport', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the handshake and exposes what the server said', async () => {
    const { client, server } = await connected();
    expect(client.state).toBe('connected');
    expect(client.protocolVersion).toBe('2025-11-25');
    expect(client.serverInfo).toEqual({ name: 'scripted', version: '1.0.0' });
    expect(client.serverCapabilities).toEqual({ tools: { listChanged: true } });
    const init = server.requests('initialize')[0];
    expect(init?.params).toMatchObject({
      protocolVersion: '2025-11-25',
      clientInfo: { name: 'org-mcp-client' },
    });
    expect(server.notifications('notifications/initialized')).toHaveLength(1);
  });

  it('accepts an older revision the server chooses', async () => {
    const { client } = await connected({}, new ScriptedServer({ protocolVersion: '2024-11-05' }));
    expect(client.protocolVersion).toBe('2024-11-05');
  });

  it('fails connect on a revision it does not speak, and ends closed', async () => {
    const client = clientFor(new ScriptedServer({ protocolVersion: '1999-01-01' }));
    const error = await client.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect((error as MCPConnectionError).code).toBe('UNSUPPORTED_PROTOCOL_VERSION');
    expect((error as Error).message).toContain('1999-01-01');
    expect(client.state).toBe('closed');
  });

  it('offers a pinned revision', async () => {
    const { server } = await connected({ protocolVersion: '2025-06-18' });
    expect(server.requests('initialize')[0]?.params?.protocolVersion).toBe('2025-06-18');
  });

  it('gives concurrent callers who both use id 1 their own answers', async () => {
    const { client, server } = await connected();
    server.on('echo', (req) => ({ value: req.params?.value }));
    const [a, b] = await Promise.all([
      client.sendRequest({ jsonrpc: '2.0', id: 1, method: 'echo', params: { value: 'a' } }),
      client.sendRequest({ jsonrpc: '2.0', id: 1, method: 'echo', params: { value: 'b' } }),
    ]);
    expect(a).toEqual({ jsonrpc: '2.0', id: 1, result: { value: 'a' } });
    expect(b).toEqual({ jsonrpc: '2.0', id: 1, result: { value: 'b' } });
    const wireIds = server.requests('echo').map((r) => r.id);
    expect(new Set(wireIds).size).toBe(2);
  });

  it('times out with MCPTimeoutError, tells the server to cancel, and drops the late answer', async () => {
    const { client, server } = await connected();
    let answer: (() => void) | undefined;
    server.on('slow', (req) => {
      answer = () => void server.send({ jsonrpc: '2.0', id: req.id, result: { late: true } });
      return undefined;
    });
    const promise = client.request('slow', {}, { timeout: 1000 });
    const assertion = expect(promise).rejects.toBeInstanceOf(MCPTimeoutError);
    await vi.advanceTimersByTimeAsync(999);
    expect(server.notifications('notifications/cancelled')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await assertion;
    const error = await promise.catch((e: MCPTimeoutError) => e);
    expect(error).toMatchObject({
      method: 'slow',
      timeout: 1000,
      code: 'REQUEST_TIMEOUT',
      serverName: 'scripted',
    });
    const wireId = server.requests('slow')[0]?.id;
    expect(server.notifications('notifications/cancelled')[0]).toMatchObject({
      params: { requestId: wireId },
    });
    answer?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.state).toBe('connected');
  });

  it('uses the default 30 s timeout when none is given', async () => {
    const { client, server } = await connected();
    server.on('slow', () => undefined);
    const promise = client.request('slow');
    const assertion = expect(promise).rejects.toBeInstanceOf(MCPTimeoutError);
    await vi.advanceTimersByTimeAsync(29_999);
    await vi.advanceTimersByTimeAsync(1);
    await assertion;
  });

  it('aborts with MCPAbortError and a cancel notification', async () => {
    const { client, server } = await connected();
    server.on('slow', () => undefined);
    const controller = new AbortController();
    const promise = client.request('slow', {}, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await expect(promise).rejects.toBeInstanceOf(MCPAbortError);
    await vi.advanceTimersByTimeAsync(0);
    expect(server.notifications('notifications/cancelled')[0]?.params).toMatchObject({
      reason: 'aborted by the client',
    });
    await expect(client.request('slow', {}, { signal: controller.signal })).rejects.toBeInstanceOf(
      MCPAbortError,
    );
  });

  it('resets the timeout on progress but still honours the hard maximum', async () => {
    const { client, server } = await connected();
    let token: unknown;
    server.on('long', (req) => {
      token = (req.params?._meta as { progressToken?: unknown } | undefined)?.progressToken;
      return undefined;
    });
    const progress: number[] = [];
    const promise = client.request(
      'long',
      {},
      {
        timeout: 1000,
        resetTimeoutOnProgress: true,
        maxTotalTimeout: 3500,
        onProgress: (p) => progress.push(p.progress),
      },
    );
    const rejected = promise.catch((e: unknown) => e);
    for (let i = 1; i <= 4; i++) {
      await vi.advanceTimersByTimeAsync(800);
      await server.send({
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: { progressToken: token, progress: i },
      });
    }
    // 3200 ms in: four resets kept it alive past the 1000 ms timeout.
    expect(progress).toEqual([1, 2, 3, 4]);
    await vi.advanceTimersByTimeAsync(300);
    const error = await rejected;
    expect(error).toBeInstanceOf(MCPTimeoutError);
    expect((error as MCPTimeoutError).timeout).toBe(3500);
  });

  it('without reset, progress does not extend the timeout', async () => {
    const { client, server } = await connected();
    server.on('long', () => undefined);
    const promise = client.request('long', {}, { timeout: 1000, onProgress: () => {} });
    const assertion = expect(promise).rejects.toBeInstanceOf(MCPTimeoutError);
    await vi.advanceTimersByTimeAsync(500);
    await server.send({
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progressToken: 2, progress: 1 },
    });
    await vi.advanceTimersByTimeAsync(500);
    await assertion;
  });

  it('rejects every pending request at once when the peer goes away', async () => {
    const { client, server } = await connected();
    server.on('slow', () => undefined);
    const closed = vi.fn();
    client.on('close', closed);
    const pending = [1, 2, 3].map(() => client.request('slow').catch((e: unknown) => e));
    await vi.advanceTimersByTimeAsync(0);
    server.transport.closeWith(new Error('boom'));
    const errors = await Promise.all(pending);
    for (const error of errors) expect(error).toBeInstanceOf(MCPConnectionError);
    expect(client.state).toBe('closed');
    expect(closed).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    await expect(client.request('slow')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });

  it('answers ping, refuses unknown server requests with -32601, and reports handler failures as -32603', async () => {
    const { server } = await connected({
      handlers: {
        'roots/list': () => ({ roots: [{ uri: 'file:///tmp' }] }),
        'sampling/createMessage': () => {
          throw new Error('no model here');
        },
      },
    });
    expect(await server.request('ping')).toMatchObject({ result: {} });
    expect(await server.request('unknown/thing')).toMatchObject({ error: { code: -32601 } });
    expect(await server.request('roots/list')).toMatchObject({ result: { roots: [{ uri: 'file:///tmp' }] } });
    expect(await server.request('sampling/createMessage')).toMatchObject({
      error: { code: -32603, message: 'no model here' },
    });
    expect(server.requests('initialize')[0]?.params?.capabilities).toMatchObject({ roots: {}, sampling: {} });
  });

  it('turns a JSON-RPC error into MCPProtocolError with code and data', async () => {
    const { client, server } = await connected();
    server.on('bad', () => new RpcError(-32602, 'Invalid params', { field: 'x' }));
    const error = await client.request('bad').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPProtocolError);
    expect(error).toMatchObject({ rpcCode: -32602, data: { field: 'x' }, method: 'bad' });
    const raw = await client.sendRequest({ jsonrpc: '2.0', id: 'mine', method: 'bad' });
    expect(raw).toMatchObject({ id: 'mine', error: { code: -32602 } });
  });

  it('collects tools over three pages and caches them', async () => {
    const { client, server } = await connected();
    const pages: Record<string, unknown> = {
      '': { tools: [{ name: 'a' }, { name: 'b' }], nextCursor: 'p2' },
      p2: { tools: [{ name: 'c' }], nextCursor: 'p3' },
      p3: { tools: [{ name: 'd' }] },
    };
    server.on('tools/list', (req) => pages[(req.params?.cursor as string | undefined) ?? '']);
    const tools = await client.getTools();
    expect(tools.map((t) => t.name)).toEqual(['a', 'b', 'c', 'd']);
    await client.getTools();
    expect(server.requests('tools/list')).toHaveLength(3);
  });

  it('refetches tools after notifications/tools/list_changed', async () => {
    const { client, server } = await connected();
    let names = ['one'];
    server.on('tools/list', () => ({ tools: names.map((name) => ({ name })) }));
    expect((await client.getTools()).map((t) => t.name)).toEqual(['one']);
    const changed = vi.fn();
    client.on('toolsChanged', changed);
    names = ['one', 'two'];
    await server.send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    await vi.advanceTimersByTimeAsync(0);
    expect(changed).toHaveBeenCalledTimes(1);
    expect((await client.getTools()).map((t) => t.name)).toEqual(['one', 'two']);
  });

  it('rejects a malformed tools/list page with a typed error', async () => {
    const { client, server } = await connected();
    server.on('tools/list', () => ({ tools: [{ title: 'no name' }] }));
    await expect(client.getTools()).rejects.toMatchObject({ code: 'INVALID_RESULT' });
  });

  it('emits notifications, and is healthy when ping works or is unknown', async () => {
    const { client, server } = await connected();
    const seen: JSONRPCNotification[] = [];
    client.on('notification', (n) => seen.push(n));
    await server.send({
      jsonrpc: '2.0',
      method: 'notifications/message',
      params: { level: 'info', data: 'hi' },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen[0]?.method).toBe('notifications/message');
    server.on('ping', () => ({}));
    expect(await client.isHealthy()).toBe(true);
    server.on('ping', () => new RpcError(-32601, 'Method not found'));
    expect(await client.isHealthy()).toBe(true);
    server.on('ping', () => undefined);
    const health = client.isHealthy();
    await vi.advanceTimersByTimeAsync(5000);
    expect(await health).toBe(false);
  });

  it('bounds connect by its timeout when the server never answers initialize', async () => {
    const server = new ScriptedServer();
    server.on('initialize', () => undefined);
    const client = clientFor(server, { connectTimeout: 2000 });
    const promise = client.connect().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2000);
    const error = await promise;
    expect(error).toBeInstanceOf(MCPTimeoutError);
    expect((error as Error).message).toContain('timed out after 2000 ms');
    expect(client.state).toBe('closed');
    expect(server.notifications('notifications/cancelled')).toHaveLength(0);
  });

  it('disconnects idempotently, rejecting pending requests with MCPConnectionError first', async () => {
    const { client, server } = await connected();
    server.on('slow', () => undefined);
    const states: string[] = [];
    client.on('stateChange', (s) => states.push(s));
    const pending = client.request('slow').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    await Promise.all([client.disconnect(), client.disconnect()]);
    await client.disconnect();
    expect(await pending).toMatchObject({ code: 'CLIENT_CLOSED' });
    expect(states).toEqual(['closing', 'closed']);
    await expect(client.callTool('x')).rejects.toBeInstanceOf(MCPConnectionError);
    expect(await client.isHealthy()).toBe(false);
  });

  it('disconnect during connect cancels it', async () => {
    const server = new ScriptedServer();
    server.on('initialize', () => undefined);
    const client = clientFor(server);
    const connecting = client.connect().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    await client.disconnect();
    expect(await connecting).toMatchObject({ code: 'CLIENT_CLOSED' });
    expect(client.state).toBe('closed');
  });

  it('supports await using', async () => {
    const server = new ScriptedServer();
    {
      await using client = clientFor(server);
      await client.connect();
      expect(client.state).toBe('connected');
    }
    expect(server.transport.isAlive()).toBe(false);
  });
});
