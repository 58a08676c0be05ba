import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import { checkEndpoint } from '../http/endpointCheck.js';
import type { AuthorizationHandler, AuthorizationRequest } from './authorizationHandler.js';

export interface HeadlessAuthorizationHandlerOptions {
  /** The redirect URI to register; nothing listens there, the handler stops at it. Default {@link DEFAULT_HEADLESS_REDIRECT_URI}. */
  redirectUri?: string | undefined;
  /** Redirects followed before giving up. Default 10. */
  maxRedirects?: number | undefined;
}

export const DEFAULT_HEADLESS_REDIRECT_URI = 'http://127.0.0.1/callback';

/**
 * For authorization servers that consent without a user (auto-approving test servers, the
 * conformance suite, a trusted internal server): follows the authorization URL's redirects
 * itself (`redirect: 'manual'`, reading each `Location`, keeping the server's cookies for its own
 * origin) until one points at the redirect URI, and returns that URL. A page that wants a user
 * (a 200) is AUTH_AUTHORIZATION_FAILED. Only https or loopback http is visited.
 */
export function headlessAuthorizationHandler(
  options: HeadlessAuthorizationHandlerOptions = {},
): AuthorizationHandler {
  const redirectUri = options.redirectUri ?? DEFAULT_HEADLESS_REDIRECT_URI;
  const maxRedirects = options.maxRedirects ?? 10;
  const target = new URL(redirectUri);
  return {
    redirectUri: () => redirectUri,
    async authorize({ url, signal }: AuthorizationRequest): Promise<URL> {
      const cookies = new Map<string, Map<string, string>>();
      let current = url;
      for (let hop = 0; hop <= maxRedirects; hop++) {
        checkEndpoint(current, 'the authorization endpoint', current.host);
        const jar = cookies.get(current.origin);
        const cookie = jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
        const response = await fetch(current, {
          redirect: 'manual',
          signal,
          headers: cookie ? { cookie } : {},
        });
        await response.body?.cancel().catch(() => {});
        keepCookies(cookies, current.origin, response.headers.getSetCookie());
        const location = response.headers.get('location');
        if (response.status < 300 || response.status >= 400 || !location) {
          throw new MCPAuthError(
            AuthErrorCode.AUTH_AUTHORIZATION_FAILED,
            `The authorization server answered ${current.origin}${current.pathname} with HTTP ${response.status} instead of a redirect: it wants a user. Use loopbackAuthorizationHandler() instead of the headless one.`,
          );
        }
        const next = new URL(location, current);
        if (next.origin === target.origin && next.pathname === target.pathname) return next;
        current = next;
      }
      throw new MCPAuthError(
        AuthErrorCode.AUTH_AUTHORIZATION_FAILED,
        `The authorization server redirected more than ${maxRedirects} times without reaching the redirect URI.`,
      );
    },
  };
}

function keepCookies(cookies: Map<string, Map<string, string>>, origin: string, setCookies: string[]): void {
  for (const line of setCookies) {
    const pair = line.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const jar = cookies.get(origin) ?? new Map<string, string>();
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    cookies.set(origin, jar);
  }
}
