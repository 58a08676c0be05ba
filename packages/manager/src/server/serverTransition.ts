import type { MCPAuthError, MCPError } from '@org/mcp-core';
import type { ManagerEvents } from '../managerEvents.js';
import type { ServerState, StateReason } from './serverStatus.js';

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
  /** When and why it last started on demand. */
  readonly lastStart: { at: string; reason: StateReason } | undefined;
  /** When it was last stopped for idleness. */
  readonly lastIdleStop: string | undefined;
}

/** Every way a server's record changes. */
export type ServerAction =
  | { type: 'enable' }
  | { type: 'disable' }
  /** A state of its own, nothing else learnt (idle, closing, reconnecting …). */
  | { type: 'move'; state: ServerState; reason?: StateReason; at?: string }
  /** A connect sequence starts: its attempts count from 0 (`connecting`, or a restart's attempt while `reconnecting`); `reason`: on demand. */
  | { type: 'sequence'; state: ServerState; reason?: StateReason; at?: string }
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

/** A server's first record: idle (lazy when it starts on demand), or disabled when its entry says so. */
export function initialRecord(enabled: boolean, lazy = false): ServerRecord {
  return {
    state: enabled ? (lazy ? 'lazy' : 'idle') : 'disabled',
    enabled,
    lastError: undefined,
    attempts: 0,
    lastConnect: undefined,
    lastHealthCheck: undefined,
    healthFailures: 0,
    lastStart: undefined,
    lastIdleStop: undefined,
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
      if (action.reason === 'idle') return { ...record, state: action.state, lastIdleStop: action.at };
      return { ...record, state: action.state };
    case 'sequence':
      if (action.reason && action.at) {
        const lastStart = { at: action.at, reason: action.reason };
        return { ...record, state: action.state, attempts: 0, lastStart };
      }
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
    const reason = (action.type === 'move' || action.type === 'sequence') && action.reason;
    const change = {
      state: next.state,
      previous: previous.state,
      error: next.lastError,
      ...(reason && { reason }),
    };
    events.push(['serverStateChanged', { server, name: server, ...change }]);
  }
  if (action.type === 'failed' && action.needsAuth) {
    const where = auth?.where() ?? { issuer: undefined, scopes: undefined };
    events.push(['authorizationRequired', { server, name: server, ...where, error: action.needsAuth }]);
  } else if ((action.type === 'failed' || action.type === 'wentAway') && action.error)
    events.push(['serverError', { server, name: server, error: action.error }]);
  return events;
}
