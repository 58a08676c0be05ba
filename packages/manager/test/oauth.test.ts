import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureLogger, descendantsOf } from '@org/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthErrorCode,
  type AuthorizationRequiredEvent,
  headlessAuthorizationHandler,
  ManagerErrorCode,
  MCPAuthError,
  MCPConnectionManager,
  MemoryTokenStore,
  type ServerState,
} from '../src/index.js';
import { clock, secretsSeenBy, startProtected, threeServers } from './oauthServers.js';

let servers: Awaited<ReturnType<typeof startProtected>>;
let manager: MCPConnectionManager;
beforeEach(async () => {
  servers = await startProtected();
});
afterEach(async () => {
  await manager?.shutdown();
  await servers.close();
});

const whoami = [{ type: 'text', text: 'user-1' }];

describe('a manager with one server behind OAuth and two plain ones', () => {
  it('connects the plain ones while the protected one waits in needs-auth; authorize() brings it up; tokens refresh unseen; a revoked grant is needs-auth again; shutdown leaves nothing; the trace log holds no secret', async () => {
    const { as, mcp } = servers;
    const time = clock();
    const store = new MemoryTokenStore();
    const log = captureLogger();
    manager = new MCPConnectionManager({
      logger: log.logger,
      tokenStore: store,
      oauth: { now: time.now },
      backoff: { baseDelay: 1, maxDelay: 1, jitter: false },
    });
    const required: AuthorizationRequiredEvent[] = [];
    const states: ServerState[] = [];
    manager.on('authorizationRequired', (event) => required.push(event));
    manager.on('serverStateChanged', (event) => {
      if (event.name === 'protected') states.push(event.state);
    });
    await manager.initialize(threeServers(mcp.url));

    expect(await manager.connectAllEnabled()).toEqual({ protected: false, plain: true, everything: true });
    let status = await manager.getServerStatus();
    expect(status.protected).toMatchObject({
      state: 'needs-auth',
      connected: false,
      attempts: 1,
      lastError: { code: AuthErrorCode.AUTH_REQUIRED },
      auth: { state: 'needs-auth', issuer: as.issuer, scopes: ['mcp:read', 'offline_access'] },
    });
    expect(states).toEqual(['connecting', 'needs-auth']);
    expect(required).toEqual([
      expect.objectContaining({
        name: 'protected',
        issuer: as.issuer,
        scopes: ['mcp:read', 'offline_access'],
      }),
    ]);
    expect(required[0]?.error).toBeInstanceOf(MCPAuthError);
    // Not a loop: one authorization request was prepared, none was sent, no token asked for.
    expect(as.seen.filter((r) => r.path === '/auth')).toHaveLength(0);
    expect(as.tokenRequests()).toHaveLength(0);
    await expect(manager.getClient('protected')).rejects.toMatchObject({
      name: 'MCPAuthError',
      code: AuthErrorCode.AUTH_REQUIRED,
    });

    await manager.authorize('protected', headlessAuthorizationHandler());
    status = await manager.getServerStatus();
    expect(status.protected).toMatchObject({
      state: 'connected',
      auth: { state: 'authorized', issuer: as.issuer },
    });
    expect((await manager.callTool('protected__whoami')).content).toEqual(whoami);
    expect(as.tokenRequests('authorization_code')).toHaveLength(1);

    // Two hours on: the access token expired; the next call refreshes it first, unseen by the caller.
    time.advance(2 * 3600_000);
    expect((await manager.callTool('protected__whoami')).content).toEqual(whoami);
    expect(as.tokenRequests('refresh_token')).toHaveLength(1);
    expect((await manager.getServerStatus()).protected?.state).toBe('connected');

    // The user revokes the grant at the authorization server: tokens die, the refresh fails.
    const tokens = await store.getTokens({ resource: mcp.url, issuer: as.issuer });
    await (await as.provider.AccessToken.find(tokens?.accessToken as string))?.destroy();
    await (await as.provider.RefreshToken.find(tokens?.refreshToken as string))?.destroy();
    await expect(manager.callTool('protected__whoami')).rejects.toBeInstanceOf(MCPAuthError);
    expect((await manager.getServerStatus()).protected).toMatchObject({
      state: 'needs-auth',
      connected: false,
    });
    const seenBefore = as.seen.length;
    await expect(manager.callTool('protected__whoami')).rejects.toMatchObject({
      name: 'MCPAuthError',
      code: AuthErrorCode.AUTH_REQUIRED,
    });
    expect(as.seen.length).toBe(seenBefore); // at once: nothing sent
    expect(required).toHaveLength(2);
    // The other servers never noticed.
    status = await manager.getServerStatus();
    expect([status.plain?.state, status.everything?.state]).toEqual(['connected', 'connected']);
    expect((await manager.callTool('plain__echo', { message: 'still here' })).isError).toBeFalsy();

    await manager.shutdown();
    expect(descendantsOf(process.pid)).toEqual([]);
    const secrets = [...secretsSeenBy(as), tokens?.accessToken, tokens?.refreshToken].filter(
      (s): s is string => typeof s === 'string',
    );
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const logged = log.text();
    expect(log.lines.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(logged).not.toContain(secret);
      expect(JSON.stringify(status)).not.toContain(secret);
    }
  });

  it('uses the default handler at once; authorize() refuses a server without OAuth', async () => {
    manager = new MCPConnectionManager({ authorizationHandler: headlessAuthorizationHandler() });
    await manager.initialize({
      mcpServers: {
        protected: { transport: 'http', url: servers.mcp.url },
        headersOnly: { transport: 'http', url: servers.mcp.url, oauth: false },
      },
    });
    expect(await manager.connectAllEnabled({ maxRetries: 0 })).toEqual({
      protected: true,
      headersOnly: false,
    });
    expect((await manager.getServerStatus()).headersOnly?.state).toBe('failed');
    await expect(manager.authorize('headersOnly')).rejects.toMatchObject({
      code: ManagerErrorCode.NOT_OAUTH_SERVER,
    });
  });

  it("asks for the scopes of the config block, not the challenge's", async () => {
    const { as, mcp } = servers;
    manager = new MCPConnectionManager({ authorizationHandler: headlessAuthorizationHandler() });
    const scopes = ['mcp:read', 'mcp:write', 'offline_access'];
    await manager.initialize({
      mcpServers: { protected: { transport: 'http', url: mcp.url, oauth: { scopes } } },
    });
    expect((await manager.getServerStatus()).protected?.auth).toEqual({
      state: 'unknown',
      issuer: undefined,
      scopes,
    });
    await manager.connectServer('protected');
    // (oidc-provider drops offline_access from what it parsed, without prompt=consent.)
    expect(as.seen.find((r) => r.path === '/auth')?.body.get('scope')).toBe('mcp:read mcp:write');
    // mcp:write was asked for up front: no 403 step-up, one authorization.
    expect((await manager.callTool('protected__write')).content).toEqual([{ type: 'text', text: 'written' }]);
    expect(as.tokenRequests('authorization_code')).toHaveLength(1);
    expect((await manager.getServerStatus()).protected?.auth).toEqual({
      state: 'authorized',
      issuer: as.issuer,
      scopes,
    });
  });

  it("takes Claude Code's oauth.authServerMetadataUrl from the config file: the metadata is read there, not discovered", async () => {
    const { as, mcp } = servers;
    const dir = mkdtempSync(join(tmpdir(), 'mcp-as-metadata-'));
    const file = join(dir, '.mcp.json');
    const authServerMetadataUrl = `${as.issuer}/.well-known/openid-configuration`;
    writeFileSync(
      file,
      JSON.stringify({
        mcpServers: { protected: { type: 'http', url: mcp.url, oauth: { authServerMetadataUrl } } },
      }),
    );
    try {
      manager = new MCPConnectionManager({ authorizationHandler: headlessAuthorizationHandler() });
      await manager.initialize(file);
      await manager.connectServer('protected');
      expect((await manager.callTool('protected__whoami')).content).toEqual(whoami);
      // Discovery would have asked for RFC 8414 metadata first; only the configured document was read.
      const wellKnown = as.seen.filter((r) => r.path.startsWith('/.well-known/')).map((r) => r.path);
      expect(wellKnown).toEqual(['/.well-known/openid-configuration']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
