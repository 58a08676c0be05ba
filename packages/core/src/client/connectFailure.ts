import { CoreErrorCode } from '../errors/errorCodes.js';
import { MCPConnectionError, MCPError, MCPTimeoutError } from '../errors/errors.js';
import type { Transport } from '../protocol/transport.js';

/** Turns whatever ended a connect into the typed error the caller sees, with the transport's diagnostics. */
export function connectFailure(
  serverName: string,
  raw: unknown,
  signal: AbortSignal,
  transport: Transport,
): Error {
  const reason = signal.aborted ? signal.reason : raw;
  const diagnostics = transport.diagnostics?.();
  if (reason instanceof MCPTimeoutError && reason.method === 'connect') {
    const tail = diagnostics ? ` Its stderr ended with:\n${diagnostics}` : '';
    return new MCPTimeoutError('connect', reason.timeout, {
      serverName,
      message: `Connecting to server "${serverName}" timed out after ${reason.timeout} ms (start and handshake). Check that the server starts and speaks MCP, or raise connectTimeout.${tail}`,
    });
  }
  if (reason instanceof MCPError) return reason;
  return new MCPConnectionError(
    CoreErrorCode.CONNECT_FAILED,
    `Could not connect to server "${serverName}": ${reason instanceof Error ? reason.message : String(reason)}`,
    { serverName, cause: reason },
  );
}
