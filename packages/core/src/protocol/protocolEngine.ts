import { MCPTimeoutError } from '../errors/errors.js';
import type { ResultCheck } from '../results/resultShapes.js';
import type { Progress } from '../types/mcpTypes.js';
import { serverLabel } from '../util/serverLabel.js';
import { abortError, connectionClosed, invalidResult, notConnected } from './engineErrors.js';
import { requestWithInputRounds } from './inputRounds.js';
import {
  classifyMessage,
  isErrorResponse,
  type JSONRPCMessage,
  type JSONRPCNotification,
  type JSONRPCRequest,
  type JSONRPCResponse,
  type RequestId,
  responseProblem,
} from './jsonrpc.js';
import { newPending, type PendingRequest, releasePending } from './pendingRequest.js';
import type { ProtocolEngineOptions } from './protocolEngineOptions.js';
import { observed } from './requestObserver.js';
import { DEFAULT_REQUEST_TIMEOUT, type RequestOptions } from './requestOptions.js';
import { ServerRequests } from './serverRequests.js';
import type { Transport } from './transport.js';

/**
 * The protocol engine shared by every transport: its own wire ids, timeouts, cancellation,
 * progress, server-to-client requests and notifications. Every pending request settles.
 */
export class ProtocolEngine {
  private nextId = 1;
  private readonly pending = new Map<number, PendingRequest>();
  private readonly serverRequests: ServerRequests;
  private closedReason: Error | undefined;
  private readonly requestTimeout: number;
  /** 'Server "x"' for messages, made once: request() passes it on every call. */
  private readonly label: string;
  private envelope: Record<string, unknown> | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly options: ProtocolEngineOptions,
  ) {
    this.requestTimeout = options.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT;
    this.label = serverLabel(options.serverName);
    transport.onmessage = (message) => this.receive(message);
    transport.onclose = (reason) => this.transportClosed(reason);
    this.serverRequests = new ServerRequests(options.handlers, (m) => this.reply(m), options.logger);
    transport.onerror =
      options.onTransportError ?? ((error) => options.logger.warn({ err: error }, 'transport error'));
  }

  /** Requests still waiting for an answer. */
  get pendingCount(): number {
    return this.pending.size;
  }

  get isClosed(): boolean {
    return this.closedReason !== undefined;
  }

  /**
   * The modern era's per-request `_meta` (protocol version, client capabilities and info),
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
    if (this.closedReason)
      return Promise.reject(notConnected(method, this.options.serverName, this.closedReason));
    if (options.signal?.aborted)
      return Promise.reject(abortError(method, options.signal, this.options.serverName));

    const wireId = this.nextId++;
    let params = request.params;
    if (options.onProgress || this.envelope) {
      const meta = { ...this.envelope, ...(params?._meta as object | undefined) };
      params = { ...params, _meta: options.onProgress ? { ...meta, progressToken: wireId } : meta };
    }
    const observation = this.options.observeRequest?.({ method, params, id: wireId });
    if (observation?.meta)
      params = { ...params, _meta: { ...(params?._meta as object), ...observation.meta } };
    const message: JSONRPCRequest =
      params === undefined
        ? { jsonrpc: '2.0', id: wireId, method }
        : { jsonrpc: '2.0', id: wireId, method, params };

    const response = new Promise<JSONRPCResponse>((resolve, reject) => {
      const timeout = options.timeout ?? this.requestTimeout;
      const entry = newPending(method, request.id, { resolve, reject }, timeout, options);
      this.pending.set(wireId, entry);
      if (Number.isFinite(timeout)) entry.timer = setTimeout(() => this.timedOut(wireId), timeout);
      if (options.maxTotalTimeout !== undefined && Number.isFinite(options.maxTotalTimeout)) {
        const max = options.maxTotalTimeout;
        entry.maxTimer = setTimeout(() => this.timedOut(wireId, max), max);
      }
      if (options.signal) {
        const signal = options.signal;
        entry.onAbort = () =>
          this.cancel(wireId, abortError(method, signal, this.options.serverName), 'aborted by the client');
        signal.addEventListener('abort', entry.onAbort, { once: true });
      }
      this.transport.send(message, { requestId: wireId }).catch((error) => {
        const current = this.pending.get(wireId);
        if (current !== entry) return;
        this.settle(wireId, entry);
        entry.reject(error);
      });
    });
    return observation ? observed(response, observation) : response;
  }

  /**
   * Sends a request and resolves with its result; a JSON-RPC error becomes MCPProtocolError, and
   * a modern-era `input_required` result is answered by the handlers (inputRounds.ts).
   * `acceptTask`: a `resultType: "task"` result is the caller's to read (the tasks extension).
   */
  request<T = Record<string, unknown>>(
    method: string,
    params?: Record<string, unknown>,
    options?: RequestOptions,
    check?: ResultCheck<T>,
    acceptTask?: boolean,
  ): Promise<T> {
    return requestWithInputRounds<T>(method, params, {
      check,
      acceptTask,
      send: (current) => this.sendRequest({ method, params: current }, options),
      handlers: this.options.handlers,
      serverName: this.options.serverName,
      server: this.label,
      signal: options?.signal,
    });
  }

  /** Sends a notification. */
  async notify(method: string, params?: Record<string, unknown>): Promise<void> {
    if (this.closedReason) throw notConnected(method, this.options.serverName, this.closedReason);
    const message: JSONRPCNotification =
      params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params };
    await this.transport.send(message);
  }

  /**
   * Stops the engine: every pending request rejects at once with `reason` and running
   * handlers are aborted. Does not close the transport; the owner does that.
   */
  close(reason: Error): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    for (const [wireId, entry] of this.pending) {
      this.settle(wireId, entry);
      entry.reject(reason);
    }
    this.serverRequests.abortAll(reason);
  }

  private transportClosed(reason: Error | undefined): void {
    if (this.closedReason) return;
    const error = connectionClosed(reason, this.options.serverName);
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
        void this.serverRequests.receive(value as JSONRPCRequest);
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
    const problem = responseProblem(response);
    if (problem) {
      entry.reject(invalidResult(this.label, entry.method, problem, this.options.serverName));
      return;
    }
    if (entry.callerId !== undefined) response = { ...response, id: entry.callerId };
    entry.resolve(response);
  }

  private receiveNotification(notification: JSONRPCNotification): void {
    const { method, params } = notification;
    if (method === 'notifications/progress' && params) {
      this.progress(params);
    } else if (method === 'notifications/cancelled' && params) {
      const id = params.requestId as RequestId | undefined;
      if (id !== undefined) this.serverRequests.cancel(id, new Error('cancelled by the server'));
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

  private reply(message: JSONRPCMessage): void {
    if (this.closedReason) return;
    this.transport.send(message).catch((error) => {
      this.options.logger.warn({ err: error }, 'could not send a reply to the server');
    });
  }

  private timedOut(wireId: number, timeout?: number): void {
    const entry = this.pending.get(wireId);
    if (!entry) return;
    // A person logging in is no slow server: the request's own deadline starts again after the wait.
    if (timeout === undefined && this.transport.waitingForUser?.()) {
      entry.timer = setTimeout(() => this.timedOut(wireId), entry.timeout);
      return;
    }
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
    // The spec forbids cancelling initialize; in the modern era over HTTP, aborting the POST is the cancel.
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
    releasePending(entry);
  }
}
