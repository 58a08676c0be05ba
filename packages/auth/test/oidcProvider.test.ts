import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import { MCPClientFactory } from '@org/mcp-factory';
import { MCPHttpClient } from '@org/mcp-transport-http';
import {
  type AuthorizationServer,
  type ProtectedMcpServer,
  startAuthorizationServer,
  startProtectedMcpServer,
} from '@org/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  headlessAuthorizationHandler,
  MemoryTokenStore,
  OAuthProvider,
  type OAuthProviderOptions,
} from '../src/index.js';

let as: AuthorizationServer;
let mcp: ProtectedMcpServer;
const clients: MCPHttpClient[] = [];

beforeEach(async () => {
  as = await startAuthorizationServer();
  mcp = await startProtectedMcpServer(as);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.disconnect()));
  await mcp.close();
  await as.close();
});

/** A fake clock the provider reads; tests move it instead of waiting. */
function clock(start = Date.now()) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function client(options: OAuthProviderOptions = {}, url = mcp.url) {
  const auth = new OAuthProvider({ authorizationHandler: headlessAuthorizationHandler(), ...options });
  const c = new MCPHttpClient({ transport: 'http', url }, { name: 'protected', auth });
  clients.push(c);
  return { client: c, auth };
}

describe('OAuthProvider against oidc-provider in front of an official MCP server', () => {
  it('registers, authorizes with PKCE and resource, then connects, lists and calls', async () => {
    const { client: c } = client();
    await c.connect();
    expect((await c.getTools()).map((t) => t.name).sort()).toEqual(['whoami', 'write']);
    expect((await c.callTool('whoami', {})).content).toEqual([{ type: 'text', text: 'user-1' }]);
    const auth = as.seen.find((r) => r.path === '/auth');
    expect(auth?.body.get('code_challenge_method')).toBe('S256');
    expect(auth?.body.get('resource')).toBe(mcp.url);
    const [token] = as.tokenRequests('authorization_code');
    expect(token?.body.get('resource')).toBe(mcp.url);
    expect(as.tokenRequests()).toHaveLength(1);
    expect(as.seen.filter((r) => r.path === '/reg')).toHaveLength(1);
    // After the first refusal every request carried the token, whatever its method (the GET stream too).
    const toMcp = mcp.seen.filter((r) => r.path === '/mcp');
    const first = toMcp.findIndex((r) => r.authorization);
    expect(toMcp.slice(0, first).every((r) => r.status === 401)).toBe(true);
    expect(toMcp.slice(first).every((r) => r.authorization?.startsWith('Bearer '))).toBe(true);
  });

  it('handshake era: the GET event stream carries the token too', async () => {
    const auth = new OAuthProvider({ authorizationHandler: headlessAuthorizationHandler() });
    const c = new MCPHttpClient(
      { transport: 'http', url: mcp.url },
      { name: 'handshake', auth, era: 'handshake' },
    );
    clients.push(c);
    await c.connect();
    await c.callTool('whoami', {});
    const gets = mcp.seen.filter((r) => r.path === '/mcp' && r.method === 'GET');
    expect(gets.length).toBeGreaterThan(0);
    expect(gets.every((r) => r.authorization?.startsWith('Bearer '))).toBe(true);
  });

  it('the factory fallback client (HTTP, then SSE) takes auth too', async () => {
    const auth = new OAuthProvider({ authorizationHandler: headlessAuthorizationHandler() });
    const c = MCPClientFactory.createClient(
      { transport: 'http', url: mcp.url, sseFallback: true },
      { name: 'fallback', auth },
    );
    try {
      await c.connect();
      expect((await c.callTool('whoami', {})).content).toEqual([{ type: 'text', text: 'user-1' }]);
    } finally {
      await c.disconnect();
    }
  });

  it('refreshes an access token before it expires (a fake clock), once', async () => {
    const time = clock();
    const { client: c } = client({ now: time.now });
    await c.connect();
    expect(as.tokenRequests('refresh_token')).toHaveLength(0);
    time.advance(2 * 3600_000);
    await c.callTool('whoami', {});
    expect(as.tokenRequests('refresh_token')).toHaveLength(1);
    expect(as.tokenRequests('refresh_token')[0]?.body.get('resource')).toBe(mcp.url);
  });

  it('64 calls in flight across an expiry make exactly one token request', async () => {
    const time = clock();
    const { client: c } = client({ now: time.now });
    await c.connect();
    await c.getTools();
    const before = as.tokenRequests().length;
    time.advance(2 * 3600_000);
    const results = await Promise.all(Array.from({ length: 64 }, () => c.callTool('whoami', {})));
    expect(results).toHaveLength(64);
    expect(as.tokenRequests().length - before).toBe(1);
    expect(as.tokenRequests('refresh_token')).toHaveLength(1);
  });

  it('refreshes after a 401 invalid_token (the access token revoked at the server), once', async () => {
    const store = new MemoryTokenStore();
    const { client: c } = client({ store });
    await c.connect();
    const revoked = await revoke(store, 'accessToken');
    await c.callTool('whoami', {});
    expect(as.tokenRequests('refresh_token')).toHaveLength(1);
    // The POST, and the GET stream if it reconnected meanwhile: each refused once, with the revoked token only.
    const refused = mcp.seen.filter((r) => r.status === 401 && r.authorization);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.every((r) => r.authorization === `Bearer ${revoked}`)).toBe(true);
  });

  it('a revoked refresh token ends in MCPAuthError AUTH_REQUIRED where no handler can authorize again', async () => {
    const store = new MemoryTokenStore();
    const first = client({ store });
    await first.client.connect();
    await revoke(store, 'refreshToken');
    await revoke(store, 'accessToken');
    const second = new MCPHttpClient(
      { transport: 'http', url: mcp.url },
      { name: 'protected', auth: new OAuthProvider({ store }) },
    );
    clients.push(second);
    const error = await second.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPAuthError);
    expect((error as MCPAuthError).code).toBe(AuthErrorCode.AUTH_REQUIRED);
    expect(as.tokenRequests('refresh_token')).toHaveLength(1);
  });

  it('a token for another MCP server is refused there; the provider then gets one for this server', async () => {
    const other = await startProtectedMcpServer(as);
    try {
      const store = new MemoryTokenStore();
      const a = client({ store }, other.url);
      await a.client.connect();
      const foreign = await store.getTokens({ resource: other.url, issuer: as.issuer });
      const direct = await fetch(mcp.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${foreign?.accessToken}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(direct.status).toBe(401);
      expect(direct.headers.get('www-authenticate')).toContain('invalid_token');
      // A store that holds the other server's token under this server's key: refused, then replaced.
      await store.updateTokens({ resource: mcp.url, issuer: as.issuer }, async () => foreign);
      const b = client({ store });
      await b.client.connect();
      await b.client.callTool('whoami', {});
      const asked = as.tokenRequests('authorization_code').map((r) => r.body.get('resource'));
      expect(asked).toEqual([other.url, mcp.url]);
      const accepted = mcp.seen.filter(
        (r) => r.status === 200 && r.authorization?.includes(foreign!.accessToken),
      );
      expect(accepted).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('403 insufficient_scope: authorizes again for the union of the scopes, then the call succeeds', async () => {
    const { client: c } = client();
    await c.connect();
    expect((await c.callTool('write', {})).content).toEqual([{ type: 'text', text: 'written' }]);
    const scopes = as.seen
      .filter((r) => r.path === '/auth')
      .map((r) => r.body.get('scope')?.split(' ').sort());
    expect(scopes[0]).toContain('mcp:read');
    expect(scopes.at(-1)).toEqual(expect.arrayContaining(['mcp:read', 'mcp:write']));
  });
});

/** Revokes the stored access or refresh token at the authorization server, as an administrator would. */
async function revoke(
  store: MemoryTokenStore,
  which: 'accessToken' | 'refreshToken',
): Promise<string | undefined> {
  const tokens = await store.getTokens({ resource: mcp.url, issuer: as.issuer });
  const registered = await store.getClient(as.issuer);
  const response = await fetch(`${as.issuer}/token/revocation`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: tokens?.[which] ?? '', client_id: registered?.clientId ?? '' }),
  });
  expect(response.status).toBe(200);
  return tokens?.[which];
}
