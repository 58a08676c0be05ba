import { BaseMCPClient, type ClientOptions, type HttpServerConfig, TransportType } from '@org/mcp-core';
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
    const name = options.name ?? url.host;
    const requestTimeout = options.requestTimeout ?? config.timeout;
    super({
      ...options,
      name,
      requestTimeout,
      connectTimeout: options.connectTimeout ?? config.connectTimeout,
      transportType: TransportType.HTTP,
      // The era a server speaks is learnt once per endpoint (spec: per origin).
      eraCacheKey: `http ${url.origin}${url.pathname}`,
      createTransport: () =>
        new StreamableHttpTransport({
          url,
          headers: config.headers,
          serverName: name,
          logger: this?.logger,
          requestTimeout,
          backoff: options.backoff,
          closeTimeout: options.closeTimeout,
          maxMessageSize: options.maxMessageSize,
          maxResumeAttempts: options.maxResumeAttempts,
        }),
    });
  }
}
