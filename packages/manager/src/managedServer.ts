import { EventEmitter } from 'node:events';
import type { Logger, MCPClient, MCPError, MCPServerConfig, Tool } from '@org/mcp-core';
import { retry } from '@org/mcp-core/internal';
import { ClientSlot } from './clientSlot.js';
import { isRetryable } from './isRetryable.js';
import type { ManagerEventMap } from './managerEvents.js';
import { type ConnectServerOptions, MANAGER_DEFAULTS, type ManagerOptions } from './managerOptions.js';
import { openClient } from './openClient.js';
import { OperationQueue } from './operationQueue.js';
import { RestartSupervisor } from './restartSupervisor.js';
import {
  disabledError,
  restartsExhaustedError,
  stoppedError,
  unavailableError,
  unhealthyError,
} from './serverErrors.js';
import type { ServerState, ServerStatus } from './serverStatus.js';

/**
 * One server's whole life: connect with retries, restarts when it goes away, health, stop. Operations on it
 * run one at a time (a stop aborts whatever runs first), so their outcomes never overwrite each other and
 * there is at most one live client. Reports upward with the manager's own events.
 */
export class ManagedServer extends EventEmitter<ManagerEventMap> {
  private readonly queue = new OperationQueue();
  private readonly supervisor: RestartSupervisor;
  private readonly slot: ClientSlot;
  private currentState: ServerState;
  private isEnabled: boolean;
  /** Aborts the connect or restart in flight or queued. */
  private work: AbortController | undefined;
  /** What connect() joins: the connect or restart attempt under way. */
  private connecting: Promise<MCPClient> | undefined;
  /** Removed or shut down: nothing connects again. */
  private retired = false;
  /** Attempts made by the latest connect sequence. */
  private attempts = 0;
  private lastError: Error | undefined;
  private lastConnect: { at: string; ms: number } | undefined;
  private lastHealthCheck: { at: string; healthy: boolean } | undefined;
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
    this.supervisor = new RestartSupervisor(name, options, logger);
    const limit = options.shutdownTimeout ?? MANAGER_DEFAULTS.shutdownTimeout;
    this.slot = new ClientSlot(limit, () =>
      logger.error({ server: name, limit }, 'disconnect did not finish in time'),
    );
  }

  get enabled(): boolean {
    return this.isEnabled;
  }

  /** The tools it offers through the manager: none unless connected. */
  get tools(): readonly Tool[] {
    return this.slot.tools;
  }

  /** Connects, retrying with backoff; joins a connect under way; takes over from a restart waiting out its backoff. */
  async connect(options: ConnectServerOptions = {}): Promise<MCPClient> {
    if (this.retired) throw stoppedError(this.name);
    if (!this.isEnabled) throw disabledError(this.name);
    if (this.slot.client) return this.slot.client;
    if (this.connecting) return this.connecting;
    const work = this.takeWork();
    return this.track(this.queue.run(() => this.connectWithRetry(work, options)));
  }

  async disconnect(): Promise<void> {
    if (this.retired) throw stoppedError(this.name);
    return this.stop(this.isEnabled ? 'idle' : 'disabled');
  }

  /** Marks it enabled; it connects when asked. */
  async enable(): Promise<void> {
    if (this.retired) throw stoppedError(this.name);
    if (this.isEnabled) return;
    this.isEnabled = true;
    await this.queue.run(async () => {
      if (this.isEnabled && this.currentState === 'disabled') this.setState('idle');
    });
  }

  /** Stops it and keeps it from connecting until enabled. */
  async disable(): Promise<void> {
    if (this.retired) throw stoppedError(this.name);
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
    if (!this.isEnabled) throw disabledError(this.name);
    if (this.slot.client) return this.slot.client;
    // Only a connected server has a live client.
    throw unavailableError(this.name, this.currentState as Exclude<ServerState, 'connected'>, this.lastError);
  }

  /** One health check; not connected is unhealthy. Counts consecutive failures of the live client. */
  async checkHealth(timeout: number): Promise<boolean> {
    const client = this.slot.client;
    const healthy = client ? await client.isHealthy({ timeout }) : false;
    if (client && this.slot.client === client) {
      this.lastHealthCheck = { at: new Date().toISOString(), healthy };
      this.healthFailures = healthy ? 0 : this.healthFailures + 1;
    }
    return healthy;
  }

  /** Restarts it once `limit` health checks in a row have failed. */
  restartIfUnhealthy(limit: number): void {
    if (!this.slot.client || this.healthFailures < limit) return;
    this.logger.warn({ server: this.name, failures: this.healthFailures }, 'unhealthy; restarting');
    this.healthFailures = 0;
    this.detach(unhealthyError(this.name, limit));
    this.restart();
    this.emit('toolsChanged', { server: this.name });
  }

  /** Everything known about it. Never includes header or env values. */
  status(): ServerStatus {
    const client = this.slot.client;
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
      connectedAt: this.lastConnect?.at,
      connectMs: this.lastConnect?.ms,
      lastHealthCheck: this.lastHealthCheck && { ...this.lastHealthCheck },
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
        shouldRetry: isRetryable,
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

  /** One attempt; on success the new client is live and its events wired. */
  private async connectOnce(signal: AbortSignal): Promise<MCPClient> {
    this.attempts++;
    const { client, tools, ms } = await openClient(this.name, this.config, this.options, signal);
    // A stop that came while the result was on its way took nothing to release: this client is stopped here.
    if (signal.aborted) {
      await client.disconnect();
      throw signal.reason;
    }
    this.slot.fill(client, tools);
    this.lastConnect = { at: new Date().toISOString(), ms };
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
    if (this.slot.client !== client) return;
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
    this.slot.lose();
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
    await this.slot.releaseLost();
    if (signal.aborted) return;
    try {
      const restarted = await this.supervisor.run(() => this.restartAttempt(signal), {
        signal,
        onWait: () => this.setState('reconnecting'),
        onFailure: (error) => {
          this.lastError = error as Error;
        },
      });
      if (!restarted) this.giveUp();
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
    this.setState('failed');
    const error = restartsExhaustedError(this.name, this.supervisor.maxRestarts, this.lastError);
    this.lastError = error;
    this.emit('serverError', { name: this.name, error });
  }

  private async refreshTools(client: MCPClient): Promise<void> {
    try {
      const tools = await client.getTools({ refresh: true });
      if (this.slot.updateTools(client, tools)) this.emit('toolsChanged', { server: this.name });
    } catch (error) {
      this.logger.warn({ server: this.name, err: error }, 'could not refresh tools after list_changed');
    }
  }

  /** Aborts whatever runs, stops the client (and what a lost one left) and leaves the server in `finalState`. */
  private stop(finalState: ServerState): Promise<void> {
    this.work?.abort(stoppedError(this.name));
    this.work = undefined;
    const hadTools = this.slot.tools.length > 0;
    const client = this.slot.take();
    const busy = this.connecting !== undefined;
    this.connecting = undefined;
    this.supervisor.down();
    if (client || busy) this.setState('closing');
    if (hadTools) this.emit('toolsChanged', { server: this.name });
    return this.queue.run(async () => {
      if (client) await this.slot.release(client);
      await this.slot.releaseLost();
      this.setState(finalState);
    });
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
}
