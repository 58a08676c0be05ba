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
  // The connect deadline is shortened (default 30 s) so the login outlasts it and the probe's 5 s in 16 s, not 31;
  // 15 s leaves the connect's own requests room on a loaded machine.
  it('neither the era probe nor the connect deadline counts a login longer than both: connected in the modern era', async () => {
    const auth = new OAuthProvider({ authorizationHandler: slowPerson(16_000) });
    const client = new MCPHttpClient(
      { transport: 'http', url: mcp.url },
      { name: 'slow-login', auth, connectTimeout: 15_000 },
    );
    try {
      await client.connect();
      expect(client.era).toBe('modern');
      expect((await client.callTool('whoami', {})).content).toEqual([{ type: 'text', text: 'user-1' }]);
      // One login did it all.
      expect(as.tokenRequests('authorization_code')).toHaveLength(1);
    } finally {
      await client.disconnect();
    }
  });
});
