import { MCPConfigError } from '@org/mcp-core';
import type * as oauth from 'oauth4webapi';
import { clientAuthFor } from '../client/clientAuth.js';
import type { TokenEndpointAuthMethod } from '../client/clientRegistration.js';
import { type PrivateKeyInput, privateKeyJwt } from '../client/privateKeyJwt.js';

export type { PrivateKeyInput } from '../client/privateKeyJwt.js';

/** How a machine client authenticates at the token endpoint; every field but the id is a secret. */
export interface MachineClientOptions {
  /** The client's id at the authorization server. Only a JWT-bearer grant may go without one (no client authentication then). */
  clientId?: string | undefined;
  /** For `client_secret_basic` / `client_secret_post`. */
  clientSecret?: string | undefined;
  /** For `private_key_jwt` (RFC 7523 client assertion, signed by oauth4webapi). */
  privateKey?: PrivateKeyInput | undefined;
  /** The JWS algorithm of the client assertion. Default: ES256 for a P-256 key, else RS256 (ignored for a CryptoKey, whose algorithm says it). */
  signingAlgorithm?: string | undefined;
  /** The `kid` header of the client assertion, where the server keeps several keys. */
  keyId?: string | undefined;
  /** Default: `private_key_jwt` with a key; with a secret, basic or post as the server supports; else `none`. */
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod | undefined;
}

/** oauth4webapi's client and client authentication for a machine client, ready for any token request. */
export interface MachineClient {
  client: oauth.Client;
  auth(as: oauth.AuthorizationServer, serverName: string): Promise<oauth.ClientAuth>;
}

/**
 * Checks the options at once (a key that does not parse is a MCPConfigError naming the field, never
 * the key) and builds the client; a PEM or KeyObject is imported to a CryptoKey once, on first use.
 */
export function machineClient(options: MachineClientOptions, what: string, anonymous = false): MachineClient {
  const method =
    options.tokenEndpointAuthMethod ??
    (options.privateKey ? 'private_key_jwt' : options.clientSecret ? undefined : 'none');
  const invalid = (path: string, message: string) =>
    new MCPConfigError(`Invalid ${what} options`, { issues: [{ path, message }] });
  if (options.clientId === undefined && anonymous && method === 'none')
    return { client: { client_id: 'anonymous' }, auth: async () => () => {} };
  if (typeof options.clientId !== 'string' || !options.clientId)
    throw invalid('clientId', 'must be a non-empty string');
  if (method === 'private_key_jwt' && !options.privateKey)
    throw invalid('privateKey', 'is required for private_key_jwt');
  if ((method === 'client_secret_basic' || method === 'client_secret_post') && !options.clientSecret)
    throw invalid('clientSecret', `is required for ${method}`);
  const keyAuth =
    method === 'private_key_jwt'
      ? privateKeyJwt(options.privateKey as PrivateKeyInput, options, invalid)
      : undefined;
  const clientId = options.clientId;
  const client: oauth.Client = { client_id: clientId };
  return {
    client,
    async auth(as, serverName) {
      if (keyAuth) return keyAuth();
      const registration = { clientId, clientSecret: options.clientSecret, tokenEndpointAuthMethod: method };
      return clientAuthFor(as, registration, serverName).auth;
    },
  };
}
