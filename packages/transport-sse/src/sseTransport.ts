import type { Readable } from 'node:stream';
import {
  CoreErrorCode,
  HttpErrorCode,
  type JSONRPCMessage,
  type Logger,
  MCPConnectionError,
  type MCPErrorCode,
  MCPTransportError,
  SseErrorCode,
  silentLogger,
  type Transport,
} from '@org/mcp-core';
import { bodySnippet, describeUrl, readBodyText, secretsOf } from '@org/mcp-core/internal';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { type Dispatcher, Pool } from 'undici';
import {
  DEFAULT_HEADERS_TIMEOUT,
  DEFAULT_HTTP_CONNECT_TIMEOUT,
  DEFAULT_KEEP_ALIVE_TIMEOUT,
  DEFAULT_MAX_MESSAGE_SIZE,
  type SSETransportOptions,
} from './sseTransportOptions.js';
import { parseSseUrl } from './sseUrl.js';

type Headers = Record<string, string>;

/** Settles start() once the `endpoint` event arrives or the stream fails first. */
interface PendingStart {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The legacy HTTP+SSE transport (MCP 2024-11-05): one GET event stream carries every message
 * from the server; the stream's first `endpoint` event names the URL each client message is
 * POSTed to, which must have the stream's origin.
 */
export class SSETransport implements Transport {
  onmessage?: (message: unknown) => void;
  onclose?: (reason?: Error) => void;
  onerror?: (error: Error) => void;
  /** The stateless era (2026-07-28) has no HTTP+SSE transport: no server/discover probe here. */
  readonly handshakeOnly = true;

  private readonly url: URL;
  private readonly streamPath: string;
  private readonly serverName: string;
  private readonly logger: Logger;
  /** One origin only, since the endpoint must share the stream's: a POST cannot go anywhere else. */
  private readonly pool: Pool;
  private readonly streamHeaders: Headers;
  private readonly postHeaders: Headers;
  private readonly secrets: string[];
  private readonly headersTimeout: number;
  private readonly maxMessageSize: number;
  /** Aborts the GET: by close(), or by start()'s signal until the endpoint is known. */
  private readonly stream = new AbortController();

  private started = false;
  private endpointPath: string | undefined;
  private pendingStart: PendingStart | undefined;
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: SSETransportOptions) {
    this.url = parseSseUrl(options.url, options.serverName);
    this.streamPath = `${this.url.pathname}${this.url.search}`;
    this.serverName = options.serverName ?? this.url.host;
    this.logger = options.logger ?? silentLogger;
    this.headersTimeout = options.headersTimeout ?? DEFAULT_HEADERS_TIMEOUT;
    this.maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    const configured: Headers = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) configured[name.toLowerCase()] = value;
    this.secrets = secretsOf(configured);
    this.streamHeaders = { ...configured, accept: 'text/event-stream', 'cache-control': 'no-cache' };
    this.postHeaders = { ...configured, 'content-type': 'application/json' };
    // bodyTimeout 0: an event stream may rightly stay silent for hours; only its headers are bounded.
    // POSTs set their own body bound per request.
    this.pool = new Pool(this.url.origin, {
      connect: { timeout: options.connectTimeout ?? DEFAULT_HTTP_CONNECT_TIMEOUT },
      headersTimeout: this.headersTimeout,
      bodyTimeout: 0,
      keepAliveTimeout: options.keepAliveTimeout ?? DEFAULT_KEEP_ALIVE_TIMEOUT,
    });
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
      await this.readUntilEndpoint(response.body);
      this.logger.debug({ endpoint: describeUrl(new URL(this.endpointPath ?? '', this.url)) }, 'stream open');
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
    const path = this.endpointPath;
    if (path === undefined)
      throw this.closedError(`send ${describeMessage(message)}`, CoreErrorCode.TRANSPORT_NOT_STARTED);
    let response: Dispatcher.ResponseData;
    try {
      response = await this.pool.request({
        path,
        method: 'POST',
        headers: this.postHeaders,
        body: JSON.stringify(message),
        bodyTimeout: this.headersTimeout,
      });
    } catch (error) {
      throw this.requestFailed(error, `send ${describeMessage(message)}`);
    }
    const status = response.statusCode;
    if (status >= 200 && status < 300) {
      // Accepted: the rest of the body is drained in the background so the socket returns to the pool.
      response.body.dump().catch(() => {});
      return;
    }
    throw await this.statusError(response, describeMessage(message));
  }

  /** The stream is open and the endpoint known. */
  isAlive(): boolean {
    return this.endpointPath !== undefined && !this.failure && !this.closing;
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
    await this.pool.destroy().catch(() => {});
  }

  private async openStream(): Promise<Dispatcher.ResponseData> {
    let response: Dispatcher.ResponseData;
    try {
      response = await this.pool.request({
        path: this.streamPath,
        method: 'GET',
        headers: this.streamHeaders,
        signal: this.stream.signal,
      });
    } catch (error) {
      throw this.requestFailed(error, 'open the event stream');
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw await this.statusError(response, 'the event-stream GET');
    }
    const type = String(response.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase();
    if (type !== 'text/event-stream') {
      const snippet = bodySnippet(await readBodyText(response.body), this.secrets);
      throw new MCPTransportError(
        HttpErrorCode.HTTP_STATUS,
        `Server "${this.serverName}" answered the event-stream GET to ${describeUrl(this.url)} with HTTP ${response.statusCode} and content type "${type || 'none'}", not text/event-stream${snippet ? `: ${snippet}` : ''}. Check that the URL is an MCP SSE endpoint (often ending in /sse).`,
        { serverName: this.serverName, status: response.statusCode },
      );
    }
    return response;
  }

  /** Starts reading the stream for good; resolves at the `endpoint` event. */
  private readUntilEndpoint(body: Readable): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pendingStart = { resolve, reject };
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
    this.streamEnded(
      new MCPTransportError(
        CoreErrorCode.MESSAGE_TOO_LARGE,
        `an event larger than ${this.maxMessageSize} characters arrived (raise maxMessageSize if such messages are expected)`,
        { serverName: this.serverName },
      ),
    );
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
      this.onerror?.(
        new MCPTransportError(
          CoreErrorCode.INVALID_JSON,
          `Server "${this.serverName}" sent a message event whose data is not JSON; it was skipped.`,
          { serverName: this.serverName, cause },
        ),
      );
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
    let endpoint: URL;
    try {
      endpoint = new URL(data.trim(), this.url);
    } catch (cause) {
      pending.reject(
        new MCPTransportError(
          SseErrorCode.INVALID_ENDPOINT,
          `Server "${this.serverName}" announced an endpoint that is not a URL. Check that ${describeUrl(this.url)} is an MCP SSE endpoint.`,
          { serverName: this.serverName, cause },
        ),
      );
      return;
    }
    if (endpoint.origin !== this.url.origin) {
      // A hostile or misconfigured server must not get our headers sent to another host.
      pending.reject(
        new MCPTransportError(
          SseErrorCode.ENDPOINT_ORIGIN_MISMATCH,
          `Server "${this.serverName}" announced a message endpoint on ${endpoint.origin}, not on the stream's origin ${this.url.origin}; refused, so no credentials were sent there. Check the server's public URL configuration.`,
          { serverName: this.serverName },
        ),
      );
      return;
    }
    this.endpointPath = `${endpoint.pathname}${endpoint.search}`;
    pending.resolve();
  }

  /** The stream ended or failed: before the endpoint that fails start(); after, the connection is lost. */
  private streamEnded(error: Error | undefined): void {
    if (this.closing || this.failure) return;
    const pending = this.pendingStart;
    if (pending) {
      this.pendingStart = undefined;
      this.failure = new MCPConnectionError(
        SseErrorCode.ENDPOINT_MISSING,
        `Server "${this.serverName}" ${error ? `dropped its event stream (${error.message})` : 'closed its event stream'} before announcing a message endpoint. Check that ${describeUrl(this.url)} is an MCP SSE endpoint.`,
        { serverName: this.serverName, cause: error },
      );
      pending.reject(this.failure);
      return;
    }
    this.failure = new MCPConnectionError(
      HttpErrorCode.STREAM_LOST,
      `The event stream of server "${this.serverName}" ${error ? `failed: ${error.message}` : 'was closed by the server'}. Pending requests were rejected; connect again to continue.`,
      { serverName: this.serverName, cause: error },
    );
    this.logger.debug({ err: this.failure }, 'stream lost');
    this.onclose?.(this.failure);
  }

  private async statusError(response: Dispatcher.ResponseData, what: string): Promise<MCPTransportError> {
    const status = response.statusCode;
    const snippet = bodySnippet(await readBodyText(response.body), this.secrets);
    const hint =
      status === 401 || status === 403
        ? 'Check the credentials in the configured headers.'
        : status === 404
          ? 'Check the URL; the server may also have forgotten this session.'
          : "Check the server's logs.";
    return new MCPTransportError(
      HttpErrorCode.HTTP_STATUS,
      `Server "${this.serverName}" answered ${what} with HTTP ${status}${snippet ? `: ${snippet}` : ''}. ${hint}`,
      { serverName: this.serverName, status },
    );
  }

  private requestFailed(error: unknown, what: string): Error {
    if (this.closing) return this.closedError(what);
    const reason = error instanceof Error ? error.message : String(error);
    return new MCPTransportError(
      HttpErrorCode.HTTP_REQUEST_FAILED,
      `Could not ${what} on server "${this.serverName}" (${describeUrl(this.url)}): ${reason}. Check that the server is running and reachable.`,
      { serverName: this.serverName, cause: error },
    );
  }

  private closedError(what: string, code: MCPErrorCode = CoreErrorCode.TRANSPORT_CLOSED): MCPConnectionError {
    const state =
      code === CoreErrorCode.TRANSPORT_NOT_STARTED
        ? 'not started'
        : code === CoreErrorCode.ALREADY_STARTED
          ? 'already started'
          : 'closed';
    return new MCPConnectionError(
      code,
      `Cannot ${what}: the SSE transport of server "${this.serverName}" is ${state}.`,
      { serverName: this.serverName, cause: this.failure },
    );
  }
}

/** A message as named in errors: its method, or "a response". */
function describeMessage(message: JSONRPCMessage): string {
  return 'method' in message ? `"${message.method}"` : 'a response';
}
