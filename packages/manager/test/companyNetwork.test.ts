import {
  captureLogger,
  type RunningHttpServer,
  startEverything,
  startTinyproxy,
  type Tinyproxy,
} from '@org/test-utils';
import { Agent, type Dispatcher } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { headlessAuthorizationHandler, MCPConnectionManager, MemoryTokenStore } from '../src/index.js';
import { startProtected } from './oauthServers.js';

// Everything HTTP of a server goes one way: the MCP POSTs, the GET event stream, the legacy SSE transport, and
// OAuth discovery, registration and token requests all pass through a real tinyproxy on loopback.
const PROXY_PASSWORD = 'proxy-pass-0c4e2b9d';
let proxy: Tinyproxy;
let everything: RunningHttpServer & { url: string };
let legacy: RunningHttpServer & { url: string };
let servers: Awaited<ReturnType<typeof startProtected>>;
let manager: MCPConnectionManager | undefined;

beforeAll(async () => {
  [proxy, everything, legacy, servers] = await Promise.all([
    startTinyproxy({ user: 'corp', password: PROXY_PASSWORD }),
    startEverything('streamableHttp'),
    startEverything('sse'),
    startProtected(),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([proxy?.stop(), everything?.close(), legacy?.close(), servers?.close()]);
});
afterEach(async () => {
  await manager?.shutdown();
  manager = undefined;
});

const proxyUrl = () => `http://corp:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}`;
/** Tunnels the proxy opened to an origin: each is a connection of the client's pool there. */
const tunnelsTo = (url: string) =>
  proxy
    .log()
    .split('\n')
    .filter((line) => line.includes(`CONNECT ${new URL(url).host}`)).length;

describe('a manager behind a forward proxy', () => {
  it('sends the MCP requests, the event streams and the legacy SSE transport through the configured proxy', async () => {
    const log = captureLogger();
    manager = new MCPConnectionManager({ logger: log.logger });
    await manager.initialize({
      mcpServers: {
        modern: { transport: 'http', url: everything.url, proxy: proxyUrl() },
        legacy: { transport: 'sse', url: legacy.url, proxy: proxyUrl() },
      },
    });
    expect(await manager.connectAllEnabled()).toEqual({ modern: true, legacy: true });
    const echo = await manager.callTool('legacy__echo', { message: 'hi' });
    expect(echo.isError).toBeFalsy();
    expect((await manager.callTool('modern__echo', { message: 'hi' })).isError).toBeFalsy();
    // The POSTs and the GET event stream of the modern server, the stream and the POSTs of the legacy one.
    expect(tunnelsTo(everything.url)).toBeGreaterThanOrEqual(2);
    expect(tunnelsTo(legacy.url)).toBeGreaterThanOrEqual(2);
    expect(log.text()).not.toContain(PROXY_PASSWORD);
    expect(JSON.stringify(await manager.getServerStatus())).not.toContain(PROXY_PASSWORD);
  });

  it('sends OAuth discovery, registration and token requests the same way as the MCP requests', async () => {
    const { as, mcp } = servers;
    manager = new MCPConnectionManager({
      tokenStore: new MemoryTokenStore(),
      authorizationHandler: headlessAuthorizationHandler(),
    });
    await manager.initialize({
      mcpServers: { protected: { transport: 'http', url: mcp.url, proxy: proxyUrl() } },
    });
    expect(await manager.connectAllEnabled()).toEqual({ protected: true });
    expect((await manager.callTool('protected__whoami', {})).content).toEqual([
      { type: 'text', text: 'user-1' },
    ]);
    // Discovery, registration and tokens at the authorization server came through tunnels (the headless
    // handler, the user's browser, does not use the server's network); the MCP server's requests too.
    expect(as.seen.some((request) => request.path.startsWith('/reg'))).toBe(true);
    expect(as.tokenRequests().length).toBeGreaterThan(0);
    expect(tunnelsTo(as.issuer)).toBeGreaterThanOrEqual(1);
    expect(tunnelsTo(mcp.url)).toBeGreaterThanOrEqual(1);
  });

  it('sends everything through the manager-wide dispatcher when one is given', async () => {
    const { as, mcp } = servers;
    const origins = new Set<string>();
    const base = new Agent();
    const dispatcher: Dispatcher = base.compose((dispatch) => (options, handler) => {
      origins.add(String(options.origin));
      return dispatch(options, handler);
    });
    manager = new MCPConnectionManager({
      dispatcher: (server) => (server === 'protected' ? dispatcher : undefined),
      tokenStore: new MemoryTokenStore(),
      authorizationHandler: headlessAuthorizationHandler(),
    });
    await manager.initialize({ mcpServers: { protected: { transport: 'http', url: mcp.url } } });
    expect(await manager.connectAllEnabled()).toEqual({ protected: true });
    expect([...origins].sort()).toEqual([new URL(as.issuer).origin, new URL(mcp.url).origin].sort());
    await manager.shutdown();
    manager = undefined;
    // Nothing of the manager's is left open on the dispatcher it was given (the event stream was ended), so close()
    // returns instead of waiting for the server to end the stream.
    await base.close();
  });
});
