import { createPrivateKey, KeyObject } from 'node:crypto';
import { MCPConfigError } from '@org/mcp-core';
import { importPKCS8 } from 'jose';
import type { CryptoKey } from 'oauth4webapi';
import * as oauth from 'oauth4webapi';
import { clientAuthFor } from '../clientAuth.js';
import type { TokenEndpointAuthMethod } from '../clientRegistration.js';

/** A private key: PKCS#8 PEM, a Node KeyObject, or a WebCrypto CryptoKey. Always a secret. */
export type PrivateKeyInput = string | KeyObject | CryptoKey;

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
  const keyObject =
    method === 'private_key_jwt' ? keyObjectOf(options.privateKey as PrivateKeyInput, invalid) : undefined;
  let key: Promise<CryptoKey> | undefined;
  const clientId = options.clientId;
  const client: oauth.Client = { client_id: clientId };
  return {
    client,
    async auth(as, serverName) {
      if (method !== 'private_key_jwt') {
        const registration = {
          clientId,
          clientSecret: options.clientSecret,
          tokenEndpointAuthMethod: method,
        };
        return clientAuthFor(as, registration, serverName).auth;
      }
      key ??= cryptoKeyOf(options.privateKey as PrivateKeyInput, keyObject, options.signingAlgorithm);
      const privateKey = await key.catch(() => {
        key = undefined;
        throw invalid(
          'signingAlgorithm',
          `does not fit the private key (${options.signingAlgorithm ?? 'default'})`,
        );
      });
      return oauth.PrivateKeyJwt(options.keyId ? { key: privateKey, kid: options.keyId } : privateKey);
    },
  };
}

/** A KeyObject for a PEM or KeyObject (checked now); undefined for a CryptoKey, used as it is. */
function keyObjectOf(
  input: PrivateKeyInput,
  invalid: (path: string, message: string) => MCPConfigError,
): KeyObject | undefined {
  if (typeof input !== 'string' && !(input instanceof KeyObject)) {
    if (input?.type !== 'private') throw invalid('privateKey', 'must be a private key');
    return undefined;
  }
  try {
    const keyObject = typeof input === 'string' ? createPrivateKey(input) : input;
    if (keyObject.type !== 'private') throw new Error('not private');
    return keyObject;
  } catch {
    // Node's message may quote the input; only what is wrong is said.
    throw invalid('privateKey', 'is not a private key (PKCS#8 PEM, KeyObject or CryptoKey expected)');
  }
}

async function cryptoKeyOf(
  input: PrivateKeyInput,
  keyObject: KeyObject | undefined,
  algorithm: string | undefined,
): Promise<CryptoKey> {
  if (!keyObject) return input as CryptoKey;
  const alg = algorithm ?? defaultAlgorithm(keyObject);
  const pem = keyObject.export({ format: 'pem', type: 'pkcs8' }).toString();
  return importPKCS8(pem, alg);
}

/** The JWS algorithm of a key that names none: by its curve for EC, Ed25519, else RS256. */
export function defaultAlgorithm(key: KeyObject): string {
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    return curve === 'secp384r1' ? 'ES384' : curve === 'secp521r1' ? 'ES512' : 'ES256';
  }
  if (key.asymmetricKeyType === 'ed25519') return 'Ed25519';
  return 'RS256';
}
