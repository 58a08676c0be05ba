import {
  type ClientOptions,
  type CustomServerConfig,
  FactoryErrorCode,
  type HttpServerConfig,
  type MCPClient,
  MCPConfigError,
  type MCPServerConfig,
  type SSEServerConfig,
  type StdioServerConfig,
} from '@org/mcp-core';
import { MCPStdioClient } from '@org/mcp-transport-stdio';
import { type FallbackClientOptions, HttpWithSseFallbackClient } from './httpWithSseFallbackClient.js';
import { httpTransport, sseTransport } from './remoteTransports.js';

/** Builds a client for one server config of a given transport type. */
export type ClientCreator = (config: any, options: FactoryClientOptions) => MCPClient;

/** ClientOptions plus `auth` and `network` (a Dispatcher), which the remote transports (and the HTTP-then-SSE fallback) use; stdio ignores them. */
export type FactoryClientOptions = ClientOptions & Pick<FallbackClientOptions, 'auth' | 'network'>;

const registry = new Map<string, ClientCreator>([
  ['stdio', (config: StdioServerConfig, options) => new MCPStdioClient(config, options)],
  ['sse', (config: SSEServerConfig, options) => new (sseTransport().MCPSSEClient)(config, options)],
  [
    'http',
    (config: HttpServerConfig, options) =>
      config.sseFallback
        ? new HttpWithSseFallbackClient(config, options)
        : new (httpTransport().MCPHttpClient)(config, options),
  ],
]);

/** One call from a server config to the right client. The only package that knows every transport. */
export const MCPClientFactory = {
  /** A new, unconnected client for `config.transport` (stdio when absent). */
  createClient(config: MCPServerConfig | CustomServerConfig, options: FactoryClientOptions = {}): MCPClient {
    const type = config.transport ?? 'stdio';
    const create = registry.get(type);
    if (!create) {
      throw new MCPConfigError(`Unknown transport "${type}"`, {
        serverName: options.name,
        issues: [
          {
            path: options.name ? `mcpServers.${options.name}.transport` : 'transport',
            message: `"${type}" is not a known transport; known: ${[...registry.keys()].join(', ')}. Register it with MCPClientFactory.registerTransport().`,
          },
        ],
        code: FactoryErrorCode.UNKNOWN_TRANSPORT,
      });
    }
    return create(config, options);
  },

  /** Adds (or replaces) the creator of a transport type. */
  registerTransport(type: string, create: ClientCreator): void {
    if (!type)
      throw new MCPConfigError('A transport type needs a non-empty name', {
        code: FactoryErrorCode.UNKNOWN_TRANSPORT,
      });
    registry.set(type, create);
  },

  /** The transport types createClient knows. */
  knownTransports(): string[] {
    return [...registry.keys()];
  },
};
