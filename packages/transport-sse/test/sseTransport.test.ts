import { MCPConnectionError, MCPTransportError } from '@org/mcp-core';
import { listenLoopback, waitUntil } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { SSETransport } from '../src/index.js';
import { type SseFixture, startSseFixture } from './sseFixture.js';

const SECRET = 'sk-live-7f3a9c1e5b2d4680';
const cleanups: (() => Promise<void>)[] = [];

async function fixture(options?: Parameters<typeof startSseFixture>[0]): Promise<SseFixture> {
  const server = await startSseFixture(options);
  cleanups.push(() => server.close());
  return server;
}

function transport(url: string, headers?: Record<string, string>): SSETransport {
  const t = new SSETransport({ url, headers, serverName: 'fixture' });
  cleanups.push(() => t.close());
  return t;
}

/** The next message the transport delivers. */
function nextMessage(t: SSETransport): Promise<unknown> {
  return new Promise((resolve) => {
    t.onmessage = resolve;
  });
}

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

describe('SSETransport', () => {
  it('opens the stream, POSTs to the announced endpoint with the headers, and delivers message events', async () => {
    const server = await fixture();
    const t = transport(server.url, { Authorization: `Bearer ${SECRET}` });
    const closes: unknown[] = [];
    t.onclose = (reason) => closes.push(reason);
    expect(t.isAlive()).toBe(false);
    await t.start();
    expect(t.isAlive()).toBe(true);
    const get = server.requests[0];
    expect(get?.headers.accept).toBe('text/event-stream');
    expect(get?.headers.authorization).toBe(`Bearer ${SECRET}`);

    const answer = nextMessage(t);
    await t.send({ jsonrpc: '2.0', id: 7, method: 'ping' });
    expect(await answer).toEqual({ jsonrpc: '2.0', id: 7, result: {} });
    const post = server.requests[1];
    expect(post?.method).toBe('POST');
    expect(post?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(post?.headers['content-type']).toBe('application/json');

    const closed = server.streamClosed();
    await t.close();
    await t.close();
    await closed;
    expect(t.isAlive()).toBe(false);
    expect(closes).toEqual([]);
    await expect(t.send({ jsonrpc: '2.0', method: 'notifications/initialized' })).rejects.toMatchObject({
      code: 'TRANSPORT_CLOSED',
    });
  });

  it('accepts an absolute endpoint on the same origin', async () => {
    let origin = '';
    const server = await fixture({ endpoint: (id) => `${origin}/messages?sessionId=${id}` });
    origin = server.origin;
    const t = transport(server.url);
    await t.start();
    const answer = nextMessage(t);
    await t.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    expect(await answer).toMatchObject({ id: 1 });
  });

  it.each([
    ['an absolute URL', (origin: string) => `${origin}/messages`],
    ['a protocol-relative URL', (origin: string) => `//${new URL(origin).host}/messages`],
  ])('refuses an endpoint on another origin given as %s, and never POSTs', async (_, endpointOn) => {
    const elsewhere = await fixture();
    const server = await fixture({ endpoint: () => endpointOn(elsewhere.origin) });
    const t = transport(server.url, { authorization: `Bearer ${SECRET}` });
    const error = await t.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error).toMatchObject({ code: 'ENDPOINT_ORIGIN_MISMATCH', serverName: 'fixture' });
    expect((error as Error).message).toContain(elsewhere.origin);
    await expect(t.send({ jsonrpc: '2.0', id: 1, method: 'ping' })).rejects.toBeInstanceOf(
      MCPConnectionError,
    );
    expect(elsewhere.requests).toEqual([]);
    expect(server.requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(t.isAlive()).toBe(false);
  });

  it('rejects a non-2xx GET with HTTP_STATUS, the status and a snippet without the secret', async () => {
    const server = await fixture({
      streamResponse: (req, res) => {
        // A careless server echoing the credential back.
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end(`invalid token: ${req.headers.authorization}\n  try again`);
      },
    });
    const t = transport(server.url, { authorization: `Bearer ${SECRET}` });
    const error = (await t.start().catch((e: unknown) => e)) as MCPTransportError;
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error.code).toBe('HTTP_STATUS');
    expect(error.status).toBe(401);
    expect(error.message).toContain('invalid token: [redacted] try again');
    expect(error.message).toContain('credentials');
    expect(error.message).not.toContain(SECRET);
  });

  it('rejects a 2xx GET that is not an event stream', async () => {
    const server = await fixture({
      streamResponse: (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>hello</html>');
      },
    });
    const error = (await transport(server.url)
      .start()
      .catch((e: unknown) => e)) as MCPTransportError;
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 200 });
    expect(error.message).toContain('text/html');
  });

  it('fails start when the stream ends before the endpoint event', async () => {
    const server = await fixture({
      streamResponse: (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(': nothing here\n\n');
      },
    });
    await expect(transport(server.url).start()).rejects.toMatchObject({ code: 'ENDPOINT_MISSING' });
  });

  it('fails with HTTP_REQUEST_FAILED when nothing listens', async () => {
    const server = await listenLoopback(() => {});
    const url = `${server.origin}/sse`;
    await server.close();
    const error = await transport(url)
      .start()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error).toMatchObject({ code: 'HTTP_REQUEST_FAILED' });
  });

  it('stops waiting for the endpoint when the start signal aborts, and closes the stream', async () => {
    const server = await fixture({ endpoint: () => undefined });
    const t = transport(server.url);
    const controller = new AbortController();
    const starting = t.start({ signal: controller.signal });
    await waitUntil(() => server.streams.size === 1, 'stream opened');
    const closed = server.streamClosed();
    const reason = new Error('connect timed out');
    controller.abort(reason);
    await expect(starting).rejects.toBe(reason);
    await closed;
    expect(t.isAlive()).toBe(false);
  });

  it('skips a message event that is not JSON, reporting it, and delivers the next', async () => {
    const server = await fixture();
    const t = transport(server.url);
    await t.start();
    const errors: Error[] = [];
    t.onerror = (error) => errors.push(error);
    const delivered = nextMessage(t);
    server.write('event: message\ndata: {not json\n\n');
    server.write('data: {"jsonrpc":"2.0","method":"notifications/tools/list_changed"}\n\n');
    expect(await delivered).toEqual({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'INVALID_JSON' });
    expect(t.isAlive()).toBe(true);
  });

  it('rejects a POST answered 500 with HTTP_STATUS and stays usable', async () => {
    const server = await fixture({
      post: (message, _req, res) => {
        if (message.method !== 'tools/call') return false;
        res.writeHead(500, { 'content-type': 'text/plain' }).end('database on fire');
        return true;
      },
    });
    const t = transport(server.url);
    await t.start();
    const error = (await t
      .send({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo' } })
      .catch((e: unknown) => e)) as MCPTransportError;
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 500 });
    expect(error.message).toContain('"tools/call"');
    expect(error.message).toContain('database on fire');
    expect(t.isAlive()).toBe(true);
    const answer = nextMessage(t);
    await t.send({ jsonrpc: '2.0', id: 2, method: 'ping' });
    expect(await answer).toMatchObject({ id: 2 });
  });

  it('reports the lost stream once with STREAM_LOST when the server drops it', async () => {
    const server = await fixture();
    const t = transport(server.url);
    await t.start();
    const reasons: (Error | undefined)[] = [];
    const lost = new Promise<void>((resolve) => {
      t.onclose = (reason) => {
        reasons.push(reason);
        resolve();
      };
    });
    server.dropStreams();
    await lost;
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toBeInstanceOf(MCPConnectionError);
    expect(reasons[0]).toMatchObject({ code: 'STREAM_LOST', serverName: 'fixture' });
    expect(t.isAlive()).toBe(false);
    await expect(t.send({ jsonrpc: '2.0', id: 1, method: 'ping' })).rejects.toMatchObject({
      code: 'TRANSPORT_CLOSED',
    });
    await t.close();
    expect(reasons).toHaveLength(1);
  });

  it.each([
    ['a whole event', `data: ${'x'.repeat(4096)}\n\n`],
    ['an event that never ends', `data: ${'x'.repeat(4096)}`],
  ])('drops the connection on %s larger than maxMessageSize', async (_, text) => {
    const server = await fixture();
    const t = new SSETransport({ url: server.url, maxMessageSize: 1024 });
    cleanups.push(() => t.close());
    await t.start();
    const lost = new Promise<Error | undefined>((resolve) => {
      t.onclose = resolve;
    });
    server.write(text);
    const reason = await lost;
    expect(reason).toMatchObject({ code: 'STREAM_LOST' });
    expect(reason?.cause).toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => new SSETransport({ url: 'ftp://example.com/sse' })).toThrow(/http: or https:/);
    expect(() => new SSETransport({ url: 'not a url' })).toThrow(/not a valid URL/);
  });
});
