// Contender C: our clients (@org/mcp-transport-*) and, for many servers, MCPConnectionManager.
// Imported lazily so the other contenders still run while a package is not built.
import { memoryToolServer } from '../servers/memoryToolServer.mjs';

/**
 * Imports one of our packages, saying plainly when it is not built rather than printing a resolver path.
 * @template T
 * @param {string} name
 * @param {() => Promise<T>} load
 * @returns {Promise<T>}
 */
async function ourPackage(name, load) {
  try {
    return await load();
  } catch (error) {
    if (/** @type {{ code?: string }} */ (error)?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(`${name} is not built (no dist/); run pnpm build`);
  }
}

/** @returns {Promise<typeof import('@org/mcp-manager')>} */
export function ourManager() {
  return ourPackage('@org/mcp-manager', () => import('@org/mcp-manager'));
}

/**
 * @param {import('./contender.mjs').Target} target
 * @param {{ validateToolOutput?: boolean }} [options]
 * @returns {Promise<import('@org/mcp-core').MCPClient>}
 */
async function createClient(target, options = {}) {
  if (target.transport === 'stdio') {
    const { MCPStdioClient } = await ourPackage(
      '@org/mcp-transport-stdio',
      () => import('@org/mcp-transport-stdio'),
    );
    return new MCPStdioClient({ command: target.command, args: target.args }, { name: 'lean', ...options });
  }
  if (target.transport === 'http') {
    const { MCPHttpClient } = await ourPackage(
      '@org/mcp-transport-http',
      () => import('@org/mcp-transport-http'),
    );
    return new MCPHttpClient({ transport: 'http', url: target.url }, { name: 'lean' });
  }
  const { MCPSSEClient } = await ourPackage('@org/mcp-transport-sse', () => import('@org/mcp-transport-sse'));
  return new MCPSSEClient({ transport: 'sse', url: target.url }, { name: 'lean' });
}

/** @type {import('./contender.mjs').Contender} */
export const ours = {
  id: 'ours',
  label: 'ours',
  async connect(target, options) {
    const client = await createClient(target, options);
    await client.connect();
    await client.getTools();
    return {
      callTool: (name, args) => client.callTool(name, args),
      listTools: () => client.getTools({ refresh: true }),
      close: () => client.disconnect(),
    };
  },
  async connectMany(targets) {
    const { MCPConnectionManager } = await ourManager();
    const manager = new MCPConnectionManager();
    /** @type {Record<string, import('@org/mcp-core').MCPServerConfig>} */
    const mcpServers = {};
    for (const [index, target] of targets.entries()) {
      if (target.transport !== 'stdio') throw new Error('connectMany takes stdio servers');
      mcpServers[`lean${index}`] = { command: target.command, args: target.args };
    }
    await manager.initialize({ mcpServers });
    const connected = await manager.connectAllEnabled();
    const failed = Object.entries(connected).filter(([, ok]) => !ok);
    if (failed.length > 0) {
      await manager.shutdown();
      throw new Error(`manager could not connect ${failed.map(([name]) => name).join(', ')}`);
    }
    return { close: () => manager.shutdown() };
  },
  async toolNamespace(toolsByServer) {
    const { BaseMCPClient, InMemoryTransport } = await ourPackage(
      '@org/mcp-core',
      () => import('@org/mcp-core'),
    );
    const { MCPConnectionManager } = await ourManager();
    /** @type {Map<string, ReturnType<typeof memoryToolServer>>} */
    const servers = new Map();
    const manager = new MCPConnectionManager({
      // Each server in process, over core's in-memory transport: the manager's whole path, without processes.
      createClient: (_config, options) => {
        const name = options.name ?? '';
        return new BaseMCPClient({
          ...options,
          transportType: 'memory',
          era: 'handshake',
          createTransport: () => {
            const [client, server] = InMemoryTransport.createLinkedPair();
            servers.set(name, memoryToolServer(server, toolsByServer.get(name) ?? []));
            return client;
          },
        });
      },
    });
    const names = [...toolsByServer.keys()];
    await manager.initialize({
      mcpServers: Object.fromEntries(names.map((name) => [name, { command: name }])),
    });
    const connected = await manager.connectAllEnabled();
    if (Object.values(connected).some((ok) => !ok))
      throw new Error('manager could not connect its in-memory servers');
    return {
      listTools: () => manager.listTools(),
      searchTools: (/** @type {string} */ query, /** @type {number} */ limit) =>
        manager.searchTools(query, { limit }),
      async changeTools(server, tools) {
        const changed = new Promise((resolve) => {
          /** @param {{ server: string }} event */
          const listener = (event) => {
            if (event.server !== server) return;
            manager.off('toolsChanged', listener);
            resolve(undefined);
          };
          manager.on('toolsChanged', listener);
        });
        servers.get(server)?.setTools(tools);
        await changed;
      },
      close: () => manager.shutdown(),
    };
  },
  async loadQualify() {
    const { qualifyNames } = await ourManager();
    return (toolsByServer) => qualifyNames(toolsByServer, 'prefix');
  },
};
