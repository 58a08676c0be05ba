import type { MCPServerConfig } from '@org/mcp-core';

/** How a server starts: with connectAllEnabled (`eager`), or at its first call (`lazy`). */
export type StartMode = 'eager' | 'lazy';

/** The per-server keys of servers on demand (config's `start` and `idleTimeout`), beside core's MCPServerConfig. */
export interface OnDemandEntry {
  start?: StartMode;
  idleTimeout?: number;
}

/** A server's start mode and idle timeout: its entry's, else the manager's. */
export function onDemandOf(
  config: MCPServerConfig,
  defaults: { start: StartMode; idleTimeout: number },
): { start: StartMode; idleTimeout: number } {
  const entry = config as MCPServerConfig & OnDemandEntry;
  return { start: entry.start ?? defaults.start, idleTimeout: entry.idleTimeout ?? defaults.idleTimeout };
}
