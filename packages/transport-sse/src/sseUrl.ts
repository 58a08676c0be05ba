import { MCPConfigError } from '@org/mcp-core';

/** Parses the configured event-stream URL; only http: and https: URLs are accepted. */
export function parseSseUrl(url: string | URL, serverName?: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw invalid('is not a valid URL', serverName, cause);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalid(`has protocol "${parsed.protocol}"; use http: or https:`, serverName);
  }
  return parsed;
}

/** A URL as shown in messages: origin and path only, since a query string may carry a key or a session. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function invalid(what: string, serverName: string | undefined, cause?: unknown): MCPConfigError {
  const path = serverName ? `mcpServers.${serverName}.url` : 'url';
  return new MCPConfigError(`The SSE URL ${what}`, {
    serverName,
    cause,
    issues: [{ path, message: `${what}; expected e.g. https://example.com/sse` }],
    code: 'INVALID_URL',
  });
}
