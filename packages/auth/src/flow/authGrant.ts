import type { HttpAuthChallenge, HttpAuthResponse } from '@org/mcp-http';
import type { AuthorizationServer } from 'oauth4webapi';
import type { ClientRegistration } from '../client/clientRegistration.js';
import type { OAuthRequestOptions } from '../http/oauthRequestOptions.js';
import type { TokenSet } from '../tokens/tokenSet.js';

/** What a grant is given each time the provider needs new tokens. */
export interface GrantContext {
  /** The authorization server's metadata, discovered and checked (`issuer` included). */
  readonly authorizationServer: AuthorizationServer;
  /** The MCP server's canonical URL: RFC 8707 `resource` on every authorization and token request. */
  readonly resource: string;
  /** The scope to ask for (space-separated), or undefined to send none. */
  readonly scope: string | undefined;
  /** The client from the registration order, when the grant `registers`; else undefined. */
  readonly client: ClientRegistration | undefined;
  /** For every oauth4webapi call: the bounded fetch, loopback-http allowance, timeout and signal. */
  readonly requestOptions: OAuthRequestOptions;
  /** The server's name, for errors. */
  readonly serverName: string;
  readonly signal: AbortSignal;
  /** The provider's clock, in ms since the epoch, for the expiry of the tokens a grant returns. */
  readonly now?: (() => number) | undefined;
  /**
   * A grant that waits for a person (a browser login) says when the wait begins (true) and ends
   * (false): that wait does not count against the protocol's deadlines (the era probe's, the
   * connect's), only against the provider's `authorizationTimeout`.
   */
  readonly onUserWait?: ((waiting: boolean) => void) | undefined;
}

/** A request the tokens are about to be sent with, for grants that bind tokens to requests (DPoP). */
export interface TokenUse {
  url: URL;
  method: string;
}

/**
 * Where new tokens come from: the interactive authorization code flow (the default, with an
 * AuthorizationHandler), or a machine grant (client credentials, JWT bearer, token exchange),
 * which plugs in as the provider's `grant` option. The provider does the rest around it:
 * discovery, registration when `registers`, the store, refresh, single flight, 401/403.
 */
export interface AuthGrant {
  /** The grant's name in errors: `authorization_code`, `client_credentials`, ... */
  readonly name: string;
  /**
   * Whether the provider runs the registration order (pre-registered → client ID metadata document
   * → dynamic registration) and passes the client in: true for the authorization code flow; a
   * machine grant that brings its own credentials says false.
   */
  readonly registers: boolean;
  /** For a grant that registers: the redirect URI to register (the authorization code flow's). */
  redirectUri?(): string | Promise<string>;
  /** Gets new tokens; rejects with MCPAuthError. */
  obtain(context: GrantContext): Promise<TokenSet>;
  /** Redeems a refresh token. Default: the refresh_token grant with the registered client. */
  refresh?(context: GrantContext, refreshToken: string): Promise<TokenSet>;
  /** The headers that carry the tokens on one request. Default: `Authorization: Bearer`. DPoP adds a proof here. */
  headers?(tokens: TokenSet, use: TokenUse): Record<string, string> | Promise<Record<string, string>>;
  /**
   * For a grant that binds token requests to a key (DPoP): the options every token request of the
   * grant is made with, the provider's refresh included. Default: the provider's as they are.
   */
  tokenRequestOptions?(options: OAuthRequestOptions, as: AuthorizationServer): OAuthRequestOptions;
  /**
   * A refusal the grant answers itself, without new tokens (a DPoP server's `use_dpop_nonce`):
   * true to send the request again with fresh headers. Asked before the provider renews anything.
   */
  onChallenge?(challenge: HttpAuthChallenge): boolean | Promise<boolean>;
  /** Every answer the MCP server gives (a DPoP server's new nonce on a success); synchronous, so keep it cheap. */
  onResponse?(response: HttpAuthResponse): void;
}
