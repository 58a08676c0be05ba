import type { ServerState } from './serverStatus.js';

/** A server moved from one state to another; `error` is its last error, if any. */
export interface ServerStateChange {
  name: string;
  state: ServerState;
  previous: ServerState;
  error: Error | undefined;
}

/** The tools one server offers through the manager changed (it connected, went away, or said so). */
export interface ToolsChange {
  server: string;
}

/** A server failed: a connect gave up, it went away with an error, or it ran out of restarts. */
export interface ServerErrorEvent {
  name: string;
  error: Error;
}

/** A server behind OAuth needs the user's authorization and no handler could get it: it waits in `needs-auth`. */
export interface AuthorizationRequiredEvent {
  name: string;
  /** The authorization server's issuer, once discovered. */
  issuer: string | undefined;
  /** The scopes it would ask for. */
  scopes: string[] | undefined;
  error: Error;
}

/** Every event of MCPConnectionManager with its payload. */
export interface ManagerEvents {
  serverStateChanged: ServerStateChange;
  toolsChanged: ToolsChange;
  serverError: ServerErrorEvent;
  authorizationRequired: AuthorizationRequiredEvent;
}

/** ManagerEvents as the argument lists Node's typed EventEmitter expects. */
export type ManagerEventMap = { [E in keyof ManagerEvents]: [event: ManagerEvents[E]] };
