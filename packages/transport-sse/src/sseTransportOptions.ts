import type { RemoteTransportOptions } from '@org/mcp-http';

/** Options of an {@link SSETransport}. */
export interface SSETransportOptions extends RemoteTransportOptions {
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
