import type { HttpAuthProvider } from '@org/mcp-http';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamableHttpTransport } from '../src/index.js';
import { type FixtureServer, startFixture } from './fixtureServer.js';

describe('StreamableHttpTransport with an auth provider', () => {
  let fixture: FixtureServer;
  let transport: StreamableHttpTransport;
  afterEach(async () => {
    await transport.close();
    await fixture.close();
  });

  it('sends its credentials and repeats a request refused with 401 once it has new ones', async () => {
    fixture = await startFixture();
    // The server takes only the second token.
    fixture.routes.set('initialize', ({ req, res }) => {
      if (req.headers.authorization === 'Bearer token-2') return false;
      res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end();
    });
    let token = 1;
    const challenges: string[] = [];
    const auth: HttpAuthProvider = {
      headers: () => ({ authorization: `Bearer token-${token}` }),
      onUnauthorized: ({ status, wwwAuthenticate }) => {
        challenges.push(`${status} ${wwwAuthenticate}`);
        token++;
        return 'retry';
      },
    };
    transport = new StreamableHttpTransport({ url: fixture.url, auth });
    const answered = new Promise((resolve) => {
      transport.onmessage = resolve;
    });
    await transport.start();
    await transport.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} });
    expect(await answered).toMatchObject({ id: 1, result: { serverInfo: { name: 'fixture' } } });
    expect(challenges).toEqual(['401 Bearer error="invalid_token"']);
    expect(fixture.posts('initialize').map((r) => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });
});
