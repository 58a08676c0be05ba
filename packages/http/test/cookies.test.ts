import { MCPTransportError } from '@org/mcp-core';
import { listenLoopback, type TestHttpServer } from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpExchange } from '../src/index.js';

const SESSION_COOKIE = 'cookie-secret-7f3a9c2e5b';
let server: TestHttpServer;
const received: (string | undefined)[] = [];

beforeAll(async () => {
  server = await listenLoopback((req, res) => {
    received.push(req.headers.cookie);
    if (req.url === '/login')
      res.writeHead(204, { 'set-cookie': `session=${SESSION_COOKIE}; Path=/; HttpOnly` }).end();
    else if (req.url === '/hop')
      res.writeHead(307, { location: '/echo', 'set-cookie': 'hop=1; Path=/' }).end();
    else res.writeHead(500).end(`session error for cookie ${req.headers.cookie ?? ''}`);
  });
});
afterAll(() => server.close());

describe('the cookie jar of an exchange', () => {
  it('sends the cookies back (after a configured Cookie header, through redirects) and scrubs their values from errors', async () => {
    const exchange = new HttpExchange({
      url: new URL(`${server.origin}/login`),
      serverName: 'jarred',
      kind: 'Streamable HTTP',
      headers: { Cookie: 'configured=yes' },
    });
    await (await exchange.request({ method: 'POST', headers: {} })).body.dump();
    const answer = await exchange.request({
      method: 'POST',
      url: new URL(`${server.origin}/hop`),
      headers: {},
    });
    expect(received.slice(-2)).toEqual([
      `configured=yes; session=${SESSION_COOKIE}`,
      `configured=yes; session=${SESSION_COOKIE}; hop=1`,
    ]);
    const error = await exchange.statusError(answer, '"tools/list"');
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain(SESSION_COOKIE);
    await exchange.close();
  });

  it('keeps none with cookies: false', async () => {
    const exchange = new HttpExchange({
      url: new URL(`${server.origin}/login`),
      serverName: 'plain',
      kind: 'Streamable HTTP',
      network: { cookies: false },
    });
    await (await exchange.request({ method: 'POST', headers: {} })).body.dump();
    await (await exchange.request({ method: 'POST', headers: {} })).body.dump();
    expect(received.slice(-1)).toEqual([undefined]);
    await exchange.close();
  });
});
