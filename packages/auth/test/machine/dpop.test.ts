import { generateKeyPairSync } from 'node:crypto';
import { AuthErrorCode, MCPConfigError } from '@org/mcp-core';
import {
  type AuthorizationServer,
  type ProtectedMcpServer,
  startAuthorizationServer,
  startProtectedMcpServer,
} from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthorizationCodeGrant,
  ClientCredentialsGrant,
  headlessAuthorizationHandler,
  withDPoP,
} from '../../src/index.js';
import { closeMachineClients, machineClient, refusal, registerAt } from './fixtures/machineSession.js';

let as: AuthorizationServer;
let mcp: ProtectedMcpServer;
let proofs: Record<string, unknown>[];

async function start(options: { asNonce?: boolean; rsNonce?: string; rotateNonce?: boolean } = {}) {
  as = await startAuthorizationServer({ dpopNonce: options.asNonce });
  proofs = [];
  mcp = await startProtectedMcpServer(as, {
    dpop: { nonce: options.rsNonce, rotateNonce: options.rotateNonce, proofs },
  });
}
afterEach(async () => {
  await closeMachineClients();
  await mcp.close();
  await as.close();
});

async function clientCredentials() {
  const { client_id, client_secret } = await registerAt(as.issuer, {
    token_endpoint_auth_method: 'client_secret_basic',
  });
  return new ClientCredentialsGrant({ clientId: client_id, clientSecret: client_secret as string });
}

/** What oidc-provider says of the token the MCP server last accepted: a DPoP binding (cnf.jkt). */
async function lastToken() {
  const authorization =
    mcp.seen.filter((r) => r.status === 200 && r.authorization).at(-1)?.authorization ?? '';
  const [scheme, token] = authorization.split(' ');
  const response = await fetch(`${as.issuer}/token/introspection`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${as.introspector.clientId}:${as.introspector.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ token: token ?? '' }),
  });
  return { scheme, claims: (await response.json()) as { active: boolean; cnf?: { jkt?: string } } };
}

describe('withDPoP against oidc-provider and a DPoP-checking MCP server', () => {
  it('client credentials: a DPoP-bound token, sent as DPoP with a fresh proof on every request', async () => {
    await start();
    const client = machineClient(mcp.url, withDPoP(await clientCredentials()));
    await client.connect();
    await client.callTool('whoami', {});
    await client.callTool('whoami', {});
    const { scheme, claims } = await lastToken();
    expect(scheme).toBe('DPoP');
    expect(claims.cnf?.jkt).toMatch(/^[\w-]{43}$/);
    expect(as.tokenRequests('client_credentials')).toHaveLength(1);
    expect(proofs.length).toBeGreaterThanOrEqual(4);
    expect(new Set(proofs.map((p) => p.jti)).size).toBe(proofs.length);
    expect(proofs.every((p) => p.htu === mcp.url && typeof p.ath === 'string')).toBe(true);
  });

  it('a token endpoint that requires a nonce: the same token request is sent once more with it', async () => {
    await start({ asNonce: true });
    const client = machineClient(mcp.url, withDPoP(await clientCredentials()));
    await client.connect();
    expect((await lastToken()).scheme).toBe('DPoP');
    // The refused request and the one with the nonce; the grant itself ran once.
    expect(as.tokenRequests('client_credentials')).toHaveLength(2);
  });

  it('an MCP server that requires a nonce: the request is sent again with it, and later ones carry it', async () => {
    await start({ rsNonce: 'rs-nonce-7' });
    const client = machineClient(mcp.url, withDPoP(await clientCredentials()));
    await client.connect();
    await client.callTool('whoami', {});
    const challenged = mcp.seen.filter((r) => r.status === 401 && r.authorization?.startsWith('DPoP '));
    expect(challenged).toHaveLength(1);
    expect(proofs.length).toBeGreaterThanOrEqual(3);
    expect(proofs.every((p) => p.nonce === 'rs-nonce-7')).toBe(true);
    expect(as.tokenRequests('client_credentials')).toHaveLength(1);
  });

  it('an MCP server that sends a new nonce with every answer: each proof carries the latest, none is refused for it', async () => {
    await start({ rsNonce: 'rs-nonce-10', rotateNonce: true });
    const client = machineClient(mcp.url, withDPoP(await clientCredentials()));
    await client.connect();
    for (let i = 0; i < 5; i++) await client.callTool('whoami', {});
    // Only the very first proof, sent before the server had given any nonce, is refused.
    const challenged = mcp.seen.filter((r) => r.status === 401 && r.authorization?.startsWith('DPoP '));
    expect(challenged).toHaveLength(1);
    const calls = proofs.slice(-5);
    expect(calls.every((p) => String(p.nonce).startsWith('rotated-'))).toBe(true);
    expect(new Set(calls.map((p) => p.nonce)).size).toBe(5);
  });

  it('the authorization code flow under withDPoP, with a key given as PEM', async () => {
    await start({ asNonce: true, rsNonce: 'rs-nonce-8' });
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const grant = withDPoP(new AuthorizationCodeGrant(headlessAuthorizationHandler(), { timeout: 10_000 }), {
      key,
    });
    const client = machineClient(mcp.url, grant);
    await client.connect();
    expect((await client.callTool('whoami', {})).content).toEqual([{ type: 'text', text: 'user-1' }]);
    const { scheme, claims } = await lastToken();
    expect(scheme).toBe('DPoP');
    expect(claims.cnf?.jkt).toBeDefined();
    expect(as.tokenRequests('authorization_code')).toHaveLength(2);
  });

  it('a refresh under withDPoP carries a proof of the same key: oidc-provider binds the refresh token to it', async () => {
    await start({ rsNonce: 'rs-nonce-9' });
    let now = 1_000_000_000_000; // the provider's clock; the proofs' iat stays real (the servers check it)
    const code = new AuthorizationCodeGrant(headlessAuthorizationHandler(), {
      timeout: 10_000,
      now: () => now,
    });
    const grant = withDPoP(code);
    const client = machineClient(mcp.url, grant, { now: () => now });
    await client.connect();
    const first = await lastToken();
    now += 3_600_000; // past expiry on the provider's clock: it refreshes before the next request
    await client.callTool('whoami', {});
    const second = await lastToken();
    expect(as.tokenRequests('refresh_token')).toHaveLength(1);
    expect(as.tokenRequests('authorization_code')).toHaveLength(1);
    expect(second.scheme).toBe('DPoP');
    expect(second.claims.cnf?.jkt).toBe(first.claims.cnf?.jkt);
  });

  it('a refused token request under DPoP: the error carries no secret, proof or key', async () => {
    await start();
    const { client_id } = await registerAt(as.issuer, { token_endpoint_auth_method: 'client_secret_basic' });
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const secret = 'not-the-secret-1a2b3c4d5e';
    const grant = withDPoP(new ClientCredentialsGrant({ clientId: client_id, clientSecret: secret }), {
      key,
    });
    const error = await refusal(machineClient(mcp.url, grant).connect(), [
      secret,
      'eyJ',
      key.split('\n')[1] as string,
    ]);
    expect(error).toMatchObject({ code: AuthErrorCode.AUTH_TOKEN_FAILED, oauthError: 'invalid_client' });
  });

  it('a DPoP key that does not parse is a MCPConfigError naming key, not quoting it', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nbm90LWEta2V5LXNlY3JldA\n-----END PRIVATE KEY-----';
    const grant = new ClientCredentialsGrant({ clientId: 'c', clientSecret: 's' });
    let error: MCPConfigError | undefined;
    try {
      withDPoP(grant, { key: pem });
    } catch (e) {
      error = e as MCPConfigError;
    }
    expect(error).toBeInstanceOf(MCPConfigError);
    expect(error?.issues.map((i) => i.path)).toEqual(['key']);
    expect(`${error?.message}${error?.stack}`).not.toContain('bm90LWEta2V5LXNlY3JldA');
  });
});
