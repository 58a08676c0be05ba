import type { LoggingLevel, MCPAuthError, MCPError } from '@org/mcp-core';
import type { CircuitState } from './calls/circuitBreaker.js';
import type { ReloadResult } from './reload/configReload.js';
import type { ServerState, StateReason } from './server/serverStatus.js';

/** A server moved from one state to another; `error` is its last error, if any. */
export interface ServerStateChange {
  /** The server's name. */
  server: string;
  /** @deprecated Use `server`; set alike until the next minor version. */
  name: string;
  state: ServerState;
  previous: ServerState;
  error: MCPError | undefined;
  /** The user whose own connection this is (a user-scoped server); absent for the manager's own. */
  principal?: string;
  /** Why, when it is on demand: `call` (started by a call), `catalog` (started to fill its catalog entry), `idle` (stopped for idleness). */
  reason?: StateReason;
}

/** The tools one server offers through the manager changed (it connected, went away, or said so). */
export interface ToolsChange {
  server: string;
  /** The user whose own connection this is (a user-scoped server); absent for the manager's own. */
  principal?: string;
}

/** A server failed: a connect gave up, it went away with an error, or it ran out of restarts. */
export interface ServerErrorEvent {
  /** The server's name. */
  server: string;
  /** @deprecated Use `server`; set alike until the next minor version. */
  name: string;
  /** The user whose own connection this is (a user-scoped server); absent for the manager's own. */
  principal?: string;
  error: MCPError;
}

/** The resources (or templates) or the prompts one server offers changed: it connected, went away, or said so. */
export interface ListChange {
  server: string;
}

/** A subscribed resource changed on its server (`notifications/resources/updated`). */
export interface ResourceUpdate {
  server: string;
  uri: string;
  /** The end user whose view subscribed (forUser); absent for the manager's own subscriptions. Only that user's views get it. */
  principal?: string;
}

/** A server's own log message (`notifications/message`); `data` is cut when its JSON is over 16 KiB. */
export interface ServerLog {
  server: string;
  level: LoggingLevel;
  /** The name of the server's logger, if it gave one. */
  logger?: string;
  data: unknown;
}

/** A server's circuit breaker changed state; `retryAt` (ISO 8601) is when it lets a probe through, while open. */
export interface CircuitStateChange {
  /** The server's name. */
  server: string;
  /** @deprecated Use `server`; set alike until the next minor version. */
  name: string;
  state: CircuitState;
  previous: CircuitState;
  /** The user whose own connection this is (a user-scoped server); absent for the manager's own. */
  principal?: string;
  /** Failed calls in a row that opened it. */
  failures: number;
  retryAt: string | undefined;
  /** The failure that opened it (or the last one), if any. */
  error: MCPError | undefined;
}

/** A watched config file changed but could not be applied; the running config stays. */
export interface ConfigReloadFailure {
  file: string;
  error: MCPError;
}

/** A server behind OAuth needs the user's authorization and no handler could get it: it waits in `needs-auth`. */
export interface AuthorizationRequiredEvent {
  /** The server's name. */
  server: string;
  /** @deprecated Use `server`; set alike until the next minor version. */
  name: string;
  /** The authorization server's issuer, once discovered. */
  issuer: string | undefined;
  /** The scopes it would ask for. */
  scopes: string[] | undefined;
  /** The user who must authorize (a user-scoped server: `view.authorize`); absent for a shared server. */
  principal?: string;
  error: MCPAuthError;
}

/** Every event of MCPConnectionManager with its payload. */
export interface ManagerEvents {
  serverStateChanged: ServerStateChange;
  toolsChanged: ToolsChange;
  serverError: ServerErrorEvent;
  resourcesChanged: ListChange;
  promptsChanged: ListChange;
  resourceUpdated: ResourceUpdate;
  serverLog: ServerLog;
  circuitStateChanged: CircuitStateChange;
  configReloaded: ReloadResult;
  configReloadFailed: ConfigReloadFailure;
  authorizationRequired: AuthorizationRequiredEvent;
}

/** ManagerEvents as the argument lists Node's typed EventEmitter expects. */
export type ManagerEventMap = { [E in keyof ManagerEvents]: [event: ManagerEvents[E]] };
