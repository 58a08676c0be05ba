import { BaseMCPClient, type ClientOptions, type HttpServerConfig, TransportType } from '@org/mcp-core';
import { remoteClientOptions } from '@org/mcp-core/internal';
import { parseEndpoint } from './endpoint.js';
import { StreamableHttpTransport } from './streamableHttpTransport.js';
import type { StreamableHttpTransportOptions } from './transportOptions.js';

/** ClientOptions plus the HTTP transport's own tuning; every field is optional with the transport's default. */
export interface MCPHttpClientOptions
  extends ClientOptions,
    Pick<
      StreamableHttpTransportOptions,
      'backoff' | 'closeTimeout' | 'maxMessageSize' | 'maxResumeAttempts'
    > {}

/** An MCP client for a remote server on Streamable HTTP; named after the URL's host unless `options.name` says otherwise. */
export class MCPHttpClient extends BaseMCPClient {
  constructor(config: HttpServerConfig, options: MCPHttpClientOptions = {}) {
    const url = parseEndpoint(config.url, options.name);
    const remote = remoteClientOptions(config, options, url, TransportType.HTTP);
    super({
      ...options,
      ...remote,
      createTransport: ({ logger }) =>
        new StreamableHttpTransport({
          url,
          headers: config.headers,
          serverName: remote.name,
          logger,
          requestTimeout: remote.requestTimeout,
          backoff: options.backoff,
          closeTimeout: options.closeTimeout,
          maxMessageSize: options.maxMessageSize,
          maxResumeAttempts: options.maxResumeAttempts,
        }),
    });
  }
}
