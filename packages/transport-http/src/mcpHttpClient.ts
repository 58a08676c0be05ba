import { BaseMCPClient, type ClientOptions, type HttpServerConfig, TransportType } from '@org/mcp-core';
import { type RemoteTransportBase, remoteClient } from '@org/mcp-core/internal';
import { parseEndpoint } from './endpoint.js';
import { StreamableHttpTransport } from './streamableHttpTransport.js';
import type { StreamableHttpTransportOptions } from './transportOptions.js';

/**
 * ClientOptions plus the HTTP transport's own: `auth` (credentials on every request, the GET stream
 * included, e.g. an OAuthProvider of @org/mcp-auth) and tuning; every field is optional.
 */
export interface MCPHttpClientOptions
  extends ClientOptions,
    Pick<
      StreamableHttpTransportOptions,
      'auth' | 'backoff' | 'closeTimeout' | 'maxMessageSize' | 'maxResumeAttempts' | 'network'
    > {}

/** An MCP client for a remote server on Streamable HTTP; named after the URL's host unless `options.name` says otherwise. */
export class MCPHttpClient extends BaseMCPClient {
  constructor(config: HttpServerConfig, options: MCPHttpClientOptions = {}) {
    const url = parseEndpoint(config.url, options.name);
    // The transport takes its own tuning from the client's options; the base (url, headers, name, logger) wins.
    const create = (base: RemoteTransportBase) =>
      new StreamableHttpTransport({ ...options, ...base, network: { ...base.network, ...options.network } });
    super(remoteClient(config, options, url, TransportType.HTTP, create));
  }
}
