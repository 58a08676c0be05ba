import { AuthErrorCode, MCPAuthError, MCPConfigError } from '@org/mcp-core';
import * as oauth from 'oauth4webapi';
import { sentSecretsOf } from '../http/oauthHttp.js';
import type { OAuthRequestOptions } from '../http/oauthRequestOptions.js';
import { serverText } from '../http/serverText.js';
import type { TokenSet } from '../tokens/tokenSet.js';

/** The token set of a processed token endpoint answer; a refresh keeps the old refresh token when no new one came. */
export function tokenSetFrom(
  response: oauth.TokenEndpointResponse,
  asked: string | undefined,
  now: number,
  previousRefreshToken?: string,
): TokenSet {
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    expiresAt: typeof response.expires_in === 'number' ? now + response.expires_in * 1000 : undefined,
    issuedAt: now,
    refreshToken: response.refresh_token ?? previousRefreshToken,
    scope: response.scope ?? asked,
  };
}

/** Refusals after which a refresh token cannot give what is needed, so the user authorizes again. */
const REAUTHORIZE_ERRORS = new Set(['invalid_grant', 'invalid_target', 'invalid_scope']);

/**
 * Whether a refresh failed because the refresh token cannot serve: revoked or expired
 * (`invalid_grant`), or not for this resource or scope (`invalid_target`, `invalid_scope`).
 */
export function isInvalidGrant(error: unknown): boolean {
  return error instanceof oauth.ResponseBodyError && REAUTHORIZE_ERRORS.has(error.error);
}

/**
 * AUTH_TOKEN_FAILED for a failed token request, with the server's `error` and its
 * `error_description` scrubbed of every credential the requests sent (`requestOptions` noted them),
 * sanitized and bounded. oauth4webapi's errors carry the answer's body as their cause, which may
 * hold tokens, so they are never chained: only their fixed messages are kept.
 */
export function tokenRequestFailed(
  error: unknown,
  what: string,
  serverName: string,
  requestOptions?: OAuthRequestOptions,
): MCPAuthError {
  if (error instanceof MCPAuthError) return error;
  const secrets = sentSecretsOf(requestOptions);
  const refusal = refusalOf(error);
  if (refusal) {
    const code = serverText(refusal.error, secrets) ?? 'an error';
    const description = serverText(refusal.description, secrets);
    return new MCPAuthError(
      AuthErrorCode.AUTH_TOKEN_FAILED,
      `Server "${serverName}": the token endpoint refused ${what} with HTTP ${refusal.status} ${code}${description ? ` (${description})` : ''}.`,
      { serverName, oauthError: code, oauthErrorDescription: description, status: refusal.status },
    );
  }
  const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
  const reason = timedOut
    ? 'no answer in time (requestTimeout)'
    : error instanceof oauth.OperationProcessingError || error instanceof TypeError
      ? serverText(error.message, secrets)
      : error instanceof MCPConfigError
        ? `${error.message} (${error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})`
        : error instanceof Error
          ? error.name
          : 'unknown error';
  return new MCPAuthError(
    AuthErrorCode.AUTH_TOKEN_FAILED,
    `Server "${serverName}": ${what} at the token endpoint failed: ${reason}.`,
    { serverName },
  );
}

/**
 * The server's `error` from an error body, or from a `WWW-Authenticate` challenge (a 401
 * `invalid_client` for HTTP Basic comes as one, RFC 6749 §5.2), which oauth4webapi reports first.
 */
function refusalOf(
  error: unknown,
): { error: string; description?: string | undefined; status: number } | undefined {
  if (error instanceof oauth.ResponseBodyError)
    return { error: error.error, description: error.error_description, status: error.status };
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    const challenge = error.cause.find((c) => typeof c.parameters.error === 'string');
    if (challenge)
      return {
        error: challenge.parameters.error as string,
        description: challenge.parameters.error_description,
        status: error.status,
      };
  }
  return undefined;
}
