import type { BaseClientOptions } from './baseClient.js';
import type { ClientOptions } from './clientOptions.js';

/**
 * What every remote client (Streamable HTTP, SSE, the fallback between them) derives from its
 * config the same way: the name (the URL's host unless given), the timeouts (options first, then
 * the config's), and the key its protocol era is remembered under (the endpoint, per the spec).
 */
export function remoteClientOptions(
  config: { timeout?: number | undefined; connectTimeout?: number | undefined },
  options: ClientOptions,
  url: URL,
  transportType: string,
): Pick<BaseClientOptions, 'requestTimeout' | 'connectTimeout' | 'transportType' | 'eraCacheKey'> & {
  name: string;
} {
  return {
    name: options.name ?? url.host,
    requestTimeout: options.requestTimeout ?? config.timeout,
    connectTimeout: options.connectTimeout ?? config.connectTimeout,
    transportType,
    eraCacheKey: `${transportType} ${url.origin}${url.pathname}`,
  };
}
