import { MCPConnectionManager, type MCPServersConfig } from '@org/mcp-manager';
import { type RunningConsole, startConsole } from './server/consoleServer.js';

export interface ConsoleRun {
  manager: MCPConnectionManager;
  console: RunningConsole;
  /** Closes the page's server, then stops every server. */
  stop(): Promise<void>;
}

/**
 * A manager for `config` (a file or a config) behind a console. It declares MCP Apps (the console renders them),
 * checks health every 15 s and asks servers for their `info` logs; servers connect in the background.
 */
export async function runConsole(
  config: string | MCPServersConfig,
  options: { port?: number; pageDir: string },
): Promise<ConsoleRun> {
  const manager = new MCPConnectionManager({
    clientOptions: { mcpApps: true },
    healthCheckInterval: 15_000,
    serverLogLevel: 'info',
  });
  await manager.initialize(config);
  const running = await startConsole(manager, options);
  void manager.connectAllEnabled();
  return {
    manager,
    console: running,
    stop: async () => {
      await running.close();
      await manager.shutdown();
    },
  };
}
