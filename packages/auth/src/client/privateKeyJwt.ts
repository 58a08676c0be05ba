import { createPrivateKey, KeyObject } from 'node:crypto';
import type { MCPConfigError } from '@org/mcp-core';
import * as oauth from 'oauth4webapi';

/** A private key: PKCS#8 PEM, a Node KeyObject, or a WebCrypto CryptoKey. Always a secret. */
export type PrivateKeyInput = string | KeyObject | oauth.CryptoKey;

/** How a client assertion is signed besides its key. */
export interface PrivateKeyJwtOptions {
  /** The JWS algorithm. Default: ES256 for a P-256 key, else RS256 (ignored for a CryptoKey, whose algorithm says it). */
  signingAlgorithm?: string | undefined;
  /** The `kid` header, where the server keeps several keys. */
  keyId?: string | undefined;
}

/** Builds the MCPConfigError for one field, naming what is wrong and never the key. */
export type InvalidField = (path: string, message: string) => MCPConfigError;

/**
 * `private_key_jwt` client authentication (RFC 7523 client assertion, signed by oauth4webapi), for the machine
 * grants and a pre-registered client alike. The key is checked now (a MCPConfigError for one that does not
 * parse); the CryptoKey is imported once, at the first token request, and again after a failed import.
 */
export function privateKeyJwt(
  input: PrivateKeyInput,
  options: PrivateKeyJwtOptions,
  invalid: InvalidField,
): () => Promise<oauth.ClientAuth> {
  const keyObject = keyObjectOf(input, invalid);
  let auth: Promise<oauth.ClientAuth> | undefined;
  return () => {
    auth ??= cryptoKeyOf(input, keyObject, options.signingAlgorithm).then(
      (key) => oauth.PrivateKeyJwt(options.keyId ? { key, kid: options.keyId } : key),
      () => {
        auth = undefined;
        throw invalid(
          'signingAlgorithm',
          `does not fit the private key (${options.signingAlgorithm ?? 'default'})`,
        );
      },
    );
    return auth;
  };
}

/** A KeyObject for a PEM or KeyObject (checked now); undefined for a CryptoKey, used as it is. */
function keyObjectOf(input: PrivateKeyInput, invalid: InvalidField): KeyObject | undefined {
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
): Promise<oauth.CryptoKey> {
  if (!keyObject) return input as oauth.CryptoKey;
  const alg = algorithm ?? defaultAlgorithm(keyObject);
  const pem = keyObject.export({ format: 'pem', type: 'pkcs8' }).toString();
  // jose is loaded here, at the first private_key_jwt key imported, never at import.
  const { importPKCS8 } = await import('jose');
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
