import { afterEach } from 'vitest';
import {
  type ManagerOptions,
  MCPConnectionManager,
  MemoryCatalogStore,
  type StdioServerConfig,
} from '../src/index.js';

/**
 * A manager for a users test: no connect retries, an in-memory catalog, shut down after each test of the file
 * that calls this once at its top.
 */
export function userManagers(): (
  servers: Record<string, StdioServerConfig>,
  options?: ManagerOptions,
) => Promise<MCPConnectionManager> {
  const managers: MCPConnectionManager[] = [];
  afterEach(async () => {
    await Promise.all(managers.splice(0).map((m) => m.shutdown()));
  });
  return async (servers, options = {}) => {
    const m = new MCPConnectionManager({ maxRetries: 0, catalogStore: new MemoryCatalogStore(), ...options });
    managers.push(m);
    await m.initialize({ mcpServers: servers });
    return m;
  };
}
