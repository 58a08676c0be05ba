import { MCPConfigError, MCPConnectionError, MCPTransportError } from '@org/mcp-core';
import { listenLoopback, openFdCount, readJson, type TestHttpServer, waitUntil } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { MCPHttpClient, StreamableHttpTransport } from '../src/index.js';
import {
  type FixtureServer,
  INITIALIZE_RESULT,
  openStream,
  sendJson,
  startFixture,
} from './fixtureServer.js';

describe('StreamableHttpTransport', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const fixture = async (): Promise<FixtureServer> => {
    const f = await startFixture();
    cleanups.push(() => f.close());
    return f;
  };
  const server = async (handler: Parameters<typeof listenLoopback>[0]): Promise<TestHttpServer> => {
    const s = await listenLoopback(handler);
    cleanups.push(() => s.close());
    return s;
  };
  const client = (url: string) => {
    const c = new MCPHttpClient({ transport: 'http', url }, { name: 't', backoff: { baseDelay: 10 } });
    cleanups.push(() => c.disconnect());
    return c;
  };

  it.each(['not a url', 'ftp://example.com/mcp'])('refuses the URL %s with MCPConfigError', (url) => {
    expect(() => new StreamableHttpTransport({ url, serverName: 'bad' })).toThrow(MCPConfigError);
    expect(() => new MCPHttpClient({ transport: 'http', url })).toThrow(MCPConfigError);
  });

  it('is closed for good after close(), which is idempotent and sends no DELETE without a session', async () => {
    const f = await fixture();
    const transport = new StreamableHttpTransport({ url: f.url });
    await transport.start();
    expect(transport.isAlive()).toBe(true);
    await Promise.all([transport.close(), transport.close()]);
    expect(transport.isAlive()).toBe(false);
    const error = await transport.send({ jsonrpc: '2.0', method: 'notifications/x' }).catch((e) => e);
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect(error.code).toBe('TRANSPORT_CLOSED');
    expect(f.seen).toHaveLength(0);
  });

  it('does not call onclose for its own close', async () => {
    const f = await fixture();
    const transport = new StreamableHttpTransport({ url: f.url });
    const reasons: unknown[] = [];
    transport.onclose = (reason) => reasons.push(reason);
    await transport.start();
    await transport.close();
    expect(reasons).toEqual([]);
  });

  it('releases its sockets: repeated connect and disconnect leave no descriptors behind', async () => {
    const f = await fixture();
    f.onGet = (_req, res) => openStream(res);
    // Only the client may close idle sockets here.
    f.server.keepAliveTimeout = 120_000;
    const baseline = openFdCount();
    for (let i = 0; i < 10; i++) {
      const c = new MCPHttpClient({ transport: 'http', url: f.url });
      await c.connect();
      await c.request('ping');
      await f.waitFor((r) => r.httpMethod === 'GET' && r.headers['mcp-session-id'] === `session-${i + 1}`);
      await c.disconnect();
    }
    await waitUntil(() => openFdCount() <= baseline + 2, 'client sockets closed');
  });

  it('rejects a notification answered with an error status', async () => {
    const f = await fixture();
    f.routes.set('notifications/bad', ({ res }) => sendJson(res, { error: 'no' }, 400));
    const transport = new StreamableHttpTransport({ url: f.url });
    cleanups.push(() => transport.close());
    const error = await transport.send({ jsonrpc: '2.0', method: 'notifications/bad' }).catch((e) => e);
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error.status).toBe(400);
  });

  it('keeps 64 requests in flight on one client', async () => {
    const f = await fixture();
    const c = client(f.url);
    await c.connect();
    const results = await Promise.all(Array.from({ length: 64 }, () => c.request('ping')));
    expect(results).toHaveLength(64);
    expect(f.posts('ping')).toHaveLength(64);
  });

  it('follows a same-origin redirect and keeps the new endpoint when it is permanent', async () => {
    const paths: string[] = [];
    const s = await server(async (req, res) => {
      paths.push(`${req.method} ${req.url}`);
      if (req.url === '/old') {
        req.resume();
        return res.writeHead(308, { location: '/mcp' }).end();
      }
      if (req.method !== 'POST') return res.writeHead(405).end();
      const message = (await readJson(req)) as any;
      if (message.id === undefined) return res.writeHead(202).end();
      const result = message.method === 'initialize' ? INITIALIZE_RESULT : {};
      sendJson(res, { jsonrpc: '2.0', id: message.id, result });
    });
    const c = client(`${s.origin}/old`);
    await c.connect();
    expect(await c.request('ping')).toEqual({});
    // Only the first request meets the redirect; every later one goes straight to the new endpoint.
    expect(paths[0]).toBe('POST /old');
    expect(paths.filter((p) => p.endsWith('/old'))).toHaveLength(1);
    expect(paths.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a redirect to another origin', async () => {
    const elsewhere = await server((req, res) => {
      req.resume();
      res.writeHead(500).end();
    });
    const s = await server((req, res) => {
      req.resume();
      res.writeHead(307, { location: `${elsewhere.origin}/mcp` }).end();
    });
    const error = await client(`${s.origin}/mcp`)
      .connect()
      .catch((e) => e);
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error.code).toBe('REDIRECT_REFUSED');
    expect(error.status).toBe(307);
  });

  it('re-establishes the session when the GET stream gets 404, then reopens the stream', async () => {
    const f = await fixture();
    f.onGet = (_req, res) => openStream(res);
    const c = client(f.url);
    await c.connect();
    await f.waitFor((r) => r.httpMethod === 'GET');
    f.sessions.clear();
    // Drop the open stream; the reconnect carries the stale session and gets 404.
    f.server.closeAllConnections();
    const reopened = await f.waitFor(
      (r) => r.httpMethod === 'GET' && r.headers['mcp-session-id'] === 'session-2',
    );
    expect(reopened.headers['mcp-protocol-version']).toBe('2025-11-25');
    expect(f.posts('initialize')).toHaveLength(2);
    expect(await c.request('ping')).toEqual({});
  });

  it('reports a network failure as HTTP_REQUEST_FAILED naming the server, not the query string', async () => {
    const s = await listenLoopback(() => {});
    const url = `${s.origin}/mcp?api_key=query-secret`;
    await s.close();
    const error = await client(url)
      .connect()
      .catch((e) => e);
    expect(error.code).toBe('HTTP_REQUEST_FAILED');
    expect(error.message).toContain('server "t"');
    expect(error.message).not.toContain('query-secret');
  });
});
