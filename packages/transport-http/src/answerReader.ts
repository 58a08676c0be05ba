import {
  type BackoffOptions,
  calculateBackoff,
  HttpErrorCode,
  type Logger,
  MCPError,
  MCPTransportError,
  type RequestId,
} from '@org/mcp-core';
import { sleep } from '@org/mcp-core/internal';
import {
  contentTypeOf,
  type HttpExchange,
  type HttpResponse,
  RequestAbort,
  readBodyText,
  readJsonBody,
} from '@org/mcp-http';
import type { HttpSession } from './httpSession.js';
import { isResponseTo } from './isResponseTo.js';
import { jsonRpcErrorOf } from './jsonRpcErrorOf.js';
import { readEventStream } from './readEventStream.js';

/** One POSTed request whose answer is awaited. */
export interface PendingAnswer {
  id: RequestId;
  method: string;
  signal: AbortSignal | RequestAbort | undefined;
  /** Where each message of the answer goes. */
  deliver: (message: unknown) => void;
}

export interface AnswerReaderOptions {
  exchange: HttpExchange;
  session: HttpSession;
  logger: Logger;
  maxMessageSize: number;
  maxResumeAttempts: number;
  backoff: BackoffOptions | undefined;
  /** Bound on a resumption GET without a request signal, in ms. */
  requestTimeout: number;
  /** Aborted when the transport closes: ends a resumption's wait. */
  lifetime: AbortSignal;
  report: (error: Error) => void;
}

/**
 * Reads the answer to a POSTed request: one JSON message (or batch), or an event stream that
 * ends with the response and is resumed with GET + `Last-Event-ID` when it drops before it.
 */
export class AnswerReader {
  constructor(private readonly options: AnswerReaderOptions) {}

  async read(response: HttpResponse, pending: PendingAnswer): Promise<void> {
    const { exchange } = this.options;
    const { status } = response;
    const type = contentTypeOf(response.headers);
    if (status < 200 || status >= 300) {
      // A modern-era server answers 400/404 with a JSON-RPC error to the request (unsupported
      // version, unknown method): that is the server's answer, delivered so the caller sees the code.
      if ((status === 400 || status === 404) && type === 'application/json') {
        const text = await readBodyText(response.body);
        if (jsonRpcErrorOf(text)?.id === pending.id) {
          pending.deliver(JSON.parse(text));
          return;
        }
        throw await exchange.statusError(response, `"${pending.method}"`, text);
      }
      throw await exchange.statusError(response, `"${pending.method}"`);
    }
    if (pending.method === 'initialize') this.options.session.adopt(response.headers['mcp-session-id']);
    if (type === 'application/json') {
      const message = await readJsonBody(response.body, {
        maxMessageSize: this.options.maxMessageSize,
        serverName: exchange.serverName,
        method: pending.method,
      });
      pending.deliver(message);
      return;
    }
    if (type === 'text/event-stream') {
      await this.readStream(response.body, pending);
      return;
    }
    throw await exchange.contentTypeError(
      response,
      `"${pending.method}"`,
      'application/json or text/event-stream',
    );
  }

  /**
   * Reads a POST's event stream until the response arrives. A stream that drops after event
   * ids but before the response is resumed with GET + Last-Event-ID, after the server's
   * `retry:` delay (else the backoff).
   */
  private async readStream(body: AsyncIterable<Uint8Array>, pending: PendingAnswer): Promise<void> {
    const { exchange, lifetime } = this.options;
    let answered = false;
    let lastEventId: string | undefined;
    let retry: number | undefined;
    const handlers = {
      onMessage: (message: unknown) => {
        if (isResponseTo(message, pending.id)) answered = true;
        pending.deliver(message);
      },
      onId: (id: string) => {
        lastEventId = id;
      },
      onRetry: (delay: number) => {
        retry = delay;
      },
      onInvalid: (error: Error) => this.options.report(error),
    };
    const read = async (stream: AsyncIterable<Uint8Array>) => {
      try {
        await readEventStream(stream, handlers, {
          maxMessageSize: this.options.maxMessageSize,
          serverName: exchange.serverName,
        });
      } catch (error) {
        // A dropped connection is resumable; an oversize event, an abort or our close are not.
        if (pending.signal?.aborted || lifetime.aborted) throw pending.signal?.reason ?? error;
        if (error instanceof MCPError || lastEventId === undefined) {
          throw exchange.requestFailed(error, `The response stream of "${pending.method}"`);
        }
        this.options.logger.debug(
          { err: error, method: pending.method },
          'response stream dropped; resuming',
        );
      }
    };
    await read(body);
    let attempt = 0;
    while (!answered) {
      if (lastEventId === undefined || attempt >= this.options.maxResumeAttempts) {
        throw new MCPTransportError(
          HttpErrorCode.STREAM_ENDED,
          `Server "${exchange.serverName}" ended the response stream of "${pending.method}" before sending the response${lastEventId === undefined ? '' : ` (${attempt} resume attempts failed)`}. Retry the request.`,
          { serverName: exchange.serverName },
        );
      }
      const own = pending.signal instanceof RequestAbort ? pending.signal.toSignal() : pending.signal;
      await sleep(
        retry ?? calculateBackoff(attempt, this.options.backoff),
        own ? AbortSignal.any([own, lifetime]) : lifetime,
      );
      attempt++;
      const cursor: string = lastEventId;
      const response = await exchange.request({
        method: 'GET',
        headers: { ...this.options.session.eventStreamHeaders, 'last-event-id': cursor },
        signal: pending.signal,
        headersTimeout: pending.signal ? 0 : this.options.requestTimeout,
      });
      if (response.status < 200 || response.status >= 300) {
        throw await exchange.statusError(response, `"${pending.method}" (resuming)`);
      }
      if (contentTypeOf(response.headers) !== 'text/event-stream') {
        await response.body.dump();
        continue;
      }
      await read(response.body);
      if (lastEventId !== cursor) attempt = 0;
    }
  }
}
