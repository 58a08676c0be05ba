import { generateKeyPairSync } from 'node:crypto';
import { MCPHttpClient } from '@org/mcp-transport-http';
import {
  type AuthorizationServer,
  type ProtectedMcpServer,
  startAuthorizationServer,
  startProtectedMcpServer,
} from '@org/test-utils';
import { exportJWK } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_HEADLESS_REDIRECT_URI, headlessAuthorizationHandler, OAuthProvider } from '../src/index.js';

let as: AuthorizationServer;
let mcp: ProtectedMcpServer;
let client: MCPHttpClient | undefined;

beforeEach(async () => {
  as = await startAuthorizationServer();
  mcp = await startProtectedMcpServer(as);
});
afterEach(async () => {
  await client?.disconnect();
  await mcp.close();
  await as.close();
});

/** A client registered beforehand (as an administrator would) for the authorization code flow with private_key_jwt. */
async function preRegister(publicJwk: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${as.issuer}/reg`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      application_type: 'native',
      redirect_uris: [DEFAULT_HEADLESS_REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256',
      jwks: { keys: [{ ...publicJwk, alg: 'ES256', use: 'sig' }] },
      scope: 'mcp:read mcp:write offline_access',
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { client_id: string }).client_id;
}

describe('a pre-registered client with private_key_jwt, through the authorization code flow', () => {
  it('authenticates the code redemption with a client assertion read when needed; the key is in no error', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const clientId = await preRegister(await exportJWK(pair.publicKey));
    let reads = 0;
    const auth = new OAuthProvider({
      authorizationHandler: headlessAuthorizationHandler(),
      client: {
        clientId,
        privateKey: async () => {
          reads++;
          return pem;
        },
      },
    });
    client = new MCPHttpClient({ transport: 'http', url: mcp.url }, { name: 'protected', auth });
    await client.connect();
    expect((await client.callTool('whoami', {})).content).toEqual([{ type: 'text', text: 'user-1' }]);
    const [token] = as.tokenRequests('authorization_code');
    expect(token?.body.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    expect(token?.body.get('client_id') ?? clientId).toBe(clientId);
    expect(token?.authorization).toBeUndefined();
    expect(as.seen.filter((r) => r.path === '/reg')).toHaveLength(1); // only ours: no dynamic registration
    expect(reads).toBe(1);
  });

  it('a key that does not parse is a MCPConfigError naming the field, never the key', async () => {
    const clientId = await preRegister(
      await exportJWK(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey),
    );
    const notAKey = 'not-a-key-3b2a1c0d9e8f';
    const auth = new OAuthProvider({
      authorizationHandler: headlessAuthorizationHandler(),
      client: { clientId, privateKey: notAKey },
    });
    client = new MCPHttpClient({ transport: 'http', url: mcp.url }, { name: 'protected', auth });
    const error = await client.connect().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeDefined();
    const text = [String(error), error?.stack, JSON.stringify(error), String(error?.cause)].join('\n');
    expect(text).toContain('privateKey');
    expect(text).not.toContain(notAKey);
  });
});
