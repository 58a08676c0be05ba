import {
  CoreErrorCode,
  HttpErrorCode,
  type JSONRPCMessage,
  type Logger,
  type MCPConnectionError,
  type MCPErrorCode,
  MCPTransportError,
  silentLogger,
  type Transport,
} from '@org/mcp-core';
import { describeUrl } from '@org/mcp-core/internal';
import { contentTypeOf, DEFAULT_MAX_MESSAGE_SIZE, HttpExchange, type HttpResponse } from '@org/mcp-http';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { resolveEndpoint } from './resolveEndpoint.js';
import {
  closedError,
  describeMessage,
  endpointMissing,
  eventTooLarge,
  invalidJson,
  streamLost,
} from './sseErrors.js';
import { DEFAULT_HEADERS_TIMEOUT, type SSETransportOptions } from './sseTransportOptions.js';
import { parseSseUrl } from './sseUrl.js';

/** Settles start() once the `endpoint` event arrives or the stream fails first. */
interface PendingStart {
  resolve: () => void;
  reject: (error: Error) => void;
  /** The stream's URL after redirects: a relative endpoint is resolved against it. */
  streamUrl: URL;
}

const STREAM_GET = 'the event-stream GET';
const STREAM_HEADERS = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
const POST_HEADERS = { 'content-type': 'application/json' };

/**
 * The legacy HTTP+SSE transport (MCP 2024-11-05): one GET event stream carries every message
 * from the server; the stream's first `endpoint` event names the URL each client message is
 * POSTed to, which must have the stream's origin.
 */
export class SSETransport implements Transport {
  /** The modern era (2026-07-28) has no HTTP+SSE transport: no server/discover probe here. */
  readonly handshakeOnly = true;
  onmessage?: (message: unknown) => void;
  onclose?: (reason?: Error) => void;
  onerror?: (error: Error) => void;

  private readonly url: URL;
  private readonly auth: SSETransportOptions['auth'];
  private readonly serverName: string;
  private readonly logger: Logger;
  /** Bound to the stream's origin, which the endpoint must share: a POST cannot go anywhere else. */
  private readonly exchange: HttpExchange;
  private readonly headersTimeout: number;
  private readonly maxMessageSize: number;
  /** Aborts the GET: by close(), or by start()'s signal until the endpoint is known. */
  private readonly stream = new AbortController();

  private started = false;
  private endpoint: URL | undefined;
  private pendingStart: PendingStart | undefined;
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: SSETransportOptions) {
    this.url = parseSseUrl(options.url, options.serverName);
    this.serverName = options.serverName ?? this.url.host;
    this.logger = options.logger ?? silentLogger;
    this.headersTimeout = options.headersTimeout ?? DEFAULT_HEADERS_TIMEOUT;
    this.maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    this.auth = options.auth;
    this.exchange = new HttpExchange({
      url: this.url,
      headers: options.headers,
      serverName: this.serverName,
      kind: 'SSE',
      auth: options.auth,
      connectTimeout: options.connectTimeout,
      keepAliveTimeout: options.keepAliveTimeout,
      network: options.network,
      logger: this.logger,
    });
  }

  /** While the auth provider waits for a person to log in, the protocol's deadlines wait too. */
  waitingForUser(): boolean {
    return this.auth?.waitingForUser?.() === true;
  }

  /** Opens the event stream and resolves once the server has named its POST endpoint. */
  async start(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (this.closing) throw this.closedError('start');
    if (this.started) throw this.closedError('start', CoreErrorCode.ALREADY_STARTED);
    this.started = true;
    const { signal } = options;
    signal?.throwIfAborted();
    const onAbort = () => this.stream.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.openStream();
      await this.readUntilEndpoint(response);
      this.logger.debug({ endpoint: describeUrl(this.endpoint!) }, 'stream open');
    } catch (error) {
      // Marked failed first, so the stream's end that the abort causes is not reported as a loss.
      this.failure ??= error as Error;
      this.stream.abort();
      throw signal?.aborted ? signal.reason : error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * POSTs one message to the endpoint; any 2xx means accepted (the answer comes on the stream).
   * The POST is bounded by `headersTimeout` and never aborted: once sent, a message cannot be
   * unsent, and core tells the server to cancel with `notifications/cancelled`.
   */
  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closing || this.failure) throw this.closedError(`send ${describeMessage(message)}`);
    const url = this.endpoint;
    if (url === undefined)
      throw this.closedError(`send ${describeMessage(message)}`, CoreErrorCode.TRANSPORT_NOT_STARTED);
    let response: HttpResponse;
    try {
      response = await this.exchange.request({
        method: 'POST',
        url,
        headers: POST_HEADERS,
        body: JSON.stringify(message),
        headersTimeout: this.headersTimeout,
        bodyTimeout: this.headersTimeout,
      });
    } catch (error) {
      throw this.closing ? this.closedError(`send ${describeMessage(message)}`) : error;
    }
    const { status } = response;
    if (status >= 200 && status < 300) {
      // Accepted: the rest of the body is drained in the background so the socket returns to the pool.
      response.body.dump().catch(() => {});
      return;
    }
    throw await this.exchange.statusError(response, describeMessage(message));
  }

  /** The stream is open and the endpoint known. */
  isAlive(): boolean {
    return this.endpoint !== undefined && !this.failure && !this.closing;
  }

  /** Idempotent: ends the stream and every POST, closes the pool. No onclose: the caller knows. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.pendingStart?.reject(this.closedError('start'));
    this.pendingStart = undefined;
    this.stream.abort();
    await this.exchange.close();
  }

  /** GETs the event stream; bodyTimeout 0, since it may rightly stay silent for hours: only its headers are bounded. */
  private async openStream(): Promise<HttpResponse> {
    let response: HttpResponse;
    try {
      response = await this.exchange.request({
        method: 'GET',
        headers: STREAM_HEADERS,
        signal: this.stream.signal,
        headersTimeout: this.headersTimeout,
      });
    } catch (error) {
      throw this.closing ? this.closedError('open the event stream') : error;
    }
    const { status } = response;
    if (status < 200 || status >= 300) throw await this.exchange.statusError(response, STREAM_GET);
    if (contentTypeOf(response.headers) !== 'text/event-stream') {
      const { message } = await this.exchange.contentTypeError(response, STREAM_GET, 'text/event-stream');
      // HTTP_STATUS, as this transport has always reported it: callers match on that code.
      throw new MCPTransportError(HttpErrorCode.HTTP_STATUS, message, {
        serverName: this.serverName,
        status,
      });
    }
    return response;
  }

  /** Starts reading the stream for good; resolves at the `endpoint` event. */
  private readUntilEndpoint({ body, url }: HttpResponse): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pendingStart = { resolve, reject, streamUrl: url };
      const parser = createParser({
        maxBufferSize: this.maxMessageSize,
        onEvent: (event) => this.onEvent(event),
        onError: (error) => {
          if (error.type === 'max-buffer-size-exceeded') this.tooLarge();
        },
      });
      // undici's body ignores setEncoding; a streaming decoder keeps characters split across chunks whole.
      const decoder = new TextDecoder();
      body.on('data', (chunk: Buffer) => {
        try {
          parser.feed(decoder.decode(chunk, { stream: true }));
        } catch (error) {
          // A throwing onmessage must not become an uncaught exception in a stream callback.
          this.onerror?.(error as Error);
        }
      });
      body.once('end', () => this.streamEnded(undefined));
      body.once('error', (error) => this.streamEnded(error));
    });
  }

  /** An event over the limit drops the connection: skipping it could leave a request unanswered forever. */
  private tooLarge(): void {
    this.streamEnded(eventTooLarge(this.serverName, this.maxMessageSize));
    this.stream.abort();
  }

  private onEvent(event: EventSourceMessage): void {
    if (this.failure) return;
    if (event.data.length > this.maxMessageSize) {
      this.tooLarge();
      return;
    }
    if (event.event === 'endpoint') {
      this.onEndpoint(event.data);
      return;
    }
    if ((event.event !== undefined && event.event !== 'message') || !event.data) return;
    let message: unknown;
    try {
      message = JSON.parse(event.data);
    } catch (cause) {
      this.onerror?.(invalidJson(this.serverName, cause));
      return;
    }
    this.onmessage?.(message);
  }

  /** Takes the first `endpoint` event: resolved against the stream URL, refused on another origin. */
  private onEndpoint(data: string): void {
    const pending = this.pendingStart;
    if (!pending) {
      this.logger.debug('ignored a repeated endpoint event');
      return;
    }
    this.pendingStart = undefined;
    try {
      this.endpoint = resolveEndpoint(data, pending.streamUrl, this.serverName);
    } catch (error) {
      pending.reject(error as Error);
      return;
    }
    pending.resolve();
  }

  /** The stream ended or failed: before the endpoint that fails start(); after, the connection is lost. */
  private streamEnded(error: Error | undefined): void {
    if (this.closing || this.failure) return;
    const pending = this.pendingStart;
    if (pending) {
      this.pendingStart = undefined;
      this.failure = endpointMissing(this.serverName, this.url, error);
      pending.reject(this.failure);
      return;
    }
    this.failure = streamLost(this.serverName, error);
    this.logger.debug({ err: this.failure }, 'stream lost');
    this.onclose?.(this.failure);
  }

  private closedError(what: string, code?: MCPErrorCode): MCPConnectionError {
    return closedError(this.serverName, what, this.failure, code);
  }
}
