import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import * as oauth from 'oauth4webapi';
import type { AuthorizationContext } from '../discovery/discovery.js';
import { isLoopback } from '../http/endpointCheck.js';
import { sentSecretsOf } from '../http/oauthHttp.js';
import type { OAuthRequestOptions } from '../http/oauthRequestOptions.js';
import { serverText } from '../http/serverText.js';
import type { OAuthProviderOptions } from '../oauthProviderOptions.js';
import type { TokenStore } from '../tokens/tokenStore.js';
import type { ClientRegistration } from './clientRegistration.js';

export interface RegistrationRequest {
  context: AuthorizationContext;
  store: TokenStore;
  options: OAuthProviderOptions;
  /** The redirect URI to register; without one, only a client already known can be used. */
  redirectUri: string | undefined;
  serverName: string;
  requestOptions: OAuthRequestOptions;
}

/**
 * The client for this authorization server, in the specification's order: pre-registered → the
 * one registered with this issuer before (kept in the store) → a client ID metadata document
 * where the server supports them → dynamic registration (RFC 7591, with `application_type`) →
 * AUTH_REGISTRATION_FAILED saying what to configure. Clients are keyed by issuer, never reused
 * for another authorization server.
 */
export async function registerClient(request: RegistrationRequest): Promise<ClientRegistration> {
  const { context, store, options, serverName } = request;
  const as = context.authorizationServer;
  const preRegistered = options.client;
  if (preRegistered) {
    if (preRegistered.issuer === undefined || preRegistered.issuer === context.issuer) return preRegistered;
    throw new MCPAuthError(
      AuthErrorCode.AUTH_REGISTRATION_FAILED,
      `Server "${serverName}" now uses the authorization server ${context.issuer}, but the pre-registered client is for ${preRegistered.issuer}; its credentials are not sent to another server. Register a client with ${context.issuer}.`,
      { serverName },
    );
  }
  const stored = await store.getClient(context.issuer);
  if (stored && !secretExpired(stored)) return stored;
  if (options.clientMetadataUrl && as.client_id_metadata_document_supported === true)
    return { clientId: options.clientMetadataUrl, tokenEndpointAuthMethod: 'none' };
  if (as.registration_endpoint && request.redirectUri) {
    const registered = await register(request, request.redirectUri);
    await store.setClient(context.issuer, registered);
    return registered;
  }
  throw new MCPAuthError(
    AuthErrorCode.AUTH_REGISTRATION_FAILED,
    `Server "${serverName}": its authorization server ${context.issuer} offers no way to register this client (no client ID metadata document support${options.clientMetadataUrl ? '' : ' or no clientMetadataUrl configured'}, no registration_endpoint${request.redirectUri ? '' : ' or no authorizationHandler'}). Configure a pre-registered client (the provider's \`client\` option).`,
    { serverName },
  );
}

async function register(request: RegistrationRequest, redirectUri: string): Promise<ClientRegistration> {
  const { context, options, serverName } = request;
  const as = context.authorizationServer;
  const loopback = isLoopback(new URL(redirectUri).hostname);
  const metadata = {
    client_name: 'org-mcp-client',
    application_type: loopback ? 'native' : 'web',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    ...options.clientMetadata,
    redirect_uris: [redirectUri],
  };
  try {
    const response = await oauth.dynamicClientRegistrationRequest(as, metadata, request.requestOptions);
    const client = await oauth.processDynamicClientRegistrationResponse(await withSecretExpiry(response));
    return {
      clientId: client.client_id,
      clientSecret: typeof client.client_secret === 'string' ? client.client_secret : undefined,
      tokenEndpointAuthMethod:
        client.token_endpoint_auth_method as ClientRegistration['tokenEndpointAuthMethod'],
      clientSecretExpiresAt:
        typeof client.client_secret_expires_at === 'number' ? client.client_secret_expires_at : undefined,
      redirectUris: [redirectUri],
    };
  } catch (error) {
    if (error instanceof MCPAuthError) throw error;
    const secrets = sentSecretsOf(request.requestOptions);
    const oauthError =
      error instanceof oauth.ResponseBodyError ? (serverText(error.error, secrets) ?? 'an error') : undefined;
    const description =
      error instanceof oauth.ResponseBodyError ? serverText(error.error_description, secrets) : undefined;
    const detail =
      error instanceof oauth.ResponseBodyError
        ? `HTTP ${error.status} ${oauthError}${description ? ` (${description})` : ''}`
        : error instanceof Error
          ? serverText(error.message, secrets)
          : 'unknown error';
    throw new MCPAuthError(
      AuthErrorCode.AUTH_REGISTRATION_FAILED,
      `Server "${serverName}": dynamic client registration at ${context.issuer} failed: ${detail}. Configure a pre-registered client, or adjust clientMetadata (application_type, redirect URI).`,
      {
        serverName,
        oauthError,
        status: error instanceof oauth.ResponseBodyError ? error.status : undefined,
      },
    );
  }
}

/**
 * RFC 7591 requires `client_secret_expires_at` with a secret, and oauth4webapi insists; servers
 * that leave it out (several do) mean a secret that does not expire, which is 0.
 */
async function withSecretExpiry(response: Response): Promise<Response> {
  if (response.status !== 201 && response.status !== 200) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, response);
  }
  if (body && typeof body === 'object' && 'client_secret' in body && !('client_secret_expires_at' in body))
    Object.assign(body, { client_secret_expires_at: 0 });
  return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
}

function secretExpired(client: ClientRegistration): boolean {
  const at = client.clientSecretExpiresAt;
  return at !== undefined && at !== 0 && at * 1000 <= Date.now();
}
