import { BaseMCPClient, type ClientOptions, type HttpServerConfig, TransportType } from '@org/mcp-core';
import { networkOf, parseHttpUrl, remoteClientOptions } from '@org/mcp-core/internal';
import type { MCPHttpClientOptions } from '@org/mcp-transport-http';
import { type DetectedTransport, DetectingTransport } from './detectingTransport.js';
import { httpTransport, sseTransport } from './remoteTransports.js';

/** ClientOptions plus the credentials provider both candidate transports use. */
export interface FallbackClientOptions
  extends ClientOptions,
    Pick<MCPHttpClientOptions, 'auth' | 'network'> {}

/**
 * A client for a URL whose transport was not declared: it tries Streamable HTTP and falls back to
 * the legacy HTTP+SSE transport when the server answers 400/404/405, as the specification
 * recommends. The answer is remembered for the life of the client; `transportType` reports it.
 */
export class HttpWithSseFallbackClient extends BaseMCPClient {
  private detected: DetectedTransport | undefined;

  /** `options.auth` goes on the probe and on whichever transport the server turns out to speak. */
  constructor(config: HttpServerConfig, options: FallbackClientOptions = {}) {
    // A bad URL is the same INVALID_URL config error as for the other remote clients, at construction.
    const url = parseHttpUrl(config.url, {
      serverName: options.name,
      kind: 'HTTP',
      example: 'https://example.com/mcp',
    });
    // Keyed like MCPHttpClient ('http' and the endpoint), so the era learnt by either holds for both.
    const remote = remoteClientOptions(config, options, url, TransportType.HTTP);
    const { name, requestTimeout } = remote;
    const { auth } = options;
    // The config's proxy and TLS settings, under a dispatcher the options may bring: for the probe and both transports.
    const network = { ...networkOf(config), ...options.network };
    super({
      ...options,
      ...remote,
      createTransport: ({ logger }) =>
        new DetectingTransport({
          detect: async (signal) =>
            this.detected ??
            httpTransport().detectHttpTransport(config.url, {
              headers: config.headers,
              auth,
              signal,
              serverName: name,
              network,
            }),
          waitingForUser: () => auth?.waitingForUser?.() === true,
          onDetected: (kind) => {
            this.detected = kind;
            this.transportName = kind === 'sse' ? TransportType.SSE : TransportType.HTTP;
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
