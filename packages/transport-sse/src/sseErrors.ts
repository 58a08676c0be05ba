import {
  CoreErrorCode,
  HttpErrorCode,
  type JSONRPCMessage,
  MCPConnectionError,
  type MCPErrorCode,
  MCPTransportError,
  SseErrorCode,
} from '@org/mcp-core';
import { describeUrl } from '@org/mcp-core/internal';

// The SSE transport's errors, each naming the server and what went wrong.

/** Start, send or open on a transport that is closed, not started or already started. */
export function closedError(
  serverName: string,
  what: string,
  cause: Error | undefined,
  code: MCPErrorCode = CoreErrorCode.TRANSPORT_CLOSED,
): MCPConnectionError {
  const state =
    code === CoreErrorCode.TRANSPORT_NOT_STARTED
      ? 'not started'
      : code === CoreErrorCode.ALREADY_STARTED
        ? 'already started'
        : 'closed';
  return new MCPConnectionError(
    code,
    `Cannot ${what}: the SSE transport of server "${serverName}" is ${state}.`,
    { serverName, cause },
  );
}

/** The stream ended or failed before the server named its POST endpoint. */
export function endpointMissing(serverName: string, url: URL, error: Error | undefined): MCPConnectionError {
  return new MCPConnectionError(
    SseErrorCode.ENDPOINT_MISSING,
    `Server "${serverName}" ${error ? `dropped its event stream (${error.message})` : 'closed its event stream'} before announcing a message endpoint. Check that ${describeUrl(url)} is an MCP SSE endpoint.`,
    { serverName, cause: error },
  );
}

/** The stream ended or failed after the endpoint: the connection is lost. */
export function streamLost(serverName: string, error: Error | undefined): MCPConnectionError {
  return new MCPConnectionError(
    HttpErrorCode.STREAM_LOST,
    `The event stream of server "${serverName}" ${error ? `failed: ${error.message}` : 'was closed by the server'}. Pending requests were rejected; connect again to continue.`,
    { serverName, cause: error },
  );
}

export function eventTooLarge(serverName: string, maxMessageSize: number): MCPTransportError {
  return new MCPTransportError(
    CoreErrorCode.MESSAGE_TOO_LARGE,
    `an event larger than ${maxMessageSize} characters arrived (raise maxMessageSize if such messages are expected)`,
    { serverName },
  );
}

export function invalidJson(serverName: string, cause: unknown): MCPTransportError {
  return new MCPTransportError(
    CoreErrorCode.INVALID_JSON,
    `Server "${serverName}" sent a message event whose data is not JSON; it was skipped.`,
    { serverName, cause },
  );
}

/** A message as named in errors: its method, or "a response". */
export function describeMessage(message: JSONRPCMessage): string {
  return 'method' in message ? `"${message.method}"` : 'a response';
}
