import type { HttpAuthProvider } from '@org/mcp-http';
import { afterEach, expect, it } from 'vitest';
import { SSETransport } from '../src/index.js';
import { startSseFixture } from './sseFixture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

it('an auth provider: credentials on the GET and the POSTs, and a POST refused with 401 repeated once', async () => {
  // The POST endpoint takes only the second token.
  const fixture = await startSseFixture({
    post: (_message, req, res) => {
      if (req.headers.authorization === 'Bearer token-2') return false;
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      return true;
    },
  });
  cleanups.push(() => fixture.close());
  let token = 1;
  const auth: HttpAuthProvider = {
    headers: async () => ({ authorization: `Bearer token-${token}` }),
    onUnauthorized: async () => {
      token++;
      return 'retry' as const;
    },
  };
  const transport = new SSETransport({ url: fixture.url, auth, serverName: 'fixture' });
  cleanups.push(() => transport.close());
  await transport.start();
  const answered = new Promise((resolve) => {
    transport.onmessage = resolve;
  });
  await transport.send({ jsonrpc: '2.0', id: 7, method: 'ping' });
  expect(await answered).toEqual({ jsonrpc: '2.0', id: 7, result: {} });
  expect(fixture.requests.map((r) => `${r.method} ${r.headers.authorization}`)).toEqual([
    'GET Bearer token-1',
    'POST Bearer token-1',
    'POST Bearer token-2',
  ]);
});

it("reports its auth provider's wait for a person to log in, so the client's deadlines wait too", () => {
  let waiting = false;
  const auth: HttpAuthProvider = { headers: async () => ({}), waitingForUser: () => waiting };
  const transport = new SSETransport({ url: 'http://127.0.0.1:1/sse', auth, serverName: 'fixture' });
  expect(transport.waitingForUser()).toBe(false);
  waiting = true;
  expect(transport.waitingForUser()).toBe(true);
  expect(new SSETransport({ url: 'http://127.0.0.1:1/sse' }).waitingForUser()).toBe(false);
});
