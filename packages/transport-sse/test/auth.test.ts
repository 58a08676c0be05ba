import type { HttpAuthProvider } from '@org/mcp-http';
import { afterEach, describe, expect, it } from 'vitest';
import { SSETransport } from '../src/index.js';
import { type SseFixture, startSseFixture } from './sseFixture.js';

describe('SSETransport with an auth provider', () => {
  let fixture: SseFixture;
  let transport: SSETransport;
  afterEach(async () => {
    await transport.close();
    await fixture.close();
  });

  it('sends its credentials on the GET and the POSTs, and repeats a POST refused with 401 once', async () => {
    // The POST endpoint takes only the second token.
    fixture = await startSseFixture({
      post: (_message, req, res) => {
        if (req.headers.authorization === 'Bearer token-2') return false;
        res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
        return true;
      },
    });
    let token = 1;
    const auth: HttpAuthProvider = {
      headers: async () => ({ authorization: `Bearer token-${token}` }),
      onUnauthorized: async () => {
        token++;
        return 'retry';
      },
    };
    transport = new SSETransport({ url: fixture.url, auth, serverName: 'fixture' });
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
});
