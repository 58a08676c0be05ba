import type { ClientOptions, MCPClient, MCPServerConfig, Tool } from '@org/mcp-core';
import { MCPClientFactory } from '@org/mcp-factory';
import type { ManagerOptions } from './managerOptions.js';

export interface OpenedClient {
  client: MCPClient;
  tools: Tool[];
  /** Start, handshake and tool list, in ms. */
  ms: number;
}

/** One connect attempt: a fresh client, connected and its tools read; on any failure it is disconnected again. */
export async function openClient(
  name: string,
  config: MCPServerConfig,
  options: ManagerOptions,
  signal: AbortSignal,
): Promise<OpenedClient> {
  const create = options.createClient ?? MCPClientFactory.createClient;
  const clientOptions: ClientOptions = {
    ...options.clientOptions,
    name,
    logger: options.logger ?? options.clientOptions?.logger,
  };
  const client = create(config, clientOptions);
  const started = performance.now();
  try {
    await client.connect({ signal });
    const tools = client.serverCapabilities?.tools ? await client.getTools({ signal }) : [];
    signal.throwIfAborted();
    return { client, tools, ms: Math.round(performance.now() - started) };
  } catch (error) {
    await client.disconnect();
    throw error;
  }
}
