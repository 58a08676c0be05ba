import { BaseMCPClient, type ClientOptions, type HttpServerConfig, TransportType } from '@org/mcp-core';
import { networkOf, parseHttpUrl, remoteClientOptions, remoteTransportCache } from '@org/mcp-core/internal';
import type { MCPHttpClientOptions } from '@org/mcp-transport-http';
import { type DetectedTransport, DetectingTransport } from './detectingTransport.js';
import { httpTransport, sseTransport } from './remoteTransports.js';

/** ClientOptions plus the credentials provider both candidate transports use. */
export interface FallbackClientOptions
  extends ClientOptions,
    Pick<MCPHttpClientOptions, 'auth' | 'network'> {}

/**
 * A client for a URL whose transport was not declared: its first connect speaks Streamable HTTP for
 * real and falls back to the legacy HTTP+SSE transport when the server refuses the `initialize` POST
 * with 400/404/405, as the specification recommends. The answer is remembered for the life of the
 * client and, per URL, for the process (beside the era cache); `transportType` reports it.
 */
export class HttpWithSseFallbackClient extends BaseMCPClient {
  private detected: DetectedTransport | undefined;

  /** `options.auth` goes on whichever transport the server turns out to speak. */
  constructor(config: HttpServerConfig, options: FallbackClientOptions = {}) {
    // A bad URL is the same INVALID_URL config error as for the other remote clients, at construction.
    const url = parseHttpUrl(config.url, {
      serverName: options.name,
      kind: 'HTTP',
      example: 'https://example.com/mcp',
    });
    // Keyed like MCPHttpClient ('http' and the endpoint), so the era learnt by either holds for both.
    const remote = remoteClientOptions(config, options, url, TransportType.HTTP);
    const { name, requestTimeout, eraCacheKey: key } = remote;
    const { auth } = options;
    // The config's proxy and TLS settings, under a dispatcher the options may bring: for both transports.
    const network = { ...networkOf(config), ...options.network };
    super({
      ...options,
      ...remote,
      createTransport: ({ logger }) =>
        new DetectingTransport({
          known: () => this.detected ?? remoteTransportCache.get(key),
          waitingForUser: () => auth?.waitingForUser?.() === true,
          onDetected: (kind) => {
            this.detected = kind;
            remoteTransportCache.set(key, kind);
            this.transportName = kind === 'sse' ? TransportType.SSE : TransportType.HTTP;
          },
          onStale: () => {
            this.detected = undefined;
            remoteTransportCache.delete(key);
          },
          create: (kind) =>
            kind === 'sse'
              ? new (sseTransport().SSETransport)({
                  url: config.url,
                  headers: config.headers,
                  auth,
                  serverName: name,
                  logger,
                  network,
                })
              : new (httpTransport().StreamableHttpTransport)({
                  url: config.url,
                  headers: config.headers,
                  auth,
                  serverName: name,
                  logger,
                  requestTimeout,
                  network,
                }),
        }),
    });
  }
}
