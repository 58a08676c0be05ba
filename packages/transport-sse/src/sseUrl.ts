import { parseHttpUrl } from '@org/mcp-core/internal';

/** Parses the configured event-stream URL; only http: and https: URLs are accepted. */
export function parseSseUrl(url: string | URL, serverName?: string): URL {
  return parseHttpUrl(url, { serverName, kind: 'SSE', example: 'https://example.com/sse' });
}
