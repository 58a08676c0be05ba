import type { HeadersOption, Logger } from '@org/mcp-core';
import type { HttpAuthProvider } from './httpAuthProvider.js';
import type { HttpNetworkOptions } from './network/httpNetworkOptions.js';

/** What every remote transport (Streamable HTTP, HTTP+SSE) is given, whatever else it takes. */
export interface RemoteTransportOptions {
  /** The server's URL: the MCP endpoint, or the legacy transport's event stream. */
  url: string | URL;
  /** Sent on every request (`Authorization` and the like); a function is asked before each request. Values are secrets: never logged. */
  headers?: HeadersOption | undefined;
  /** Adds credentials to every request and decides whether a 401/403 is retried once. */
  auth?: HttpAuthProvider | undefined;
  /** The server's name in errors. Default: the URL's host. */
  serverName?: string | undefined;
  /** A pino-shaped logger. Default: silent. */
  logger?: Logger | undefined;
  /** TCP/TLS connect timeout in ms. Default {@link DEFAULT_HTTP_CONNECT_TIMEOUT}. */
  connectTimeout?: number | undefined;
  /** Proxy, CA, client certificate (a config's settings), or a ready undici Dispatcher. Default: the proxy variables, Node's CAs. */
  network?: HttpNetworkOptions | undefined;
}
