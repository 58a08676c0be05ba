import type { IncomingMessage, ServerResponse } from 'node:http';
import { MCPTransportError } from '@org/mcp-core';
import { listenLoopback, type TestHttpServer } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ERROR_BODY_LIMIT,
  type HttpAuthChallenge,
  type HttpAuthProvider,
  type HttpAuthResponse,
  HttpExchange,
  type HttpExchangeOptions,
  MAX_AUTH_RETRIES,
  MAX_SNIPPET_LENGTH,
  RequestAbort,
  readBodyText,
  readJsonBody,
} from '../src/index.js';

const SECRET = 'sk-live-9d2b7e4a1c6f3058';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A node:http server on 127.0.0.1 that records every request with its body before `handle` answers. */
async function server(
  handle: (req: Seen, res: ServerResponse) => void,
): Promise<TestHttpServer & { seen: Seen[] }> {
  const seen: Seen[] = [];
  const http = await listenLoopback((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(request);
      handle(request, res);
    });
  });
  cleanups.push(() => http.close());
  return Object.assign(http, { seen });
}

function exchange(url: string, options: Partial<HttpExchangeOptions> = {}): HttpExchange {
  const e = new HttpExchange({
    url: new URL(url),
    serverName: 'fixture',
    kind: 'Streamable HTTP',
    ...options,
  });
  cleanups.push(() => e.close());
  return e;
}

const ok = (_req: Seen, res: ServerResponse) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end('{}');

describe('HttpExchange', () => {
  it('sends the configured headers on every request, beneath the request own, with method and body', async () => {
    const s = await server(ok);
    const e = exchange(`${s.origin}/mcp?key=1`, {
      headers: { Authorization: `Bearer ${SECRET}`, Accept: 'x/y' },
    });
    for (const method of ['POST', 'GET', 'DELETE'] as const) {
      const response = await e.request({
        method,
        headers: { accept: 'application/json' },
        body: method === 'POST' ? '{"a":1}' : undefined,
      });
      expect(response.status).toBe(200);
      expect(response.url.href).toBe(`${s.origin}/mcp?key=1`);
      await response.body.dump();
    }
    expect(s.seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /mcp?key=1',
      'GET /mcp?key=1',
      'DELETE /mcp?key=1',
    ]);
    for (const r of s.seen) {
      expect(r.headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(r.headers.accept).toBe('application/json');
    }
    expect(s.seen[0]?.body).toBe('{"a":1}');
  });

  it('follows same-origin redirects with method and body; only a permanent one moves the URL', async () => {
    const s = await server((req, res) => {
      if (req.url === '/old') return res.writeHead(308, { location: '/mcp' }).end();
      if (req.url === '/mcp' && req.method === 'GET')
        return res.writeHead(307, { location: '/elsewhere' }).end();
      ok(req, res);
    });
    const e = exchange(`${s.origin}/old`);
    const moved = await e.request({ method: 'POST', headers: {}, body: 'hello' });
    await moved.body.dump();
    expect(moved.url.pathname).toBe('/mcp');
    expect(e.url.pathname).toBe('/mcp');
    const temporary = await e.request({ method: 'GET', headers: {} });
    await temporary.body.dump();
    expect(temporary.url.pathname).toBe('/elsewhere');
    expect(e.url.pathname).toBe('/mcp');
    expect(s.seen.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      'POST /old hello',
      'POST /mcp hello',
      'GET /mcp ',
      'GET /elsewhere ',
    ]);
  });

  it.each([
    ['another origin', (other: string) => `${other}/mcp`, /to another origin/],
    ['no location', () => undefined, /without a usable location/],
    ['a loop', () => '/loop', /more than 3 times/],
  ])('refuses a redirect to %s with REDIRECT_REFUSED and its status', async (_, location, why) => {
    const other = await server(ok);
    const s = await server((_req, res) => {
      const target = location(other.origin);
      res.writeHead(307, target ? { location: target } : {}).end();
    });
    const error = await exchange(`${s.origin}/loop`, { headers: { authorization: SECRET } })
      .request({ method: 'POST', headers: {}, body: '{}' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error).toMatchObject({ code: 'REDIRECT_REFUSED', status: 307, serverName: 'fixture' });
    expect((error as Error).message).toMatch(why);
    expect(other.seen).toEqual([]);
  });

  it('makes HTTP_STATUS with the status and a short snippet, configured secrets scrubbed', async () => {
    const s = await server((req, res) => {
      const status = req.url === '/denied' ? 401 : 500;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(`you sent ${req.headers.authorization}\n ${'x'.repeat(500)}`);
    });
    const e = exchange(`${s.origin}/mcp`, { headers: { authorization: `Bearer ${SECRET}` } });
    const response = await e.request({ method: 'POST', headers: {}, body: '{}' });
    const error = await e.statusError(response, '"tools/call"');
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 500, serverName: 'fixture' });
    expect(error.message).toContain(
      'Server "fixture" answered "tools/call" with HTTP 500: you sent [redacted] xxx',
    );
    expect(error.message).not.toContain(SECRET);
    const snippet = error.message.slice(error.message.indexOf('you sent'));
    expect(snippet).toHaveLength(MAX_SNIPPET_LENGTH + 1);

    const denied = await e.request({ method: 'GET', url: new URL(`${s.origin}/denied`), headers: {} });
    const refused = await e.statusError(denied, 'the GET stream');
    expect(refused.status).toBe(401);
    expect(refused.message).toContain('Check the credentials in the configured headers.');
    expect(refused.message).not.toContain(SECRET);
  });

  it('makes HTTP_CONTENT_TYPE naming the type and what was expected', async () => {
    const s = await server((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>login</p>'),
    );
    const e = exchange(`${s.origin}/mcp`);
    const response = await e.request({ method: 'POST', headers: {}, body: '{}' });
    const error = await e.contentTypeError(response, '"ping"', 'application/json');
    expect(error).toMatchObject({ code: 'HTTP_CONTENT_TYPE', status: 200 });
    expect(error.message).toContain('content type "text/html" (<p>login</p>); expected application/json');
    expect(error.message).toContain(`is an MCP Streamable HTTP endpoint`);
  });

  it('rejects a network failure with HTTP_REQUEST_FAILED naming the server, never the query string', async () => {
    const s = await listenLoopback(() => {});
    await s.close();
    const error = await exchange(`${s.origin}/mcp?api_key=query-secret`, {
      headers: { authorization: SECRET },
    })
      .request({ method: 'POST', headers: {}, body: '{}' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HTTP_REQUEST_FAILED', serverName: 'fixture' });
    expect((error as Error).message).toContain(`HTTP POST to server "fixture" at ${s.origin}/mcp failed (`);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect((error as Error).message).not.toContain('query-secret');
  });

  it('rejects with the reason once the request is aborted', async () => {
    const s = await server(() => {});
    const abort = new RequestAbort();
    const pending = exchange(`${s.origin}/mcp`).request({
      method: 'POST',
      headers: {},
      body: '{}',
      signal: abort,
    });
    while (s.seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const reason = new Error('timed out');
    abort.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('bounds bodies: a JSON answer over maxMessageSize is MESSAGE_TOO_LARGE, an error body is read up to its limit', async () => {
    const s = await server((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url === '/big' ? `"${'x'.repeat(4096)}"` : 'x'.repeat(ERROR_BODY_LIMIT * 2));
    });
    const e = exchange(`${s.origin}/big`);
    const big = await e.request({ method: 'POST', headers: {}, body: '{}' });
    await expect(
      readJsonBody(big.body, { maxMessageSize: 1024, serverName: 'fixture', method: 'tools/call' }),
    ).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    const long = await e.request({ method: 'GET', url: new URL(`${s.origin}/long`), headers: {} });
    const text = await readBodyText(long.body);
    expect(text.length).toBeGreaterThanOrEqual(ERROR_BODY_LIMIT);
    expect(text.length).toBeLessThan(ERROR_BODY_LIMIT * 2);
  });
});

describe('HttpExchange with an auth provider', () => {
  /** A provider whose token changes each time the server refuses it. */
  function provider(decision: 'retry' | 'fail' = 'retry') {
    const challenges: HttpAuthChallenge[] = [];
    let token = 1;
    const auth: HttpAuthProvider = {
      headers: async () => ({ authorization: `Bearer ${SECRET}-${token}` }),
      onUnauthorized: async (challenge) => {
        challenges.push(challenge);
        token++;
        return decision;
      },
    };
    return { auth, challenges };
  }

  /** 401 with a challenge until the request carries `accepted`. */
  const guarded = (accepted: string) => (req: Seen, res: ServerResponse) => {
    if (req.headers.authorization === accepted) return ok(req, res);
    res.writeHead(401, {
      'www-authenticate': 'Bearer resource_metadata="/.well-known/x"',
      'content-type': 'text/plain',
    });
    res.end(`bad token ${req.headers.authorization}`);
  };

  it('adds its headers over the configured ones and retries once after a 401 it answers with retry', async () => {
    const s = await server(guarded(`Bearer ${SECRET}-2`));
    const { auth, challenges } = provider();
    const e = exchange(`${s.origin}/mcp`, {
      auth,
      headers: { authorization: 'configured', 'x-tenant': 'a' },
    });
    const response = await e.request({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"n":1}',
    });
    expect(response.status).toBe(200);
    await response.body.dump();
    expect(s.seen.map((r) => r.headers.authorization)).toEqual([`Bearer ${SECRET}-1`, `Bearer ${SECRET}-2`]);
    expect(s.seen.map((r) => r.body)).toEqual(['{"n":1}', '{"n":1}']);
    expect(s.seen[1]?.headers['x-tenant']).toBe('a');
    expect(challenges).toEqual([
      {
        status: 401,
        wwwAuthenticate: 'Bearer resource_metadata="/.well-known/x"',
        url: new URL(`${s.origin}/mcp`),
        method: 'POST',
        sent: { authorization: `Bearer ${SECRET}-1` },
        headers: expect.objectContaining({ 'www-authenticate': 'Bearer resource_metadata="/.well-known/x"' }),
      },
    ]);
  });

  it('retries at most MAX_AUTH_RETRIES times: the last 401 is the answer, its snippet scrubbed of the provider token', async () => {
    const s = await server(guarded('never'));
    const { auth, challenges } = provider();
    const e = exchange(`${s.origin}/mcp`, { auth });
    const response = await e.request({ method: 'GET', headers: {} });
    expect(response.status).toBe(401);
    expect(s.seen).toHaveLength(MAX_AUTH_RETRIES + 1);
    expect(challenges).toHaveLength(MAX_AUTH_RETRIES);
    const error = await e.statusError(response, 'the GET stream');
    expect(error.message).toContain('bad token [redacted]');
    expect(error.message).toContain('Check the credentials the auth provider gives.');
    expect(error.message).not.toContain(SECRET);
  });

  it("hands the 401 to the caller untouched when the provider says 'fail'", async () => {
    const s = await server(guarded('never'));
    const { auth, challenges } = provider('fail');
    const e = exchange(`${s.origin}/mcp`, { auth });
    const response = await e.request({ method: 'POST', headers: {}, body: '{}' });
    expect(response.status).toBe(401);
    expect(s.seen).toHaveLength(1);
    expect(challenges).toHaveLength(1);
    expect(await readBodyText(response.body)).toBe(`bad token Bearer ${SECRET}-1`);
  });

  it('onResponse sees each answer handed on, not the redirects or the refusals sent again; a throw rejects the request', async () => {
    const s = await server((req, res) => {
      if (req.url === '/old') return res.writeHead(307, { location: '/mcp' }).end();
      if (req.headers.authorization !== `Bearer ${SECRET}-2`) return guarded('')(req, res);
      res.writeHead(200, { 'content-type': 'application/json', 'dpop-nonce': 'n-1' }).end('{}');
    });
    const responses: HttpAuthResponse[] = [];
    const { auth } = provider();
    auth.onResponse = (response) => {
      responses.push(response);
      if (response.headers['dpop-nonce'] === 'refuse') throw new Error('provider refused the answer');
    };
    const e = exchange(`${s.origin}/old`, { auth });
    const answer = await e.request({ method: 'POST', headers: {}, body: '{}' });
    await answer.body.dump();
    expect(s.seen.map((r) => r.url)).toEqual(['/old', '/mcp', '/mcp']);
    expect(responses).toEqual([
      {
        status: 200,
        url: new URL(`${s.origin}/mcp`),
        headers: expect.objectContaining({ 'dpop-nonce': 'n-1' }),
      },
    ]);
    const refusing = await server((_req, res) => res.writeHead(200, { 'dpop-nonce': 'refuse' }).end('{}'));
    const failed = exchange(`${refusing.origin}/mcp`, { auth });
    await expect(failed.request({ method: 'GET', headers: {} })).rejects.toThrow(
      'provider refused the answer',
    );
  });

  it('without onUnauthorized a 401 is the answer at once', async () => {
    const s = await server(guarded('never'));
    const e = exchange(`${s.origin}/mcp`, {
      auth: { headers: () => ({ authorization: 'Bearer fixed-token-123' }) },
    });
    const response = await e.request({ method: 'POST', headers: {}, body: '{}' });
    expect(response.status).toBe(401);
    expect(s.seen).toHaveLength(1);
    expect(s.seen[0]?.headers.authorization).toBe('Bearer fixed-token-123');
    await response.body.dump();
  });
});
