import * as oauth from 'oauth4webapi';

/** What a Bearer challenge (RFC 6750, RFC 9728) tells the client. */
export interface BearerChallenge {
  error?: string | undefined;
  errorDescription?: string | undefined;
  /** The scope the operation needs (space-separated). */
  scope?: string | undefined;
  /** Where the protected resource metadata is (RFC 9728 `resource_metadata`). */
  resourceMetadata?: string | undefined;
}

const LOCAL = new URL('http://127.0.0.1/');

/**
 * The Bearer (or DPoP) challenge of a `WWW-Authenticate` header, parsed by oauth4webapi: its parser
 * runs on a resource response, so the header is replayed to it as one, through a fetch that sends nothing.
 */
export async function parseBearerChallenge(header: string | undefined): Promise<BearerChallenge> {
  if (!header) return {};
  const replay = async () => new Response(null, { status: 401, headers: { 'www-authenticate': header } });
  try {
    await oauth.protectedResourceRequest('-', 'GET', LOCAL, undefined, undefined, {
      [oauth.customFetch]: replay,
      [oauth.allowInsecureRequests]: true,
    });
  } catch (error) {
    if (error instanceof oauth.WWWAuthenticateChallengeError) {
      const challenge =
        error.cause.find((c) => c.scheme === 'bearer') ??
        error.cause.find((c) => c.scheme === 'dpop') ??
        error.cause[0];
      const p = challenge?.parameters ?? {};
      return {
        error: p.error,
        errorDescription: p.error_description,
        scope: p.scope,
        resourceMetadata: p.resource_metadata,
      };
    }
  }
  return {};
}
