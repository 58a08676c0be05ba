import type { ServerResponse } from 'node:http';
import { HttpErrorCode, MCPTransportError } from '@org/mcp-core';
import { listenLoopback, type TestHttpServer } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpExchange, type HttpExchangeOptions } from '../src/index.js';

const SECRET = 'tok-rotating-5f1e2d3c4b5a6978';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A server on 127.0.0.1 that records each request's headers; `answer` says what it sends back. */
async function recording(
  answer: (res: ServerResponse, n: number) => void,
): Promise<TestHttpServer & { seen: Record<string, unknown>[] }> {
  const seen: Record<string, unknown>[] = [];
  const http = await listenLoopback((req, res) => {
    seen.push({ ...req.headers });
    req.resume();
    req.on('end', () => answer(res, seen.length));
  });
  cleanups.push(() => http.close());
  return Object.assign(http, { seen });
}

function exchange(url: string, headers: HttpExchangeOptions['headers']): HttpExchange {
  const e = new HttpExchange({ url: new URL(url), serverName: 'fixture', kind: 'Streamable HTTP', headers });
  cleanups.push(() => e.close());
  return e;
}

const ok = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}');

describe('headers given as a function', () => {
  it('is asked before every request, sync or async, and the server sees each new value', async () => {
    const s = await recording(ok);
    let n = 0;
    const sync = exchange(s.origin, () => ({ 'X-Token': `sync-${++n}` }));
    const async = exchange(s.origin, async () => ({ 'X-Token': `async-${++n}`, Accept: 'x/y' }));
    for (const e of [sync, async, sync, async]) {
      const response = await e.request({
        method: 'POST',
        headers: { accept: 'application/json' },
        body: '{}',
      });
      await response.body.dump();
    }
    expect(s.seen.map((h) => h['x-token'])).toEqual(['sync-1', 'async-2', 'sync-3', 'async-4']);
    // The request's own headers still win over the function's.
    expect(s.seen[1]?.accept).toBe('application/json');
  });

  it('scrubs the value the function gave from an error snippet that echoes it', async () => {
    const s = await recording((res) =>
      res.writeHead(401, { 'content-type': 'text/plain' }).end(`bad token ${SECRET}`),
    );
    const e = exchange(s.origin, async () => ({ authorization: `Bearer ${SECRET}` }));
    const response = await e.request({ method: 'POST', headers: {}, body: '{}' });
    const error = await e.statusError(response, 'POST');
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain(SECRET);
  });

  it('a function that throws, or gives no valid headers, fails the request with HEADERS_FAILED and sends nothing', async () => {
    const s = await recording(ok);
    const cases: [HttpExchangeOptions['headers'], string][] = [
      [
        () => {
          throw new Error(`vault said ${SECRET}`);
        },
        'threw Error',
      ],
      [async () => 'nope' as unknown as Record<string, string>, 'not an object'],
      [() => ({ 'x-token': 42 as unknown as string }), 'header "x-token" that is not a string'],
      [() => ({ 'x-token': `${SECRET}\r\nx-evil: 1` }), 'header "x-token" with a line break'],
      [() => ({ 'bad name': SECRET }), 'not valid HTTP'],
    ];
    for (const [headers, says] of cases) {
      const error = await exchange(s.origin, headers)
        .request({ method: 'POST', headers: {}, body: '{}' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MCPTransportError);
      expect(error).toMatchObject({ code: HttpErrorCode.HEADERS_FAILED, serverName: 'fixture' });
      expect((error as Error).message).toContain(says);
      expect((error as Error).message).not.toContain(SECRET);
      expect((error as Error).cause).toBeUndefined();
    }
    expect(s.seen).toEqual([]);
  });
});
