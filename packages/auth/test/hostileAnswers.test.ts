import { AuthErrorCode, HttpErrorCode, type MCPError, MCPError as MCPErrorClass } from '@org/mcp-core';
import { MCPHttpClient } from '@org/mcp-transport-http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  headlessAuthorizationHandler,
  MemoryTokenStore,
  OAuthProvider,
  type OAuthProviderOptions,
} from '../src/index.js';
import { type HostileWorld, type Hostility, startHostileWorld } from './fixtures/hostileServers.js';

let world: HostileWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function connectError(
  hostility: Hostility,
  options: OAuthProviderOptions = {},
  before?: (world: HostileWorld) => Promise<void>,
): Promise<MCPError> {
  world = await startHostileWorld(hostility);
  await before?.(world);
  const auth = new OAuthProvider({ authorizationHandler: headlessAuthorizationHandler(), ...options });
  const client = new MCPHttpClient({ transport: 'http', url: world.mcpUrl }, { name: 'hostile', auth });
  const error = await client.connect().then(
    () => undefined,
    (e: unknown) => e,
  );
  await client.disconnect();
  expect(error).toBeInstanceOf(MCPErrorClass);
  return error as MCPError;
}

const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** Every way an error could carry text: message, stack, fields, cause. */
const allText = (error: Error) =>
  `${error.message}\n${error.stack}\n${JSON.stringify(error)}\n${String(error.cause)}`;

describe('what authorization servers send back is scrubbed of what was sent, and sanitized', () => {
  it('a token endpoint quoting the code and the verifier in error_description', async () => {
    const error = await connectError({
      token: (res, seen) => {
        const form = new URLSearchParams(seen.body);
        json(res, 400, {
          error: 'invalid_grant',
          error_description: `bad code ${form.get('code')} for verifier ${form.get('code_verifier')} <script>alert(1)</script>\u001b[31mred\nline two`,
        });
      },
    });
    const sent = new URLSearchParams(world?.as.find((r) => r.path === '/token')?.body);
    const text = allText(error);
    expect(error.code).toBe(AuthErrorCode.AUTH_TOKEN_FAILED);
    for (const name of ['code', 'code_verifier']) expect(text).not.toContain(sent.get(name));
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toMatch(/<script|\p{Cc}/u);
  });

  it('a token endpoint quoting the refresh token it was sent', async () => {
    const refreshToken = 'stored-refresh-token-0123456789';
    const store = new MemoryTokenStore();
    const error = await connectError(
      {
        token: (res, seen) =>
          json(res, 400, {
            error: 'invalid_request',
            error_description: `cannot use ${new URLSearchParams(seen.body).get('refresh_token')} here`,
          }),
      },
      { store },
      // A client and an expired access token with its refresh token, as an earlier run left them.
      async (w) => {
        await store.setClient(w.asOrigin, { clientId: 'client-1' });
        await store.updateTokens({ resource: w.mcpUrl, issuer: w.asOrigin }, async () => ({
          accessToken: 'stored-access-token',
          tokenType: 'Bearer',
          expiresAt: Date.now() - 1_000,
          refreshToken,
        }));
      },
    );
    const sent = new URLSearchParams(world?.as.find((r) => r.path === '/token')?.body);
    expect(sent.get('grant_type')).toBe('refresh_token');
    expect(error.code).toBe(AuthErrorCode.AUTH_TOKEN_FAILED);
    expect(error.message).toContain('cannot use [redacted] here');
    expect(allText(error)).not.toContain(refreshToken);
  });

  it('an answer of 10 000 characters is bounded in the message', async () => {
    const error = await connectError({
      token: (res) => json(res, 400, { error: 'invalid_grant', error_description: 'x'.repeat(10_000) }),
    });
    expect(error.message.length).toBeLessThan(600);
  });

  it('a token endpoint quoting the client secret and its Basic credential', async () => {
    const secret = 'client-secret-0123456789';
    const error = await connectError(
      {
        token: (res, seen) =>
          json(res, 401, {
            error: 'invalid_client',
            error_description: `secret ${new URLSearchParams(seen.body).get('client_secret')} / ${seen.authorization}`,
          }),
      },
      {
        client: { clientId: 'client-1', clientSecret: secret, tokenEndpointAuthMethod: 'client_secret_post' },
      },
    );
    expect(error.code).toBe(AuthErrorCode.AUTH_TOKEN_FAILED);
    expect(allText(error)).not.toContain(secret);
  });

  it('a registration refusal is sanitized and bounded', async () => {
    // The registration endpoint is the hostile token endpoint's path, so the test's answer serves it.
    const error = await connectError({
      metadata: (good) => ({ ...good, registration_endpoint: `${good.issuer}/token` }),
      token: (res) =>
        json(res, 400, {
          error: 'invalid_client_metadata',
          error_description: `<b>no</b>\u0007${'z'.repeat(5_000)}`,
        }),
    });
    expect(error.code).toBe(AuthErrorCode.AUTH_REGISTRATION_FAILED);
    expect(error.message).not.toMatch(/<b>|\p{Cc}/u);
    expect(error.message.length).toBeLessThan(800);
  });

  it("the callback's error_description reaches the message sanitized and bounded", async () => {
    const error = await connectError({
      callback: (params) => {
        params.delete('code');
        params.set('error', 'access_denied');
        params.set(
          'error_description',
          `<img src=x onerror=alert(1)>denied\r\n\u202eevil${'y'.repeat(5_000)}`,
        );
      },
    });
    expect(error.code).toBe(AuthErrorCode.AUTH_AUTHORIZATION_FAILED);
    expect(error.message).toContain('denied');
    expect(error.message).not.toMatch(/<img|\r|\n|\u202e/);
    expect(error.message.length).toBeLessThan(600);
  });
});

describe('a 403 insufficient_scope that outlasts every step-up', () => {
  it('is an authorization failure with its own code, not an answer about the era: initialize is never tried', async () => {
    const error = await connectError({
      mcp: (res) =>
        res
          .writeHead(403, {
            'www-authenticate': 'Bearer error="insufficient_scope", scope="mcp:admin"',
          })
          .end(),
    });
    expect(error.code).toBe(AuthErrorCode.AUTH_SCOPE_DENIED);
    const methods = (world as HostileWorld).mcp
      .filter((r) => r.method === 'POST' && r.body)
      .map((r) => (JSON.parse(r.body) as { method: string }).method);
    expect(methods).not.toContain('initialize');
  });

  it('a 403 that is not about scope is no answer about the era either: initialize is never tried', async () => {
    const error = await connectError({ mcp: (res) => res.writeHead(403).end() });
    expect(error.code).toBe(HttpErrorCode.HTTP_STATUS);
    const methods = (world as HostileWorld).mcp
      .filter((r) => r.method === 'POST' && r.body)
      .map((r) => (JSON.parse(r.body) as { method: string }).method);
    expect(methods).toEqual(['server/discover', 'server/discover']);
  });
});
