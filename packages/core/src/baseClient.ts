import { EventEmitter } from 'node:events';
import { ChangeSubscription, SUBSCRIPTION_ACKNOWLEDGED } from './changeSubscription.js';
import {
  type ClientOptions,
  capabilitiesFor,
  DEFAULT_CLIENT_INFO,
  DEFAULT_CONNECT_TIMEOUT,
  DEFAULT_HEALTH_CHECK_TIMEOUT,
  DEFAULT_PROBE_TIMEOUT,
} from './clientOptions.js';
import { CoreErrorCode } from './errorCodes.js';
import {
  JSONRPC_ERROR,
  MCPAbortError,
  MCPConnectionError,
  MCPError,
  MCPProtocolError,
  MCPTimeoutError,
} from './errors.js';
import type { JSONRPCNotification, JSONRPCRequest, JSONRPCResponse } from './jsonrpc.js';
import { type Logger, silentLogger } from './logger.js';
import type { ClientState, ConnectOptions, MCPClient } from './mcpClient.js';
import {
  type CallToolResult,
  type GetPromptResult,
  ListPromptsResultSchema,
  ListResourcesResultSchema,
  ListToolsResultSchema,
  type Prompt,
  type ReadResourceResult,
  type Resource,
  type Tool,
} from './mcpTypes.js';
import { isHeaderMismatch } from './modernEra.js';
import { type NegotiatedSession, negotiateEra, ProbeLostConnection } from './negotiateEra.js';
import { paginate } from './paginate.js';
import { ProtocolSession, type RequestOptions } from './protocolSession.js';
import type { ProtocolEra } from './protocolVersion.js';
import type { Transport } from './transport.js';

/** A server's cache hint is honoured up to a day. */
const MAX_TTL_MS = 86_400_000;

export interface BaseClientOptions extends ClientOptions {
  /** 'stdio', 'sse', 'http' or a custom name; shown in logs and status. */
  transportType: string;
  /** Makes a fresh transport for each connect. */
  createTransport: () => Transport;
  /** Identifies the server across clients (a command line, an origin and path), so its era is detected once per process. */
  eraCacheKey?: string;
}

/**
 * The MCPClient contract on any Transport: state machine, handshake, request helpers, tool
 * cache and events. Transports only move messages; everything else is here, once.
 */
export class BaseMCPClient extends EventEmitter implements MCPClient {
  readonly name: string;
  /** The transport in use; a subclass that discovers it at connect time (HTTP falling back to SSE) updates it. */
  protected transportName: string;
  protected readonly logger: Logger;
  protected readonly options: BaseClientOptions;
  private currentState: ClientState = 'idle';
  private transport: Transport | undefined;
  private session: ProtocolSession | undefined;
  private identity: NegotiatedSession | undefined;
  private connecting: { promise: Promise<void>; controller: AbortController } | undefined;
  private closing: Promise<void> | undefined;
  private toolsCache: Tool[] | undefined;
  private toolsInflight: Promise<Tool[]> | undefined;
  private toolsGeneration = 0;
  private toolsExpiry: number | undefined;
  /** Stateless era: where list_changed notifications come from. */
  private changes: ChangeSubscription | undefined;
  /** A transport that closed by itself is still being stopped (its process reaped, say); disconnect() waits for it. */
  private lost: Promise<void> | undefined;

  constructor(options: BaseClientOptions) {
    super();
    this.options = options;
    this.name = options.name ?? options.transportType;
    this.transportName = options.transportType;
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
  /** 'handshake' (initialize, 2024-11-05 … 2025-11-25) or 'modern' (stateless, 2026-07-28), once connected. */
  get era(): ProtocolEra | undefined {
    return this.identity?.era;
  }

  /** Starts the transport and runs the handshake, bounded by the connect timeout and signal. */
  connect(options: ConnectOptions = {}): Promise<void> {
    if (this.currentState === 'connected') return Promise.resolve();
    if (this.connecting) return this.connecting.promise;
    if (this.currentState === 'closing') {
      return Promise.reject(
        new MCPConnectionError(
          CoreErrorCode.CLIENT_CLOSING,
          `Server "${this.name}" is disconnecting; connect again once it has closed.`,
          {
            serverName: this.name,
          },
        ),
      );
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
    const timer = setTimeout(
      () => controller.abort(new MCPTimeoutError('connect', timeout, { serverName: this.name })),
      timeout,
    );
    const onCallerAbort = () => controller.abort(new MCPAbortError('connect', { serverName: this.name }));
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    if (options.signal?.aborted) onCallerAbort();
    this.setState('connecting');
    try {
      try {
        await this.openSession(controller.signal, timeout, this.options.era ?? 'auto');
      } catch (error) {
        if (!(error instanceof ProbeLostConnection)) throw error;
        this.logger.info('the server closed on the era probe; starting it again in the handshake era');
        await this.openSession(controller.signal, timeout, 'handshake');
      }
      this.setState('connected');
      this.logger.info(
        {
          protocolVersion: this.protocolVersion,
          era: this.era,
          how: this.identity?.how,
          serverInfo: this.serverInfo,
        },
        'connected',
      );
      if (this.era === 'modern' && this.session)
        this.changes = ChangeSubscription.open(this.session, this.serverCapabilities, this.logger, () => {
          // Changes may have been missed while the subscription was down.
          this.invalidateTools();
          this.emit('toolsChanged');
        });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** One transport and session, started and negotiated; on failure nothing is left running. */
  private async openSession(signal: AbortSignal, timeout: number, era: 'auto' | ProtocolEra): Promise<void> {
    const transport = this.options.createTransport();
    const session = new ProtocolSession(transport, {
      serverName: this.name,
      logger: this.logger,
      requestTimeout: this.options.requestTimeout,
      handlers: this.options.handlers,
      onNotification: (n) => this.onNotification(n),
      onTransportClose: (reason) => this.onTransportClose(transport, reason),
    });
    this.transport = transport;
    this.session = session;
    try {
      await abortable(transport.start({ signal }), signal);
      // Read after start: a transport that detects what the server speaks knows only then.
      const handshakeOnly = era === 'auto' && transport.handshakeOnly === true;
      const negotiated = await abortable(
        negotiateEra(session, {
          clientInfo: this.options.clientInfo ?? DEFAULT_CLIENT_INFO,
          capabilities: capabilitiesFor(this.options),
          protocolVersion: this.options.protocolVersion,
          era: handshakeOnly ? 'handshake' : era,
          probeTimeout: this.options.probeTimeout ?? DEFAULT_PROBE_TIMEOUT,
          cacheKey: this.options.eraCacheKey,
          timeout,
          signal,
          serverName: this.name,
        }),
        signal,
      );
      this.identity = handshakeOnly ? { ...negotiated, how: 'transport' } : negotiated;
      transport.setProtocolVersion?.(negotiated.protocolVersion);
    } catch (raw) {
      const probeLost = raw instanceof ProbeLostConnection;
      const error = probeLost ? raw : this.connectFailure(raw, signal, transport);
      session.close(error);
      await this.closeTransport(transport);
      this.transport = undefined;
      this.session = undefined;
      if (!probeLost) {
        this.setState('closed');
        this.logger.warn({ err: error }, 'connect failed');
      }
      throw error;
    }
  }

  /** Turns whatever ended the connect into the typed error the caller sees, with diagnostics. */
  private connectFailure(raw: unknown, signal: AbortSignal, transport: Transport): Error {
    const reason = signal.aborted ? signal.reason : raw;
    const diagnostics = transport.diagnostics?.();
    if (reason instanceof MCPTimeoutError && reason.method === 'connect') {
      const tail = diagnostics ? ` Its stderr ended with:\n${diagnostics}` : '';
      return new MCPTimeoutError('connect', reason.timeout, {
        serverName: this.name,
        message: `Connecting to server "${this.name}" timed out after ${reason.timeout} ms (start and handshake). Check that the server starts and speaks MCP, or raise connectTimeout.${tail}`,
      });
    }
    if (reason instanceof MCPError) return reason;
    return new MCPConnectionError(
      CoreErrorCode.CONNECT_FAILED,
      `Could not connect to server "${this.name}": ${reason instanceof Error ? reason.message : String(reason)}`,
      { serverName: this.name, cause: reason },
    );
  }

  /** Idempotent. Pending requests reject at once; resolves when the transport has released everything, also after the server went away by itself. */
  disconnect(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.connecting) {
      const { promise, controller } = this.connecting;
      controller.abort(
        new MCPConnectionError(
          CoreErrorCode.CLIENT_CLOSED,
          `Connect to server "${this.name}" was cancelled by disconnect().`,
          {
            serverName: this.name,
          },
        ),
      );
      return promise.then(
        () => this.disconnect(),
        () => undefined,
      );
    }
    if (this.currentState !== 'connected') return this.lost ?? Promise.resolve();
    const transport = this.transport;
    const session = this.session;
    this.stopListening();
    this.setState('closing');
    session?.close(
      new MCPConnectionError(
        CoreErrorCode.CLIENT_CLOSED,
        `Server "${this.name}" was disconnected by the client.`,
        {
          serverName: this.name,
        },
      ),
    );
    this.closing = (async () => {
      if (transport) await this.closeTransport(transport);
      this.transport = undefined;
      this.session = undefined;
      this.invalidateTools();
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

  // Not async: an async wrapper around the session's promise costs every call two more microtask hops.
  sendRequest(request: JSONRPCRequest, options?: RequestOptions): Promise<JSONRPCResponse> {
    try {
      return this.liveSession(request.method).sendRequest(request, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  request<T = Record<string, unknown>>(
    method: string,
    params?: object,
    options?: RequestOptions,
  ): Promise<T> {
    try {
      return this.liveSession(method).request<T>(
        method,
        params as Record<string, unknown> | undefined,
        options,
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  notify(method: string, params?: object): Promise<void> {
    try {
      return this.liveSession(method).notify(method, params as Record<string, unknown> | undefined);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Connected, transport alive and a ping answered within the timeout (a -32601 counts as alive). Never throws. */
  async isHealthy(options: { timeout?: number } = {}): Promise<boolean> {
    if (this.currentState !== 'connected' || !this.session) return false;
    if (this.transport?.isAlive?.() === false) return false;
    const timeout = options.timeout ?? this.options.healthCheckTimeout ?? DEFAULT_HEALTH_CHECK_TIMEOUT;
    try {
      // The stateless era has no ping; server/discover is the cheap round trip every modern server has.
      await this.session.request(this.era === 'modern' ? 'server/discover' : 'ping', undefined, { timeout });
      return true;
    } catch (error) {
      return error instanceof MCPProtocolError && error.rpcCode === JSONRPC_ERROR.METHOD_NOT_FOUND;
    }
  }

  /**
   * Every tool on every page, cached until `notifications/tools/list_changed`, `refresh`, or, for a
   * stateless-era server, the `ttlMs` its first page gave (0: never cached).
   */
  getTools(options: { refresh?: boolean } & RequestOptions = {}): Promise<Tool[]> {
    const { refresh, ...requestOptions } = options;
    const fresh = this.toolsCache && (this.toolsExpiry === undefined || Date.now() < this.toolsExpiry);
    if (!refresh && fresh && this.toolsCache) return Promise.resolve(this.toolsCache);
    if (!refresh && this.toolsInflight) return this.toolsInflight;
    const generation = this.toolsGeneration;
    let ttl: number | undefined;
    const onFirstPage = (page: Record<string, unknown>) => {
      if (this.era === 'modern' && typeof page.ttlMs === 'number')
        ttl = Math.min(Math.max(page.ttlMs, 0), MAX_TTL_MS);
    };
    const inflight = paginate(
      this,
      'tools/list',
      ListToolsResultSchema,
      (r) => r.tools,
      requestOptions,
      onFirstPage,
    )
      .then((tools) => {
        if (generation === this.toolsGeneration) {
          this.toolsCache = tools;
          this.toolsExpiry = ttl === undefined ? undefined : Date.now() + ttl;
        }
        return tools;
      })
      .finally(() => {
        if (this.toolsInflight === inflight) this.toolsInflight = undefined;
      });
    this.toolsInflight = inflight;
    return inflight;
  }

  callTool(name: string, args: object = {}, options?: RequestOptions): Promise<CallToolResult> {
    const params = { name, arguments: args };
    const call = this.request<CallToolResult>('tools/call', params, options);
    // Only the stateless era has Mcp-Param headers; the handshake era's hot path stays one promise.
    if (this.era !== 'modern') return call;
    return call.catch(async (error: unknown) => {
      // A stateless-era HTTP server refuses, before running it, a call whose Mcp-Param headers do not
      // match the tool's schema (changed, or never listed): list the tools again and retry once.
      if (!isHeaderMismatch(error)) throw error;
      this.logger.debug({ tool: name }, 'header mismatch; listing tools again before one retry');
      await this.getTools({ refresh: true, timeout: options?.timeout, signal: options?.signal });
      return this.request<CallToolResult>('tools/call', params, options);
    });
  }

  listResources(options?: RequestOptions): Promise<Resource[]> {
    return paginate(this, 'resources/list', ListResourcesResultSchema, (r) => r.resources, options);
  }

  readResource(uri: string, options?: RequestOptions): Promise<ReadResourceResult> {
    return this.request<ReadResourceResult>('resources/read', { uri }, options);
  }

  listPrompts(options?: RequestOptions): Promise<Prompt[]> {
    return paginate(this, 'prompts/list', ListPromptsResultSchema, (r) => r.prompts, options);
  }

  getPrompt(
    name: string,
    args: Record<string, string> = {},
    options?: RequestOptions,
  ): Promise<GetPromptResult> {
    return this.request<GetPromptResult>('prompts/get', { name, arguments: args }, options);
  }

  /** Emits 'error' only when someone listens, so a library error never crashes the host. */
  protected reportError(error: Error): void {
    this.logger.warn({ err: error }, error.message);
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  private onNotification(notification: JSONRPCNotification): void {
    if (notification.method === SUBSCRIPTION_ACKNOWLEDGED) this.changes?.acknowledged();
    if (notification.method === 'notifications/tools/list_changed') {
      this.invalidateTools();
      this.emit('toolsChanged');
    }
    this.emit('notification', notification);
  }

  private onTransportClose(transport: Transport, reason: Error): void {
    if (transport !== this.transport || this.currentState !== 'connected') return;
    this.logger.warn({ err: reason }, 'connection lost');
    this.stopListening();
    this.transport = undefined;
    this.session = undefined;
    this.invalidateTools();
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

  private invalidateTools(): void {
    this.toolsGeneration++;
    this.toolsCache = undefined;
    this.toolsInflight = undefined;
  }

  private liveSession(method: string): ProtocolSession {
    if (this.currentState === 'connected' && this.session) return this.session;
    throw new MCPConnectionError(
      CoreErrorCode.NOT_CONNECTED,
      `Cannot send "${method}": server "${this.name}" is ${this.currentState}. Call connect() first.`,
      { serverName: this.name },
    );
  }

  private setState(state: ClientState): void {
    const previous = this.currentState;
    if (previous === state) return;
    this.currentState = state;
    this.emit('stateChange', state, previous);
  }
}

/** Races a promise against a signal, so a start() that ignores its signal still cannot hang connect. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
