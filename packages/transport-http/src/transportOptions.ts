import type { BackoffOptions } from '@org/mcp-core';
import type { RemoteTransportOptions } from '@org/mcp-http';

/** Options of a {@link StreamableHttpTransport}. */
export interface StreamableHttpTransportOptions extends RemoteTransportOptions {
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
