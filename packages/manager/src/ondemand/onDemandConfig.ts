import type { MCPServerConfig } from '@org/mcp-core';

/** How a server starts: with connectAllEnabled (`eager`), or at its first call (`lazy`). */
export type StartMode = 'eager' | 'lazy';

/** The per-server keys of servers on demand (config's `start` and `idleTimeout`, as in core's MCPServerConfig). */
export interface OnDemandEntry {
  start?: StartMode;
  idleTimeout?: number;
}

/** A server's start mode and idle timeout: its entry's, else the manager's. */
export function onDemandOf(
  config: MCPServerConfig,
  defaults: { start: StartMode; idleTimeout: number },
): { start: StartMode; idleTimeout: number } {
  // A user-scoped server never starts itself: each user's connection starts on that user's first use.
  const start = config.scope === 'user' ? 'lazy' : (config.start ?? defaults.start);
  return { start, idleTimeout: config.idleTimeout ?? defaults.idleTimeout };
}
