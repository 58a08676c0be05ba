import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';

// Apart from oauthHttp so that the headless handler (in the light entry) loads no OAuth client.

/** https, or http to a loopback host (a local authorization server); anything else is AUTH_INSECURE_ENDPOINT. */
export function checkEndpoint(url: URL, what: string, serverName: string): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return;
  throw new MCPAuthError(
    AuthErrorCode.AUTH_INSECURE_ENDPOINT,
    `Server "${serverName}": ${what} at ${url.origin}${url.pathname} is neither https nor loopback http; no credential is sent there.`,
    { serverName },
  );
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
