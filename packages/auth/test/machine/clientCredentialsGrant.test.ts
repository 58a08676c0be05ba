import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { AuthErrorCode, MCPAuthError, MCPConfigError } from '@org/mcp-core';
import {
  type AuthorizationServer,
  type ProtectedMcpServer,
  startAuthorizationServer,
  startProtectedMcpServer,
} from '@org/test-utils';
import { exportJWK, generateKeyPair } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientCredentialsGrant } from '../../src/index.js';
import { closeMachineClients, machineClient, refusal, registerAt } from './fixtures/machineSession.js';

let as: AuthorizationServer;
let mcp: ProtectedMcpServer;

beforeEach(async () => {
  as = await startAuthorizationServer();
  mcp = await startProtectedMcpServer(as);
});
afterEach(async () => {
  await closeMachineClients();
  await mcp.close();
  await as.close();
});

async function connectsAndCalls(grant: ClientCredentialsGrant) {
  const client = machineClient(mcp.url, grant);
  await client.connect();
  expect((await client.callTool('whoami', {})).content).toEqual([{ type: 'text', text: 'user-1' }]);
  const [request, ...more] = as.tokenRequests();
  expect(more).toEqual([]);
  expect(request?.body.get('grant_type')).toBe('client_credentials');
  expect(request?.body.get('resource')).toBe(mcp.url);
  expect(request?.body.get('scope')).toBe('mcp:read');
  expect(as.seen.filter((r) => r.path === '/reg')).toHaveLength(1);
  return request;
}

describe('ClientCredentialsGrant against oidc-provider', () => {
  it('client_secret_basic: the secret in the Authorization header, never in the body', async () => {
    const { client_id, client_secret } = await registerAt(as.issuer, {
      token_endpoint_auth_method: 'client_secret_basic',
    });
    const request = await connectsAndCalls(
      new ClientCredentialsGrant({ clientId: client_id, clientSecret: client_secret }),
    );
    expect(request?.authorization).toMatch(/^Basic /);
    expect(request?.body.get('client_secret')).toBeNull();
  });

  it('client_secret_post when the client says so', async () => {
    const { client_id, client_secret } = await registerAt(as.issuer, {
      token_endpoint_auth_method: 'client_secret_post',
    });
    const grant = new ClientCredentialsGrant({
      clientId: client_id,
      clientSecret: client_secret,
      tokenEndpointAuthMethod: 'client_secret_post',
    });
    const request = await connectsAndCalls(grant);
    expect(request?.authorization).toBeUndefined();
  });

  it('private_key_jwt with a PKCS#8 PEM (ES256), a KeyObject (RS256) and a CryptoKey (PS256)', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ps = await generateKeyPair('PS256');
    const keys = [
      {
        privateKey: ec.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        publicKey: ec.publicKey,
        alg: 'ES256',
      },
      {
        privateKey: createPrivateKey(rsa.privateKey.export({ format: 'pem', type: 'pkcs8' })),
        publicKey: rsa.publicKey,
        alg: 'RS256',
      },
      { privateKey: ps.privateKey, publicKey: ps.publicKey, alg: 'PS256' },
    ];
    for (const key of keys) {
      const jwk = { ...(await exportJWK(key.publicKey)), alg: key.alg, use: 'sig' };
      const { client_id } = await registerAt(as.issuer, {
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: key.alg,
        jwks: { keys: [jwk] },
      });
      const before = as.tokenRequests().length;
      const client = machineClient(
        mcp.url,
        new ClientCredentialsGrant({
          clientId: client_id,
          privateKey: key.privateKey,
          signingAlgorithm: key.alg,
        }),
      );
      await client.connect();
      const request = as.tokenRequests()[before];
      expect(request?.body.get('client_assertion_type')).toBe(
        'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      );
      expect(request?.authorization).toBeUndefined();
      await client.disconnect();
    }
  });

  it('a refused secret is AUTH_TOKEN_FAILED with the server error, and the secret is nowhere in it', async () => {
    const { client_id } = await registerAt(as.issuer, { token_endpoint_auth_method: 'client_secret_basic' });
    const secret = 'wrong-secret-5f4e3d2c1b0a';
    const client = machineClient(
      mcp.url,
      new ClientCredentialsGrant({ clientId: client_id, clientSecret: secret }),
    );
    const error = await refusal(client.connect(), [secret]);
    expect(error).toBeInstanceOf(MCPAuthError);
    expect(error).toMatchObject({
      code: AuthErrorCode.AUTH_TOKEN_FAILED,
      oauthError: 'invalid_client',
      status: 401,
    });
    expect(error.message).toContain('the client credentials');
    expect(mcp.seen.filter((r) => r.authorization)).toEqual([]);
  });

  it('a private key that does not parse is a MCPConfigError naming privateKey, not quoting it', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nnot-a-key-c2VjcmV0\n-----END PRIVATE KEY-----';
    const error = (() => {
      try {
        new ClientCredentialsGrant({ clientId: 'c', privateKey: pem });
      } catch (e) {
        return e as MCPConfigError;
      }
    })();
    expect(error).toBeInstanceOf(MCPConfigError);
    expect(error?.issues).toEqual([
      { path: 'privateKey', message: expect.stringContaining('not a private key') },
    ]);
    expect(`${error?.message}${error?.stack}`).not.toContain('c2VjcmV0');
    expect(
      () => new ClientCredentialsGrant({ clientId: 'c', tokenEndpointAuthMethod: 'client_secret_post' }),
    ).toThrow(/clientSecret: is required for client_secret_post/);
  });
});
