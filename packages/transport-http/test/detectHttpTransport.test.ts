import { MCPTimeoutError, MCPTransportError } from '@org/mcp-core';
import { listenLoopback, type TestHttpServer } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { detectHttpTransport } from '../src/index.js';
import { type FixtureServer, startFixture } from './fixtureServer.js';

const SECRET = 'Bearer detect-secret-abcdef123456';

describe('detectHttpTransport', () => {
  const servers: TestHttpServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  const statusServer = async (status: number, body = '') => {
    const server = await listenLoopback((req, res) => {
      req.resume();
      res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
    });
    servers.push(server);
    return `${server.origin}/mcp`;
  };

  it('reports streamable-http on 2xx and deletes the session the probe created', async () => {
    const fixture: FixtureServer = await startFixture();
    servers.push(fixture);
    const kind = await detectHttpTransport(fixture.url, { headers: { Authorization: SECRET } });
    expect(kind).toBe('streamable-http');
    const [probe] = fixture.posts('initialize');
    expect(probe?.headers.authorization).toBe(SECRET);
    expect(probe?.headers.accept).toBe('application/json, text/event-stream');
    const deletes = fixture.seen.filter((r) => r.httpMethod === 'DELETE');
    expect(deletes.map((d) => d.headers['mcp-session-id'])).toEqual(['session-1']);
    expect(fixture.sessions.size).toBe(0);
  });

  it.each([400, 404, 405])('reports legacy sse on %i', async (status) => {
    expect(await detectHttpTransport(await statusServer(status))).toBe('sse');
  });

  it('rejects other statuses with the status and no secret', async () => {
    const url = await statusServer(401, `token ${SECRET} is not valid`);
    const error = await detectHttpTransport(url, { headers: { Authorization: SECRET } }).catch((e) => e);
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error.status).toBe(401);
    expect(error.message).toContain('Check the credentials');
    expect(error.message).not.toContain('detect-secret-abcdef123456');
  });

  it('times out on a server that never answers', async () => {
    const server = await listenLoopback(() => {});
    servers.push(server);
    const error = await detectHttpTransport(`${server.origin}/mcp`, { timeout: 200 }).catch((e) => e);
    expect(error).toBeInstanceOf(MCPTimeoutError);
    expect(error.timeout).toBe(200);
  });

  it('rejects with HTTP_REQUEST_FAILED when nothing listens', async () => {
    const server = await listenLoopback(() => {});
    const url = `${server.origin}/mcp`;
    await server.close();
    await expect(detectHttpTransport(url)).rejects.toMatchObject({ code: 'HTTP_REQUEST_FAILED' });
  });

  it("passes the caller's abort reason through", async () => {
    const server = await listenLoopback(() => {});
    servers.push(server);
    const controller = new AbortController();
    const probe = detectHttpTransport(`${server.origin}/mcp`, { signal: controller.signal });
    controller.abort(new Error('stop probing'));
    await expect(probe).rejects.toThrow('stop probing');
  });
});
