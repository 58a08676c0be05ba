// A client an administrator registered beforehand at the authorization server, for the authorization
// code flow with private_key_jwt: the auth and manager tests of a pre-registered client share it.
import { generateKeyPairSync } from 'node:crypto';
import type { AuthorizationServer } from './authorizationServer.js';

export interface KeyClient {
  clientId: string;
  /** The client's ES256 private key, PKCS #8 PEM. */
  pem: string;
}

/** Registers a client that authenticates with a fresh ES256 key; `redirectUri` is where codes go. */
export async function registerKeyClient(as: AuthorizationServer, redirectUri: string): Promise<KeyClient> {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...pair.publicKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig' };
  const response = await fetch(`${as.issuer}/reg`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      application_type: 'native',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256',
      jwks: { keys: [jwk] },
      scope: 'mcp:read mcp:write offline_access',
    }),
  });
  if (response.status !== 201)
    throw new Error(`registration: HTTP ${response.status} ${await response.text()}`);
  const { client_id } = (await response.json()) as { client_id: string };
  return { clientId: client_id, pem: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}
