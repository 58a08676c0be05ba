import type { Logger } from '@org/mcp-core';
import type { HttpNetworkOptions } from '@org/mcp-http';
import type { ClientRegistration } from './client/clientRegistration.js';
import type { AuthGrant } from './flow/authGrant.js';
import type { AuthorizationHandler } from './handlers/authorizationHandler.js';
import type { TokenStore } from './tokens/tokenStore.js';

/** A pre-registered client: for every authorization server, or only the one whose `issuer` it names. */
export interface PreRegisteredClient extends ClientRegistration {
  issuer?: string | undefined;
}

/** What dynamic registration (RFC 7591) asks for; the redirect URI and grant types are added. */
export interface ClientMetadata {
  /** Default `org-mcp-client`. */
  client_name?: string;
  /** `native` (default: loopback redirect URIs) or `web`. */
  application_type?: 'native' | 'web';
  /** Default `none` (a public client with PKCE). */
  token_endpoint_auth_method?: string;
  [field: string]: unknown;
}

/** Options of an {@link OAuthProvider}; every field is optional. */
export interface OAuthProviderOptions {
  /** The MCP server's URL, the RFC 8707 resource. Default: the URL of the first request. */
  resource?: string | URL | undefined;
  /** The server's name in errors. Default: the resource's host. */
  serverName?: string | undefined;
  /** The user's part of the authorization code flow. Without one (and without `grant`), a server that needs authorization fails with AUTH_REQUIRED. */
  authorizationHandler?: AuthorizationHandler | undefined;
  /**
   * Where new tokens come from. Default: the authorization code flow with PKCE through
   * `authorizationHandler`. Machine grants (client credentials, JWT bearer, token exchange) plug in here.
   */
  grant?: AuthGrant | undefined;
  /**
   * Where the authorization server's metadata is, instead of finding it (Claude Code's `authServerMetadataUrl`):
   * https, or http on a loopback address. Its `issuer` is taken as given; the protected resource metadata is still
   * read, when the server has it, for the resource and the scopes.
   */
  authorizationServerMetadataUrl?: string | URL | undefined;
  /** First in the registration order: a client registered beforehand. */
  client?: PreRegisteredClient | undefined;
  /** Second: an https URL that is this client's ID metadata document, used where the server advertises `client_id_metadata_document_supported`. */
  clientMetadataUrl?: string | undefined;
  /** Third: what dynamic registration sends, where the server has a `registration_endpoint`. */
  clientMetadata?: ClientMetadata | undefined;
  /** Where tokens and registered clients are kept. Default: a MemoryTokenStore of this provider's own. */
  store?: TokenStore | undefined;
  /** The end user these tokens act for: part of every token key in the store. Default: the default principal. */
  principal?: string | undefined;
  /** Refresh this long before an access token expires, in ms. Default {@link DEFAULT_REFRESH_BEFORE}. */
  refreshBefore?: number | undefined;
  /** Timeout of each request to an authorization server, in ms. Default {@link DEFAULT_AUTH_REQUEST_TIMEOUT}. */
  requestTimeout?: number | undefined;
  /** How long the user's part may take, in ms. Default {@link DEFAULT_AUTHORIZATION_TIMEOUT}. */
  authorizationTimeout?: number | undefined;
  /** Largest answer read from an authorization server, in bytes. Default {@link DEFAULT_MAX_AUTH_RESPONSE_BYTES}. */
  maxResponseBytes?: number | undefined;
  /** The clock, in ms since the epoch (tests inject a fake one). Default `Date.now`. */
  now?: (() => number) | undefined;
  /** The MCP server's proxy, CA, client certificate or Dispatcher, for every request to authorization servers. Default: the proxy variables, Node's CAs. */
  network?: HttpNetworkOptions | undefined;
  /** Where the insecureSkipVerify warning goes. Default: nowhere. */
  logger?: Logger | undefined;
}

export const DEFAULT_REFRESH_BEFORE = 60_000;
export const DEFAULT_AUTH_REQUEST_TIMEOUT = 30_000;
export const DEFAULT_AUTHORIZATION_TIMEOUT = 300_000;
export const DEFAULT_MAX_AUTH_RESPONSE_BYTES = 1024 * 1024;
/** Authorizations again for more scope (403 `insufficient_scope`) before AUTH_SCOPE_DENIED. */
export const MAX_SCOPE_STEP_UPS = 3;
