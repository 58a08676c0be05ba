import type { BackoffOptions, Logger } from '@org/mcp-core';

/** Options of a {@link StreamableHttpTransport}. */
export interface StreamableHttpTransportOptions {
  /** The MCP endpoint, e.g. `https://api.example.com/mcp`. */
  url: string | URL;
  /** Sent on every request (`Authorization` and the like). Values are secrets: never logged. */
  headers?: Record<string, string> | undefined;
  /** The server's name in errors. Default: the URL's host. */
  serverName?: string | undefined;
  /** A pino-shaped logger. Default: silent. */
  logger?: Logger | undefined;
  /** TCP/TLS connect timeout in ms. Default {@link DEFAULT_HTTP_CONNECT_TIMEOUT}. */
  connectTimeout?: number | undefined;
  /** Bound on a POST that has no caller signal (notifications, replies) and on opening the GET stream, in ms. Default 30 000. */
  requestTimeout?: number | undefined;
  /** Bound on the DELETE sent by `close()`, in ms. Default {@link DEFAULT_CLOSE_TIMEOUT}. */
  closeTimeout?: number | undefined;
  /** Largest JSON body or event accepted, in bytes. Default {@link DEFAULT_MAX_MESSAGE_SIZE}. */
  maxMessageSize?: number | undefined;
  /** Backoff of GET-stream reconnects and stream resumption (when the server gave no `retry:`). Default core's 1 s doubling to 30 s. */
  backoff?: BackoffOptions | undefined;
  /** Attempts to resume a POST response stream that ended before its response. Default {@link DEFAULT_MAX_RESUME_ATTEMPTS}. */
  maxResumeAttempts?: number | undefined;
}

export const DEFAULT_HTTP_CONNECT_TIMEOUT = 10_000;
export const DEFAULT_CLOSE_TIMEOUT = 2_000;
export const DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;
export const DEFAULT_MAX_RESUME_ATTEMPTS = 5;
/** How long an idle keep-alive socket stays in the pool, in ms. */
export const KEEP_ALIVE_TIMEOUT = 30_000;
/** Same-origin redirects followed per request before giving up. */
export const MAX_REDIRECTS = 3;
