import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuthorizationHandler,
  FileTokenStore,
  headlessAuthorizationHandler,
  MCPConnectionManager,
} from '../src/index.js';
import { startProtected } from './oauthServers.js';

let servers: Awaited<ReturnType<typeof startProtected>>;
let dir: string;
const managers: MCPConnectionManager[] = [];
beforeEach(async () => {
  servers = await startProtected();
  dir = await mkdtemp(join(tmpdir(), 'mcp-manager-oauth-'));
});
afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.shutdown();
  await servers.close();
  await rm(dir, { recursive: true, force: true });
});

const whoami = [{ type: 'text', text: 'user-1' }];

function managerWith(options: ConstructorParameters<typeof MCPConnectionManager>[0]): MCPConnectionManager {
  const manager = new MCPConnectionManager(options);
  managers.push(manager);
  return manager;
}

describe('OAuth through the manager, in slow hands', () => {
  it('a second manager on the same FileTokenStore sends the stored token with its first request: no 401 first', async () => {
    const { mcp } = servers;
    const path = join(dir, 'tokens.json');
    const config = { mcpServers: { protected: { transport: 'http' as const, url: mcp.url } } };
    const first = managerWith({
      tokenStore: new FileTokenStore(path),
      authorizationHandler: headlessAuthorizationHandler(),
    });
    await first.initialize(config);
    await first.connectServer('protected', { maxRetries: 0 });
    expect((await first.callTool('protected__whoami')).content).toEqual(whoami);
    await first.shutdown();

    const before = mcp.seen.length;
    // No handler: a login could not happen, only the stored tokens can serve.
    const second = managerWith({ tokenStore: new FileTokenStore(path) });
    await second.initialize(config);
    await second.connectServer('protected', { maxRetries: 0 });
    expect((await second.callTool('protected__whoami')).content).toEqual(whoami);
    const requests = mcp.seen.slice(before).filter((request) => request.path === '/mcp');
    expect(requests[0]).toMatchObject({ authorization: expect.stringMatching(/^Bearer /), status: 200 });
    expect(requests.filter((request) => request.status === 401)).toEqual([]);
  });

  it('a login that outlasts the connect timeout does not fail the connect (HTTP with SSE fallback)', async () => {
    // Long enough for discovery, registration and the token request on a loaded machine; the login outlasts it.
    const connectTimeout = 1500;
    const headless = headlessAuthorizationHandler();
    let connectDone = false;
    let loginStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      loginStarted = resolve;
    });
    // The user's part waits until twice the connect timeout has passed, and then until the test lets it go.
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowHandler: AuthorizationHandler = {
      redirectUri: () => headless.redirectUri(),
      async authorize(request) {
        loginStarted();
        await released;
        return headless.authorize(request);
      },
    };
    const manager = managerWith({ authorizationHandler: slowHandler });
    await manager.initialize({
      mcpServers: {
        protected: { transport: 'http', url: servers.mcp.url, sseFallback: true, connectTimeout },
      },
    });
    const connected = manager.connectServer('protected', { maxRetries: 0 }).finally(() => {
      connectDone = true;
    });
    // A connect that fails before the login begins fails here, not by hanging.
    await Promise.race([started, connected]);
    expect(connectDone).toBe(false);
    // Twice the connect timeout after the login began, the connect is still waiting (not failed).
    await sleep(connectTimeout * 2);
    expect(connectDone).toBe(false);
    release();
    await connected;
    expect((await manager.getServerStatus()).protected?.state).toBe('connected');
    expect((await manager.callTool('protected__whoami')).content).toEqual(whoami);
  });
});
