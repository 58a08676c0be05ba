import type { Implementation, MCPClient, MCPError, ProtocolEra } from '@org/mcp-core';
import type { ServerAuthStatus } from '../auth/serverAuth.js';
import type { CallsStatus } from '../calls/callGuard.js';
import type { CircuitStatus } from '../calls/circuitBreaker.js';

/** Where a server is in its life inside the manager. */
export type ServerState =
  | 'disabled'
  | 'idle'
  /** On demand and not running (start: 'lazy', or stopped for idleness): its first call starts it. */
  | 'lazy'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'failed'
  /** Behind OAuth and waiting for authorize(): not failed, not retried. */
  | 'needs-auth'
  | 'closing'
  | 'closed';

/** Why an on-demand server started (`call`, `catalog`: to fill its catalog entry) or stopped (`idle`). */
export type StateReason = 'call' | 'catalog' | 'idle';

/** What getServerStatus() reports per server. Never holds header or env values. */
export interface ServerStatus {
  enabled: boolean;
  connected: boolean;
  state: ServerState;
  transport: string;
  /** Connect attempts made by the latest connect sequence. */
  attempts: number;
  /** Restarts since the server was last stable. */
  restarts: number;
  lastError: { message: string; code: string } | undefined;
  connectedAt: string | undefined;
  /** How long the last successful connect took (start, handshake and tool list), in ms. */
  connectMs: number | undefined;
  lastHealthCheck: { at: string; healthy: boolean } | undefined;
  serverInfo: Implementation | undefined;
  protocolVersion: string | undefined;
  /** 'modern' (the modern era, 2026-07-28) or 'handshake' (initialize), while connected. */
  era: ProtocolEra | undefined;
  toolCount: number;
  /** `eager`: connectAllEnabled starts it; `lazy`: its first call does. */
  start: 'eager' | 'lazy';
  /** When and why it last started on demand (by a call, or to fill its catalog entry). */
  lastStart: { at: string; reason: StateReason } | undefined;
  /** When it was last stopped for idleness. */
  lastIdleStop: string | undefined;
  /** Calls in flight and queued, and the limits (callLimits). */
  calls: CallsStatus;
  /** The circuit breaker's state, counts and next probe; undefined when it is off. */
  circuit: CircuitStatus | undefined;
  /** For a server behind OAuth: issuer, scopes asked for, whether authorized. Never a token or secret. */
  auth?: ServerAuthStatus;
  /** `user` for a user-scoped server (one connection per user); absent for a shared one. */
  scope?: 'user';
  /** A user-scoped server, in the manager's status: how many users' connections it has open now. */
  userConnections?: number;
}

/** What a server knows of itself, to be reported. */
export interface ServerFacts {
  enabled: boolean;
  state: ServerState;
  /** The live client, if any. */
  client: MCPClient | undefined;
  /** The transport its config names, if it does. */
  configured: string | undefined;
  attempts: number;
  restarts: number;
  lastError: MCPError | undefined;
  lastConnect: { at: string; ms: number } | undefined;
  lastHealthCheck: { at: string; healthy: boolean } | undefined;
  toolCount: number;
  start: 'eager' | 'lazy';
  lastStart: { at: string; reason: StateReason } | undefined;
  lastIdleStop: string | undefined;
  auth?: ServerAuthStatus | undefined;
}

/** The status a server reports: copies, so a caller cannot change the server's own records. */
export function statusOf(facts: ServerFacts): Omit<ServerStatus, 'calls' | 'circuit'> {
  const { client, lastError } = facts;
  return {
    enabled: facts.enabled,
    connected: client !== undefined,
    state: facts.state,
    transport: client?.transportType ?? facts.configured ?? 'stdio',
    attempts: facts.attempts,
    restarts: facts.restarts,
    lastError: lastError ? { message: lastError.message, code: lastError.code } : undefined,
    connectedAt: facts.lastConnect?.at,
    connectMs: facts.lastConnect?.ms,
    lastHealthCheck: facts.lastHealthCheck && { ...facts.lastHealthCheck },
    serverInfo: client?.serverInfo,
    protocolVersion: client?.protocolVersion,
    era: client?.era,
    toolCount: facts.toolCount,
    start: facts.start,
    lastStart: facts.lastStart && { ...facts.lastStart },
    lastIdleStop: facts.lastIdleStop,
    ...(facts.auth && { auth: facts.auth }),
  };
}
