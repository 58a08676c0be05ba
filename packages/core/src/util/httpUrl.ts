import { CoreErrorCode } from '../errors/errorCodes.js';
import { MCPConfigError } from '../errors/errors.js';

/**
 * Parses a remote server's configured URL; only http: and https: are accepted. `kind` names
 * the transport in the error ("Streamable HTTP", "SSE"), `example` shows a good URL.
 */
export function parseHttpUrl(
  url: string | URL,
  options: { serverName?: string | undefined; kind: string; example: string },
): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw invalid('is not a valid URL', options, cause);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalid(`has protocol "${parsed.protocol}"; use http: or https:`, options);
  }
  return parsed;
}

/** A URL as shown in messages: origin and path only, since a query string may carry a key or a session. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function invalid(
  what: string,
  options: { serverName?: string | undefined; kind: string; example: string },
  cause?: unknown,
): MCPConfigError {
  const path = options.serverName ? `mcpServers.${options.serverName}.url` : 'url';
  return new MCPConfigError(`The ${options.kind} URL ${what}`, {
    serverName: options.serverName,
    cause,
    issues: [{ path, message: `${what}; expected e.g. ${options.example}` }],
    code: CoreErrorCode.INVALID_URL,
  });
}
