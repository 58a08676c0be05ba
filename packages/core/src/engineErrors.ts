import { CoreErrorCode } from './errorCodes.js';
import { MCPAbortError, MCPConnectionError } from './errors.js';
import { serverLabel } from './serverLabel.js';

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
