import type { ClientOptions, MCPClient, MCPServerConfig, Tool } from '@org/mcp-core';
import type { ResolvedOptions } from '../resolvedOptions.js';

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
  options: ResolvedOptions,
  signal: AbortSignal,
): Promise<OpenedClient> {
  const { createClient: create, telemetry } = options;
  // The observer reads the version once negotiated: `opened` exists by the time any request is sent.
  const facts = { name, config, protocolVersion: () => opened.protocolVersion };
  const clientOptions: ClientOptions = {
    ...options.clientOptions,
    name,
    logger: options.clientLogger,
  };
  if (telemetry)
    clientOptions.observeRequest = telemetry.observer(facts, options.clientOptions?.observeRequest);
  const opened = create(config, clientOptions);
  const started = performance.now();
  const attempt = async (): Promise<OpenedClient> => {
    await opened.connect({ signal });
    const tools = opened.serverCapabilities?.tools ? await opened.getTools({ signal }) : [];
    signal.throwIfAborted();
    return { client: opened, tools, ms: Math.round(performance.now() - started) };
  };
  try {
    return await (telemetry ? telemetry.connect(facts, attempt) : attempt());
  } catch (error) {
    await opened.disconnect();
    throw error;
  }
}
