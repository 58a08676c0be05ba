import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type BaseMCPClient,
  type ClientOptions,
  type JSONRPCRequest,
  MCPTimeoutError,
} from '../src/index.js';
import { connectedTo, ScriptedServer } from './scriptedServer.js';

/** A server whose tools/call never answers on its own; `progress()` reports on the last call. */
async function slowTools(options: ClientOptions = {}) {
  const server = new ScriptedServer();
  let last: JSONRPCRequest | undefined;
  server.on('tools/call', (request) => {
    last = request;
    return undefined;
  });
  server.on('slow/other', () => undefined);
  const client = await connectedTo(server, 'slow', { requestTimeout: 1000, ...options });
  const token = () => (last?.params?._meta as { progressToken?: unknown } | undefined)?.progressToken;
  // Progress for every request that asked for it (the tool calls and the other requests alike).
  const progress = async (n: number) => {
    for (const request of [...server.requests('tools/call'), ...server.requests('slow/other')]) {
      const progressToken = (request.params?._meta as { progressToken?: unknown } | undefined)?.progressToken;
      if (progressToken === undefined) continue;
      await server.send({
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: { progressToken, progress: n },
      });
    }
  };
  return { server, client, token, progress };
}

/** Advances fake time by `ms` in steps, sending a progress notification after each step. */
async function reportEvery(step: number, times: number, progress: (n: number) => Promise<void>) {
  for (let i = 1; i <= times; i++) {
    await vi.advanceTimersByTimeAsync(step);
    await progress(i);
  }
}

function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );
}

describe('long tool calls', () => {
  let client: BaseMCPClient | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(async () => {
    await client?.disconnect();
    client = undefined;
    vi.useRealTimers();
  });

  it('sends a progress token on every tools/call, without onProgress', async () => {
    const slow = await slowTools();
    client = slow.client;
    const call = failure(client.callTool('work'));
    await vi.advanceTimersByTimeAsync(0);
    expect(slow.token()).toEqual(expect.any(Number));
    await vi.advanceTimersByTimeAsync(1000);
    expect(await call).toBeInstanceOf(MCPTimeoutError);
  });

  it('lives as long as progress comes, far past the plain timeout, until it is answered', async () => {
    const slow = await slowTools();
    client = slow.client;
    const seen: number[] = [];
    const call = client.callTool('work', {}, { onProgress: (p) => seen.push(p.progress) });
    // 60 reports 900 ms apart: 54 s with a 1 s timeout.
    await reportEvery(900, 60, slow.progress);
    const request = slow.server.requests('tools/call')[0] as JSONRPCRequest;
    await slow.server.send({ jsonrpc: '2.0', id: request.id, result: { content: [] } });
    await expect(call).resolves.toEqual({ content: [] });
    expect(seen).toHaveLength(60);
  });

  it('stops at the default ceiling of 10 minutes whatever the progress', async () => {
    const slow = await slowTools();
    client = slow.client;
    const call = failure(client.callTool('work'));
    await reportEvery(900, 666, slow.progress); // 599.4 s
    await vi.advanceTimersByTimeAsync(600);
    const error = await call;
    expect(error).toBeInstanceOf(MCPTimeoutError);
    expect(error).toMatchObject({ timeout: 600_000, method: 'tools/call', serverName: 'slow' });
    expect(slow.server.notifications('notifications/cancelled')).toHaveLength(1);
  });

  it('takes the ceiling from the client (a server config) and from the call', async () => {
    const slow = await slowTools({ maxTotalTimeout: 5000 });
    client = slow.client;
    const fromClient = failure(client.callTool('work'));
    const fromCall = failure(client.callTool('work', {}, { maxTotalTimeout: 2500 }));
    await reportEvery(500, 5, slow.progress);
    await vi.advanceTimersByTimeAsync(0);
    expect(await fromCall).toMatchObject({ timeout: 2500 });
    await reportEvery(500, 5, slow.progress);
    expect(await fromClient).toMatchObject({ timeout: 5000 });
  });

  it('never lowers the ceiling below the plain timeout; no timeout means no ceiling', async () => {
    const slow = await slowTools({ maxTotalTimeout: 500 });
    client = slow.client;
    const call = client.callTool('work', {}, { timeout: Number.POSITIVE_INFINITY });
    await vi.advanceTimersByTimeAsync(3_600_000);
    const request = slow.server.requests('tools/call')[0] as JSONRPCRequest;
    await slow.server.send({ jsonrpc: '2.0', id: request.id, result: { content: [] } });
    expect(await call).toEqual({ content: [] });
  });

  it('keeps the plain timeout with resetTimeoutOnProgress: false, and for other requests', async () => {
    const slow = await slowTools();
    client = slow.client;
    const plain = failure(client.callTool('work', {}, { resetTimeoutOnProgress: false }));
    const other = failure(client.request('slow/other', {}, { onProgress: () => {} }));
    await reportEvery(400, 2, slow.progress);
    await vi.advanceTimersByTimeAsync(200);
    expect(await plain).toMatchObject({ timeout: 1000, method: 'tools/call' });
    expect(await other).toMatchObject({ timeout: 1000, method: 'slow/other' });
  });
});
