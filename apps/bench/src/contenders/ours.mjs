// Contender C: our clients (@org/mcp-transport-*) and, for many servers, MCPConnectionManager.
// Imported lazily so the other contenders still run while a package is not built.

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

/**
 * @param {import('./contender.mjs').Target} target
 * @returns {Promise<import('@org/mcp-core').MCPClient>}
 */
async function createClient(target) {
  if (target.transport === 'stdio') {
    const { MCPStdioClient } = await ourPackage(
      '@org/mcp-transport-stdio',
      () => import('@org/mcp-transport-stdio'),
    );
    return new MCPStdioClient({ command: target.command, args: target.args }, { name: 'lean' });
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
  async connect(target) {
    const client = await createClient(target);
    await client.connect();
    await client.getTools();
    return {
      callTool: (name, args) => client.callTool(name, args),
      close: () => client.disconnect(),
    };
  },
  async connectMany(targets) {
    const { MCPConnectionManager } = await ourPackage('@org/mcp-manager', () => import('@org/mcp-manager'));
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
};
