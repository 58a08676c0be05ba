import { MCPTransportError, SseErrorCode } from '@org/mcp-core';
import { describeUrl } from '@org/mcp-core/internal';

/**
 * The URL an `endpoint` event names, resolved against the stream's URL. INVALID_ENDPOINT when
 * it is not a URL; ENDPOINT_ORIGIN_MISMATCH when it leaves the stream's origin, since a hostile
 * or misconfigured server must not get our headers sent to another host.
 */
export function resolveEndpoint(data: string, streamUrl: URL, serverName: string): URL {
  let endpoint: URL;
  try {
    endpoint = new URL(data.trim(), streamUrl);
  } catch (cause) {
    throw new MCPTransportError(
      SseErrorCode.INVALID_ENDPOINT,
      `Server "${serverName}" announced an endpoint that is not a URL. Check that ${describeUrl(streamUrl)} is an MCP SSE endpoint.`,
      { serverName, cause },
    );
  }
  if (endpoint.origin !== streamUrl.origin) {
    throw new MCPTransportError(
      SseErrorCode.ENDPOINT_ORIGIN_MISMATCH,
      `Server "${serverName}" announced a message endpoint on ${endpoint.origin}, not on the stream's origin ${streamUrl.origin}; refused, so no credentials were sent there. Check the server's public URL configuration.`,
      { serverName },
    );
  }
  return endpoint;
}
