import type { MCPAuthError, MCPError } from '@org/mcp-core';
import type { ManagerEvents } from '../managerEvents.js';
import type { ServerState } from './serverStatus.js';

/** What the manager records of one server's life; changed only by `transition`, through the server's dispatch. */
export interface ServerRecord {
  readonly state: ServerState;
  readonly enabled: boolean;
  readonly lastError: MCPError | undefined;
  /** Attempts made by the latest connect sequence. */
  readonly attempts: number;
  readonly lastConnect: { at: string; ms: number } | undefined;
  readonly lastHealthCheck: { at: string; healthy: boolean } | undefined;
  /** Health checks of the live client that failed in a row. */
  readonly healthFailures: number;
}

/** Every way a server's record changes. */
export type ServerAction =
  | { type: 'enable' }
  | { type: 'disable' }
  /** A state of its own, nothing else learnt (idle, closing, reconnecting …). */
  | { type: 'move'; state: ServerState }
  /** A connect sequence starts: its attempts count from 0 (`connecting`, or a restart's attempt while `reconnecting`). */
  | { type: 'sequence'; state: ServerState }
  | { type: 'attempt' }
  /** One attempt failed and another follows. */
  | { type: 'attemptFailed'; error: MCPError }
  | { type: 'connected'; at: string; ms: number }
  /** The live client went away by itself (`error` undefined: it ended cleanly); `state`: where the server goes now. */
  | { type: 'wentAway'; error: MCPError | undefined; state?: ServerState }
  /** The manager dropped the live client (unhealthy, its authorization gone) for `error`. */
  | { type: 'dropped'; error: MCPError }
  /** It cannot go on: `failed`, or `needs-auth` when `error` holds an AUTH_REQUIRED (`needsAuth`). */
  | { type: 'failed'; error: MCPError; needsAuth: MCPAuthError | undefined }
  | { type: 'healthChecked'; at: string; healthy: boolean };

/** A server's first record: idle, or disabled when its entry says so. */
export function initialRecord(enabled: boolean): ServerRecord {
  return {
    state: enabled ? 'idle' : 'disabled',
    enabled,
    lastError: undefined,
    attempts: 0,
    lastConnect: undefined,
    lastHealthCheck: undefined,
    healthFailures: 0,
  };
}

/** The record after `action`; pure, so every change of a server's state can be read in one place. */
export function transition(record: ServerRecord, action: ServerAction): ServerRecord {
  switch (action.type) {
    case 'enable':
      return { ...record, enabled: true };
    case 'disable':
      return { ...record, enabled: false };
    case 'move':
      return { ...record, state: action.state };
    case 'sequence':
      return { ...record, state: action.state, attempts: 0 };
    case 'attempt':
      return { ...record, attempts: record.attempts + 1 };
    case 'attemptFailed':
      return { ...record, lastError: action.error };
    case 'connected':
      return {
        ...record,
        state: 'connected',
        lastError: undefined,
        lastConnect: { at: action.at, ms: action.ms },
        healthFailures: 0,
      };
    case 'wentAway':
    case 'dropped':
      return {
        ...record,
        state: (action.type === 'wentAway' && action.state) || record.state,
        lastError: action.error,
        healthFailures: 0,
      };
    case 'failed':
      return { ...record, state: action.needsAuth ? 'needs-auth' : 'failed', lastError: action.error };
    case 'healthChecked':
      return {
        ...record,
        lastHealthCheck: { at: action.at, healthy: action.healthy },
        healthFailures: action.healthy ? 0 : record.healthFailures + 1,
      };
  }
}

/** The manager events one transition tells, in order. */
export type ServerEventList = (
  | ['serverStateChanged', ManagerEvents['serverStateChanged']]
  | ['serverError', ManagerEvents['serverError']]
  | ['authorizationRequired', ManagerEvents['authorizationRequired']]
)[];

/**
 * What a transition of `server` tells: its move (to listeners who then see where it is going), then a failure
 * (`serverError`), or a wait for the user (`authorizationRequired`, `where` its issuer and scopes).
 */
export function eventsOf(
  server: string,
  previous: ServerRecord,
  next: ServerRecord,
  action: ServerAction,
  auth: { where(): { issuer: string | undefined; scopes: string[] | undefined } } | undefined,
): ServerEventList {
  const events: ServerEventList = [];
  if (next.state !== previous.state) {
    const change = { state: next.state, previous: previous.state, error: next.lastError };
    events.push(['serverStateChanged', { server, name: server, ...change }]);
  }
  if (action.type === 'failed' && action.needsAuth) {
    const where = auth?.where() ?? { issuer: undefined, scopes: undefined };
    events.push(['authorizationRequired', { server, name: server, ...where, error: action.needsAuth }]);
  } else if ((action.type === 'failed' || action.type === 'wentAway') && action.error)
    events.push(['serverError', { server, name: server, error: action.error }]);
  return events;
}
