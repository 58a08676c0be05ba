import { MCPTransportError } from '@org/mcp-core';
import { eraCache } from '@org/mcp-core/internal';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectHttpTransport, MCPHttpClient, StreamableHttpTransport } from '../src/index.js';
import { type FixtureServer, sendJson, startFixture } from './fixtureServer.js';

const MODERN = '2026-07-28';

/** Turns the fixture into a modern-era (2026-07-28) server: discover works, initialize is refused. */
function makeModern(fixture: FixtureServer): void {
  fixture.routes.set('server/discover', ({ res, message }) =>
    sendJson(res, {
      jsonrpc: '2.0',
      id: message.id,
      result: {
        supportedVersions: [MODERN],
        capabilities: { tools: {}, resources: {} },
        _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'modern', version: '2.0.0' } },
      },
    }),
  );
  fixture.routes.set('initialize', ({ res, message }) =>
    sendJson(
      res,
      {
        jsonrpc: '2.0',
        id: message.id,
        error: { code: -32022, message: 'Unsupported protocol version', data: { supported: [MODERN] } },
      },
      400,
    ),
  );
  fixture.routes.set('tools/call', ({ res, message }) =>
    sendJson(res, {
      jsonrpc: '2.0',
      id: message.id,
      result: { content: [{ type: 'text', text: message.params.name }] },
    }),
  );
  fixture.routes.set('resources/read', ({ res, message }) =>
    sendJson(res, { jsonrpc: '2.0', id: message.id, result: { contents: [] } }),
  );
}

describe('Streamable HTTP in the modern era (2026-07-28)', () => {
  let fixture: FixtureServer;
  let client: MCPHttpClient | undefined;
  beforeEach(async () => {
    eraCache.clear();
    fixture = await startFixture();
  });
  afterEach(async () => {
    await client?.disconnect();
    client = undefined;
    await fixture.close();
  });

  it('mirrors version, method and name into headers, with no session, GET stream or DELETE', async () => {
    makeModern(fixture);
    client = new MCPHttpClient({ transport: 'http', url: fixture.url });
    await client.connect();
    expect(client.era).toBe('modern');
    expect(client.serverInfo?.name).toBe('modern');

    const [discover] = fixture.posts('server/discover');
    expect(discover?.headers['mcp-protocol-version']).toBe(MODERN);
    expect(discover?.headers['mcp-method']).toBe('server/discover');
    expect(discover?.headers['mcp-session-id']).toBeUndefined();

    await client.callTool('add', { a: 1 });
    await client.callTool('héllo wörld');
    await client.callTool('=?base64?literal?=');
    await client.readResource('file:///data/a b.txt');
    const names = [...fixture.posts('tools/call'), ...fixture.posts('resources/read')].map(
      (r) => r.headers['mcp-name'],
    );
    expect(names).toEqual([
      'add',
      `=?base64?${Buffer.from('héllo wörld').toString('base64')}?=`,
      `=?base64?${Buffer.from('=?base64?literal?=').toString('base64')}?=`,
      'file:///data/a b.txt',
    ]);
    const call = fixture.posts('tools/call')[0];
    expect(call?.headers['mcp-method']).toBe('tools/call');
    expect(call?.headers['mcp-protocol-version']).toBe(MODERN);
    expect(call?.body.params._meta['io.modelcontextprotocol/protocolVersion']).toBe(MODERN);

    await client.disconnect();
    expect(fixture.seen.filter((r) => r.httpMethod === 'GET' || r.httpMethod === 'DELETE')).toEqual([]);
    expect(fixture.posts('initialize')).toEqual([]);
  });

  it('routes task requests by their task id (the tasks extension: Mcp-Name is params.taskId)', async () => {
    makeModern(fixture);
    const extensions = { 'io.modelcontextprotocol/tasks': {} };
    fixture.routes.set('server/discover', ({ res, message }) =>
      sendJson(res, {
        jsonrpc: '2.0',
        id: message.id,
        result: { supportedVersions: [MODERN], capabilities: { tools: {}, extensions } },
      }),
    );
    const task = { taskId: 'job-7', createdAt: 'now', lastUpdatedAt: 'now', ttlMs: null };
    fixture.routes.set('tools/call', ({ res, message }) =>
      sendJson(res, {
        jsonrpc: '2.0',
        id: message.id,
        result: { resultType: 'task', status: 'working', ...task },
      }),
    );
    fixture.routes.set('tasks/get', ({ res, message }) =>
      sendJson(res, {
        jsonrpc: '2.0',
        id: message.id,
        result: { resultType: 'complete', status: 'cancelled', ...task },
      }),
    );
    fixture.routes.set('tasks/cancel', ({ res, message }) =>
      sendJson(res, { jsonrpc: '2.0', id: message.id, result: { resultType: 'complete' } }),
    );
    client = new MCPHttpClient({ transport: 'http', url: fixture.url });
    await client.connect();
    const start = await client.callToolAsTask('job');
    expect(start.kind).toBe('task');
    await expect(client.getTask('job-7')).resolves.toMatchObject({ status: 'cancelled' });
    await client.cancelTask('job-7');
    for (const method of ['tasks/get', 'tasks/cancel']) {
      const [post] = fixture.posts(method);
      expect([post?.headers['mcp-method'], post?.headers['mcp-name']]).toEqual([method, 'job-7']);
      expect(post?.body.params._meta['io.modelcontextprotocol/clientCapabilities'].extensions).toEqual(
        extensions,
      );
    }
  });

  it('cancels by closing the request: no notifications/cancelled', async () => {
    makeModern(fixture);
    let closed!: () => void;
    const postClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    fixture.routes.set('tools/call', ({ res }) => {
      res.on('close', () => closed());
    });
    client = new MCPHttpClient({ transport: 'http', url: fixture.url });
    await client.connect();
    await expect(client.callTool('hang', {}, { timeout: 200 })).rejects.toMatchObject({
      code: 'REQUEST_TIMEOUT',
    });
    await postClosed;
    await client.readResource('file:///after');
    expect(fixture.posts('notifications/cancelled')).toEqual([]);
  });

  it('falls back to the handshake when discover is refused with 400 and the supported handshake version', async () => {
    fixture.routes.set('server/discover', ({ res, message }) =>
      sendJson(
        res,
        {
          jsonrpc: '2.0',
          id: message.id,
          error: { code: -32022, message: 'Unsupported', data: { supported: ['2025-06-18'] } },
        },
        400,
      ),
    );
    client = new MCPHttpClient({ transport: 'http', url: fixture.url });
    await client.connect();
    expect(client.era).toBe('handshake');
    expect(fixture.posts('initialize')[0]?.body.params.protocolVersion).toBe('2025-06-18');
  });

  it('delivers a 400 JSON-RPC error to its request, and rejects one that answers no request', async () => {
    const transport = new StreamableHttpTransport({ url: fixture.url });
    const received: unknown[] = [];
    transport.onmessage = (m) => received.push(m);
    fixture.routes.set('x/own', ({ res, message }) =>
      sendJson(
        res,
        { jsonrpc: '2.0', id: message.id, error: { code: -32020, message: 'Header mismatch' } },
        400,
      ),
    );
    fixture.routes.set('x/anonymous', ({ res }) =>
      sendJson(res, { jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Bad Request' } }, 400),
    );
    await transport.send({ jsonrpc: '2.0', id: 7, method: 'x/own' }, { requestId: 7 });
    expect(received).toEqual([
      { jsonrpc: '2.0', id: 7, error: { code: -32020, message: 'Header mismatch' } },
    ]);
    const error = await transport.send({ jsonrpc: '2.0', id: 8, method: 'x/anonymous' }).catch((e) => e);
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error.status).toBe(400);
    expect(error.message).toContain('Bad Request');
    await transport.close();
  });

  it('is detected as streamable-http when it refuses initialize with a modern-era error', async () => {
    makeModern(fixture);
    expect(await detectHttpTransport(fixture.url)).toBe('streamable-http');
  });
});
