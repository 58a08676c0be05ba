import type { Transport } from '../protocol/transport.js';
import type { HeadersOption, NetworkServerConfig } from '../types/serverConfig.js';
import type { Logger } from '../util/logger.js';
import type { BaseClientOptions } from './baseClient.js';
import type { ClientOptions } from './clientOptions.js';

/**
 * What every remote client (Streamable HTTP, SSE, the fallback between them) derives from its
 * config the same way: the name (the URL's host unless given), the timeouts (options first, then
 * the config's), and the key its protocol era is remembered under (the endpoint, per the spec).
 */
export function remoteClientOptions(
  config: {
    timeout?: number | undefined;
    connectTimeout?: number | undefined;
    maxTotalTimeout?: number | undefined;
    trust?: boolean | undefined;
  },
  options: ClientOptions,
  url: URL,
  transportType: string,
): Pick<
  BaseClientOptions,
  'requestTimeout' | 'connectTimeout' | 'maxTotalTimeout' | 'trust' | 'transportType' | 'eraCacheKey'
> & {
  name: string;
} {
  return {
    name: options.name ?? url.host,
    requestTimeout: options.requestTimeout ?? config.timeout,
    connectTimeout: options.connectTimeout ?? config.connectTimeout,
    maxTotalTimeout: options.maxTotalTimeout ?? config.maxTotalTimeout,
    trust: options.trust ?? config.trust,
    transportType,
    eraCacheKey: `${transportType} ${url.origin}${url.pathname}`,
  };
}

/** What every remote transport is made with: the URL, the configured headers, the client's name and logger. */
export interface RemoteTransportBase {
  url: URL;
  headers: HeadersOption | undefined;
  serverName: string;
  logger: Logger;
  requestTimeout: number | undefined;
  /** Always undefined: the client's connectTimeout bounds the whole connect, not the TCP connect of each request. */
  connectTimeout: undefined;
  /** The config's proxy, TLS and cookie settings. */
  network: NetworkServerConfig;
}

/** The network settings of a remote server's config, the other fields left out. */
export function networkOf(config: NetworkServerConfig): NetworkServerConfig {
  const { proxy, ca, cert, key, passphrase, insecureSkipVerify, cookies } = config;
  const picked: NetworkServerConfig = { proxy, ca, cert, key, passphrase, insecureSkipVerify, cookies };
  for (const field of Object.keys(picked) as (keyof NetworkServerConfig)[])
    if (picked[field] === undefined) delete picked[field];
  return picked;
}

/** The BaseMCPClient options of a remote client whose transport `create` makes from the shared base. */
export function remoteClient(
  config: NetworkServerConfig & {
    timeout?: number | undefined;
    connectTimeout?: number | undefined;
    maxTotalTimeout?: number | undefined;
    trust?: boolean | undefined;
    headers?: HeadersOption | undefined;
  },
  options: ClientOptions,
  url: URL,
  transportType: string,
  create: (base: RemoteTransportBase) => Transport,
): BaseClientOptions {
  const remote = remoteClientOptions(config, options, url, transportType);
  const { name: serverName, requestTimeout } = remote;
  const network = networkOf(config);
  return {
    ...options,
    ...remote,
    createTransport: ({ logger }) =>
      create({
        url,
        headers: config.headers,
        serverName,
        logger,
        requestTimeout,
        connectTimeout: undefined,
        network,
      }),
  };
}
