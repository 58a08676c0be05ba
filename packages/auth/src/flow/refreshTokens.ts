import * as oauth from 'oauth4webapi';
import { clientAuthFor } from '../client/clientAuth.js';
import type { TokenSet } from '../tokens/tokenSet.js';
import type { AuthGrant, GrantContext } from './authGrant.js';
import { isInvalidGrant, tokenRequestFailed, tokenSetFrom } from './tokenResponse.js';

/**
 * Redeems a refresh token (with `resource`, RFC 8707), through the grant's own refresh where it has
 * one. Undefined when the refresh token cannot serve (revoked, expired, for another resource), so
 * the caller authorizes again; any other failure is AUTH_TOKEN_FAILED.
 */
export async function refreshTokens(
  grant: AuthGrant | undefined,
  context: GrantContext,
  refreshToken: string,
  now: () => number,
): Promise<TokenSet | undefined> {
  try {
    if (grant?.refresh) return await grant.refresh(context, refreshToken);
    if (!context.client) return undefined;
    const as = context.authorizationServer;
    const { client, auth } = clientAuthFor(as, context.client, context.serverName);
    const response = await oauth.refreshTokenGrantRequest(as, client, auth, refreshToken, {
      ...context.requestOptions,
      additionalParameters: { resource: context.resource },
    });
    const result = await oauth.processRefreshTokenResponse(as, client, response);
    return tokenSetFrom(result, context.scope, now(), refreshToken);
  } catch (error) {
    if (isInvalidGrant(error)) return undefined;
    throw tokenRequestFailed(error, 'the refresh token', context.serverName, context.requestOptions);
  }
}
