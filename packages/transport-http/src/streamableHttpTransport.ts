import {
  type BackoffOptions,
  CoreErrorCode,
  calculateBackoff,
  DEFAULT_REQUEST_TIMEOUT,
  HttpErrorCode,
  type JSONRPCMessage,
  type Logger,
  MCPConnectionError,
  MCPError,
  MCPTransportError,
  type RequestId,
  silentLogger,
  type Transport,
  type TransportSendOptions,
} from '@org/mcp-core';
import { bodySnippet, describeUrl, eraOf, readBodyText, secretsOf, sleep } from '@org/mcp-core/internal';
import { Agent, type Dispatcher } from 'undici';
import { parseEndpoint } from './endpoint.js';
import { jsonRpcErrorOf } from './jsonRpcErrorOf.js';
import { modernRequestHeaders } from './modernHeaders.js';
import { readEventStream } from './readEventStream.js';
import { readJsonBody } from './readJsonBody.js';
import { RequestAbort } from './requestAbort.js';
import { ToolParamHeaders } from './toolParamHeaders.js';
import {
  DEFAULT_CLOSE_TIMEOUT,
  DEFAULT_HTTP_CONNECT_TIMEOUT,
  DEFAULT_MAX_MESSAGE_SIZE,
  DEFAULT_MAX_RESUME_ATTEMPTS,
  KEEP_ALIVE_TIMEOUT,
  MAX_REDIRECTS,
  type StreamableHttpTransportOptions,
} from './transportOptions.js';

type Headers = Record<string, string>;
type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** What bounds an exchange: a request's own abort, or the transport's lifetime. */
type Abortable = AbortSignal | RequestAbort;

interface HttpCall {
  headers: Headers;
  body?: string;
  signal?: Abortable | undefined;
  /** Bound on waiting for the status line and on body silence; 0 = unbounded (a signal bounds it). */
  timeout: number;
}

/** How one POSTed request's answer is handled. */
interface Exchange {
  id: RequestId;
  method: string;
  signal: Abortable | undefined;
  /** Where each message of the answer goes. */
  deliver: (message: unknown) => void;
}

const ACCEPT_BOTH = 'application/json, text/event-stream';
const SESSION_HEADER = 'mcp-session-id';
const VERSION_HEADER = 'mcp-protocol-version';
const REDIRECT_STATUSES = new Set([301, 302, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);
/** Visible ASCII, as the spec requires of a session id. */
const SESSION_ID_PATTERN = /^[\x21-\x7e]+$/;

/**
 * The Streamable HTTP transport (MCP 2025-03-26 and later): every message is a POST whose
 * answer is JSON or an event stream, an optional GET stream carries server-initiated messages,
 * the session id is kept and re-established once when the server forgets it.
 */
export class StreamableHttpTransport implements Transport {
  onmessage?: (message: unknown) => void;
  onclose?: (reason?: Error) => void;
  onerror?: (error: Error) => void;
  /** In the stateless era, closing a request's response stream is its cancellation. */
  readonly cancelsByAbort = true;

  private endpoint: URL;
  private readonly serverName: string;
  private readonly logger: Logger;
  private readonly agent: Agent;
  private readonly configHeaders: Headers;
  private readonly secrets: string[];
  private readonly requestTimeout: number;
  private readonly closeTimeout: number;
  private readonly maxMessageSize: number;
  private readonly maxResumeAttempts: number;
  private readonly backoff: BackoffOptions | undefined;
  /** Aborted by close(): ends sleeps and background streams. */
  private readonly lifetime = new AbortController();
  private readonly toolParamHeaders: ToolParamHeaders;
  /** What aborts each request's POST, by wire id, while it is in flight. */
  private readonly inflight = new Map<RequestId, RequestAbort>();

  private sessionId: string | undefined;
  private protocolVersion: string | undefined;
  private initHeaders: Headers;
  private postHeaders: Headers;
  private getHeaders: Headers;
  private deleteHeaders: Headers;
  /** Kept to re-run the handshake when the session expires. */
  private initializeMessage: JSONRPCMessage | undefined;
  private initializedMessage: JSONRPCMessage | undefined;
  private recovering: Promise<void> | undefined;
  private reinitializations = 0;
  private getStream: AbortController | undefined;
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: StreamableHttpTransportOptions) {
    this.endpoint = parseEndpoint(options.url, options.serverName);
    this.serverName = options.serverName ?? this.endpoint.host;
    this.logger = options.logger ?? silentLogger;
    this.toolParamHeaders = new ToolParamHeaders(this.logger);
    this.requestTimeout = options.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT;
    this.closeTimeout = options.closeTimeout ?? DEFAULT_CLOSE_TIMEOUT;
    this.maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    this.maxResumeAttempts = options.maxResumeAttempts ?? DEFAULT_MAX_RESUME_ATTEMPTS;
    this.backoff = options.backoff;
    this.configHeaders = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      this.configHeaders[name.toLowerCase()] = value;
    }
    this.secrets = secretsOf(this.configHeaders);
    // Timeouts are per request (a signal or explicit bounds), so an idle event stream never dies.
    this.agent = new Agent({
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT,
      connect: { timeout: options.connectTimeout ?? DEFAULT_HTTP_CONNECT_TIMEOUT },
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    this.initHeaders = { ...this.configHeaders, 'content-type': 'application/json', accept: ACCEPT_BOTH };
    this.postHeaders = this.initHeaders;
    this.getHeaders = { ...this.configHeaders, accept: 'text/event-stream' };
    this.deleteHeaders = this.configHeaders;
  }

  async start(options: { signal?: AbortSignal } = {}): Promise<void> {
    options.signal?.throwIfAborted();
    if (this.closing) throw this.closedError('start');
  }

  async send(message: JSONRPCMessage, options: TransportSendOptions = {}): Promise<void> {
    if (this.closing || this.failure) throw this.closedError(`send "${methodOf(message)}"`);
    if ('method' in message) {
      if (message.method === 'initialize' && 'id' in message) this.initializeMessage = message;
      else if (message.method === 'notifications/initialized') this.initializedMessage = message;
    }
    if (!('id' in message) || !('method' in message)) {
      if (this.recovering) await this.recovering;
      return this.post(message, undefined, true);
    }
    const id = options.requestId ?? message.id;
    const abort = new RequestAbort();
    this.inflight.set(id, abort);
    try {
      if (this.recovering) await this.recovering;
      await this.post(message, abort, true);
    } finally {
      this.inflight.delete(id);
    }
  }

  /** The request timed out or was cancelled: its POST is aborted (in the stateless era, that is the cancel). */
  abortRequest(requestId: RequestId, reason: Error): void {
    this.inflight.get(requestId)?.abort(reason);
  }

  /** The version is agreed: put it on every request and, in the handshake era, open the GET stream. */
  setProtocolVersion(version: string): void {
    this.protocolVersion = version;
    this.rebuildHeaders();
    // The stateless era has no GET stream; `subscriptions/listen` replaces it.
    if (eraOf(version) !== 'modern') this.startGetStream();
  }

  isAlive(): boolean {
    return !this.closing && !this.failure;
  }

  /** Idempotent: DELETE the session (bounded, errors ignored), end every stream, close the pool. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.stopGetStream();
    this.lifetime.abort(this.closedError('continue'));
    if (this.sessionId !== undefined && !this.failure) {
      try {
        const response = await this.http('DELETE', {
          headers: this.deleteHeaders,
          signal: AbortSignal.timeout(this.closeTimeout),
          timeout: this.closeTimeout,
        });
        await response.body.dump();
        this.logger.debug({ status: response.statusCode }, 'session deleted');
      } catch (error) {
        this.logger.debug({ err: error }, 'could not delete the session');
      }
    }
    await this.agent.destroy().catch(() => {});
  }

  /** POSTs one message; for a request, delivers its answer. Recovers an expired session once. */
  private async post(
    message: JSONRPCMessage,
    signal: RequestAbort | undefined,
    mayRecover: boolean,
  ): Promise<void> {
    const method = methodOf(message);
    const isInitialize = method === 'initialize';
    const sessionId = isInitialize ? undefined : this.sessionId;
    let headers = isInitialize ? this.initHeaders : this.postHeaders;
    let deliver = (m: unknown) => this.deliver(m);
    if ('id' in message && 'method' in message) {
      const modern = modernRequestHeaders(method, message.params);
      if (modern) {
        const params = method === 'tools/call' ? this.toolParamHeaders.headersFor(message.params) : undefined;
        headers = { ...headers, ...modern, ...params };
        if (method === 'tools/list') deliver = (m) => this.deliver(this.toolParamHeaders.screen(m));
      }
    }
    const response = await this.http('POST', {
      headers,
      body: JSON.stringify(message),
      signal,
      timeout: signal ? 0 : this.requestTimeout,
    });
    if (response.statusCode === 404 && sessionId !== undefined && mayRecover) {
      await response.body.dump();
      this.logger.info({ method }, 'session expired (404); re-initializing');
      await this.recoverSession(sessionId);
      return this.post(message, signal, false);
    }
    if (!('id' in message) || !('method' in message)) {
      await this.expectAccepted(response, method);
      return;
    }
    await this.readAnswer(response, {
      id: message.id,
      method,
      signal,
      deliver,
    });
    if (isInitialize) this.logger.debug({ session: this.sessionId !== undefined }, 'initialize answered');
  }

  /** A notification or response was POSTed: 202 (or any 2xx) with nothing to read. */
  private async expectAccepted(response: Dispatcher.ResponseData, method: string): Promise<void> {
    if (response.statusCode < 200 || response.statusCode >= 300)
      throw await this.statusError(response, method);
    await response.body.dump();
  }

  /** Reads a request's answer: one JSON message (or batch), or an event stream ending with the response. */
  private async readAnswer(response: Dispatcher.ResponseData, exchange: Exchange): Promise<void> {
    const status = response.statusCode;
    const type = contentType(response.headers['content-type']);
    if (status < 200 || status >= 300) {
      // A stateless-era server answers 400/404 with a JSON-RPC error to the request (unsupported
      // version, unknown method): that is the server's answer, delivered so the caller sees the code.
      if ((status === 400 || status === 404) && type === 'application/json') {
        const text = await readBodyText(response.body);
        if (jsonRpcErrorOf(text)?.id === exchange.id) {
          exchange.deliver(JSON.parse(text));
          return;
        }
        throw this.statusErrorFrom(status, text, exchange.method);
      }
      throw await this.statusError(response, exchange.method);
    }
    if (exchange.method === 'initialize') this.adoptSession(response.headers[SESSION_HEADER]);
    if (type === 'application/json') {
      const message = await readJsonBody(response.body, {
        maxMessageSize: this.maxMessageSize,
        serverName: this.serverName,
        method: exchange.method,
      });
      exchange.deliver(message);
      return;
    }
    if (type === 'text/event-stream') {
      await this.readAnswerStream(response.body, exchange);
      return;
    }
    await response.body.dump();
    throw new MCPTransportError(
      HttpErrorCode.HTTP_CONTENT_TYPE,
      `Server "${this.serverName}" answered "${exchange.method}" with HTTP ${status} and content type "${type || 'none'}"; expected application/json or text/event-stream. Check that ${describeUrl(this.endpoint)} is an MCP Streamable HTTP endpoint.`,
      { serverName: this.serverName, status },
    );
  }

  /**
   * Reads a POST's event stream until the response arrives. A stream that drops after event
   * ids but before the response is resumed with GET + Last-Event-ID, after the server's
   * `retry:` delay (else the backoff).
   */
  private async readAnswerStream(body: AsyncIterable<Uint8Array>, exchange: Exchange): Promise<void> {
    let answered = false;
    let lastEventId: string | undefined;
    let retry: number | undefined;
    const handlers = {
      onMessage: (message: unknown) => {
        if (isResponseTo(message, exchange.id)) answered = true;
        exchange.deliver(message);
      },
      onId: (id: string) => {
        lastEventId = id;
      },
      onRetry: (delay: number) => {
        retry = delay;
      },
      onInvalid: (error: Error) => this.report(error),
    };
    const read = async (stream: AsyncIterable<Uint8Array>) => {
      try {
        await readEventStream(stream, handlers, {
          maxMessageSize: this.maxMessageSize,
          serverName: this.serverName,
        });
      } catch (error) {
        // A dropped connection is resumable; an oversize event, an abort or our close are not.
        if (exchange.signal?.aborted || this.closing) throw exchange.signal?.reason ?? error;
        if (error instanceof MCPError || lastEventId === undefined) throw this.wrap(error, exchange.method);
        this.logger.debug({ err: error, method: exchange.method }, 'response stream dropped; resuming');
      }
    };
    await read(body);
    let attempt = 0;
    while (!answered) {
      if (lastEventId === undefined || attempt >= this.maxResumeAttempts) {
        throw new MCPTransportError(
          HttpErrorCode.STREAM_ENDED,
          `Server "${this.serverName}" ended the response stream of "${exchange.method}" before sending the response${lastEventId === undefined ? '' : ` (${attempt} resume attempts failed)`}. Retry the request.`,
          { serverName: this.serverName },
        );
      }
      const own = exchange.signal instanceof RequestAbort ? exchange.signal.toSignal() : exchange.signal;
      const signals = own ? [own, this.lifetime.signal] : [this.lifetime.signal];
      await sleep(retry ?? calculateBackoff(attempt, this.backoff), AbortSignal.any(signals));
      attempt++;
      const cursor: string = lastEventId;
      const response = await this.http('GET', {
        headers: { ...this.getHeaders, 'last-event-id': cursor },
        signal: exchange.signal,
        timeout: exchange.signal ? 0 : this.requestTimeout,
      });
      if (response.statusCode < 200 || response.statusCode >= 300) {
        throw await this.statusError(response, `${exchange.method} (resuming)`);
      }
      if (contentType(response.headers['content-type']) !== 'text/event-stream') {
        await response.body.dump();
        continue;
      }
      await read(response.body);
      if (lastEventId !== cursor) attempt = 0;
    }
  }

  /** Opens the GET stream for server-initiated messages; reconnects with backoff and Last-Event-ID. */
  private startGetStream(): void {
    if (this.getStream || this.closing || this.failure) return;
    const controller = new AbortController();
    this.getStream = controller;
    void this.runGetStream(controller.signal).finally(() => {
      if (this.getStream === controller) this.getStream = undefined;
    });
  }

  private stopGetStream(): void {
    this.getStream?.abort();
    this.getStream = undefined;
  }

  private async runGetStream(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    let lastEventId: string | undefined;
    let retry: number | undefined;
    const handlers = {
      onMessage: (message: unknown) => this.deliver(message),
      onId: (id: string) => {
        lastEventId = id;
      },
      onRetry: (delay: number) => {
        retry = delay;
      },
      onInvalid: (error: Error) => this.report(error),
    };
    // Requests made right after connect (a tools/list, say) go first and take the warm keep-alive
    // connection; the long-lived GET waits one turn of the event loop and opens a connection of its own.
    await new Promise((resolve) => setImmediate(resolve));
    while (!signal.aborted) {
      try {
        const sessionId = this.sessionId;
        const response = await this.http('GET', {
          headers: lastEventId ? { ...this.getHeaders, 'last-event-id': lastEventId } : this.getHeaders,
          signal,
          timeout: this.requestTimeout,
        });
        const status = response.statusCode;
        if (status === 405) {
          await response.body.dump();
          this.logger.debug('server offers no GET stream (405)');
          return;
        }
        if (status === 404 && sessionId !== undefined) {
          await response.body.dump();
          // Recovery reopens the stream with the new session.
          if (this.getStream?.signal === signal) this.getStream = undefined;
          this.recoverSession(sessionId).then(
            () => this.startGetStream(),
            () => {},
          );
          return;
        }
        if (status < 200 || status >= 300) {
          const error = await this.statusError(response, 'the GET stream');
          // A client error other than throttling will not change by retrying.
          if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
            this.report(error);
            return;
          }
          throw error;
        }
        if (contentType(response.headers['content-type']) !== 'text/event-stream') {
          await response.body.dump();
          this.report(
            new MCPTransportError(
              HttpErrorCode.HTTP_CONTENT_TYPE,
              `Server "${this.serverName}" answered the GET stream with a content type other than text/event-stream; server-initiated messages are off.`,
              { serverName: this.serverName, status },
            ),
          );
          return;
        }
        attempt = 0;
        await readEventStream(response.body, handlers, {
          maxMessageSize: this.maxMessageSize,
          serverName: this.serverName,
        });
        this.logger.debug('GET stream ended; reconnecting');
      } catch (error) {
        if (signal.aborted) return;
        this.report(this.wrap(error, 'the GET stream'));
      }
      try {
        await sleep(retry ?? calculateBackoff(attempt++, this.backoff), signal);
      } catch {
        return;
      }
    }
  }

  /** One recovery at a time; requests that hit the same stale session wait for it. */
  private recoverSession(staleId: string): Promise<void> {
    if (this.recovering) return this.recovering;
    if (this.sessionId !== staleId) return Promise.resolve();
    this.recovering = this.reinitialize().then(
      () => {
        this.recovering = undefined;
      },
      (cause) => {
        this.recovering = undefined;
        const error = new MCPConnectionError(
          HttpErrorCode.SESSION_LOST,
          `Server "${this.serverName}" ended the session and starting a new one failed: ${cause instanceof Error ? cause.message : String(cause)} Reconnect the client.`,
          { serverName: this.serverName, cause },
        );
        this.fail(error);
        throw error;
      },
    );
    return this.recovering;
  }

  /** Runs the handshake again with the messages core sent, consuming the initialize answer here. */
  private async reinitialize(): Promise<void> {
    const initialize = this.initializeMessage;
    if (!initialize || !('id' in initialize)) throw new Error('no initialize request was seen to repeat.');
    this.stopGetStream();
    const id = `reinitialize-${++this.reinitializations}`;
    let answer: unknown;
    await this.readAnswer(
      await this.http('POST', {
        headers: this.initHeaders,
        body: JSON.stringify({ ...initialize, id }),
        signal: this.lifetime.signal,
        timeout: this.requestTimeout,
      }),
      {
        id,
        method: 'initialize',
        signal: this.lifetime.signal,
        deliver: (message) => {
          if (isResponseTo(message, id)) answer = message;
          else this.deliver(message);
        },
      },
    );
    const error = (answer as { error?: { message?: string } } | undefined)?.error;
    if (!answer || error) throw new Error(`initialize was answered with ${error?.message ?? 'no response'}.`);
    if (this.initializedMessage) await this.post(this.initializedMessage, undefined, false);
    this.logger.info('session re-established');
    if (this.protocolVersion) this.startGetStream();
  }

  /** Takes the session id from an initialize answer; a new handshake replaces the old id. */
  private adoptSession(value: string | string[] | undefined): void {
    const id = Array.isArray(value) ? value[0] : value;
    if (id !== undefined && !SESSION_ID_PATTERN.test(id)) {
      throw new MCPTransportError(
        HttpErrorCode.INVALID_SESSION_ID,
        `Server "${this.serverName}" sent a session id with characters outside visible ASCII.`,
        { serverName: this.serverName },
      );
    }
    this.sessionId = id;
    this.rebuildHeaders();
  }

  private rebuildHeaders(): void {
    const common: Headers = { ...this.configHeaders };
    if (this.sessionId !== undefined) common[SESSION_HEADER] = this.sessionId;
    if (this.protocolVersion !== undefined) common[VERSION_HEADER] = this.protocolVersion;
    this.postHeaders = { ...common, 'content-type': 'application/json', accept: ACCEPT_BOTH };
    this.getHeaders = { ...common, accept: 'text/event-stream' };
    this.deleteHeaders = common;
  }

  /** One HTTP exchange on the pool, following same-origin redirects only. */
  private async http(method: HttpMethod, call: HttpCall): Promise<Dispatcher.ResponseData> {
    let url = this.endpoint;
    for (let hops = 0; ; hops++) {
      let response: Dispatcher.ResponseData;
      try {
        response = await this.agent.request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method,
          headers: call.headers,
          body: call.body,
          signal: call.signal,
          headersTimeout: call.timeout,
          bodyTimeout: method === 'GET' ? 0 : call.timeout,
        });
      } catch (error) {
        if (call.signal?.aborted) throw call.signal.reason;
        throw this.wrap(error, method);
      }
      if (!REDIRECT_STATUSES.has(response.statusCode)) return response;
      await response.body.dump();
      const location = response.headers.location;
      const target = typeof location === 'string' ? safeUrl(location, url) : undefined;
      if (!target || target.origin !== url.origin || hops >= MAX_REDIRECTS) {
        throw new MCPTransportError(
          HttpErrorCode.REDIRECT_REFUSED,
          `Server "${this.serverName}" redirected ${method} ${describeUrl(url)} (HTTP ${response.statusCode}) ${!target ? 'without a usable location' : target.origin !== url.origin ? `to another origin (${target.origin})` : `more than ${MAX_REDIRECTS} times`}; only same-origin redirects are followed. Configure the final URL instead.`,
          { serverName: this.serverName, status: response.statusCode },
        );
      }
      if (PERMANENT_REDIRECTS.has(response.statusCode) && url === this.endpoint) this.endpoint = target;
      url = target;
    }
  }

  private async statusError(response: Dispatcher.ResponseData, what: string): Promise<MCPTransportError> {
    return this.statusErrorFrom(response.statusCode, await readBodyText(response.body), what);
  }

  private statusErrorFrom(status: number, body: string, what: string): MCPTransportError {
    const snippet = bodySnippet(body, this.secrets);
    const hint =
      status === 401 || status === 403
        ? ' Check the credentials in the configured headers.'
        : status === 404
          ? ` Check the URL (${describeUrl(this.endpoint)}).`
          : '';
    const target = what.startsWith('the ') ? what : `"${what}"`;
    return new MCPTransportError(
      HttpErrorCode.HTTP_STATUS,
      `Server "${this.serverName}" answered ${target} with HTTP ${status}${snippet ? `: ${snippet}` : ''}.${hint}`,
      { serverName: this.serverName, status },
    );
  }

  /** A network failure as a typed error that names the server and endpoint, never the headers. */
  private wrap(error: unknown, what: string): Error {
    if (error instanceof MCPError) return error;
    const reason =
      error instanceof Error ? ((error as { code?: string }).code ?? error.message) : String(error);
    return new MCPTransportError(
      HttpErrorCode.HTTP_REQUEST_FAILED,
      `HTTP ${what} to server "${this.serverName}" at ${describeUrl(this.endpoint)} failed (${reason}). Check that the server is running and reachable.`,
      { serverName: this.serverName, cause: error },
    );
  }

  private deliver(message: unknown): void {
    if (!this.closing) this.onmessage?.(message);
  }

  private report(error: Error): void {
    if (!this.closing) this.onerror?.(error);
  }

  /** An unrecoverable failure: tell the owner once; close() still releases everything. */
  private fail(error: Error): void {
    if (this.failure || this.closing) return;
    this.failure = error;
    this.stopGetStream();
    this.onclose?.(error);
  }

  private closedError(what: string): MCPConnectionError {
    if (this.failure instanceof MCPConnectionError) return this.failure;
    return new MCPConnectionError(
      CoreErrorCode.TRANSPORT_CLOSED,
      `The HTTP transport to server "${this.serverName}" is closed; cannot ${what}. Connect the client again.`,
      { serverName: this.serverName },
    );
  }
}

function methodOf(message: JSONRPCMessage): string {
  return 'method' in message ? message.method : 'response';
}

function contentType(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return '';
  const semicolon = raw.indexOf(';');
  return (semicolon === -1 ? raw : raw.slice(0, semicolon)).trim().toLowerCase();
}

function isResponseTo(message: unknown, id: RequestId): boolean {
  if (Array.isArray(message)) return message.some((m) => isResponseTo(m, id));
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { id?: unknown; method?: unknown };
  return m.id === id && m.method === undefined;
}

function safeUrl(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}
