import type { Logger } from '@org/mcp-core';
import type { HttpAuthProvider } from '@org/mcp-http';

/** Options of an {@link SSETransport}. */
export interface SSETransportOptions {
  /** The event-stream URL, e.g. `https://api.example.com/sse`. */
  url: string | URL;
  /** Sent on the GET and every POST (`Authorization` and the like). Values are secrets: never logged. */
  headers?: Record<string, string> | undefined;
  /** Adds credentials to the GET and every POST and decides whether a 401/403 is retried once (`@org/mcp-http`). */
  auth?: HttpAuthProvider | undefined;
  /** The server's name in errors. Default: the URL's host. */
  serverName?: string | undefined;
  /** A pino-shaped logger. Default: silent. */
  logger?: Logger | undefined;
  /** TCP/TLS connect timeout in ms. Default {@link DEFAULT_HTTP_CONNECT_TIMEOUT}. */
  connectTimeout?: number | undefined;
  /**
   * Bound, in ms, on waiting for the response headers of the GET and of each POST, and on a POST's
   * answer body. Never applies to the event stream's body. Default {@link DEFAULT_HEADERS_TIMEOUT}.
   */
  headersTimeout?: number | undefined;
  /** How long an idle POST socket stays in the pool, in ms. Default {@link DEFAULT_KEEP_ALIVE_TIMEOUT}. */
  keepAliveTimeout?: number | undefined;
  /** Largest event accepted on the stream, in bytes; a larger one drops the connection. Default {@link DEFAULT_MAX_MESSAGE_SIZE}. */
  maxMessageSize?: number | undefined;
}

export const DEFAULT_HEADERS_TIMEOUT = 30_000;
