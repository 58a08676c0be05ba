import { createPrivateKey, createPublicKey, type KeyObject, randomUUID } from 'node:crypto';
import { MCPConfigError } from '@org/mcp-core';
import type { JWK } from 'jose';
import type { CryptoKey, CryptoKeyPair } from 'oauth4webapi';
import { defaultAlgorithm } from '../client/privateKeyJwt.js';

/** The key DPoP proofs are signed with: a pair, or a private key (PKCS#8 PEM or KeyObject) whose public half is derived. A secret. */
export type DPoPKeyInput = CryptoKeyPair | string | KeyObject;

/** What the generated key may be, in our order of preference, as a server's `dpop_signing_alg_values_supported` allows. */
const GENERATED_ALGORITHMS = ['ES256', 'ES384', 'PS256', 'RS256', 'EdDSA'];
const MAX_NONCES = 100;

/**
 * The DPoP key of one client (RFC 9449) and the nonces servers gave it: signs one fresh proof per
 * request (a new `jti`; `htm`, `htu` without query or fragment, `iat`, `ath` for a resource request,
 * the origin's last `nonce`). Proofs are made here, with jose, rather than by oauth4webapi's DPoP
 * handle: that one signs only the requests oauth4webapi itself sends, while the MCP requests go out
 * through the HTTP transport, and a nonce retry must not run a grant (and ask the user) again.
 */
export class DPoPKey {
  private pair: Promise<{ privateKey: CryptoKey; jwk: JWK; alg: string }> | undefined;
  private readonly nonces = new Map<string, string>();

  private readonly input: CryptoKeyPair | KeyObject | undefined;

  /** A PEM that does not parse is a MCPConfigError naming `key`, never quoting it. */
  constructor(
    input: DPoPKeyInput | undefined,
    private readonly algorithm: string | undefined,
    private readonly now: () => number,
  ) {
    try {
      this.input = typeof input === 'string' ? createPrivateKey(input) : input;
    } catch {
      throw new MCPConfigError('Invalid withDPoP options', {
        issues: [
          { path: 'key', message: 'is not a private key (PKCS#8 PEM, KeyObject or CryptoKeyPair expected)' },
        ],
      });
    }
  }

  /** Loads or generates the key once; `supported` is the server's algorithm list, for a generated key. */
  prepare(supported?: readonly string[]): Promise<{ privateKey: CryptoKey; jwk: JWK; alg: string }> {
    this.pair ??= this.load(supported).catch((error: unknown) => {
      this.pair = undefined;
      throw error;
    });
    return this.pair;
  }

  /** A proof for one request; `accessToken` binds it to the token a resource request carries. */
  async proof(method: string, url: URL, accessToken?: string): Promise<string> {
    const { privateKey, jwk, alg } = await this.prepare();
    const claims: Record<string, string> = { htm: method.toUpperCase(), htu: `${url.origin}${url.pathname}` };
    const nonce = this.nonces.get(url.origin);
    if (nonce !== undefined) claims.nonce = nonce;
    if (accessToken !== undefined) claims.ath = await sha256(accessToken);
    const { SignJWT } = await jose();
    return new SignJWT(claims)
      .setProtectedHeader({ typ: 'dpop+jwt', alg, jwk })
      .setIssuedAt(Math.floor(this.now() / 1000))
      .setJti(randomUUID())
      .sign(privateKey);
  }

  /** Keeps a server's nonce for its origin; true when it is a new one (so a retry can succeed). */
  takeNonce(url: URL, nonce: string | undefined): boolean {
    if (!nonce || nonce.length > 1024) return false;
    const previous = this.nonces.get(url.origin);
    this.nonces.delete(url.origin);
    if (this.nonces.size >= MAX_NONCES) this.nonces.delete(this.nonces.keys().next().value as string);
    this.nonces.set(url.origin, nonce);
    return previous !== nonce;
  }

  private async load(supported: readonly string[] | undefined) {
    const { exportJWK, generateKeyPair, importPKCS8, importSPKI } = await jose();
    const input = this.input;
    if (input === undefined) {
      const alg =
        this.algorithm ??
        GENERATED_ALGORITHMS.find((a) => !supported?.length || supported.includes(a)) ??
        'ES256';
      const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: false });
      return { privateKey, jwk: publicJwk(await exportJWK(publicKey)), alg };
    }
    if ('privateKey' in input) {
      const alg = this.algorithm ?? algorithmOf(input.privateKey.algorithm);
      return { privateKey: input.privateKey, jwk: publicJwk(await exportJWK(input.publicKey)), alg };
    }
    const alg = this.algorithm ?? defaultAlgorithm(input);
    const privateKey = await importPKCS8(input.export({ format: 'pem', type: 'pkcs8' }).toString(), alg);
    const spki = createPublicKey(input).export({ format: 'pem', type: 'spki' }).toString();
    return {
      privateKey,
      jwk: publicJwk(await exportJWK(await importSPKI(spki, alg, { extractable: true }))),
      alg,
    };
  }
}

/** Only the public members: a proof's `jwk` must never carry a private part. */
// jose is loaded by the first DPoP key prepared, never at import: most servers use no DPoP.
function jose(): Promise<typeof import('jose')> {
  return import('jose');
}

function publicJwk(jwk: JWK): JWK {
  const { kty, crv, x, y, n, e } = jwk;
  return Object.fromEntries(
    Object.entries({ kty, crv, x, y, n, e }).filter(([, v]) => v !== undefined),
  ) as JWK;
}

function algorithmOf(algorithm: CryptoKey['algorithm']): string {
  const named = algorithm as CryptoKey['algorithm'] & { namedCurve?: string; hash?: { name: string } };
  if (named.name === 'ECDSA')
    return named.namedCurve === 'P-384' ? 'ES384' : named.namedCurve === 'P-521' ? 'ES512' : 'ES256';
  if (named.name === 'Ed25519') return 'EdDSA';
  if (named.name === 'RSA-PSS') return 'PS256';
  return 'RS256';
}

async function sha256(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  return Buffer.from(digest).toString('base64url');
}
