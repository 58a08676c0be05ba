import type { HeadersOption, Logger } from '@org/mcp-core';
import type { HttpAuthProvider } from './httpAuthProvider.js';
import type { HttpNetworkOptions } from './network/httpNetworkOptions.js';

/** Options of an {@link HttpExchange}. */
export interface HttpExchangeOptions {
  /** Where requests go unless they say otherwise (the MCP endpoint, the event stream); every request stays on its origin. */
  url: URL;
  /** Sent on every request (`Authorization` and the like); a function is asked before each request. Values are secrets: never logged, scrubbed from errors. */
  headers?: HeadersOption | undefined;
  /** The server's name in errors. */
  serverName: string;
  /** The transport, as hints name it: `Streamable HTTP`, `SSE`. */
  kind: string;
  /** Adds credentials to every request and sees 401/403 answers. */
  auth?: HttpAuthProvider | undefined;
  /** TCP/TLS connect timeout in ms. Default {@link DEFAULT_HTTP_CONNECT_TIMEOUT}. */
  connectTimeout?: number | undefined;
  /** How long an idle socket stays pooled, in ms. Default {@link DEFAULT_KEEP_ALIVE_TIMEOUT}. */
  keepAliveTimeout?: number | undefined;
  /** Proxy, CA, client certificate, or a ready undici Dispatcher. Default: HTTPS_PROXY/HTTP_PROXY/NO_PROXY, Node's CAs. */
  network?: HttpNetworkOptions | undefined;
  /** Where the insecureSkipVerify warning goes. Default: nowhere. */
  logger?: Logger | undefined;
}

export const DEFAULT_HTTP_CONNECT_TIMEOUT = 10_000;
export const DEFAULT_KEEP_ALIVE_TIMEOUT = 30_000;
/** Largest JSON body or event the remote transports accept by default, in bytes. */
export const DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;
/** Same-origin redirects followed per request before giving up. */
export const MAX_REDIRECTS = 3;
/**
 * Times one request is sent again after a 401/403 its auth provider answers `'retry'`: an OAuth
 * provider may try the stored token, then a refreshed one, then a new authorization.
 */
export const MAX_AUTH_RETRIES = 3;
