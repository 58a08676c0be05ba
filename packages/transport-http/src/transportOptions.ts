import type { BackoffOptions, Logger } from '@org/mcp-core';
import type { HttpAuthProvider } from '@org/mcp-http';

/** Options of a {@link StreamableHttpTransport}. */
export interface StreamableHttpTransportOptions {
  /** The MCP endpoint, e.g. `https://api.example.com/mcp`. */
  url: string | URL;
  /** Sent on every request (`Authorization` and the like). Values are secrets: never logged. */
  headers?: Record<string, string> | undefined;
  /** Adds credentials to every request and decides whether a 401/403 is retried once (`@org/mcp-http`). */
  auth?: HttpAuthProvider | undefined;
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

export const DEFAULT_CLOSE_TIMEOUT = 2_000;
export const DEFAULT_MAX_RESUME_ATTEMPTS = 5;
