import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import * as oauth from 'oauth4webapi';
import { checkEndpoint } from '../http/endpointCheck.js';
import { answersOf } from '../http/oauthHttp.js';
import type { OAuthRequestOptions } from '../http/oauthRequestOptions.js';
import { resourceString } from '../http/resourceUrl.js';
import { findProtectedResource, type ProtectedResource } from './protectedResource.js';

/** What discovery found for one MCP server: where to authorize, for which resource, with which scopes. */
export interface AuthorizationContext {
  authorizationServer: oauth.AuthorizationServer;
  /** The authorization server's checked `issuer`: the key of its tokens and registered clients. */
  issuer: string;
  /** The RFC 8707 resource to ask tokens for. */
  resource: string;
  /** The protected resource metadata's `scopes_supported`, if any. */
  scopesSupported?: string[] | undefined;
}

export interface DiscoveryRequest {
  /** The MCP server's canonical URL. */
  resource: URL;
  /** The `resource_metadata` URL of the server's challenge, if any. */
  resourceMetadata?: string | undefined;
  /** The authorization server's metadata URL as configured: used instead of finding it. */
  metadataUrl?: string | URL | undefined;
  serverName: string;
  requestOptions: OAuthRequestOptions;
}

/**
 * Discovery as the MCP authorization specification orders it: protected resource metadata (from
 * the challenge, else path-based then root well-known), its first authorization server, then
 * that server's metadata (RFC 8414, then OIDC, with path insertion for tenant issuers) with its
 * `issuer` checked. A 2025-03-26 server has no resource metadata: its own origin is the issuer,
 * and with no metadata there either, `/authorize`, `/token` and `/register` on that origin.
 */
export async function discoverAuthorization(request: DiscoveryRequest): Promise<AuthorizationContext> {
  const { serverName } = request;
  const prm = await findProtectedResource(request);
  let as: oauth.AuthorizationServer | undefined;
  if (request.metadataUrl !== undefined)
    as = await configuredAuthorizationServer(request.metadataUrl, request);
  else {
    const issuer = prm ? issuerOf(prm, serverName) : new URL(request.resource.origin);
    as = (await findAuthorizationServer(issuer, request, !prm)) ?? missingMetadata(issuer, prm, serverName);
  }
  for (const field of ['authorization_endpoint', 'token_endpoint', 'registration_endpoint'] as const) {
    const endpoint = as[field];
    if (typeof endpoint === 'string') checkEndpoint(new URL(endpoint), `the ${field}`, serverName);
  }
  return {
    authorizationServer: as,
    issuer: as.issuer,
    resource: prm ? prm.resource : resourceString(request.resource),
    scopesSupported: prm?.scopes_supported,
  };
}

/** No metadata found: a 2025-03-26 server's fixed endpoints, else AUTH_DISCOVERY_FAILED. */
function missingMetadata(
  issuer: URL,
  prm: ProtectedResource | undefined,
  serverName: string,
): oauth.AuthorizationServer {
  if (!prm) return legacyEndpoints(issuer);
  throw new MCPAuthError(
    AuthErrorCode.AUTH_DISCOVERY_FAILED,
    `Server "${serverName}": its authorization server ${issuer.href} publishes no metadata (RFC 8414 or OpenID Connect discovery).`,
    { serverName },
  );
}

/** The metadata at the configured URL, its `issuer` taken as given (the user named the document); it must be there. */
async function configuredAuthorizationServer(
  configured: string | URL,
  request: DiscoveryRequest,
): Promise<oauth.AuthorizationServer> {
  const { serverName } = request;
  const failed = (why: string) =>
    new MCPAuthError(
      AuthErrorCode.AUTH_DISCOVERY_FAILED,
      `Server "${serverName}": the configured authorization server metadata URL (authServerMetadataUrl) ${why}.`,
      { serverName },
    );
  const url = URL.canParse(String(configured)) ? new URL(configured) : undefined;
  if (!url) throw failed('is not a URL');
  // The provider's fetch refuses a URL that is neither https nor loopback (AUTH_INSECURE_ENDPOINT) before sending.
  const response = await metadataRequest(url, request).catch((error: unknown) => {
    throw error instanceof MCPAuthError ? error : failed(`could not be read at ${url.href}`);
  });
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => {});
    throw failed(`answered HTTP ${response.status} at ${url.href}`);
  }
  const issuer = await response
    .clone()
    .json()
    .then((body: unknown) => (body as { issuer?: unknown } | null)?.issuer)
    .catch(() => undefined);
  if (typeof issuer !== 'string' || !URL.canParse(issuer)) throw failed(`gave no issuer URL at ${url.href}`);
  checkEndpoint(new URL(issuer), 'the issuer', serverName);
  try {
    return await oauth.processDiscoveryResponse(new URL(issuer), response);
  } catch {
    throw failed(`gave metadata that is not an authorization server's at ${url.href}`);
  }
}

/** One GET of a metadata document at exactly `url`, through the provider's bounded fetch. */
function metadataRequest(url: URL, request: DiscoveryRequest): Promise<Response> {
  // oauth4webapi's discoveryRequest builds a well-known URL from what it is given: the fetch goes to `url` instead.
  return oauth.discoveryRequest(url, {
    ...request.requestOptions,
    algorithm: 'oauth2',
    [oauth.customFetch]: (_url: string, init: RequestInit) =>
      (request.requestOptions[oauth.customFetch] as typeof fetch)(url.href, init),
  } as oauth.DiscoveryRequestOptions);
}

function issuerOf(prm: ProtectedResource, serverName: string): URL {
  const first = prm.authorization_servers?.[0];
  if (typeof first === 'string' && URL.canParse(first)) return new URL(first);
  throw new MCPAuthError(
    AuthErrorCode.AUTH_DISCOVERY_FAILED,
    `Server "${serverName}": its protected resource metadata names no authorization server (authorization_servers).`,
    { serverName },
  );
}

/** The metadata URLs of an issuer, in the specification's order. */
export function metadataCandidates(issuer: URL): URL[] {
  const path = issuer.pathname === '/' ? '' : issuer.pathname.replace(/\/$/, '');
  const at = (p: string) => new URL(`${issuer.origin}${p}`);
  if (!path) return [at('/.well-known/oauth-authorization-server'), at('/.well-known/openid-configuration')];
  return [
    at(`/.well-known/oauth-authorization-server${path}`),
    at(`/.well-known/openid-configuration${path}`),
    at(`${path}/.well-known/openid-configuration`),
  ];
}

async function findAuthorizationServer(
  issuer: URL,
  request: DiscoveryRequest,
  legacy: boolean,
): Promise<oauth.AuthorizationServer | undefined> {
  const get = (candidate: URL) => metadataRequest(candidate, request);
  for await (const { candidate, response } of answersOf(metadataCandidates(issuer), get)) {
    try {
      const expected = legacy ? await legacyIssuer(response.clone(), issuer) : issuer;
      return await oauth.processDiscoveryResponse(expected, response);
    } catch (error) {
      if (error instanceof oauth.OperationProcessingError && error.code === oauth.JSON_ATTRIBUTE_COMPARISON)
        throw new MCPAuthError(
          AuthErrorCode.AUTH_ISSUER_MISMATCH,
          `Server "${request.serverName}": the authorization server metadata at ${candidate.href} names another issuer than ${issuer.href}; it is not used.`,
          { serverName: request.serverName },
        );
    }
  }
  return undefined;
}

/**
 * 2025-03-26: the metadata comes from the MCP server's own origin, which need not be the issuer
 * (the revision allows a delegated one), so its `issuer` is taken as given when it is on that
 * origin; one on any other origin is a mismatch.
 */
async function legacyIssuer(response: Response, origin: URL): Promise<URL> {
  try {
    const { issuer } = (await response.json()) as { issuer?: unknown };
    if (typeof issuer === 'string' && URL.canParse(issuer) && new URL(issuer).origin === origin.origin)
      return new URL(issuer);
  } catch {}
  return origin;
}

/** 2025-03-26: a server without any metadata has its endpoints at fixed paths on its origin. */
function legacyEndpoints(issuer: URL): oauth.AuthorizationServer {
  const at = (p: string) => `${issuer.origin}${p}`;
  return {
    issuer: issuer.origin,
    authorization_endpoint: at('/authorize'),
    token_endpoint: at('/token'),
    registration_endpoint: at('/register'),
    code_challenge_methods_supported: ['S256'],
  };
}
