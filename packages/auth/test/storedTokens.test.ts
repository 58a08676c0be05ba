import { MCPHttpClient } from '@org/mcp-transport-http';
import {
  type AuthorizationServer,
  type ProtectedMcpServer,
  startAuthorizationServer,
  startProtectedMcpServer,
} from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import {
  headlessAuthorizationHandler,
  MemoryTokenStore,
  OAuthProvider,
  type OAuthProviderOptions,
  type TokenStore,
} from '../src/index.js';

let as: AuthorizationServer | undefined;
let mcp: ProtectedMcpServer | undefined;
const clients: MCPHttpClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.disconnect()));
  await mcp?.close();
  await as?.close();
});

async function start(accessTokenTtl?: number) {
  as = await startAuthorizationServer(accessTokenTtl ? { accessTokenTtl } : {});
  mcp = await startProtectedMcpServer(as);
  return { as, mcp };
}

function client(options: OAuthProviderOptions) {
  const auth = new OAuthProvider(options);
  const c = new MCPHttpClient(
    { transport: 'http', url: (mcp as ProtectedMcpServer).url },
    { name: 'stored', auth },
  );
  clients.push(c);
  return c;
}

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

/** Authorizes once with a handler, so the store holds a client, tokens and a refresh token. */
async function authorizedStore(): Promise<MemoryTokenStore> {
  const store = new MemoryTokenStore();
  const first = client({ store, authorizationHandler: headlessAuthorizationHandler() });
  await first.connect();
  await first.disconnect();
  return store;
}

/**
 * The stored access token becomes one the server refuses (401 invalid_token), the refresh token
 * staying good: oidc-provider's revocation of an access token revokes its whole grant, refresh token included.
 */
async function revokeAccessToken(store: TokenStore): Promise<void> {
  const key = { resource: (mcp as ProtectedMcpServer).url, issuer: (as as AuthorizationServer).issuer };
  await store.updateTokens(
    key,
    async (current) => current && { ...current, accessToken: 'revoked-access-token' },
  );
}

describe('tokens a store already holds', () => {
  it('the first request of a new provider carries the stored token: no 401 first', async () => {
    await start();
    const store = await authorizedStore();
    const seenBefore = mcp?.seen.length ?? 0;
    const second = client({ store });
    await second.connect();
    const firstRequest = mcp?.seen.slice(seenBefore).find((r) => r.path === '/mcp');
    expect(firstRequest?.authorization).toMatch(/^Bearer /);
    expect(firstRequest?.status).toBe(200);
  });

  it('without an interactive handler, a revoked access token is refreshed with the stored refresh token', async () => {
    await start();
    const store = await authorizedStore();
    await revokeAccessToken(store);
    const second = client({ store });
    await second.connect();
    expect((await second.callTool('whoami', {})).content).toEqual([{ type: 'text', text: 'user-1' }]);
    expect(as?.tokenRequests('refresh_token')).toHaveLength(1);
  });

  it('without an interactive handler, an expired access token is refreshed before it is sent', async () => {
    await start();
    const store = await authorizedStore();
    const time = clock();
    const second = client({ store, now: time.now });
    await second.connect();
    time.advance(2 * 3600_000);
    await second.callTool('whoami', {});
    expect(as?.tokenRequests('refresh_token')).toHaveLength(1);
  });
});

describe('a token that lives 60 s or less', () => {
  it('is refreshed near its end, not on every request: the margin scales with the lifetime', async () => {
    await start(30);
    const time = clock();
    const c = client({ authorizationHandler: headlessAuthorizationHandler(), now: time.now });
    await c.connect();
    for (let i = 0; i < 20; i++) await c.callTool('whoami', {});
    expect(as?.tokenRequests('refresh_token')).toHaveLength(0);
    // A quarter of its life left: now it is refreshed, once.
    time.advance(23_000);
    for (let i = 0; i < 5; i++) await c.callTool('whoami', {});
    expect(as?.tokenRequests('refresh_token')).toHaveLength(1);
  });
});
