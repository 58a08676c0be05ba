import { parseHttpUrl } from '@org/mcp-core/internal';

/** Parses the configured Streamable HTTP endpoint; only http: and https: URLs are accepted. */
export function parseEndpoint(url: string | URL, serverName?: string): URL {
  return parseHttpUrl(url, { serverName, kind: 'Streamable HTTP', example: 'https://example.com/mcp' });
}
