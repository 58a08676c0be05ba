import { AuthErrorCode, MCPAuthError, MCPConfigError } from '@org/mcp-core';
import * as oauth from 'oauth4webapi';
import type { ClientRegistration, TokenEndpointAuthMethod } from './clientRegistration.js';
import { type InvalidField, privateKeyJwt } from './privateKeyJwt.js';

/**
 * The method a client authenticates with: its own, else for a client with a secret the first the
 * server supports of basic and post (basic where the server does not say, RFC 8414's default), else none.
 */
export function authMethodFor(
  as: oauth.AuthorizationServer,
  client: ClientRegistration,
): TokenEndpointAuthMethod {
  if (client.tokenEndpointAuthMethod) return client.tokenEndpointAuthMethod;
  if (client.privateKey) return 'private_key_jwt';
  if (!client.clientSecret) return 'none';
  const supported = as.token_endpoint_auth_methods_supported;
  if (!supported || supported.includes('client_secret_basic')) return 'client_secret_basic';
  if (supported.includes('client_secret_post')) return 'client_secret_post';
  return 'client_secret_basic';
}

/** oauth4webapi's client and its token endpoint authentication, for a registered client. */
export function clientAuthFor(
  as: oauth.AuthorizationServer,
  registration: ClientRegistration,
  serverName: string,
): { client: oauth.Client; auth: oauth.ClientAuth } {
  const method = authMethodFor(as, registration);
  const client: oauth.Client = { client_id: registration.clientId, token_endpoint_auth_method: method };
  if (method === 'none') return { client, auth: oauth.None() };
  const secret = registration.clientSecret;
  if (secret && method === 'client_secret_basic')
    return { client, auth: clientSecretBasic(registration.clientId, secret) };
  if (secret && method === 'client_secret_post') return { client, auth: oauth.ClientSecretPost(secret) };
  const key = registration.privateKey;
  if (key && method === 'private_key_jwt') return { client, auth: preRegisteredKeyAuth(registration, key) };
  throw new MCPAuthError(
    AuthErrorCode.AUTH_REGISTRATION_FAILED,
    `Server "${serverName}": the client is configured for ${method} at the token endpoint but has no ${method === 'private_key_jwt' ? 'private key (`privateKey` on the pre-registered client)' : 'client secret'}.`,
    { serverName },
  );
}

/**
 * A client assertion signed with the pre-registered client's key: a key given as a function is read at the first
 * token request (and again after a failure), then checked and imported once (privateKeyJwt.ts).
 */
function preRegisteredKeyAuth(
  registration: ClientRegistration,
  key: NonNullable<ClientRegistration['privateKey']>,
): oauth.ClientAuth {
  const invalid: InvalidField = (path, message) =>
    new MCPConfigError('Invalid pre-registered client options', { issues: [{ path, message }] });
  let keyAuth: Promise<() => Promise<oauth.ClientAuth>> | undefined;
  return async (as, client, body, headers) => {
    if (!keyAuth) {
      const made = (async () =>
        privateKeyJwt(typeof key === 'function' ? await key() : key, registration, invalid))();
      keyAuth = made;
      made.catch(() => {
        if (keyAuth === made) keyAuth = undefined;
      });
    }
    const auth = await (await keyAuth)();
    return auth(as, client, body, headers);
  };
}

/**
 * HTTP Basic client authentication (RFC 6749 2.3.1): id and secret form-urlencoded, then base64.
 * oauth4webapi's ClientSecretBasic also percent-encodes `-_.!~*'()`, which RFC-conforming servers
 * decode but many do not (a `pre-registered-client` arrives as `pre%2Dregistered%2Dclient`);
 * URLSearchParams' encoding leaves those characters as they are, which both kinds read right.
 */
function clientSecretBasic(clientId: string, secret: string): oauth.ClientAuth {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  const credentials = Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64');
  return (_as, _client, _body, headers) => {
    headers.set('authorization', `Basic ${credentials}`);
  };
}
