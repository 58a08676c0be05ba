import type { Logger } from '@org/mcp-core';
import type { Dispatcher } from 'undici';
import type { HttpNetworkOptions } from './httpNetworkOptions.js';
import { describeProxy, parseProxyUrl } from './proxyUrl.js';
import { tlsMaterial } from './tlsMaterial.js';
import { undiciModule } from './undiciModule.js';

/** What a dispatcher is built with besides a server's network settings. */
export interface NetworkDispatcherContext {
  serverName: string;
  /** TCP/TLS connect timeout, in ms. */
  connectTimeout: number;
  /** How long an idle socket stays pooled, in ms. */
  keepAliveTimeout: number;
  logger?: Logger | undefined;
}

/** A dispatcher, and whether its owner closes it (the one given in the options is the user's). */
export interface NetworkDispatcher {
  dispatcher: Dispatcher;
  owned: boolean;
}

/**
 * The dispatcher every request of one server goes through: the one given, else an undici agent with the
 * server's TLS material and its proxy: the configured one, none for `proxy: false`, else undici's
 * EnvHttpProxyAgent (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). No pool-wide timeouts, so an idle event stream never
 * dies. Both http and https origins go through a CONNECT tunnel (undici's default): a proxy that relays
 * absolute-form requests may not keep a client connection alive (tinyproxy pipes the next request to the origin
 * as it is), which a session's POSTs and event stream need. undici is loaded here, at the first dispatcher made.
 */
export function networkDispatcher(
  options: HttpNetworkOptions | undefined,
  context: NetworkDispatcherContext,
): NetworkDispatcher {
  if (options?.dispatcher) return { dispatcher: options.dispatcher, owned: false };
  const { serverName, logger } = context;
  const tls = tlsMaterial(options ?? {}, serverName);
  if (tls.rejectUnauthorized === false)
    logger?.warn(
      { server: serverName },
      `TLS certificate verification is OFF for server "${serverName}" (insecureSkipVerify): anyone on the network path can read and change its traffic. Configure "ca" instead.`,
    );
  const connect = { ...tls, timeout: context.connectTimeout };
  const agentOptions = {
    connect,
    requestTls: connect,
    proxyTls: connect,
    keepAliveTimeout: context.keepAliveTimeout,
    headersTimeout: 0,
    bodyTimeout: 0,
  };
  const { Agent, EnvHttpProxyAgent, ProxyAgent } = undiciModule();
  const proxy = options?.proxy;
  if (proxy === false) return { dispatcher: new Agent(agentOptions), owned: true };
  if (proxy !== undefined) {
    const url = parseProxyUrl(proxy, serverName);
    logger?.debug({ server: serverName, proxy: describeProxy(url) }, 'HTTP through the configured proxy');
    return { dispatcher: new ProxyAgent({ ...agentOptions, uri: url.href }), owned: true };
  }
  // Without a proxy variable EnvHttpProxyAgent would only add a NO_PROXY check to every request.
  if (!PROXY_VARIABLES.some((name) => process.env[name]))
    return { dispatcher: new Agent(agentOptions), owned: true };
  return { dispatcher: new EnvHttpProxyAgent(agentOptions), owned: true };
}

/** What EnvHttpProxyAgent reads, at construction. */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
