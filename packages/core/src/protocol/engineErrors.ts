import { CoreErrorCode } from '../errors/errorCodes.js';
import { MCPAbortError, MCPConnectionError, MCPError, MCPProtocolError } from '../errors/errors.js';
import { serverLabel } from '../util/serverLabel.js';

/** The caller's AbortSignal fired before or while `method` was pending. */
export function abortError(method: string, signal: AbortSignal, serverName: string | undefined): Error {
  return new MCPAbortError(method, { serverName, cause: signal.reason });
}

/** A request after the engine closed: the reason it closed when that is a connection error, else NOT_CONNECTED. */
export function notConnected(
  method: string,
  serverName: string | undefined,
  reason: Error | undefined,
): Error {
  if (reason instanceof MCPConnectionError) return reason;
  return new MCPConnectionError(
    CoreErrorCode.NOT_CONNECTED,
    `Cannot send "${method}": ${serverLabel(serverName, false)} is not connected. Call connect() first.`,
    { serverName, cause: reason },
  );
}

/** The transport closed by itself: its own typed error when it gave one, else CONNECTION_CLOSED. */
export function connectionClosed(reason: Error | undefined, serverName: string | undefined): Error {
  if (reason instanceof MCPError) return reason;
  return new MCPConnectionError(
    CoreErrorCode.CONNECTION_CLOSED,
    `Connection to ${serverLabel(serverName, false)} closed${reason ? `: ${reason.message}` : ''}.`,
    { serverName, cause: reason },
  );
}

/** A response whose envelope is wrong (jsonrpc.ts `responseProblem`), for the request it answers. */
export function invalidResult(
  server: string,
  method: string,
  problem: string,
  serverName: string | undefined,
): MCPProtocolError {
  return new MCPProtocolError(CoreErrorCode.INVALID_RESULT, `${server} answered ${method} with ${problem}.`, {
    serverName,
    method,
  });
}
