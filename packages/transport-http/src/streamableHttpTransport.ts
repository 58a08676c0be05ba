import {
  CoreErrorCode,
  DEFAULT_REQUEST_TIMEOUT,
  type JSONRPCMessage,
  type Logger,
  MCPConnectionError,
  type RequestId,
  silentLogger,
  type Transport,
  type TransportSendOptions,
} from '@org/mcp-core';
import { eraOf } from '@org/mcp-core/internal';
import { DEFAULT_MAX_MESSAGE_SIZE, HttpExchange, RequestAbort } from '@org/mcp-http';
import { AnswerReader } from './answerReader.js';
import { parseEndpoint } from './endpoint.js';
import { HttpSession } from './httpSession.js';
import { isResponseTo } from './isResponseTo.js';
import { modernRequestHeaders } from './modernHeaders.js';
import { ServerEventStream } from './serverEventStream.js';
import { ToolParamHeaders } from './toolParamHeaders.js';
import {
  DEFAULT_CLOSE_TIMEOUT,
  DEFAULT_MAX_RESUME_ATTEMPTS,
  type StreamableHttpTransportOptions,
} from './transportOptions.js';

/**
 * The Streamable HTTP transport (MCP 2025-03-26 and later): every message is a POST whose
 * answer is JSON or an event stream, an optional GET stream carries server-initiated messages,
 * the session id is kept and re-established once when the server forgets it.
 */
export class StreamableHttpTransport implements Transport {
  onmessage?: (message: unknown) => void;
  onclose?: (reason?: Error) => void;
  onerror?: (error: Error) => void;
  /** In the modern era, closing a request's response stream is its cancellation. */
  readonly cancelsByAbort = true;

  private readonly serverName: string;
  private readonly logger: Logger;
  private readonly exchange: HttpExchange;
  private readonly session: HttpSession;
  private readonly events: ServerEventStream;
  private readonly answers: AnswerReader;
  private readonly requestTimeout: number;
  private readonly closeTimeout: number;
  private readonly auth: StreamableHttpTransportOptions['auth'];
  /** Aborted by close(): ends sleeps and background streams. */
  private readonly lifetime = new AbortController();
  private readonly toolParamHeaders: ToolParamHeaders;
  /** What aborts each request's POST, by wire id, while it is in flight. */
  private readonly inflight = new Map<RequestId, RequestAbort>();
  private readonly deliverMessage = (message: unknown) => this.deliver(message);
  private reinitializations = 0;
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: StreamableHttpTransportOptions) {
    const url = parseEndpoint(options.url, options.serverName);
    const serverName = options.serverName ?? url.host;
    const logger = options.logger ?? silentLogger;
    const maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    this.serverName = serverName;
    this.logger = logger;
    this.toolParamHeaders = new ToolParamHeaders(logger);
    this.requestTimeout = options.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT;
    this.closeTimeout = options.closeTimeout ?? DEFAULT_CLOSE_TIMEOUT;
    this.auth = options.auth;
    const exchange = new HttpExchange({
      url,
      headers: options.headers,
      serverName,
      kind: 'Streamable HTTP',
      auth: options.auth,
      connectTimeout: options.connectTimeout,
      network: options.network,
      logger,
    });
    const session = new HttpSession({
      serverName,
      logger,
      reinitialize: (initialize, initialized) => this.reinitialize(initialize, initialized),
      onLost: (error) => this.fail(error),
    });
    this.exchange = exchange;
    this.session = session;
    this.events = new ServerEventStream({
      exchange,
      session,
      logger,
      maxMessageSize,
      requestTimeout: this.requestTimeout,
      backoff: options.backoff,
      isOpen: () => this.isAlive(),
      deliver: this.deliverMessage,
      report: (error) => this.report(error),
    });
    this.answers = new AnswerReader({
      exchange,
      session,
      logger,
      maxMessageSize,
      maxResumeAttempts: options.maxResumeAttempts ?? DEFAULT_MAX_RESUME_ATTEMPTS,
      backoff: options.backoff,
      requestTimeout: this.requestTimeout,
      lifetime: this.lifetime.signal,
      report: (error) => this.report(error),
    });
  }

  /** While the auth provider waits for a person to log in, the protocol's deadlines wait too. */
  waitingForUser(): boolean {
    return this.auth?.waitingForUser?.() === true;
  }

  async start(options: { signal?: AbortSignal } = {}): Promise<void> {
    options.signal?.throwIfAborted();
    if (this.closing) throw this.closedError('start');
  }

  async send(message: JSONRPCMessage, options: TransportSendOptions = {}): Promise<void> {
    if (this.closing || this.failure) throw this.closedError(`send "${methodOf(message)}"`);
    this.session.remember(message);
    if (!('id' in message) || !('method' in message)) {
      if (this.session.recovery) await this.session.recovery;
      return this.post(message, undefined, true);
    }
    const id = options.requestId ?? message.id;
    const abort = new RequestAbort();
    this.inflight.set(id, abort);
    try {
      if (this.session.recovery) await this.session.recovery;
      await this.post(message, abort, true);
    } finally {
      this.inflight.delete(id);
    }
  }

  /** The request timed out or was cancelled: its POST is aborted (in the modern era, that is the cancel). */
  abortRequest(requestId: RequestId, reason: Error): void {
    this.inflight.get(requestId)?.abort(reason);
  }

  /** The session id the server gave, for a connection snapshot. */
  get sessionId(): string | undefined {
    return this.session.id;
  }

  /** Takes up a session another process opened (a resumed snapshot): its id and version on every request. */
  resumeSession(sessionId: string, protocolVersion: string): void {
    this.session.adopt(sessionId);
    this.session.setProtocolVersion(protocolVersion);
  }

  /** The version is agreed: put it on every request and, in the handshake era, open the GET stream. */
  setProtocolVersion(version: string): void {
    this.session.setProtocolVersion(version);
    // The modern era has no GET stream; `subscriptions/listen` replaces it.
    if (eraOf(version) !== 'modern') this.events.open();
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
    this.events.stop();
    this.lifetime.abort(this.closedError('continue'));
    if (!this.failure) await this.session.end(this.exchange, this.closeTimeout);
    await this.exchange.close();
  }

  /** POSTs one message; for a request, delivers its answer. Recovers an expired session once. */
  private async post(
    message: JSONRPCMessage,
    signal: RequestAbort | undefined,
    mayRecover: boolean,
  ): Promise<void> {
    const method = methodOf(message);
    const isInitialize = method === 'initialize';
    const sessionId = isInitialize ? undefined : this.session.id;
    let headers = isInitialize ? this.session.initHeaders : this.session.postHeaders;
    let deliver = this.deliverMessage;
    if ('id' in message && 'method' in message) {
      const modern = modernRequestHeaders(method, message.params);
      if (modern) {
        const params = method === 'tools/call' ? this.toolParamHeaders.headersFor(message.params) : undefined;
        // Object.assign: a literal with spreads of these costs some 10 µs on Node 20.
        headers = Object.assign({}, headers, modern, params);
        if (method === 'tools/list') deliver = (m) => this.deliver(this.toolParamHeaders.screen(m));
      }
    }
    // A request's own abort bounds it; notifications and replies get the request timeout.
    const timeout = signal ? 0 : this.requestTimeout;
    const response = await this.exchange.request({
      method: 'POST',
      headers,
      body: JSON.stringify(message),
      signal,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    if (response.status === 404 && sessionId !== undefined && mayRecover) {
      await response.body.dump();
      this.logger.info({ method }, 'session expired (404); re-initializing');
      await this.session.recover(sessionId);
      return this.post(message, signal, false);
    }
    if (!('id' in message) || !('method' in message)) {
      // A notification or response: 202 (or any 2xx) with nothing to read.
      if (response.status < 200 || response.status >= 300) {
        throw await this.exchange.statusError(response, `"${method}"`);
      }
      await response.body.dump();
      return;
    }
    await this.answers.read(response, { id: message.id, method, signal, deliver });
    if (isInitialize) this.logger.debug({ session: this.session.id !== undefined }, 'initialize answered');
  }

  /** Runs the handshake again with the messages core sent, consuming the initialize answer here. */
  private async reinitialize(
    initialize: JSONRPCMessage,
    initialized: JSONRPCMessage | undefined,
  ): Promise<void> {
    this.events.stop();
    const id = `reinitialize-${++this.reinitializations}`;
    let answer: unknown;
    const response = await this.exchange.request({
      method: 'POST',
      headers: this.session.initHeaders,
      body: JSON.stringify({ ...initialize, id }),
      signal: this.lifetime.signal,
      headersTimeout: this.requestTimeout,
      bodyTimeout: this.requestTimeout,
    });
    await this.answers.read(response, {
      id,
      method: 'initialize',
      signal: this.lifetime.signal,
      deliver: (message) => {
        if (isResponseTo(message, id)) answer = message;
        else this.deliver(message);
      },
    });
    const error = (answer as { error?: { message?: string } } | undefined)?.error;
    if (!answer || error) throw new Error(`initialize was answered with ${error?.message ?? 'no response'}.`);
    if (initialized) await this.post(initialized, undefined, false);
    this.logger.info('session re-established');
    if (this.session.protocolVersion) this.events.open();
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
    this.events.stop();
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
