import {
  CoreErrorCode,
  ManagerErrorCode,
  MCPAbortError,
  MCPConnectionError,
  MCPError,
  type MCPErrorCode,
} from '@org/mcp-core';
import { needsAuthError } from '../auth/authErrors.js';
import type { ServerState } from './serverStatus.js';

/** Why there is no live client, per state (a connected server always has one). */
const UNAVAILABLE: Record<
  Exclude<ServerState, 'connected' | 'needs-auth'>,
  [MCPErrorCode, (last: string) => string]
> = {
  disabled: [ManagerErrorCode.SERVER_DISABLED, () => 'is disabled'],
  idle: [ManagerErrorCode.SERVER_IDLE, () => 'is not connected yet; call connectServer() first'],
  lazy: [ManagerErrorCode.SERVER_IDLE, () => 'starts on demand and is not running'],
  connecting: [ManagerErrorCode.SERVER_CONNECTING, () => 'is still connecting'],
  reconnecting: [ManagerErrorCode.SERVER_RECONNECTING, (last) => `is reconnecting after a failure (${last})`],
  failed: [ManagerErrorCode.SERVER_FAILED, (last) => `failed: ${last}`],
  closing: [ManagerErrorCode.SERVER_CLOSING, () => 'is disconnecting'],
  closed: [ManagerErrorCode.SERVER_CLOSED, () => 'is closed'],
};

/** The start of a message about a server, or about a call to one of its tools (`tool`: the qualified name). */
function subject(name: string, tool: string | undefined): string {
  return tool ? `No connected server offers "${tool}" now: its server "${name}"` : `Server "${name}"`;
}

/** Why a server in `state` has no live client to hand out (for a call to `tool`, if given). */
export function unavailableError(
  name: string,
  state: Exclude<ServerState, 'connected' | 'needs-auth'>,
  lastError: Error | undefined,
  tool?: string,
): MCPConnectionError {
  const [code, why] = UNAVAILABLE[state];
  const message = `${subject(name, tool)} ${why(lastError?.message ?? 'unknown error')}.`;
  return new MCPConnectionError(code, message, { serverName: name, cause: lastError });
}

/** `lastError`: what it last failed with before it was disabled, kept as the cause. */
export function disabledError(name: string, tool?: string, lastError?: Error): MCPConnectionError {
  return new MCPConnectionError(
    ManagerErrorCode.SERVER_DISABLED,
    `${subject(name, tool)} is disabled; enableServer("${name}") first.`,
    { serverName: name, cause: lastError },
  );
}

/** What a call waiting for its server to come up rejects with when the caller aborts it. */
export function callAbortedError(name: string): MCPAbortError {
  return new MCPAbortError('tools/call', { serverName: name });
}

/** What a connect or restart that a stop aborted rejects with. */
export function stoppedError(name: string): MCPConnectionError {
  return new MCPConnectionError(ManagerErrorCode.SERVER_STOPPED, `Server "${name}" was stopped.`, {
    serverName: name,
  });
}

/** What a stop to `finalState` tells the calls queued for a turn. */
export function stopError(name: string, finalState: ServerState): MCPConnectionError {
  return finalState === 'disabled' ? disabledError(name) : stoppedError(name);
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

/**
 * `error` as the MCPError the manager's events and status promise: itself when it is one (every error of the
 * stack is); else (a custom createClient's own error) a CONNECT_FAILED with the same message, `error` as cause.
 */
export function asMCPError(error: unknown, name: string): MCPError {
  if (error instanceof MCPError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MCPConnectionError(CoreErrorCode.CONNECT_FAILED, message, { serverName: name, cause: error });
}

/** Why a server has no live client to hand out (for a call to `tool`, if given): disabled, needs-auth, or its state. */
export function noClientError(
  name: string,
  record: { enabled: boolean; state: ServerState; lastError: MCPError | undefined },
  tool?: string,
): MCPError {
  if (!record.enabled) return disabledError(name, tool, record.lastError);
  if (record.state === 'needs-auth') return needsAuthError(name, record.lastError, tool);
  // Only a connected server has a live client.
  const state = record.state as Exclude<ServerState, 'connected' | 'needs-auth'>;
  return unavailableError(name, state, record.lastError, tool);
}

/** Every call that acts, once the manager has been shut down. */
export function managerShutDownError(): MCPConnectionError {
  return new MCPConnectionError(
    ManagerErrorCode.MANAGER_SHUT_DOWN,
    'The connection manager has been shut down; create a new one.',
  );
}
