import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import * as oauth from 'oauth4webapi';
import { answersOf } from '../http/oauthHttp.js';
import { resourceCovers } from '../http/resourceUrl.js';
import type { DiscoveryRequest } from './discovery.js';

export type ProtectedResource = oauth.ResourceServer;

/** Where a server's protected resource metadata may be: the challenge's URL, else path-based, then root. */
export function resourceMetadataCandidates(resource: URL, fromChallenge: string | undefined): URL[] {
  const path = resource.pathname === '/' ? '' : resource.pathname.replace(/\/$/, '');
  const wellKnown = (p: string) => new URL(`${resource.origin}/.well-known/oauth-protected-resource${p}`);
  const candidates = path ? [wellKnown(path), wellKnown('')] : [wellKnown('')];
  if (fromChallenge && URL.canParse(fromChallenge, resource.href))
    candidates.unshift(new URL(fromChallenge, resource));
  return candidates;
}

/**
 * The server's RFC 9728 metadata, checked by oauth4webapi against the `resource` it declares, which
 * must cover this server (same origin, the server's path within its own): metadata for another
 * resource is refused with AUTH_RESOURCE_MISMATCH, never used. Undefined when there is none.
 */
export async function findProtectedResource(
  request: DiscoveryRequest,
): Promise<ProtectedResource | undefined> {
  const { serverName, requestOptions } = request;
  const doFetch = requestOptions[oauth.customFetch] as (url: string, init: RequestInit) => Promise<Response>;
  const candidates = resourceMetadataCandidates(request.resource, request.resourceMetadata);
  const get = (candidate: URL) =>
    doFetch(candidate.href, {
      method: 'GET',
      headers: { accept: 'application/json' },
      signal: (requestOptions.signal as (url: string) => AbortSignal)(candidate.href),
    });
  for await (const { candidate, response } of answersOf(candidates, get)) {
    const declared = await declaredResource(response.clone());
    if (declared === undefined) continue;
    if (!resourceCovers(declared, request.resource))
      throw new MCPAuthError(
        AuthErrorCode.AUTH_RESOURCE_MISMATCH,
        `Server "${serverName}": its protected resource metadata (${candidate.href}) is for ${declared.href}, not for ${request.resource.href}; it is not used and nothing is sent to its authorization server.`,
        { serverName },
      );
    try {
      return await oauth.processResourceDiscoveryResponse(declared, response);
    } catch {}
  }
  return undefined;
}

/** The metadata's `resource`, read as oauth4webapi will compare it; undefined when the body is no such document. */
async function declaredResource(response: Response): Promise<URL | undefined> {
  try {
    const body = (await response.json()) as { resource?: unknown };
    return typeof body.resource === 'string' && URL.canParse(body.resource)
      ? new URL(body.resource)
      : undefined;
  } catch {
    return undefined;
  }
}
