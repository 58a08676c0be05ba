import type { HttpAuthChallenge, HttpAuthResponse } from '@org/mcp-http';
import * as oauth from 'oauth4webapi';
import type { AuthGrant, GrantContext, TokenUse } from '../flow/authGrant.js';
import type { OAuthRequestOptions } from '../http/oauthRequestOptions.js';
import { parseBearerChallenge } from '../http/wwwAuthenticate.js';
import type { TokenSet } from '../tokens/tokenSet.js';
import { DPoPKey, type DPoPKeyInput } from './dpopKey.js';

export interface DPoPOptions {
  /** The proof key. Default: a key generated in memory (ES256 where the server allows it), never exported. */
  key?: DPoPKeyInput | undefined;
  /** The proofs' JWS algorithm. Default: the key's (ES256 for EC, RS256 for RSA). */
  signingAlgorithm?: string | undefined;
  /** The clock for the proofs' `iat`, in ms since the epoch. Default `Date.now`. */
  now?: (() => number) | undefined;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * DPoP (RFC 9449) around any grant: every token request of the grant (refresh included) carries a
 * proof, and a DPoP-bound token goes to the MCP server as `Authorization: DPoP` with a fresh proof
 * per request. A server nonce (`use_dpop_nonce`, with `DPoP-Nonce`) is taken and the request sent
 * once more: at the token endpoint inside the same token request, at the MCP server through the
 * provider's retry. A nonce sent with any other answer is taken for the next proof. A server that answers with a Bearer token gets it as Bearer.
 */
export function withDPoP(grant: AuthGrant, options: DPoPOptions = {}): AuthGrant {
  const key = new DPoPKey(options.key, options.signingAlgorithm, options.now ?? Date.now);
  const dpop: AuthGrant = {
    name: `${grant.name}+dpop`,
    registers: grant.registers,
    obtain: (context: GrantContext) => grant.obtain(context),
    tokenRequestOptions(requestOptions: OAuthRequestOptions, as: oauth.AuthorizationServer) {
      const inner = grant.tokenRequestOptions?.(requestOptions, as) ?? requestOptions;
      return { ...inner, [oauth.customFetch]: proofFetch(key, as, inner) } as OAuthRequestOptions;
    },
    async headers(tokens: TokenSet, use: TokenUse) {
      if (tokens.tokenType.toLowerCase() !== 'dpop')
        return grant.headers ? grant.headers(tokens, use) : { authorization: `Bearer ${tokens.accessToken}` };
      return {
        authorization: `DPoP ${tokens.accessToken}`,
        dpop: await key.proof(use.method, use.url, tokens.accessToken),
      };
    },
    async onChallenge(challenge: HttpAuthChallenge) {
      if (await grant.onChallenge?.(challenge)) return true;
      if (challenge.status !== 401 || !challenge.sent?.dpop) return false;
      const nonce = headerValue(challenge.headers['dpop-nonce']);
      if (!nonce || (await parseBearerChallenge(challenge.wwwAuthenticate)).error !== 'use_dpop_nonce')
        return false;
      return key.takeNonce(challenge.url, nonce);
    },
    onResponse(response: HttpAuthResponse) {
      grant.onResponse?.(response);
      // A server may hand out the next nonce with any answer (RFC 9449 §8): the next proof carries it.
      key.takeNonce(response.url, headerValue(response.headers['dpop-nonce']));
    },
  };
  if (grant.redirectUri) dpop.redirectUri = () => (grant.redirectUri as () => string | Promise<string>)();
  if (grant.refresh)
    dpop.refresh = (context, refreshToken) =>
      (grant.refresh as NonNullable<AuthGrant['refresh']>)(context, refreshToken);
  return dpop;
}

/**
 * The fetch of the grant's requests: a POST to the token endpoint gets a proof (the key generated
 * for the algorithms the server lists), and once more with the server's nonce when it answers
 * `use_dpop_nonce` (RFC 9449 §8). Other requests (an IdP's, registration) go as they are.
 */
function proofFetch(key: DPoPKey, as: oauth.AuthorizationServer, options: OAuthRequestOptions): Fetch {
  const inner = ((options as Record<symbol, unknown>)[oauth.customFetch] as Fetch | undefined) ?? fetch;
  const tokenEndpoint = as.token_endpoint ? new URL(as.token_endpoint).href : undefined;
  return async (url, init) => {
    const target = new URL(url);
    if (init.method !== 'POST' || target.href !== tokenEndpoint) return inner(url, init);
    await key.prepare(as.dpop_signing_alg_values_supported);
    const send = async () => {
      const headers = new Headers(init.headers);
      headers.set('dpop', await key.proof('POST', target));
      return inner(url, { ...init, headers: Object.fromEntries(headers) });
    };
    const response = await send();
    const nonce = response.headers.get('dpop-nonce') ?? undefined;
    if (
      response.status === 400 &&
      (await errorOf(response)) === 'use_dpop_nonce' &&
      key.takeNonce(target, nonce)
    )
      return send();
    key.takeNonce(target, nonce);
    return response;
  };
}

async function errorOf(response: Response): Promise<unknown> {
  try {
    return ((await response.clone().json()) as { error?: unknown }).error;
  } catch {
    return undefined;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
