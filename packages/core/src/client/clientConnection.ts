import { EventEmitter } from 'node:events';
import { type Negotiation, ProbeLostConnection } from '../era/negotiateEra.js';
import type { ProtocolEra } from '../era/protocolVersion.js';
import { MCPAbortError, MCPTimeoutError } from '../errors/errors.js';
import { LIST_CHANGED, LIST_METHODS, type ListMethod } from '../lists/cachedList.js';
import { ChangeSubscription, SUBSCRIPTION_ACKNOWLEDGED } from '../lists/changeSubscription.js';
import type { JSONRPCNotification } from '../protocol/jsonrpc.js';
import { ProtocolEngine } from '../protocol/protocolEngine.js';
import { ClientRoots } from '../protocol/roots.js';
import type { Transport } from '../protocol/transport.js';
import { abortable } from '../util/abortable.js';
import { type Logger, silentLogger } from '../util/logger.js';
import type { MCPClientEvents, TransportContext } from './clientEvents.js';
import { type ClientOptions, DEFAULT_CONNECT_TIMEOUT, handlersFor } from './clientOptions.js';
import { connectFailure } from './connectFailure.js';
import { connectCancelled, disconnected, notConnected, stillClosing } from './connectionErrors.js';
import { type ConnectionSnapshot, ResumeRefused, snapshotOf } from './connectionSnapshot.js';
import type { ClientState, ConnectOptions } from './mcpClient.js';
import { negotiateConnection } from './negotiateConnection.js';

export interface BaseClientOptions extends ClientOptions {
  /** 'stdio', 'sse', 'http' or a custom name; shown in logs and status. */
  transportType: string;
  /** Makes a fresh transport for each connect, with the client's logger and name. */
  createTransport: (context: TransportContext) => Transport;
  /** Identifies the server across clients (a command line, an origin and path), so its era is detected once per process. */
  eraCacheKey?: string;
}

/**
 * One client's connection: the state machine, the transport and protocol engine of the current
 * connect, era negotiation, disconnect and loss. BaseMCPClient adds the request API on top.
 */
export abstract class ClientConnection extends EventEmitter<MCPClientEvents> {
  readonly name: string;
  /** The transport in use; a subclass that discovers it at connect time (HTTP falling back to SSE) updates it. */
  protected transportName: string;
  protected readonly logger: Logger;
  protected readonly options: BaseClientOptions;
  /** The user's handlers for server requests, with the elicitation rules around them. */
  protected readonly handlers: ReturnType<typeof handlersFor>;
  /** The roots offered to servers, when the options give some. */
  protected readonly roots: ClientRoots | undefined;
  /** The live protocol engine, while connected. */
  protected engine: ProtocolEngine | undefined;
  protected transport: Transport | undefined;
  private currentState: ClientState = 'idle';
  private identity: Negotiation | undefined;
  private connecting: { promise: Promise<void>; controller: AbortController } | undefined;
  private closing: Promise<void> | undefined;
  /** Modern era: where list_changed notifications come from. */
  private changes: ChangeSubscription | undefined;
  /** A transport that closed by itself is still being stopped (its process reaped, say); disconnect() waits for it. */
  private lost: Promise<void> | undefined;

  constructor(options: BaseClientOptions) {
    super();
    this.options = options;
    this.name = options.name ?? options.transportType;
    this.transportName = options.transportType;
    this.roots = options.roots === undefined ? undefined : new ClientRoots(options.roots);
    this.handlers = handlersFor(options, this.roots);
    this.logger = (options.logger ?? silentLogger).child({
      server: this.name,
      transport: this.transportType,
    });
  }

  get transportType(): string {
    return this.transportName;
  }
  get state(): ClientState {
    return this.currentState;
  }
  get serverInfo() {
    return this.identity?.serverInfo;
  }
  get serverCapabilities() {
    return this.identity?.serverCapabilities;
  }
  get protocolVersion() {
    return this.identity?.protocolVersion;
  }
  get instructions() {
    return this.identity?.instructions;
  }
  /** 'handshake' (initialize, 2024-11-05 … 2025-11-25) or 'modern' (2026-07-28, no handshake), once connected. */
  get era(): ProtocolEra | undefined {
    return this.identity?.era;
  }

  /** What this connection agreed with its server, for `connect({ resume })` in another process; undefined unless connected. */
  snapshot(): ConnectionSnapshot | undefined {
    if (this.currentState !== 'connected' || !this.identity) return undefined;
    return snapshotOf(this.identity, this.transportType, this.transport);
  }

  /** Lists that may have changed: on the server (a notification, a resubscription), or for this client only (a reconnect). */
  protected abstract invalidateLists(methods?: readonly ListMethod[], onServer?: boolean): void;

  /** Starts the transport and runs the handshake, bounded by the connect timeout and signal. */
  connect(options: ConnectOptions = {}): Promise<void> {
    if (this.currentState === 'connected') return Promise.resolve();
    if (this.connecting) return this.connecting.promise;
    if (this.currentState === 'closing') {
      return Promise.reject(stillClosing(this.name));
    }
    const controller = new AbortController();
    const promise = this.runConnect(controller, options).finally(() => {
      this.connecting = undefined;
    });
    this.connecting = { promise, controller };
    return promise;
  }

  private async runConnect(controller: AbortController, options: ConnectOptions): Promise<void> {
    const timeout = options.timeout ?? this.options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT;
    // The time a person takes to log in (the transport says when) is not the server's: the deadline starts again.
    const expire = () => {
      if (this.transport?.waitingForUser?.()) timer = setTimeout(expire, timeout);
      else controller.abort(new MCPTimeoutError('connect', timeout, { serverName: this.name }));
    };
    let timer = setTimeout(expire, timeout);
    const onCallerAbort = () => controller.abort(new MCPAbortError('connect', { serverName: this.name }));
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    if (options.signal?.aborted) onCallerAbort();
    this.setState('connecting');
    try {
      try {
        await this.openResumed(controller.signal, timeout, options.resume);
      } catch (error) {
        if (!(error instanceof ProbeLostConnection)) throw error;
        this.logger.info('the server closed on the era probe; starting it again in the handshake era');
        await this.openConnection(controller.signal, timeout, 'handshake');
      }
      this.setState('connected');
      const { protocolVersion, era, serverInfo } = this;
      this.logger.info({ protocolVersion, era, how: this.identity?.how, serverInfo }, 'connected');
      if (this.era === 'modern' && this.engine)
        this.changes = ChangeSubscription.open(this.engine, this.serverCapabilities, this.logger, () => {
          // Changes may have been missed while the subscription was down.
          this.invalidateLists(LIST_METHODS, true);
          this.emit('toolsChanged');
        });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Takes up the snapshot's connection when given; one the server no longer knows falls back to a new handshake. */
  private async openResumed(signal: AbortSignal, timeout: number, resume: ConnectionSnapshot | undefined) {
    const era = this.options.era ?? 'auto';
    if (!resume) return this.openConnection(signal, timeout, era);
    try {
      await this.openConnection(signal, timeout, era, resume);
    } catch (error) {
      if (!(error instanceof ResumeRefused)) throw error;
      this.logger.info({ reason: error.message }, 'the connection could not be resumed; connecting anew');
      await this.openConnection(signal, timeout, era);
    }
  }

  /** One transport and protocol engine, started and negotiated (or resumed); on failure nothing is left running. */
  private async openConnection(
    signal: AbortSignal,
    timeout: number,
    era: 'auto' | ProtocolEra,
    resume?: ConnectionSnapshot,
  ): Promise<void> {
    const transport = this.options.createTransport({ logger: this.logger, serverName: this.name });
    const engine = new ProtocolEngine(transport, {
      serverName: this.name,
      logger: this.logger,
      requestTimeout: this.options.requestTimeout,
      handlers: this.handlers,
      onNotification: (n) => this.onNotification(n),
      onTransportError: (error) => this.reportError(error),
      onTransportClose: (reason) => this.onTransportClose(transport, reason),
      observeRequest: this.options.observeRequest,
    });
    this.transport = transport;
    this.engine = engine;
    try {
      await abortable(transport.start({ signal }), signal);
      const { name: serverName, transportType, logger } = this;
      const attempt = { era, resume, timeout, signal, serverName, transportType, logger };
      this.identity = await negotiateConnection(engine, transport, this.options, attempt);
      transport.setProtocolVersion?.(this.identity.protocolVersion);
    } catch (raw) {
      const probeLost = raw instanceof ProbeLostConnection || raw instanceof ResumeRefused;
      const error = probeLost ? raw : connectFailure(this.name, raw, signal, transport);
      engine.close(error);
      await this.closeTransport(transport);
      this.transport = undefined;
      this.engine = undefined;
      if (!probeLost) {
        this.setState('closed');
        this.logger.warn({ err: error }, 'connect failed');
      }
      throw error;
    }
  }

  /** Idempotent. Pending requests reject at once; resolves when the transport has released everything, also after the server went away by itself. */
  disconnect(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.connecting) {
      const { promise, controller } = this.connecting;
      controller.abort(connectCancelled(this.name));
      return promise.then(
        () => this.disconnect(),
        () => undefined,
      );
    }
    if (this.currentState !== 'connected') return this.lost ?? Promise.resolve();
    const transport = this.transport;
    const engine = this.engine;
    this.stopListening();
    this.setState('closing');
    engine?.close(disconnected(this.name));
    this.closing = (async () => {
      if (transport) await this.closeTransport(transport);
      this.transport = undefined;
      this.engine = undefined;
      this.invalidateLists();
      this.setState('closed');
      this.emit('close');
      this.logger.info('disconnected');
    })().finally(() => {
      this.closing = undefined;
    });
    return this.closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.disconnect();
  }

  /** The protocol engine to send on, or the NOT_CONNECTED error saying why there is none. */
  protected liveSession(method: string): ProtocolEngine {
    if (this.currentState === 'connected' && this.engine) return this.engine;
    // Our own disconnect is under way: the request fails as the ones it cuts do.
    if (this.currentState === 'closing') throw disconnected(this.name);
    throw notConnected(method, this.name, this.currentState);
  }

  /** Logs a problem that did not end the connection; emits 'error' only when someone listens, so it never crashes the host. */
  protected reportError(error: Error): void {
    this.logger.warn({ err: error }, error.message);
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  private onNotification(notification: JSONRPCNotification): void {
    if (notification.method === SUBSCRIPTION_ACKNOWLEDGED) this.changes?.acknowledged();
    const changed = LIST_CHANGED.get(notification.method);
    if (changed) this.invalidateLists([changed], true);
    if (changed === 'tools/list') this.emit('toolsChanged');
    this.emit('notification', notification);
  }

  private onTransportClose(transport: Transport, reason: Error): void {
    if (transport !== this.transport || this.currentState !== 'connected') return;
    this.logger.warn({ err: reason }, 'connection lost');
    this.stopListening();
    this.transport = undefined;
    this.engine = undefined;
    this.invalidateLists();
    // close() is idempotent: it waits for whatever the transport is still stopping, and reaps anything left.
    this.lost = this.closeTransport(transport);
    this.setState('closed');
    this.emit('close', reason);
  }

  private async closeTransport(transport: Transport): Promise<void> {
    try {
      await transport.close();
    } catch (error) {
      this.logger.warn({ err: error }, 'error while closing the transport');
    }
  }

  private stopListening(): void {
    this.changes?.stop();
    this.changes = undefined;
  }

  private setState(state: ClientState): void {
    const previous = this.currentState;
    if (previous === state) return;
    this.currentState = state;
    this.emit('stateChange', state, previous);
  }
}
