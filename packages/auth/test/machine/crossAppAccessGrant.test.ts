import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import { type ProtectedMcpServer, startProtectedMcpServer } from '@org/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CrossAppAccessGrant, type CrossAppAccessGrantOptions } from '../../src/index.js';
import {
  type AssertionGrantServer,
  JWT_BEARER,
  startAssertionGrantServer,
} from './fixtures/assertionGrantServer.js';
import { type IdentityProvider, startIdentityProvider } from './fixtures/identityProvider.js';
import { closeMachineClients, machineClient, refusal } from './fixtures/machineSession.js';

const mcpClient = { clientId: 'agent-app', clientSecret: 'agent-secret-0a1b2c3d4e5f' };
let idp: IdentityProvider;
let as: AssertionGrantServer;
let mcp: ProtectedMcpServer;

beforeEach(async () => {
  idp = await startIdentityProvider({ mcpClientId: mcpClient.clientId });
  as = await startAssertionGrantServer({ client: mcpClient });
  as.trust(idp.issuer, idp.publicKey);
  mcp = await startProtectedMcpServer(as);
});
afterEach(async () => {
  await closeMachineClients();
  await Promise.all([mcp.close(), as.close(), idp.close()]);
});

function grant(idToken: CrossAppAccessGrantOptions['idToken'], client = mcpClient) {
  return new CrossAppAccessGrant({
    ...client,
    idToken,
    idp: { ...idp.client, tokenEndpoint: idp.tokenEndpoint, issuer: idp.issuer },
  });
}

describe('CrossAppAccessGrant (ID token → ID-JAG at the IdP → access token by JWT bearer)', () => {
  it('exchanges at the IdP for the MCP server, then redeems the ID-JAG with client authentication', async () => {
    const idToken = await idp.idToken('alice@example.com');
    const client = machineClient(mcp.url, grant(idToken));
    await client.connect();
    expect((await client.callTool('whoami', {})).content).toEqual([{ type: 'text', text: 'user-1' }]);
    const [exchange, ...moreExchanges] = idp.seen.filter((r) => r.path === '/token');
    expect(moreExchanges).toEqual([]);
    expect(Object.fromEntries(exchange?.body ?? [])).toMatchObject({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      requested_token_type: 'urn:ietf:params:oauth:token-type:id-jag',
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      subject_token: idToken,
      audience: as.issuer,
      resource: mcp.url,
    });
    const [bearer, ...more] = as.tokenRequests();
    expect(more).toEqual([]);
    expect(bearer?.body.get('grant_type')).toBe(JWT_BEARER);
    expect(bearer?.body.get('assertion')?.split('.')).toHaveLength(3);
    expect(bearer?.authorization).toMatch(/^Basic /);
    // The ID token goes to the IdP only.
    const elsewhere = [
      ...as.seen.map((r) => `${r.authorization} ${r.body}`),
      ...mcp.seen.map((r) => r.authorization),
    ];
    expect(elsewhere.join('\n')).not.toContain(idToken);
  });

  it('each renewal runs both steps again, with a fresh ID token from the function', async () => {
    // Far from the real time: the token's expiry must come from the provider's clock, not Date.now.
    let now = 1_000_000_000_000;
    let calls = 0;
    const client = machineClient(
      mcp.url,
      grant(() => {
        calls++;
        return idp.idToken('alice@example.com');
      }),
      { now: () => now },
    );
    await client.connect();
    now += 3_600_000;
    await client.callTool('whoami', {});
    expect(calls).toBe(2);
    expect(idp.seen.filter((r) => r.path === '/token')).toHaveLength(2);
    expect(as.tokenRequests()).toHaveLength(2);
  });

  it('an IdP that refuses the ID token: AUTH_TOKEN_FAILED naming the IdP step, and nothing sent on', async () => {
    const idToken = await idp.idToken('alice@example.com', { expiresIn: '-1m' });
    const error = await refusal(machineClient(mcp.url, grant(idToken)).connect(), [
      idToken,
      mcpClient.clientSecret,
      idp.client.clientSecret,
    ]);
    expect(error).toBeInstanceOf(MCPAuthError);
    expect(error).toMatchObject({ code: AuthErrorCode.AUTH_TOKEN_FAILED, oauthError: 'invalid_grant' });
    expect(error.message).toContain('identity provider');
    expect(as.tokenRequests()).toEqual([]);
  });

  it('an authorization server that refuses the client: the ID-JAG and the secrets are nowhere in the error', async () => {
    const idToken = await idp.idToken('alice@example.com');
    const wrong = { clientId: mcpClient.clientId, clientSecret: 'wrong-secret-99887766' };
    const error = await refusal(machineClient(mcp.url, grant(idToken, wrong)).connect(), [
      idToken,
      wrong.clientSecret,
      'eyJ',
    ]);
    expect(error).toMatchObject({
      code: AuthErrorCode.AUTH_TOKEN_FAILED,
      oauthError: 'invalid_client',
      status: 401,
    });
    expect(error.message).toContain('the ID-JAG');
  });
});
