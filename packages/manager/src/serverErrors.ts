import { ManagerErrorCode, MCPConnectionError, type MCPErrorCode } from '@org/mcp-core';
import type { ServerState } from './serverStatus.js';

/** Why there is no live client, per state (a connected server always has one). */
const UNAVAILABLE: Record<Exclude<ServerState, 'connected'>, [MCPErrorCode, (last: string) => string]> = {
  disabled: [ManagerErrorCode.SERVER_DISABLED, () => 'is disabled'],
  idle: [ManagerErrorCode.SERVER_IDLE, () => 'is not connected yet; call connectServer() first'],
  connecting: [ManagerErrorCode.SERVER_CONNECTING, () => 'is still connecting'],
  reconnecting: [ManagerErrorCode.SERVER_RECONNECTING, (last) => `is reconnecting after a failure (${last})`],
  failed: [ManagerErrorCode.SERVER_FAILED, (last) => `failed: ${last}`],
  closing: [ManagerErrorCode.SERVER_CLOSING, () => 'is disconnecting'],
  closed: [ManagerErrorCode.SERVER_CLOSED, () => 'is closed'],
};

/** Why a server in `state` has no live client to hand out. */
export function unavailableError(
  name: string,
  state: Exclude<ServerState, 'connected'>,
  lastError: Error | undefined,
): MCPConnectionError {
  const [code, why] = UNAVAILABLE[state];
  return new MCPConnectionError(code, `Server "${name}" ${why(lastError?.message ?? 'unknown error')}.`, {
    serverName: name,
    cause: lastError,
  });
}

export function disabledError(name: string): MCPConnectionError {
  return new MCPConnectionError(
    ManagerErrorCode.SERVER_DISABLED,
    `Server "${name}" is disabled; enableServer("${name}") first.`,
    { serverName: name },
  );
}

/** What a connect or restart that a stop aborted rejects with. */
export function stoppedError(name: string): MCPConnectionError {
  return new MCPConnectionError(ManagerErrorCode.SERVER_STOPPED, `Server "${name}" was stopped.`, {
    serverName: name,
  });
}

export function unhealthyError(name: string, failures: number): MCPConnectionError {
  return new MCPConnectionError(
    ManagerErrorCode.UNHEALTHY,
    `Server "${name}" failed ${failures} health checks in a row and is being restarted.`,
    { serverName: name },
  );
}

export function restartsExhaustedError(
  name: string,
  maxRestarts: number,
  lastError: Error | undefined,
): MCPConnectionError {
  return new MCPConnectionError(
    ManagerErrorCode.RESTARTS_EXHAUSTED,
    `Server "${name}" kept failing and was given up after ${maxRestarts} restarts. Last error: ${lastError?.message ?? 'unknown'}`,
    { serverName: name, cause: lastError },
  );
}
