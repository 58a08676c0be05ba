import type { Implementation, ProtocolEra } from '@org/mcp-core';

/** Where a server is in its life inside the manager. */
export type ServerState =
  | 'disabled'
  | 'idle'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'failed'
  | 'closing'
  | 'closed';

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
  /** 'modern' (2026-07-28, stateless) or 'handshake' (initialize), while connected. */
  era: ProtocolEra | undefined;
  toolCount: number;
}
