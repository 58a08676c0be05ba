import type { ServerResponse } from 'node:http';
import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import { MCPHttpClient } from '@org/mcp-transport-http';
import { whileCollecting } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthorizationCodeGrant,
  type AuthorizationHandler,
  headlessAuthorizationHandler,
  loopbackAuthorizationHandler,
  OAuthProvider,
  type OAuthProviderOptions,
} from '../src/index.js';
import { type HostileWorld, type Hostility, startHostileWorld } from './fixtures/hostileServers.js';

// Every deadline here runs while garbage is collected every few ms: on Node 20 a deadline made of
// AbortSignal.any([…, AbortSignal.timeout(ms)]) never fires once nothing else holds the timeout.

let world: HostileWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A token endpoint that answers 200 and then one byte a second, never finishing. */
function dribble(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{');
  const timer = setInterval(() => res.write(' '), 1_000);
  res.on('close', () => clearInterval(timer));
}

async function connect(
  hostility: Hostility,
  options: OAuthProviderOptions,
  connectTimeout = 20_000,
): Promise<unknown> {
  world ??= await startHostileWorld(hostility);
  const auth = new OAuthProvider({ authorizationHandler: headlessAuthorizationHandler(), ...options });
  const client = new MCPHttpClient(
    { transport: 'http', url: world.mcpUrl },
    { name: 'slow-as', auth, connectTimeout },
  );
  try {
    return await whileCollecting(
      client.connect().then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
  } finally {
    await client.disconnect();
  }
}

describe('OAuth deadlines fire under garbage collection', () => {
  it('a token endpoint sending a byte a second: requestTimeout ends the token request', async () => {
    // Each request to the authorization server gets 6 s: discovery's need far less (even on a loaded machine
    // collecting garbage in a loop), the dribble never ends.
    const error = await connect({ token: dribble }, { requestTimeout: 6_000 });
    expect(error).toBeInstanceOf(MCPAuthError);
    expect((error as MCPAuthError).code).toBe(AuthErrorCode.AUTH_TOKEN_FAILED);
    expect((error as MCPAuthError).message).toContain('no answer in time');
  });

  it("a handler that never finishes: the grant's timeout ends the authorization", async () => {
    const never: AuthorizationHandler = {
      redirectUri: () => 'http://127.0.0.1/callback',
      authorize: ({ signal }) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    };
    // The grant's own deadline, long enough for discovery and registration while collecting on a loaded
    // machine, far shorter than the provider's authorizationTimeout (the default 300 s) and the connect's 20 s.
    const error = await connect({}, { grant: new AuthorizationCodeGrant(never, { timeout: 8_000 }) });
    expect(error).toBeInstanceOf(MCPAuthError);
    expect((error as MCPAuthError).code).toBe(AuthErrorCode.AUTH_AUTHORIZATION_FAILED);
  });

  it("the loopback handler's own timeout ends its wait for the browser", async () => {
    const handler = loopbackAuthorizationHandler({ timeout: 200, print: () => {} });
    try {
      const redirectUri = await handler.redirectUri();
      const error = await whileCollecting(
        handler
          .authorize({
            url: new URL('https://as.example/a?state=s'),
            redirectUri,
            signal: new AbortController().signal,
          })
          .catch((e: unknown) => e),
      );
      expect((error as MCPAuthError).code).toBe(AuthErrorCode.AUTH_AUTHORIZATION_FAILED);
    } finally {
      await handler.close?.();
    }
  });
});

describe('an abandoned renewal does not hold the provider', () => {
  it('after a connect gave up on a stalled token endpoint, the next connect renews afresh and succeeds', async () => {
    let stall = true;
    world = await startHostileWorld({
      token: (res) => {
        if (stall) return dribble(res);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'fresh-access', token_type: 'Bearer', expires_in: 3600 }));
      },
      mcp: (res) => res.writeHead(503).end(),
    });
    // One provider kept across connects, as the manager keeps one per server; the default requestTimeout (30 s).
    const auth = new OAuthProvider({ authorizationHandler: headlessAuthorizationHandler() });
    const client = (connectTimeout: number) =>
      new MCPHttpClient(
        { transport: 'http', url: (world as HostileWorld).mcpUrl },
        { name: 'renewal', auth, connectTimeout },
      );
    const first = client(2_000);
    const firstError = await whileCollecting(first.connect().catch((e: unknown) => e));
    await first.disconnect();
    expect((firstError as Error).name).toBe('MCPTimeoutError');
    stall = false;
    const second = client(15_000);
    const secondError = await whileCollecting(second.connect().catch((e: unknown) => e));
    await second.disconnect();
    // The fresh renewal got its token at once: the MCP server saw it (and answered 503, this test's end).
    expect((world as HostileWorld).mcp.some((r) => r.authorization === 'Bearer fresh-access')).toBe(true);
    expect((secondError as Error).name).not.toBe('MCPTimeoutError');
  });
});
