import { MCPConnectionError, MCPTimeoutError, MCPTransportError, type Progress } from '@org/mcp-core';
import { captureLogger } from '@org/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MCPHttpClient, type MCPHttpClientOptions } from '../src/index.js';
import { type FixtureServer, openStream, sendJson, startFixture, writeEvent } from './fixtureServer.js';

const SECRET = 'Bearer sk-test-0123456789abcdef';

function serializeError(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return JSON.stringify({ ...e, message: e.message, stack: e.stack, cause: String(e.cause) });
}

describe('MCPHttpClient against a node:http fixture', () => {
  let fixture: FixtureServer;
  let client: MCPHttpClient;
  let log = captureLogger();

  const makeClient = (options: MCPHttpClientOptions = {}) => {
    client = new MCPHttpClient(
      { transport: 'http', url: fixture.url, headers: { Authorization: SECRET, 'X-Team': 'blue' } },
      { name: 'fixture', logger: log.logger, ...options },
    );
    return client;
  };

  beforeEach(async () => {
    log = captureLogger();
    fixture = await startFixture();
  });
  afterEach(async () => {
    await client?.disconnect();
    await fixture.close();
    expect(log.text()).not.toContain('sk-test-0123456789abcdef');
  });

  it('exchanges JSON responses with the session id, protocol version and configured headers', async () => {
    await makeClient().connect();
    const tools = await client.getTools();
    expect(tools.map((t) => t.name)).toEqual(['add']);

    const [initialize] = fixture.posts('initialize');
    expect(initialize?.headers['mcp-session-id']).toBeUndefined();
    expect(initialize?.headers['mcp-protocol-version']).toBeUndefined();
    expect(initialize?.headers.accept).toBe('application/json, text/event-stream');
    expect(initialize?.headers['content-type']).toBe('application/json');
    expect(initialize?.headers.authorization).toBe(SECRET);

    const [initialized] = fixture.posts('notifications/initialized');
    expect(initialized?.headers['mcp-session-id']).toBe('session-1');

    const [list] = fixture.posts('tools/list');
    expect(list?.headers['mcp-session-id']).toBe('session-1');
    expect(list?.headers['mcp-protocol-version']).toBe('2025-11-25');
    expect(list?.headers.authorization).toBe(SECRET);
    expect(list?.headers['x-team']).toBe('blue');
  });

  it('reads an event-stream answer: a progress notification, then the result', async () => {
    fixture.routes.set('tools/call', ({ res, message }) => {
      openStream(res);
      writeEvent(res, {
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: { progressToken: message.params._meta.progressToken, progress: 1, total: 2 },
      });
      writeEvent(res, {
        jsonrpc: '2.0',
        id: message.id,
        result: { content: [{ type: 'text', text: 'done' }] },
      });
      res.end();
    });
    await makeClient().connect();
    const progress: Progress[] = [];
    const result = await client.callTool('slow', {}, { onProgress: (p) => progress.push(p) });
    expect(result.content).toEqual([{ type: 'text', text: 'done' }]);
    expect(progress).toEqual([{ progress: 1, total: 2 }]);
  });

  it('answers a server ping sent inside a response stream before the result arrives', async () => {
    fixture.routes.set('tools/call', async ({ res, message, fixture: f }) => {
      openStream(res);
      writeEvent(res, { jsonrpc: '2.0', id: 'server-ping-1', method: 'ping' });
      const reply = await f.waitFor((r) => r.body?.id === 'server-ping-1' && r.body?.method === undefined);
      writeEvent(res, {
        jsonrpc: '2.0',
        id: message.id,
        result: { content: [{ type: 'text', text: JSON.stringify(reply.body.result) }] },
      });
      res.end();
    });
    await makeClient().connect();
    const result = await client.callTool('needs-ping');
    expect(result.content).toEqual([{ type: 'text', text: '{}' }]);
    const reply = fixture.seen.find((r) => r.body?.id === 'server-ping-1');
    expect(reply?.headers['mcp-session-id']).toBe('session-1');
  });

  it('recovers a stale session (404) transparently, once for many requests in flight', async () => {
    await makeClient().connect();
    fixture.sessions.clear();
    const results = await Promise.all(Array.from({ length: 8 }, () => client.request('ping')));
    expect(results).toEqual(Array.from({ length: 8 }, () => ({})));
    expect(fixture.posts('initialize')).toHaveLength(2);
    expect(fixture.posts('initialize')[1]?.headers['mcp-session-id']).toBeUndefined();
    expect(fixture.posts('notifications/initialized')).toHaveLength(2);
    expect(fixture.posts('notifications/initialized')[1]?.headers['mcp-session-id']).toBe('session-2');
    const retried = fixture.posts('ping').filter((r) => r.headers['mcp-session-id'] === 'session-2');
    expect(retried).toHaveLength(8);
    expect(client.state).toBe('connected');
  });

  it('lets a second 404 reach the caller after one re-initialization', async () => {
    await makeClient().connect();
    fixture.routes.set('tools/list', ({ res }) => sendJson(res, { error: 'gone' }, 404));
    const error = await client.getTools().catch((e) => e);
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error.status).toBe(404);
    expect(fixture.posts('initialize')).toHaveLength(2);
    expect(fixture.posts('tools/list')).toHaveLength(2);
    expect(await client.request('ping')).toEqual({});
  });

  it('closes the client with SESSION_LOST when the session cannot be re-established', async () => {
    await makeClient().connect();
    const closed = new Promise<Error | undefined>((resolve) => client.once('close', resolve));
    fixture.sessions.clear();
    fixture.routes.set('initialize', ({ res }) => sendJson(res, { error: 'down' }, 503));
    const error = await client.request('ping').catch((e) => e);
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect(error.code).toBe('SESSION_LOST');
    expect(error.message).toContain('503');
    const reason = await closed;
    expect((reason as MCPConnectionError).code).toBe('SESSION_LOST');
    expect(client.state).toBe('closed');
  });

  it('rejects a 500 with its status and a short snippet with secrets scrubbed', async () => {
    fixture.routes.set('tools/call', ({ req, res }) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`internal failure; you sent ${req.headers.authorization} ${'x'.repeat(500)}`);
    });
    await makeClient().connect();
    const error = await client.callTool('boom').catch((e) => e);
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error.code).toBe('HTTP_STATUS');
    expect(error.status).toBe(500);
    expect(error.serverName).toBe('fixture');
    expect(error.message).toContain('internal failure; you sent [redacted]');
    expect(serializeError(error)).not.toContain('0123456789abcdef');
    const snippet = error.message.slice(error.message.indexOf('internal failure'));
    expect(snippet.length).toBeLessThanOrEqual(201);
    // Only that request failed.
    expect(await client.request('ping')).toEqual({});
  });

  it('rejects a 200 with a content type that is neither JSON nor an event stream', async () => {
    fixture.routes.set('tools/call', ({ res }) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    });
    await makeClient().connect();
    const error = await client.callTool('html').catch((e) => e);
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error.code).toBe('HTTP_CONTENT_TYPE');
    expect(error.status).toBe(200);
    expect(error.message).toContain('text/html');
  });

  it('times out a hanging response: the POST is aborted and the server sees notifications/cancelled', async () => {
    let postClosed!: () => void;
    const aborted = new Promise<void>((resolve) => {
      postClosed = resolve;
    });
    fixture.routes.set('tools/call', ({ res }) => {
      // Never answer; the socket closing is the client's abort.
      res.on('close', () => postClosed());
    });
    await makeClient().connect();
    const error = await client.callTool('hang', {}, { timeout: 300 }).catch((e) => e);
    expect(error).toBeInstanceOf(MCPTimeoutError);
    const call = fixture.posts('tools/call')[0];
    const cancel = await fixture.waitFor((r) => r.body?.method === 'notifications/cancelled');
    expect(cancel.body.params.requestId).toBe(call?.body.id);
    expect(cancel.headers['mcp-session-id']).toBe('session-1');
    await aborted;
  });

  it('aborts the POST when the caller aborts, and tells the server', async () => {
    let postClosed!: () => void;
    const aborted = new Promise<void>((resolve) => {
      postClosed = resolve;
    });
    fixture.routes.set('tools/call', ({ res }) => {
      res.on('close', () => postClosed());
    });
    await makeClient().connect();
    const controller = new AbortController();
    const pending = client.callTool('hang', {}, { signal: controller.signal });
    await fixture.waitFor((r) => r.body?.method === 'tools/call');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'REQUEST_ABORTED' });
    await fixture.waitFor((r) => r.body?.method === 'notifications/cancelled');
    await aborted;
  });

  it('sends DELETE with the session id on disconnect and rejects pending requests', async () => {
    fixture.routes.set('tools/call', () => {});
    await makeClient().connect();
    const pending = client.callTool('hang').catch((e) => e);
    await fixture.waitFor((r) => r.body?.method === 'tools/call');
    await client.disconnect();
    const error = await pending;
    expect(error).toBeInstanceOf(MCPConnectionError);
    const deletes = fixture.seen.filter((r) => r.httpMethod === 'DELETE');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.headers['mcp-session-id']).toBe('session-1');
    expect(deletes[0]?.headers.authorization).toBe(SECRET);
    expect(fixture.sessions.size).toBe(0);
    await client.disconnect();
    expect(fixture.seen.filter((r) => r.httpMethod === 'DELETE')).toHaveLength(1);
  });

  it('bounds disconnect when the server never answers DELETE', async () => {
    let deleteSeen = false;
    fixture.onDelete = () => {
      deleteSeen = true;
    };
    await makeClient({ closeTimeout: 200 }).connect();
    const started = Date.now();
    await client.disconnect();
    expect(client.state).toBe('closed');
    expect(deleteSeen).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('opens the GET stream after the handshake and reconnects with Last-Event-ID', async () => {
    let gets = 0;
    fixture.onGet = (_req, res) => {
      gets++;
      openStream(res);
      if (gets === 1) {
        writeEvent(
          res,
          { jsonrpc: '2.0', method: 'notifications/tools/list_changed' },
          { id: 'ev-1', retry: 20 },
        );
        res.end();
      } else {
        writeEvent(res, {
          jsonrpc: '2.0',
          method: 'notifications/message',
          params: { level: 'info', data: 'x' },
        });
      }
    };
    makeClient();
    const notifications: string[] = [];
    const second = new Promise<void>((resolve) =>
      client.on('notification', (n) => {
        notifications.push(n.method);
        if (notifications.length === 2) resolve();
      }),
    );
    await client.connect();
    await second;
    expect(notifications).toEqual(['notifications/tools/list_changed', 'notifications/message']);
    const getRequests = fixture.seen.filter((r) => r.httpMethod === 'GET');
    expect(getRequests[0]?.headers.accept).toBe('text/event-stream');
    expect(getRequests[0]?.headers['mcp-session-id']).toBe('session-1');
    expect(getRequests[0]?.headers['mcp-protocol-version']).toBe('2025-11-25');
    expect(getRequests[0]?.headers['last-event-id']).toBeUndefined();
    expect(getRequests[1]?.headers['last-event-id']).toBe('ev-1');
  });

  it('treats a 405 on GET as "no server stream" and does not retry it', async () => {
    await makeClient().connect();
    await fixture.waitFor((r) => r.httpMethod === 'GET');
    expect(await client.request('ping')).toEqual({});
    expect(fixture.seen.filter((r) => r.httpMethod === 'GET')).toHaveLength(1);
  });

  it('resumes a response stream that ended before the response, after the server retry delay', async () => {
    fixture.routes.set('tools/call', ({ res, message }) => {
      openStream(res);
      writeEvent(res, '', { id: 'call-0', retry: 30 });
      writeEvent(
        res,
        {
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progressToken: message.params._meta.progressToken, progress: 1 },
        },
        { id: 'call-1' },
      );
      res.end();
      fixture.onGet = (req, getRes) => {
        if (req.headers['last-event-id'] !== 'call-1') return getRes.writeHead(405).end();
        openStream(getRes);
        writeEvent(getRes, { jsonrpc: '2.0', id: message.id, result: { content: [] } }, { id: 'call-2' });
        getRes.end();
      };
    });
    await makeClient().connect();
    const progress: Progress[] = [];
    const result = await client.callTool('resumable', {}, { onProgress: (p) => progress.push(p) });
    expect(result.content).toEqual([]);
    expect(progress).toEqual([{ progress: 1 }]);
    const resume = fixture.seen.find((r) => r.httpMethod === 'GET' && r.headers['last-event-id']);
    expect(resume?.headers['last-event-id']).toBe('call-1');
    expect(resume?.headers['mcp-session-id']).toBe('session-1');
  });

  it('fails a request whose stream ends without an event id or a response', async () => {
    fixture.routes.set('tools/call', ({ res }) => {
      openStream(res);
      res.end();
    });
    await makeClient().connect();
    await expect(client.callTool('cut')).rejects.toMatchObject({ code: 'STREAM_ENDED' });
  });

  it('drops an answer larger than maxMessageSize with MESSAGE_TOO_LARGE', async () => {
    fixture.routes.set('tools/call', ({ res, message }) =>
      sendJson(res, { jsonrpc: '2.0', id: message.id, result: { content: [], big: 'y'.repeat(5000) } }),
    );
    await makeClient({ maxMessageSize: 2000 }).connect();
    await expect(client.callTool('big')).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    expect(await client.request('ping')).toEqual({});
  });

  it('pages through tools/list over HTTP', async () => {
    fixture.routes.set('tools/list', ({ res, message }) => {
      const page = Number(message.params?.cursor ?? 0);
      sendJson(res, {
        jsonrpc: '2.0',
        id: message.id,
        result: {
          tools: [{ name: `tool-${page}`, inputSchema: { type: 'object' } }],
          ...(page < 2 ? { nextCursor: String(page + 1) } : {}),
        },
      });
    });
    await makeClient().connect();
    expect((await client.getTools()).map((t) => t.name)).toEqual(['tool-0', 'tool-1', 'tool-2']);
  });

  it('is healthy while the server answers ping', async () => {
    await makeClient().connect();
    expect(await client.isHealthy()).toBe(true);
  });
});
