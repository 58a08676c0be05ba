import { randomUUID } from 'node:crypto';
import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import { type ProtectedMcpServer, startProtectedMcpServer } from '@org/test-utils';
import { type CryptoKey, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JwtBearerGrant } from '../../src/index.js';
import {
  type AssertionGrantServer,
  JWT_BEARER,
  startAssertionGrantServer,
} from './fixtures/assertionGrantServer.js';
import { closeMachineClients, machineClient, refusal } from './fixtures/machineSession.js';

const WORKLOAD_ISSUER = 'https://cluster.example/workloads';
let as: AssertionGrantServer;
let mcp: ProtectedMcpServer;
let workloadKey: CryptoKey;

/** A workload identity token, as a platform issues one (Kubernetes, a cloud metadata service). */
function workloadJwt(audience: string, expiresIn = '5m') {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(WORKLOAD_ISSUER)
    .setSubject('system:serviceaccount:agents:runner')
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .setJti(randomUUID())
    .sign(workloadKey);
}

beforeEach(async () => {
  as = await startAssertionGrantServer({ client: { clientId: 'unused', clientSecret: 'unused' } });
  mcp = await startProtectedMcpServer(as);
  const pair = await generateKeyPair('ES256');
  workloadKey = pair.privateKey;
  as.trust(WORKLOAD_ISSUER, pair.publicKey);
});
afterEach(async () => {
  await closeMachineClients();
  await mcp.close();
  await as.close();
});

describe('JwtBearerGrant (workload identity, RFC 7523)', () => {
  it('exchanges the workload JWT for a token, with resource, and no client authentication', async () => {
    const assertion = await workloadJwt(as.issuer);
    const client = machineClient(mcp.url, new JwtBearerGrant({ assertion }));
    await client.connect();
    expect((await client.callTool('whoami', {})).content).toEqual([{ type: 'text', text: 'user-1' }]);
    const [request, ...more] = as.tokenRequests();
    expect(more).toEqual([]);
    expect(request?.body.get('grant_type')).toBe(JWT_BEARER);
    expect(request?.body.get('assertion')).toBe(assertion);
    expect(request?.body.get('resource')).toBe(mcp.url);
    expect(request?.body.get('client_id')).toBeNull();
    expect(request?.authorization).toBeUndefined();
  });

  it('a function gives a fresh JWT for each renewal, for the issuer as audience', async () => {
    const audiences: string[] = [];
    // Far from the real time: the token's expiry must come from the provider's clock, not Date.now.
    let now = 1_000_000_000_000;
    const grant = new JwtBearerGrant({
      clientId: 'workload-7',
      assertion: ({ audience }) => {
        audiences.push(audience);
        return workloadJwt(audience);
      },
    });
    const client = machineClient(mcp.url, grant, { now: () => now });
    await client.connect();
    now += 3_600_000; // past the token's expiry: the provider renews before the next request
    await client.callTool('whoami', {});
    expect(audiences).toEqual([as.issuer, as.issuer]);
    expect(as.tokenRequests().map((r) => r.body.get('client_id'))).toEqual(['workload-7', 'workload-7']);
  });

  it('a refused assertion fails at once: one token request, the server error, the JWT nowhere in it', async () => {
    const assertion = await workloadJwt('https://another-server.example');
    const error = await refusal(machineClient(mcp.url, new JwtBearerGrant({ assertion })).connect(), [
      assertion,
    ]);
    expect(error).toBeInstanceOf(MCPAuthError);
    expect(error).toMatchObject({ code: AuthErrorCode.AUTH_TOKEN_FAILED, oauthError: 'invalid_grant' });
    expect(error.message).toContain('the JWT assertion');
    expect(as.tokenRequests()).toHaveLength(1);
  });

  it('an assertion source that throws is AUTH_TOKEN_FAILED, and no token request is made', async () => {
    const grant = new JwtBearerGrant({
      assertion: () => {
        throw new Error('token file unreadable');
      },
    });
    const error = await refusal(machineClient(mcp.url, grant).connect(), []);
    expect(error).toMatchObject({ code: AuthErrorCode.AUTH_TOKEN_FAILED });
    expect(error.message).toContain('getting the JWT assertion');
    expect(as.tokenRequests()).toEqual([]);
  });
});
