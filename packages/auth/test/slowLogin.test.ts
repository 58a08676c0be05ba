import { sleep } from '@org/mcp-core/internal';
import { MCPHttpClient } from '@org/mcp-transport-http';
import {
  type AuthorizationServer,
  type ProtectedMcpServer,
  startAuthorizationServer,
  startProtectedMcpServer,
} from '@org/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuthorizationHandler, headlessAuthorizationHandler, OAuthProvider } from '../src/index.js';

let as: AuthorizationServer;
let mcp: ProtectedMcpServer;
beforeEach(async () => {
  as = await startAuthorizationServer();
  mcp = await startProtectedMcpServer(as, { modernOnly: true });
});
afterEach(async () => {
  await mcp.close();
  await as.close();
});

/** A person who takes `ms` to log in: the headless login, finished only after that wait. */
function slowPerson(ms: number): AuthorizationHandler {
  const headless = headlessAuthorizationHandler();
  return {
    redirectUri: () => headless.redirectUri(),
    authorize: async (request) => {
      await sleep(ms, request.signal);
      return headless.authorize(request);
    },
  };
}

describe('a login that takes longer than the protocol deadlines, to a server that speaks only 2026-07-28', () => {
  it('neither the era probe nor the connect deadline counts the wait for the person: modern era, connected', async () => {
    // Scaled down from the defaults (probe 5 s, connect 30 s, a login of a minute): the login outlasts both.
    const auth = new OAuthProvider({ authorizationHandler: slowPerson(1_500) });
    const client = new MCPHttpClient(
      { transport: 'http', url: mcp.url },
      { name: 'slow-login', auth, probeTimeout: 300, connectTimeout: 800 },
    );
    try {
      await client.connect();
      expect(client.era).toBe('modern');
      expect((await client.callTool('whoami', {})).content).toEqual([{ type: 'text', text: 'user-1' }]);
      // No initialize was tried (the server refuses it) and one login did it all.
      expect(as.tokenRequests('authorization_code')).toHaveLength(1);
    } finally {
      await client.disconnect();
    }
  });

  it('with the default deadlines (probe 5 s, connect 30 s), a login of 31 s connects in the modern era', async () => {
    const auth = new OAuthProvider({ authorizationHandler: slowPerson(31_000) });
    const client = new MCPHttpClient({ transport: 'http', url: mcp.url }, { name: 'slow-login', auth });
    try {
      await client.connect();
      expect(client.era).toBe('modern');
    } finally {
      await client.disconnect();
    }
  });
});
