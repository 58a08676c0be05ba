import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import { deadline } from '@org/mcp-core/internal';
import * as oauth from 'oauth4webapi';
import { clientAuthFor } from '../client/clientAuth.js';
import type { AuthorizationHandler } from '../handlers/authorizationHandler.js';
import { serverText } from '../http/serverText.js';
import type { TokenSet } from '../tokens/tokenSet.js';
import type { AuthGrant, GrantContext } from './authGrant.js';
import { tokenRequestFailed, tokenSetFrom } from './tokenResponse.js';

export interface AuthorizationCodeGrantOptions {
  /** How long the handler may take, in ms. */
  timeout: number;
  now?: (() => number) | undefined;
}

/**
 * The interactive grant: authorization code with PKCE S256, a fresh `state`, RFC 8707 `resource`
 * on both requests, and the callback checked by oauth4webapi (`state`, and RFC 9207 `iss` against
 * the recorded issuer) before the code goes to any token endpoint.
 */
export class AuthorizationCodeGrant implements AuthGrant {
  readonly name = 'authorization_code';
  readonly registers = true;

  constructor(
    private readonly handler: AuthorizationHandler,
    private readonly options: AuthorizationCodeGrantOptions,
  ) {}

  redirectUri(): string | Promise<string> {
    return this.handler.redirectUri();
  }

  async obtain(context: GrantContext): Promise<TokenSet> {
    const { authorizationServer: as, serverName } = context;
    const registration = context.client as NonNullable<GrantContext['client']>;
    const { client, auth } = clientAuthFor(as, registration, serverName);
    if (!as.code_challenge_methods_supported?.includes('S256') && as.code_challenge_methods_supported)
      throw new MCPAuthError(
        AuthErrorCode.AUTH_AUTHORIZATION_FAILED,
        `Server "${serverName}": its authorization server does not support PKCE with S256, which OAuth 2.1 requires; not authorizing there.`,
        { serverName },
      );
    const redirectUri = await this.handler.redirectUri();
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint as string);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', client.client_id);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('state', state);
    url.searchParams.set('resource', context.resource);
    if (context.scope) url.searchParams.set('scope', context.scope);
    const bound = deadline(this.options.timeout, context.signal);
    context.onUserWait?.(true);
    const callback = await this.handler
      .authorize({ url, redirectUri, signal: bound.signal })
      .catch((error: unknown) => {
        throw error instanceof MCPAuthError
          ? error
          : new MCPAuthError(
              AuthErrorCode.AUTH_AUTHORIZATION_FAILED,
              `Server "${serverName}": the authorization step did not complete (${error instanceof Error ? error.message : String(error)}).`,
              { serverName },
            );
      })
      .finally(() => {
        bound.clear();
        context.onUserWait?.(false);
      });
    const parameters = checkCallback(as, client, callback, state, serverName);
    try {
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        client,
        auth,
        parameters,
        redirectUri,
        verifier,
        {
          ...context.requestOptions,
          additionalParameters: { resource: context.resource },
        },
      );
      const result = await oauth.processAuthorizationCodeResponse(as, client, response);
      return tokenSetFrom(result, context.scope, (this.options.now ?? Date.now)());
    } catch (error) {
      throw tokenRequestFailed(error, 'the authorization code', serverName, context.requestOptions);
    }
  }
}

/** The callback's parameters once `state` and `iss` check out; a server error or a mismatch is AUTH_AUTHORIZATION_FAILED or AUTH_ISSUER_MISMATCH. */
function checkCallback(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  callback: URL,
  state: string,
  serverName: string,
): URLSearchParams {
  try {
    return oauth.validateAuthResponse(as, client, callback, state);
  } catch (error) {
    // An `iss` mismatch is checked first: then the server's error must not be acted on or shown.
    const iss = callback.searchParams.get('iss');
    if (
      (iss !== null && iss !== as.issuer) ||
      (iss === null && as.authorization_response_iss_parameter_supported)
    )
      return fail(
        AuthErrorCode.AUTH_ISSUER_MISMATCH,
        iss === null ? 'carries no iss, which its server promises' : 'names another issuer (iss)',
      );
    if (error instanceof oauth.AuthorizationResponseError) {
      // Whoever sent the browser to the callback wrote these: shown only sanitized and bounded.
      const code = serverText(error.error, undefined) ?? 'an error';
      const description = serverText(error.error_description, undefined);
      throw new MCPAuthError(
        AuthErrorCode.AUTH_AUTHORIZATION_FAILED,
        `Server "${serverName}": the authorization server answered the authorization with ${code}${description ? ` (${description})` : ''}.`,
        { serverName, oauthError: code, oauthErrorDescription: description },
      );
    }
    return fail(
      AuthErrorCode.AUTH_AUTHORIZATION_FAILED,
      callback.searchParams.get('state') === state
        ? 'is not a valid authorization response'
        : 'carries the wrong state',
    );
  }
  function fail(
    code: typeof AuthErrorCode.AUTH_ISSUER_MISMATCH | typeof AuthErrorCode.AUTH_AUTHORIZATION_FAILED,
    why: string,
  ): never {
    throw new MCPAuthError(
      code,
      `Server "${serverName}": the authorization callback ${why}; its code is not redeemed.`,
      { serverName },
    );
  }
}
