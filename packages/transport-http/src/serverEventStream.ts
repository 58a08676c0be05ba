import { type BackoffOptions, calculateBackoff, type Logger } from '@org/mcp-core';
import { sleep } from '@org/mcp-core/internal';
import { contentTypeOf, type HttpExchange } from '@org/mcp-http';
import type { HttpSession } from './httpSession.js';
import { readEventStream } from './readEventStream.js';

export interface ServerEventStreamOptions {
  exchange: HttpExchange;
  session: HttpSession;
  logger: Logger;
  maxMessageSize: number;
  /** Bound on the wait for the GET's response headers, in ms. */
  requestTimeout: number;
  backoff: BackoffOptions | undefined;
  /** Whether the transport may still open a stream (not closing, not failed). */
  isOpen: () => boolean;
  deliver: (message: unknown) => void;
  report: (error: Error) => void;
}

/**
 * The GET stream that carries server-initiated messages: reopened with backoff and
 * `Last-Event-ID` when it drops, given up on 405 (or another client error), and a 404 there
 * re-establishes the session first.
 */
export class ServerEventStream {
  private current: AbortController | undefined;

  constructor(private readonly options: ServerEventStreamOptions) {}

  /** Opens the stream unless it is open already. */
  open(): void {
    if (this.current || !this.options.isOpen()) return;
    const controller = new AbortController();
    this.current = controller;
    void this.run(controller.signal).finally(() => {
      if (this.current === controller) this.current = undefined;
    });
  }

  stop(): void {
    this.current?.abort();
    this.current = undefined;
  }

  private async run(signal: AbortSignal): Promise<void> {
    const { exchange, session, logger } = this.options;
    let attempt = 0;
    let lastEventId: string | undefined;
    let retry: number | undefined;
    const handlers = {
      onMessage: (message: unknown) => this.options.deliver(message),
      onId: (id: string) => {
        lastEventId = id;
      },
      onRetry: (delay: number) => {
        retry = delay;
      },
      onInvalid: (error: Error) => this.options.report(error),
    };
    // Requests made right after connect (a tools/list, say) go first and take the warm keep-alive
    // connection; the long-lived GET waits one turn of the event loop and opens a connection of its own.
    await new Promise((resolve) => setImmediate(resolve));
    while (!signal.aborted) {
      try {
        const sessionId = session.id;
        const response = await exchange.request({
          method: 'GET',
          headers: lastEventId
            ? { ...session.eventStreamHeaders, 'last-event-id': lastEventId }
            : session.eventStreamHeaders,
          signal,
          headersTimeout: this.options.requestTimeout,
        });
        const { status } = response;
        if (status === 405) {
          await response.body.dump();
          logger.debug('server offers no GET stream (405)');
          return;
        }
        if (status === 404 && sessionId !== undefined) {
          await response.body.dump();
          // Recovery reopens the stream with the new session.
          if (this.current?.signal === signal) this.current = undefined;
          session.recover(sessionId).then(
            () => this.open(),
            () => {},
          );
          return;
        }
        if (status < 200 || status >= 300) {
          const error = await exchange.statusError(response, 'the GET stream');
          // A client error other than throttling will not change by retrying.
          if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
            this.options.report(error);
            return;
          }
          throw error;
        }
        if (contentTypeOf(response.headers) !== 'text/event-stream') {
          // Server-initiated messages are off, not the connection.
          this.options.report(
            await exchange.contentTypeError(response, 'the GET stream', 'text/event-stream'),
          );
          return;
        }
        attempt = 0;
        await readEventStream(response.body, handlers, {
          maxMessageSize: this.options.maxMessageSize,
          serverName: exchange.serverName,
        });
        logger.debug('GET stream ended; reconnecting');
      } catch (error) {
        if (signal.aborted) return;
        this.options.report(exchange.requestFailed(error, 'The GET stream'));
      }
      try {
        await sleep(retry ?? calculateBackoff(attempt++, this.options.backoff), signal);
      } catch {
        return;
      }
    }
  }
}
