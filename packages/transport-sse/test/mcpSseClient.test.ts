import {
  type ClientState,
  MCPConnectionError,
  MCPError,
  MCPTimeoutError,
  MCPTransportError,
} from '@org/mcp-core';
import { captureLogger } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { MCPSSEClient, type MCPSSEClientOptions } from '../src/index.js';
import { type SseFixture, type SseFixtureOptions, startSseFixture } from './sseFixture.js';

const SECRET = 'sk-live-0b7e2c94d1a35f68';
const cleanups: (() => Promise<void>)[] = [];

async function fixture(options?: SseFixtureOptions): Promise<SseFixture> {
  const server = await startSseFixture(options);
  cleanups.push(() => server.close());
  return server;
}

function client(
  url: string,
  options: MCPSSEClientOptions = {},
  headers?: Record<string, string>,
): MCPSSEClient {
  const c = new MCPSSEClient({ transport: 'sse', url, headers }, options);
  cleanups.push(() => c.disconnect());
  return c;
}

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** Rejects if `promise` has not settled by `ms` (the "within a second", not the request timeout). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

describe('MCPSSEClient', () => {
  it('connects, lists and calls tools, answers health checks and disconnects idempotently', async () => {
    const server = await fixture();
    const c = client(server.url);
    expect(c.name).toBe(new URL(server.origin).host);
    expect(c.transportType).toBe('sse');
    const states: ClientState[] = [];
    c.on('stateChange', (state) => states.push(state));
    await c.connect();
    expect(c.state).toBe('connected');
    expect(c.serverInfo).toEqual({ name: 'sse-fixture', version: '1.0.0' });
    expect(c.protocolVersion).toBe('2024-11-05');
    // Handshake era by default: no server/discover probe on a legacy transport.
    const methods = server.requests.flatMap((r) => (r.message?.method ? [r.message.method] : []));
    expect(methods).toEqual(['initialize', 'notifications/initialized']);

    expect((await c.getTools()).map((t) => t.name)).toEqual(['echo', 'hang', 'drop']);
    const result = await c.callTool('echo', { text: 'über SSE ✓' });
    expect(result.content).toEqual([{ type: 'text', text: 'über SSE ✓' }]);
    expect(await c.isHealthy()).toBe(true);

    const closed = server.streamClosed();
    await c.disconnect();
    await c.disconnect();
    await closed;
    expect(c.state).toBe('closed');
    expect(server.streams.size).toBe(0);
    expect(states).toEqual(['connecting', 'connected', 'closing', 'closed']);
    expect(await c.isHealthy()).toBe(false);
  });

  it('takes its name from options and its timeouts from the config', async () => {
    const server = await fixture();
    const c = new MCPSSEClient(
      { transport: 'sse', url: server.url, timeout: 50 },
      { name: 'legacy', requestTimeout: undefined },
    );
    cleanups.push(() => c.disconnect());
    expect(c.name).toBe('legacy');
    await c.connect();
    const error = await c.callTool('hang').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPTimeoutError);
    expect(error).toMatchObject({ serverName: 'legacy', timeout: 50 });
  });

  it('refuses an endpoint on another origin: connect fails, nothing is POSTed anywhere', async () => {
    const elsewhere = await fixture();
    const server = await fixture({ endpoint: (id) => `${elsewhere.origin}/messages?sessionId=${id}` });
    const c = client(server.url, {}, { Authorization: `Bearer ${SECRET}` });
    const error = await c.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error).toMatchObject({ code: 'ENDPOINT_ORIGIN_MISMATCH' });
    expect(c.state).toBe('closed');
    expect(elsewhere.requests).toEqual([]);
    expect(server.requests.map((r) => r.method)).toEqual(['GET']);
    await waitForNoStreams(server);
  });

  it('rejects every pending request at once with MCPConnectionError when the stream drops, and closes', async () => {
    const server = await fixture();
    const c = client(server.url, { requestTimeout: 60_000 });
    await c.connect();
    const closeReasons: (Error | undefined)[] = [];
    c.on('close', (reason) => closeReasons.push(reason));
    const waiting = c.callTool('hang').catch((e: unknown) => e);
    // The server drops its stream when it receives this call.
    const dropping = c.callTool('drop').catch((e: unknown) => e);
    const [first, second] = await within(Promise.all([waiting, dropping]), 1_000);
    for (const error of [first, second]) {
      expect(error).toBeInstanceOf(MCPConnectionError);
      expect(error).toMatchObject({ code: 'STREAM_LOST' });
    }
    expect(c.state).toBe('closed');
    expect(closeReasons).toHaveLength(1);
    expect(closeReasons[0]).toBe(first);
    expect(await c.isHealthy()).toBe(false);
    await expect(c.callTool('echo')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    // Reconnecting is the caller's (the manager's) choice, and works.
    await c.connect();
    expect((await c.callTool('echo', { text: 'again' })).content).toEqual([{ type: 'text', text: 'again' }]);
  });

  it('rejects only the request whose POST is answered 500, with status and snippet', async () => {
    const server = await fixture({
      post: (message, _req, res) => {
        if (
          message.method !== 'tools/call' ||
          (message.params?.arguments as { text?: string })?.text !== 'boom'
        )
          return false;
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error: handler crashed');
        return true;
      },
    });
    const c = client(server.url);
    await c.connect();
    const error = (await c.callTool('echo', { text: 'boom' }).catch((e: unknown) => e)) as MCPTransportError;
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 500 });
    expect(error.message).toContain('HTTP 500: Internal Server Error: handler crashed');
    expect(c.state).toBe('connected');
    expect((await c.callTool('echo', { text: 'fine' })).content).toEqual([{ type: 'text', text: 'fine' }]);
  });

  it('times out a slow endpoint event with the connect timeout and leaves no stream open', async () => {
    const server = await fixture({ endpoint: () => undefined });
    const c = client(server.url, { connectTimeout: 200 });
    const error = await c.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPTimeoutError);
    expect(error).toMatchObject({ method: 'connect', timeout: 200, serverName: c.name });
    expect(c.state).toBe('closed');
    await waitForNoStreams(server);
  });

  it('stops connecting when the caller aborts', async () => {
    const server = await fixture({ endpoint: () => undefined });
    const c = client(server.url);
    const controller = new AbortController();
    const connecting = c.connect({ signal: controller.signal });
    await waitFor(() => server.streams.size === 1);
    controller.abort();
    await expect(connecting).rejects.toMatchObject({ code: 'REQUEST_ABORTED' });
    await waitForNoStreams(server);
  });

  it('reports a server that stopped answering as unhealthy, without throwing', async () => {
    const server = await fixture({
      post: (message, _req, res) => {
        if (message.method !== 'ping') return false;
        res.writeHead(202).end();
        return true;
      },
    });
    const c = client(server.url);
    await c.connect();
    expect(await c.isHealthy({ timeout: 100 })).toBe(false);
    expect(c.state).toBe('connected');
  });

  it('rejects pending requests when disconnected and closes the stream', async () => {
    const server = await fixture();
    const c = client(server.url);
    await c.connect();
    const pending = c.callTool('hang').catch((e: unknown) => e);
    await waitFor(() => server.requests.some((r) => r.message?.params?.name === 'hang'));
    const closed = server.streamClosed();
    await c.disconnect();
    expect(await pending).toMatchObject({ code: 'CLIENT_CLOSED' });
    await closed;
  });

  it('keeps header values out of every error and log line', async () => {
    const log = captureLogger();
    const { logger } = log;
    const echoAuth = (req: { headers: Record<string, unknown> }) =>
      `rejected ${String(req.headers.authorization)}`;
    // 1. The GET refused with the credential echoed back.
    const refusing = await fixture({
      streamResponse: (req, res) => {
        res.writeHead(403, { 'content-type': 'text/plain' }).end(echoAuth(req));
      },
    });
    const errors: unknown[] = [];
    const headers = { Authorization: `Bearer ${SECRET}`, 'X-Api-Key': SECRET };
    const refused = client(refusing.url, { logger, name: 'refusing' }, headers);
    errors.push(await refused.connect().catch((e: unknown) => e));
    // 2. A POST refused with the credential echoed back, then the stream lost.
    const server = await fixture({
      post: (message, req, res) => {
        if (message.method !== 'tools/call') return false;
        res.writeHead(400, { 'content-type': 'text/plain' }).end(echoAuth(req));
        return true;
      },
    });
    const c = client(server.url, { logger, name: 'echoing' }, headers);
    c.on('error', (e) => errors.push(e));
    await c.connect();
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
    errors.push(await c.callTool('echo').catch((e: unknown) => e));
    const lost = new Promise((resolve) => c.once('close', resolve));
    server.dropStreams();
    errors.push(await lost);
    // 3. Connection refused.
    const gone = client(`${server.origin}/sse`, { logger, name: 'gone' }, headers);
    await server.close();
    errors.push(await gone.connect().catch((e: unknown) => e));

    expect(errors).toHaveLength(4);
    expect(errors.map((e) => (e as MCPError).code)).toEqual([
      'HTTP_STATUS',
      'HTTP_STATUS',
      'STREAM_LOST',
      'HTTP_REQUEST_FAILED',
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(MCPError);
      expect(describeError(error)).not.toContain(SECRET);
    }
    expect((errors[0] as Error).message).toContain('HTTP 403: rejected [redacted]');
    expect(log.text()).toContain('connect failed');
    expect(log.text()).not.toContain(SECRET);
  });
});

/** Message, stack and own properties of an error and its causes. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${error.message} ${error.stack} ${JSON.stringify(error)} ${describeError(error.cause)}`;
}

async function waitFor(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function waitForNoStreams(server: SseFixture): Promise<void> {
  return waitFor(() => server.streams.size === 0);
}
