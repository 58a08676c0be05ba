import { EventEmitter } from 'node:events';
import {
  type Logger,
  ManagerErrorCode,
  type MCPClient,
  MCPConnectionError,
  type MCPError,
  type MCPErrorCode,
  type MCPServerConfig,
  type Tool,
} from '@org/mcp-core';
import { retry } from '@org/mcp-core/internal';
import { MCPClientFactory } from '@org/mcp-factory';
import { isRetryable } from './isRetryable.js';
import type { ManagerEventMap } from './managerEvents.js';
import { MANAGER_DEFAULTS, type ManagerOptions } from './managerOptions.js';
import { OperationQueue } from './operationQueue.js';
import { RestartSupervisor } from './restartSupervisor.js';
import type { ServerState, ServerStatus } from './serverStatus.js';

export interface ConnectServerOptions {
  /** Retries after the first attempt. Default: the manager's maxRetries (3). */
  maxRetries?: number;
  signal?: AbortSignal;
}

const NO_TOOLS: readonly Tool[] = Object.freeze([]);

/** Why there is no live client, per state (a connected server always has one). */
const UNAVAILABLE: Record<Exclude<ServerState, 'connected'>, [MCPErrorCode, (last: string) => string]> = {
  disabled: [ManagerErrorCode.SERVER_DISABLED, () => 'is disabled'],
  idle: [ManagerErrorCode.SERVER_IDLE, () => 'is not connected yet; call connectServer() first'],
  connecting: [ManagerErrorCode.SERVER_CONNECTING, () => 'is still connecting'],
  reconnecting: [ManagerErrorCode.SERVER_RECONNECTING, (last) => `is reconnecting after a failure (${last})`],
  failed: [ManagerErrorCode.SERVER_FAILED, (last) => `failed: ${last}`],
  closing: [ManagerErrorCode.SERVER_CLOSING, () => 'is disconnecting'],
  closed: [ManagerErrorCode.SERVER_CLOSED, () => 'is closed'],
};

/**
 * One server's whole life: connect with retries, restarts when it goes away, health, stop. Operations on it
 * run one at a time (a stop aborts whatever runs first), so their outcomes never overwrite each other and
 * there is at most one live client. Reports upward with the manager's own events.
 */
export class ManagedServer extends EventEmitter<ManagerEventMap> {
  private readonly queue = new OperationQueue();
  private readonly supervisor: RestartSupervisor;
  private currentState: ServerState;
  private isEnabled: boolean;
  private live: { client: MCPClient; tools: readonly Tool[] } | undefined;
  /** The client of a server that went away (or was dropped as unhealthy): stopped before anything new starts. */
  private lost: MCPClient | undefined;
  /** Aborts the connect or restart in flight or queued. */
  private work: AbortController | undefined;
  /** What connect() joins: the connect or restart attempt under way. */
  private connecting: Promise<MCPClient> | undefined;
  /** Removed or shut down: nothing connects again. */
  private retired = false;
  /** Attempts made by the latest connect sequence. */
  private attempts = 0;
  private lastError: Error | undefined;
  private lastConnect: { at: Date; ms: number } | undefined;
  private lastHealthCheck: { at: Date; healthy: boolean } | undefined;
  private healthFailures = 0;

  constructor(
    readonly name: string,
    readonly config: MCPServerConfig,
    private readonly options: ManagerOptions,
    private readonly logger: Logger,
  ) {
    super();
    this.isEnabled = config.enabled !== false;
    this.currentState = this.isEnabled ? 'idle' : 'disabled';
    this.supervisor = new RestartSupervisor(options);
  }

  get enabled(): boolean {
    return this.isEnabled;
  }

  /** The tools it offers through the manager: none unless connected. */
  get tools(): readonly Tool[] {
    return this.live?.tools ?? NO_TOOLS;
  }

  /** Connects, retrying with backoff; joins a connect under way; takes over from a restart waiting out its backoff. */
  async connect(options: ConnectServerOptions = {}): Promise<MCPClient> {
    if (this.retired) throw this.stoppedError();
    if (!this.isEnabled) throw this.disabledError();
    if (this.live) return this.live.client;
    if (this.connecting) return this.connecting;
    const work = this.takeWork();
    return this.track(this.queue.run(() => this.connectWithRetry(work, options)));
  }

  disconnect(): Promise<void> {
    return this.stop(this.isEnabled ? 'idle' : 'disabled');
  }

  /** Marks it enabled; it connects when asked. */
  async enable(): Promise<void> {
    if (this.isEnabled) return;
    this.isEnabled = true;
    await this.queue.run(async () => {
      if (this.isEnabled && this.currentState === 'disabled') this.setState('idle');
    });
  }

  /** Stops it and keeps it from connecting until enabled. */
  disable(): Promise<void> {
    this.isEnabled = false;
    return this.stop('disabled');
  }

  /** Stops it for good (removeServer: 'closing', shutdown: 'closed'). */
  retire(finalState: 'closing' | 'closed'): Promise<void> {
    this.retired = true;
    return this.stop(finalState);
  }

  /** The live client, or an MCPConnectionError saying why there is none. */
  liveClient(): MCPClient {
    if (!this.isEnabled) throw this.disabledError();
    if (this.live) return this.live.client;
    const [code, why] = UNAVAILABLE[this.currentState as Exclude<ServerState, 'connected'>];
    throw new MCPConnectionError(
      code,
      `Server "${this.name}" ${why(this.lastError?.message ?? 'unknown error')}.`,
      { serverName: this.name, cause: this.lastError },
    );
  }

  /** One health check; not connected is unhealthy. Counts consecutive failures of the live client. */
  async checkHealth(timeout: number): Promise<boolean> {
    const client = this.live?.client;
    if (!client) return false;
    const healthy = await client.isHealthy({ timeout });
    if (this.live?.client === client) {
      this.lastHealthCheck = { at: new Date(), healthy };
      this.healthFailures = healthy ? 0 : this.healthFailures + 1;
    }
    return healthy;
  }

  /** Restarts it once `limit` health checks in a row have failed. */
  restartIfUnhealthy(limit: number): void {
    if (!this.live || this.healthFailures < limit) return;
    this.logger.warn({ server: this.name, failures: this.healthFailures }, 'unhealthy; restarting');
    this.healthFailures = 0;
    this.detach(
      new MCPConnectionError(
        ManagerErrorCode.UNHEALTHY,
        `Server "${this.name}" failed ${limit} health checks in a row and is being restarted.`,
        { serverName: this.name },
      ),
    );
    this.restart();
    this.emit('toolsChanged', { server: this.name });
  }

  /** Everything known about it. Never includes header or env values. */
  status(): ServerStatus {
    const client = this.live?.client;
    return {
      enabled: this.isEnabled,
      connected: client !== undefined,
      state: this.currentState,
      transport: client?.transportType ?? this.config.transport ?? 'stdio',
      attempts: this.attempts,
      restarts: this.supervisor.restarts,
      lastError: this.lastError
        ? { message: this.lastError.message, code: (this.lastError as MCPError).code ?? 'UNKNOWN' }
        : undefined,
      connectedAt: this.lastConnect?.at.toISOString(),
      connectMs: this.lastConnect?.ms,
      lastHealthCheck: this.lastHealthCheck
        ? { at: this.lastHealthCheck.at.toISOString(), healthy: this.lastHealthCheck.healthy }
        : undefined,
      serverInfo: client?.serverInfo,
      protocolVersion: client?.protocolVersion,
      era: client?.era,
      toolCount: this.tools.length,
    };
  }

  private async connectWithRetry(work: AbortController, options: ConnectServerOptions): Promise<MCPClient> {
    const signal = options.signal ? AbortSignal.any([work.signal, options.signal]) : work.signal;
    signal.throwIfAborted();
    this.attempts = 0;
    this.setState('connecting');
    try {
      return await retry(() => this.connectOnce(signal), {
        maxRetries: options.maxRetries ?? this.options.maxRetries ?? MANAGER_DEFAULTS.maxRetries,
        signal,
        backoff: this.options.backoff,
        sleep: this.options.sleep,
        shouldRetry: (error) => isRetryable(error),
        onRetry: ({ attempt, error, delay }) =>
          this.logger.warn({ server: this.name, attempt, delay, err: error }, 'connect failed; retrying'),
      });
    } catch (error) {
      // Aborted by a later operation, that operation owns the state.
      if (this.work === work) {
        this.lastError = error as Error;
        this.setState('failed');
        this.emit('serverError', { name: this.name, error: error as Error });
      }
      throw error;
    }
  }

  /** One attempt: a fresh client, connected, its tools read, its events wired. */
  private async connectOnce(signal: AbortSignal): Promise<MCPClient> {
    this.attempts++;
    const create = this.options.createClient ?? MCPClientFactory.createClient;
    const client = create(this.config, {
      ...this.options.clientOptions,
      name: this.name,
      logger: this.options.logger ?? this.options.clientOptions?.logger,
    });
    const started = performance.now();
    let tools: Tool[];
    try {
      await client.connect({ signal });
      tools = client.serverCapabilities?.tools ? await client.getTools({ signal }) : [];
      signal.throwIfAborted();
    } catch (error) {
      await client.disconnect();
      throw error;
    }
    this.live = { client, tools };
    this.lastConnect = { at: new Date(), ms: Math.round(performance.now() - started) };
    this.lastError = undefined;
    this.healthFailures = 0;
    client.on('close', (reason) => this.onClientClosed(client, reason));
    client.on('toolsChanged', () => void this.refreshTools(client));
    this.supervisor.up();
    this.setState('connected');
    this.emit('toolsChanged', { server: this.name });
    return client;
  }

  /** The live client went away on its own: restart per policy. */
  private onClientClosed(client: MCPClient, reason: Error | undefined): void {
    if (this.live?.client !== client) return;
    this.logger.warn({ server: this.name, err: reason }, 'server went away');
    this.detach(reason);
    const restart = this.supervisor.shouldRestart(reason);
    // The state moves first, so listeners of the events below see where the server is going.
    if (!restart) this.setState(reason ? 'failed' : 'idle');
    else if (this.supervisor.exhausted) this.setState('failed');
    if (reason) this.emit('serverError', { name: this.name, error: reason });
    if (restart) this.restart();
    this.emit('toolsChanged', { server: this.name });
  }

  /** Forgets the live client, so its close is not taken for a crash; it is stopped before a new one starts. */
  private detach(reason: Error | undefined): void {
    this.lost = this.live?.client;
    this.live = undefined;
    this.supervisor.down();
    this.lastError = reason;
  }

  /** Reconnects with backoff until it works or the restart budget is spent; calls fail fast meanwhile. */
  private restart(): void {
    if (this.supervisor.exhausted) {
      this.giveUp();
      return;
    }
    this.setState('reconnecting');
    const work = this.takeWork();
    void this.queue.run(() => this.superviseRestart(work.signal));
  }

  private async superviseRestart(signal: AbortSignal): Promise<void> {
    await this.releaseLost();
    if (signal.aborted) return;
    try {
      const restarted = await this.supervisor.run(() => this.restartAttempt(signal), {
        signal,
        onWait: () => this.setState('reconnecting'),
        onFailure: (error) => {
          this.lastError = error as Error;
          this.logger.warn({ server: this.name, err: error }, 'restart failed');
        },
      });
      if (restarted) this.logger.info({ server: this.name, restarts: this.supervisor.restarts }, 'server restarted');
      else this.giveUp();
    } catch (error) {
      // Aborted: a stop or an explicit connect took over.
      if (!signal.aborted) throw error;
    }
  }

  private restartAttempt(signal: AbortSignal): Promise<MCPClient> {
    this.attempts = 0;
    return this.track(this.connectOnce(signal));
  }

  private giveUp(): void {
    const max = this.supervisor.maxRestarts;
    this.setState('failed');
    const error = new MCPConnectionError(
      ManagerErrorCode.RESTARTS_EXHAUSTED,
      `Server "${this.name}" kept failing and was given up after ${max} restarts. Last error: ${this.lastError?.message ?? 'unknown'}`,
      { serverName: this.name, cause: this.lastError },
    );
    this.lastError = error;
    this.emit('serverError', { name: this.name, error });
  }

  private async refreshTools(client: MCPClient): Promise<void> {
    try {
      const tools = await client.getTools({ refresh: true });
      if (this.live?.client !== client) return;
      this.live = { client, tools };
      this.emit('toolsChanged', { server: this.name });
    } catch (error) {
      this.logger.warn({ server: this.name, err: error }, 'could not refresh tools after list_changed');
    }
  }

  /** Aborts whatever runs, stops the client (and what a lost one left) and leaves the server in `finalState`. */
  private stop(finalState: ServerState): Promise<void> {
    this.work?.abort(this.stoppedError());
    this.work = undefined;
    const live = this.live;
    const busy = this.connecting !== undefined;
    this.live = undefined;
    this.connecting = undefined;
    this.supervisor.down();
    if (live || busy) this.setState('closing');
    if (live?.tools.length) this.emit('toolsChanged', { server: this.name });
    return this.queue.run(async () => {
      if (live) await this.release(live.client);
      await this.releaseLost();
      this.setState(finalState);
    });
  }

  private async releaseLost(): Promise<void> {
    const lost = this.lost;
    this.lost = undefined;
    if (lost) await this.release(lost);
  }

  /** Disconnects a client, waiting at most shutdownTimeout. */
  private async release(client: MCPClient): Promise<void> {
    const limit = this.options.shutdownTimeout ?? MANAGER_DEFAULTS.shutdownTimeout;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const overdue = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.logger.error({ server: this.name, limit }, 'disconnect did not finish in time');
        resolve();
      }, limit);
    });
    try {
      await Promise.race([client.disconnect().catch(() => {}), overdue]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A new connect or restart: whatever was in flight or queued is aborted. */
  private takeWork(): AbortController {
    this.work?.abort();
    this.work = new AbortController();
    return this.work;
  }

  /** Lets connect() join an attempt under way. */
  private track(connecting: Promise<MCPClient>): Promise<MCPClient> {
    this.connecting = connecting;
    const settled = () => {
      if (this.connecting === connecting) this.connecting = undefined;
    };
    connecting.then(settled, settled);
    return connecting;
  }

  private setState(state: ServerState): void {
    const previous = this.currentState;
    if (previous === state) return;
    this.currentState = state;
    this.logger.debug({ server: this.name, state, previous }, 'state changed');
    this.emit('serverStateChanged', { name: this.name, state, previous, error: this.lastError });
  }

  private disabledError(): MCPConnectionError {
    return new MCPConnectionError(
      ManagerErrorCode.SERVER_DISABLED,
      `Server "${this.name}" is disabled; enableServer("${this.name}") first.`,
      { serverName: this.name },
    );
  }

  private stoppedError(): MCPConnectionError {
    return new MCPConnectionError(ManagerErrorCode.SERVER_STOPPED, `Server "${this.name}" was stopped.`, {
      serverName: this.name,
    });
  }
}
