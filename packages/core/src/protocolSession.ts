import { CoreErrorCode } from './errorCodes.js';
import {
  JSONRPC_ERROR,
  MCPAbortError,
  MCPConnectionError,
  MCPError,
  MCPProtocolError,
  MCPTimeoutError,
  MCPTransportError,
} from './errors.js';
import {
  classifyMessage,
  isErrorResponse,
  type JSONRPCMessage,
  type JSONRPCNotification,
  type JSONRPCRequest,
  type JSONRPCResponse,
  type RequestId,
} from './jsonrpc.js';
import type { Logger } from './logger.js';
import type { Progress } from './mcpTypes.js';
import type { Transport } from './transport.js';

/** Per-request options. */
export interface RequestOptions {
  /** Milliseconds before the request fails with MCPTimeoutError; Infinity for none. Default: the client's requestTimeout (30 000). */
  timeout?: number;
  /** Aborts the request: it rejects with MCPAbortError and the server is told to cancel. */
  signal?: AbortSignal;
  /** Called for each `notifications/progress` the server sends for this request. */
  onProgress?: (progress: Progress) => void;
  /** Restart the timeout on each progress notification. Default false. */
  resetTimeoutOnProgress?: boolean;
  /** Hard ceiling in ms that progress cannot extend. Default: none. */
  maxTotalTimeout?: number;
}

export const DEFAULT_REQUEST_TIMEOUT = 30_000;

/** Rounds of `input_required` answered for one request before giving up. */
export const MAX_INPUT_ROUNDS = 10;

/** Context given to a handler of a server-to-client request. */
export interface RequestHandlerContext {
  /** Aborted when the server cancels the request or the connection goes away. */
  signal: AbortSignal;
  requestId: RequestId;
}

/** Answers one server-to-client request method (`roots/list`, `sampling/createMessage`, `elicitation/create`...). */
export type RequestHandler = (
  params: Record<string, unknown> | undefined,
  context: RequestHandlerContext,
) => unknown | Promise<unknown>;

export type RequestHandlers = Record<string, RequestHandler>;

export interface ProtocolSessionOptions {
  serverName?: string | undefined;
  logger: Logger;
  requestTimeout?: number;
  handlers?: RequestHandlers;
  onNotification?: (notification: JSONRPCNotification) => void;
  /** The transport went away on its own (not through `close`). */
  onTransportClose?: (reason: Error) => void;
}

interface PendingRequest {
  method: string;
  callerId: RequestId | undefined;
  resolve: (response: JSONRPCResponse) => void;
  reject: (error: unknown) => void;
  timeout: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  maxTimer: ReturnType<typeof setTimeout> | undefined;
  onProgress: ((progress: Progress) => void) | undefined;
  resetTimeoutOnProgress: boolean;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * The protocol engine shared by every transport: its own wire ids, timeouts, cancellation,
 * progress, server-to-client requests and notifications. Every pending request settles.
 */
export class ProtocolSession {
  private nextId = 1;
  private readonly pending = new Map<number, PendingRequest>();
  private readonly inbound = new Map<RequestId, AbortController>();
  private closedReason: Error | undefined;
  private readonly requestTimeout: number;
  private envelope: Record<string, unknown> | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly options: ProtocolSessionOptions,
  ) {
    this.requestTimeout = options.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT;
    transport.onmessage = (message) => this.receive(message);
    transport.onclose = (reason) => this.transportClosed(reason);
    transport.onerror = (error) => options.logger.warn({ err: error }, 'transport error');
  }

  /** Requests still waiting for an answer. */
  get pendingCount(): number {
    return this.pending.size;
  }

  get isClosed(): boolean {
    return this.closedReason !== undefined;
  }

  /**
   * The stateless era's per-request `_meta` (protocol version, client capabilities and info),
   * merged into every request from now on; undefined for the handshake era.
   */
  setEnvelope(envelope: Record<string, unknown> | undefined): void {
    this.envelope = envelope;
  }

  /**
   * Sends a request and resolves with the server's response, result or error, carrying the
   * caller's own id. Rejects only on timeout, abort, transport failure or closed connection.
   */
  sendRequest(
    request: { method: string; params?: Record<string, unknown> | undefined; id?: RequestId },
    options: RequestOptions = {},
  ): Promise<JSONRPCResponse> {
    const { method } = request;
    if (this.closedReason) return Promise.reject(this.notConnected(method));
    if (options.signal?.aborted) return Promise.reject(this.abortError(method, options.signal));

    const wireId = this.nextId++;
    let params = request.params;
    if (options.onProgress || this.envelope) {
      const meta = { ...this.envelope, ...(params?._meta as object | undefined) };
      params = { ...params, _meta: options.onProgress ? { ...meta, progressToken: wireId } : meta };
    }
    const message: JSONRPCRequest =
      params === undefined
        ? { jsonrpc: '2.0', id: wireId, method }
        : { jsonrpc: '2.0', id: wireId, method, params };

    return new Promise<JSONRPCResponse>((resolve, reject) => {
      const timeout = options.timeout ?? this.requestTimeout;
      const entry: PendingRequest = {
        method,
        callerId: request.id,
        resolve,
        reject,
        timeout,
        timer: undefined,
        maxTimer: undefined,
        onProgress: options.onProgress,
        resetTimeoutOnProgress: options.resetTimeoutOnProgress ?? false,
        signal: options.signal,
        onAbort: undefined,
      };
      this.pending.set(wireId, entry);
      if (Number.isFinite(timeout)) entry.timer = setTimeout(() => this.timedOut(wireId), timeout);
      if (options.maxTotalTimeout !== undefined) {
        const max = options.maxTotalTimeout;
        entry.maxTimer = setTimeout(() => this.timedOut(wireId, max), max);
      }
      if (options.signal) {
        const signal = options.signal;
        entry.onAbort = () => this.cancel(wireId, this.abortError(method, signal), 'aborted by the client');
        signal.addEventListener('abort', entry.onAbort, { once: true });
      }
      this.transport.send(message, { requestId: wireId }).catch((error) => {
        const current = this.pending.get(wireId);
        if (current !== entry) return;
        this.settle(wireId, entry);
        entry.reject(error);
      });
    });
  }

  /**
   * Sends a request and resolves with its result; a JSON-RPC error becomes MCPProtocolError.
   * A stateless-era `input_required` result is answered with the registered handlers and the
   * request retried with `inputResponses` and `requestState`, as the caller would expect.
   */
  async request<T = Record<string, unknown>>(
    method: string,
    params?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<T> {
    let current = params;
    for (let round = 0; ; round++) {
      const response = await this.sendRequest({ method, params: current }, options);
      if (isErrorResponse(response)) {
        throw new MCPProtocolError(response.error.code, response.error.message, {
          serverName: this.options.serverName,
          data: response.error.data,
          method,
        });
      }
      const result = response.result;
      const resultType = result.resultType;
      if (resultType === undefined || resultType === 'complete') return result as T;
      if (resultType !== 'input_required') {
        throw new MCPProtocolError(
          CoreErrorCode.INVALID_RESULT,
          `${this.describeServer(true)} answered ${method} with unknown resultType "${String(resultType)}".`,
          {
            serverName: this.options.serverName,
          },
        );
      }
      if (round >= MAX_INPUT_ROUNDS) {
        throw new MCPProtocolError(
          CoreErrorCode.INPUT_ROUNDS_EXCEEDED,
          `${this.describeServer(true)} still asked for input after ${MAX_INPUT_ROUNDS} rounds of ${method}; gave up.`,
          {
            serverName: this.options.serverName,
          },
        );
      }
      const inputResponses = await this.answerInputRequests(method, result.inputRequests, options?.signal);
      current = { ...params };
      if (inputResponses) current.inputResponses = inputResponses;
      if (result.requestState !== undefined) current.requestState = result.requestState;
    }
  }

  /** Runs the handler registered for each input the server asked for; keys are kept as the server chose them. */
  private async answerInputRequests(
    method: string,
    requests: unknown,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown> | undefined> {
    if (typeof requests !== 'object' || requests === null) return undefined;
    const entries = Object.entries(
      requests as Record<string, { method?: unknown; params?: Record<string, unknown> }>,
    );
    const answers = await Promise.all(
      entries.map(async ([key, input]) => {
        const handler = typeof input?.method === 'string' ? this.options.handlers?.[input.method] : undefined;
        if (!handler) {
          throw new MCPProtocolError(
            CoreErrorCode.INPUT_UNAVAILABLE,
            `${this.describeServer(true)} needs "${String(input?.method)}" input to complete ${method}, and no handler for it is registered (ClientOptions.handlers).`,
            { serverName: this.options.serverName },
          );
        }
        const result = await handler(input.params, {
          signal: signal ?? new AbortController().signal,
          requestId: key,
        });
        return [key, result ?? {}] as const;
      }),
    );
    return Object.fromEntries(answers);
  }

  /** Sends a notification. */
  async notify(method: string, params?: Record<string, unknown>): Promise<void> {
    if (this.closedReason) throw this.notConnected(method);
    const message: JSONRPCNotification =
      params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params };
    await this.transport.send(message);
  }

  /**
   * Stops the session: every pending request rejects at once with `reason` and running
   * handlers are aborted. Does not close the transport; the owner does that.
   */
  close(reason: Error): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    for (const [wireId, entry] of this.pending) {
      this.settle(wireId, entry);
      entry.reject(reason);
    }
    for (const controller of this.inbound.values()) controller.abort(reason);
    this.inbound.clear();
  }

  private transportClosed(reason: Error | undefined): void {
    if (this.closedReason) return;
    const error =
      reason instanceof MCPError
        ? reason
        : new MCPConnectionError(
            CoreErrorCode.CONNECTION_CLOSED,
            `Connection to ${this.describeServer()} closed${reason ? `: ${reason.message}` : ''}.`,
            { serverName: this.options.serverName, cause: reason },
          );
    this.close(error);
    this.options.onTransportClose?.(error);
  }

  private receive(value: unknown): void {
    if (Array.isArray(value)) {
      for (const item of value) this.receive(item);
      return;
    }
    switch (classifyMessage(value)) {
      case 'response':
        this.receiveResponse(value as JSONRPCResponse);
        return;
      case 'notification':
        this.receiveNotification(value as JSONRPCNotification);
        return;
      case 'request':
        void this.receiveRequest(value as JSONRPCRequest);
        return;
      default:
        this.options.logger.warn('skipped a message that is not JSON-RPC 2.0');
    }
  }

  private receiveResponse(response: JSONRPCResponse): void {
    const wireId = response.id;
    const entry = typeof wireId === 'number' ? this.pending.get(wireId) : undefined;
    if (!entry) {
      if (wireId === null && isErrorResponse(response)) {
        this.options.logger.warn(
          { rpcCode: response.error.code },
          `server reported: ${response.error.message}`,
        );
      } else {
        this.options.logger.debug(
          { id: wireId },
          'dropped a response to no pending request (late or unknown)',
        );
      }
      return;
    }
    this.settle(wireId as number, entry);
    if (entry.callerId !== undefined) response = { ...response, id: entry.callerId };
    entry.resolve(response);
  }

  private receiveNotification(notification: JSONRPCNotification): void {
    const { method, params } = notification;
    if (method === 'notifications/progress' && params) {
      this.progress(params);
    } else if (method === 'notifications/cancelled' && params) {
      const id = params.requestId as RequestId | undefined;
      if (id !== undefined) this.inbound.get(id)?.abort(new Error('cancelled by the server'));
    }
    this.options.onNotification?.(notification);
  }

  private progress(params: Record<string, unknown>): void {
    const token = params.progressToken;
    const entry = typeof token === 'number' ? this.pending.get(token) : undefined;
    if (!entry?.onProgress) return;
    if (entry.resetTimeoutOnProgress && Number.isFinite(entry.timeout)) {
      clearTimeout(entry.timer);
      entry.timer = setTimeout(() => this.timedOut(token as number), entry.timeout);
    }
    const { progressToken: _token, ...progress } = params;
    try {
      entry.onProgress(progress as unknown as Progress);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'onProgress callback threw');
    }
  }

  private async receiveRequest(request: JSONRPCRequest): Promise<void> {
    const { id, method } = request;
    if (method === 'ping') {
      this.reply({ jsonrpc: '2.0', id, result: {} });
      return;
    }
    const handler = this.options.handlers?.[method];
    if (!handler) {
      this.reply({
        jsonrpc: '2.0',
        id,
        error: { code: JSONRPC_ERROR.METHOD_NOT_FOUND, message: `Method not found: ${method}` },
      });
      return;
    }
    const controller = new AbortController();
    this.inbound.set(id, controller);
    try {
      const result = (await handler(request.params, { signal: controller.signal, requestId: id })) ?? {};
      if (!controller.signal.aborted)
        this.reply({ jsonrpc: '2.0', id, result: result as Record<string, unknown> });
    } catch (error) {
      if (controller.signal.aborted) return;
      const code =
        (error instanceof MCPProtocolError ? error.rpcCode : undefined) ?? JSONRPC_ERROR.INTERNAL_ERROR;
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger.warn({ method, err: error }, 'handler for a server request failed');
      this.reply({ jsonrpc: '2.0', id, error: { code, message } });
    } finally {
      this.inbound.delete(id);
    }
  }

  private reply(message: JSONRPCMessage): void {
    if (this.closedReason) return;
    this.transport.send(message).catch((error) => {
      this.options.logger.warn({ err: error }, 'could not send a reply to the server');
    });
  }

  private timedOut(wireId: number, timeout?: number): void {
    const entry = this.pending.get(wireId);
    if (!entry) return;
    const error = new MCPTimeoutError(entry.method, timeout ?? entry.timeout, {
      serverName: this.options.serverName,
    });
    this.cancel(wireId, error, `timed out after ${timeout ?? entry.timeout} ms`);
  }

  /** Rejects a pending request and tells the server to stop working on it. */
  private cancel(wireId: number, error: Error, reason: string): void {
    const entry = this.pending.get(wireId);
    if (!entry) return;
    this.settle(wireId, entry);
    entry.reject(error);
    // The spec forbids cancelling initialize; in the stateless era over HTTP, aborting the POST is the cancel.
    const abortIsCancel = this.envelope !== undefined && this.transport.cancelsByAbort === true;
    if (entry.method !== 'initialize' && !this.closedReason && !abortIsCancel) {
      this.notify('notifications/cancelled', { requestId: wireId, reason }).catch((sendError) => {
        this.options.logger.debug({ err: sendError }, 'could not send notifications/cancelled');
      });
    }
    this.transport.abortRequest?.(wireId, error);
  }

  /** Removes every trace of a request: map entry, timers, abort listener. */
  private settle(wireId: number, entry: PendingRequest): void {
    this.pending.delete(wireId);
    clearTimeout(entry.timer);
    clearTimeout(entry.maxTimer);
    if (entry.onAbort) entry.signal?.removeEventListener('abort', entry.onAbort);
  }

  private abortError(method: string, signal: AbortSignal): Error {
    return new MCPAbortError(method, { serverName: this.options.serverName, cause: signal.reason });
  }

  private notConnected(method: string): Error {
    const reason = this.closedReason;
    if (reason instanceof MCPConnectionError) return reason;
    return new MCPConnectionError(
      CoreErrorCode.NOT_CONNECTED,
      `Cannot send "${method}": ${this.describeServer()} is not connected. Call connect() first.`,
      { serverName: this.options.serverName, cause: reason },
    );
  }

  private describeServer(capital = false): string {
    if (this.options.serverName) return `${capital ? 'Server' : 'server'} "${this.options.serverName}"`;
    return capital ? 'The server' : 'the server';
  }
}
