// The ways the pool rows hold N stdio servers: the hand-written pool of official SDK clients (and, for the
// recovery row, the same pool with a hand-written restart: the best a bare pool can do), MCPConnectionManager, and a
// pool of our own clients from the factory (what the manager adds is measured against it).
// Each kind imports only its own library, so one child process never holds the other's modules.

/** @typedef {{ command: string, args: string[] }} StdioTarget */
/** @typedef {'sdk' | 'sdk-restart' | 'manager' | 'client'} PoolKind */

/**
 * @typedef {object} Pool
 * @property {(server: number, args: Record<string, unknown>) => Promise<unknown>} echo the `echo` tool of one server
 * @property {(server: number) => Promise<number>} pid the process id of one server
 * @property {() => Promise<void>} close
 */

/**
 * Every connect settled: a pool that lost a server is not measured.
 * @template T
 * @param {PromiseSettledResult<T>[]} settled
 * @returns {T[]}
 */
function allFulfilled(settled) {
  const failed = settled.filter((s) => s.status === 'rejected');
  if (failed.length > 0)
    throw new Error(`${failed.length} of ${settled.length} servers failed to connect: ${failed[0]?.reason}`);
  return settled.map((s) => /** @type {PromiseFulfilledResult<T>} */ (s).value);
}

/**
 * The baseline: `Promise.allSettled` of SDK connects (each then lists its tools, as a pool that routes a
 * tool to the right client must), `callTool` on the right client, no retries, no restarts.
 * @param {StdioTarget[]} targets
 * @returns {Promise<Pool>}
 */
async function sdkPool(targets) {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
  const members = allFulfilled(
    await Promise.allSettled(
      targets.map(async ({ command, args }) => {
        const client = new Client({ name: 'bench-pool', version: '1.0.0' });
        const transport = new StdioClientTransport({ command, args, stderr: 'inherit' });
        await client.connect(transport);
        const { tools } = await client.listTools();
        return { client, transport, tools };
      }),
    ),
  );
  return {
    echo: (server, args) =>
      /** @type {NonNullable<typeof members[number]>} */ (members[server]).client.callTool({
        name: 'echo',
        arguments: args,
      }),
    pid: async (server) => Number(members[server]?.transport.pid),
    close: async () => void (await Promise.allSettled(members.map((m) => m.client.close()))),
  };
}

/**
 * The SDK pool with the least a restart needs: when a member's transport closes, a fresh client is started at once
 * (no backoff, no budget) and the member's calls wait for it. The recovery row's peer.
 * @param {StdioTarget[]} targets
 * @returns {Promise<Pool>}
 */
async function sdkRestartingPool(targets) {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
  let closing = false;
  /** @type {Promise<{ client: InstanceType<typeof Client>, transport: InstanceType<typeof StdioClientTransport> }>[]} */
  const members = [];
  const start = async (/** @type {number} */ i) => {
    const { command, args } = /** @type {StdioTarget} */ (targets[i]);
    const client = new Client({ name: 'bench-pool', version: '1.0.0' });
    const transport = new StdioClientTransport({ command, args, stderr: 'inherit' });
    client.onclose = () => {
      if (!closing) members[i] = start(i);
    };
    await client.connect(transport);
    await client.listTools();
    return { client, transport };
  };
  targets.forEach((_, i) => {
    members[i] = start(i);
  });
  allFulfilled(await Promise.allSettled(members));
  return {
    echo: async (server, args) =>
      (await /** @type {NonNullable<typeof members[number]>} */ (members[server])).client.callTool({
        name: 'echo',
        arguments: args,
      }),
    pid: async (server) => Number((await members[server])?.transport.pid),
    close: async () => {
      closing = true;
      await Promise.allSettled(members.map(async (m) => (await m).client.close()));
    },
  };
}

/**
 * MCPConnectionManager with its defaults: `initialize` + `connectAllEnabled`, calls by qualified name.
 * @param {StdioTarget[]} targets
 * @returns {Promise<Pool>}
 */
async function managerPool(targets) {
  const { MCPConnectionManager } = await import('@org/mcp-manager');
  const manager = new MCPConnectionManager();
  await manager.initialize({
    mcpServers: Object.fromEntries(targets.map(({ command, args }, i) => [`lean${i}`, { command, args }])),
  });
  const connected = await manager.connectAllEnabled();
  const failed = Object.entries(connected).filter(([, ok]) => ok !== true);
  if (failed.length > 0) {
    await manager.shutdown();
    throw new Error(`the manager could not connect ${failed.map(([name]) => name).join(', ')}`);
  }
  const names = targets.map((_, i) => `lean${i}__echo`);
  return {
    echo: (server, args) => manager.callTool(/** @type {string} */ (names[server]), args),
    pid: async (server) =>
      Number(
        /** @type {{ pid?: number }} */ (/** @type {unknown} */ (await manager.getClient(`lean${server}`)))
          .pid,
      ),
    close: () => manager.shutdown(),
  };
}

/**
 * Our own clients, made by the factory the manager uses, connected and listed the same way: the manager minus
 * the manager.
 * @param {StdioTarget[]} targets
 * @returns {Promise<Pool>}
 */
async function clientPool(targets) {
  const { MCPClientFactory } = await import('@org/mcp-manager');
  const clients = allFulfilled(
    await Promise.allSettled(
      targets.map(async ({ command, args }, i) => {
        const client = MCPClientFactory.createClient({ command, args }, { name: `lean${i}` });
        await client.connect();
        await client.getTools();
        return client;
      }),
    ),
  );
  return {
    echo: (server, args) =>
      /** @type {NonNullable<typeof clients[number]>} */ (clients[server]).callTool('echo', args),
    pid: async (server) =>
      Number(/** @type {{ pid?: number }} */ (/** @type {unknown} */ (clients[server])).pid),
    close: async () => void (await Promise.allSettled(clients.map((c) => c.disconnect()))),
  };
}

/** Loads what a kind needs before anything is measured, so module loading is not counted as connecting. */
export async function preload(/** @type {PoolKind} */ kind) {
  if (!kind.startsWith('sdk')) await import('@org/mcp-manager');
  else
    await Promise.all([
      import('@modelcontextprotocol/sdk/client/index.js'),
      import('@modelcontextprotocol/sdk/client/stdio.js'),
    ]);
}

/**
 * @param {PoolKind} kind
 * @param {StdioTarget[]} targets
 * @returns {Promise<Pool>}
 */
export function openPool(kind, targets) {
  if (kind === 'sdk-restart') return sdkRestartingPool(targets);
  return kind === 'sdk' ? sdkPool(targets) : kind === 'manager' ? managerPool(targets) : clientPool(targets);
}
