import { EventEmitter } from 'node:events';
import {
  type ClientOptions,
  capabilitiesFor,
  DEFAULT_CLIENT_INFO,
  DEFAULT_CONNECT_TIMEOUT,
  DEFAULT_HEALTH_CHECK_TIMEOUT,
} from './clientOptions.js';
import {
  JSONRPC_ERROR,
  MCPAbortError,
  MCPConnectionError,
  MCPError,
  MCPProtocolError,
  MCPTimeoutError,
} from './errors.js';
import { initializeHandshake, type ServerIdentity } from './handshake.js';
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
import { paginate } from './paginate.js';
import { ProtocolSession, type RequestOptions } from './protocolSession.js';
import type { Transport } from './transport.js';

export interface BaseClientOptions extends ClientOptions {
  /** 'stdio', 'sse', 'http' or a custom name; shown in logs and status. */
  transportType: string;
  /** Makes a fresh transport for each connect. */
  createTransport: () => Transport;
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
  private identity: ServerIdentity | undefined;
  private connecting: { promise: Promise<void>; controller: AbortController } | undefined;
  private closing: Promise<void> | undefined;
  private toolsCache: Tool[] | undefined;
  private toolsInflight: Promise<Tool[]> | undefined;
  private toolsGeneration = 0;

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

  /** Starts the transport and runs the handshake, bounded by the connect timeout and signal. */
  connect(options: ConnectOptions = {}): Promise<void> {
    if (this.currentState === 'connected') return Promise.resolve();
    if (this.connecting) return this.connecting.promise;
    if (this.currentState === 'closing') {
      return Promise.reject(
        new MCPConnectionError(
          'CLIENT_CLOSING',
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
      const signal = controller.signal;
      await abortable(transport.start({ signal }), signal);
      this.identity = await abortable(this.negotiate(session, timeout, signal), signal);
      transport.setProtocolVersion?.(this.identity.protocolVersion);
      this.setState('connected');
      this.logger.info(
        { protocolVersion: this.identity.protocolVersion, serverInfo: this.identity.serverInfo },
        'connected',
      );
    } catch (raw) {
      const error = this.connectFailure(raw, controller.signal, transport);
      session.close(error);
      await this.closeTransport(transport);
      this.transport = undefined;
      this.session = undefined;
      this.setState('closed');
      this.logger.warn({ err: error }, 'connect failed');
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Agrees a protocol revision with the server. The seam where another era plugs in. */
  protected negotiate(
    session: ProtocolSession,
    timeout: number,
    signal: AbortSignal,
  ): Promise<ServerIdentity> {
    return initializeHandshake(session, {
      clientInfo: this.options.clientInfo ?? DEFAULT_CLIENT_INFO,
      capabilities: capabilitiesFor(this.options),
      protocolVersion: this.options.protocolVersion,
      timeout,
      signal,
      serverName: this.name,
    });
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
      'CONNECT_FAILED',
      `Could not connect to server "${this.name}": ${reason instanceof Error ? reason.message : String(reason)}`,
      { serverName: this.name, cause: reason },
    );
  }

  /** Idempotent. Pending requests reject at once; resolves when the transport has released everything. */
  disconnect(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.connecting) {
      const { promise, controller } = this.connecting;
      controller.abort(
        new MCPConnectionError(
          'CLIENT_CLOSED',
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
    if (this.currentState !== 'connected') return Promise.resolve();
    const transport = this.transport;
    const session = this.session;
    this.setState('closing');
    session?.close(
      new MCPConnectionError('CLIENT_CLOSED', `Server "${this.name}" was disconnected by the client.`, {
        serverName: this.name,
      }),
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

  async sendRequest(request: JSONRPCRequest, options?: RequestOptions): Promise<JSONRPCResponse> {
    return this.liveSession(request.method).sendRequest(request, options);
  }

  async request<T = Record<string, unknown>>(
    method: string,
    params?: object,
    options?: RequestOptions,
  ): Promise<T> {
    return this.liveSession(method).request<T>(
      method,
      params as Record<string, unknown> | undefined,
      options,
    );
  }

  async notify(method: string, params?: object): Promise<void> {
    return this.liveSession(method).notify(method, params as Record<string, unknown> | undefined);
  }

  /** Connected, transport alive and a ping answered within the timeout (a -32601 counts as alive). Never throws. */
  async isHealthy(options: { timeout?: number } = {}): Promise<boolean> {
    if (this.currentState !== 'connected' || !this.session) return false;
    if (this.transport?.isAlive?.() === false) return false;
    const timeout = options.timeout ?? this.options.healthCheckTimeout ?? DEFAULT_HEALTH_CHECK_TIMEOUT;
    try {
      await this.session.request('ping', undefined, { timeout });
      return true;
    } catch (error) {
      return error instanceof MCPProtocolError && error.rpcCode === JSONRPC_ERROR.METHOD_NOT_FOUND;
    }
  }

  /** Every tool on every page, cached until `notifications/tools/list_changed` or `refresh`. */
  getTools(options: { refresh?: boolean } & RequestOptions = {}): Promise<Tool[]> {
    const { refresh, ...requestOptions } = options;
    if (!refresh && this.toolsCache) return Promise.resolve(this.toolsCache);
    if (!refresh && this.toolsInflight) return this.toolsInflight;
    const generation = this.toolsGeneration;
    const inflight = paginate(this, 'tools/list', ListToolsResultSchema, (r) => r.tools, requestOptions)
      .then((tools) => {
        if (generation === this.toolsGeneration) this.toolsCache = tools;
        return tools;
      })
      .finally(() => {
        if (this.toolsInflight === inflight) this.toolsInflight = undefined;
      });
    this.toolsInflight = inflight;
    return inflight;
  }

  callTool(name: string, args: object = {}, options?: RequestOptions): Promise<CallToolResult> {
    return this.request<CallToolResult>('tools/call', { name, arguments: args }, options);
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
    if (notification.method === 'notifications/tools/list_changed') {
      this.invalidateTools();
      this.emit('toolsChanged');
    }
    this.emit('notification', notification);
  }

  private onTransportClose(transport: Transport, reason: Error): void {
    if (transport !== this.transport || this.currentState !== 'connected') return;
    this.logger.warn({ err: reason }, 'connection lost');
    this.transport = undefined;
    this.session = undefined;
    this.invalidateTools();
    // The transport already released its resources; close() is idempotent and reaps anything left.
    void this.closeTransport(transport);
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

  private invalidateTools(): void {
    this.toolsGeneration++;
    this.toolsCache = undefined;
    this.toolsInflight = undefined;
  }

  private liveSession(method: string): ProtocolSession {
    if (this.currentState === 'connected' && this.session) return this.session;
    throw new MCPConnectionError(
      'NOT_CONNECTED',
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
