import { EventEmitter } from 'node:events';
import type { Logger, MCPClient, MCPServerConfig, Tool } from '@org/mcp-core';
import { needsAuthError } from '../auth/authErrors.js';
import { authRequiredIn, type ServerAuth, serverAuthFor, withAuth } from '../auth/serverAuth.js';
import { CallGuard } from '../calls/callGuard.js';
import type { ManagerEventMap } from '../managerEvents.js';
import { MANAGER_DEFAULTS, type ManagerOptions } from '../managerOptions.js';
import { awaitComingUp, isComingUp } from './awaitComingUp.js';
import { ClientHolder } from './clientHolder.js';
import type { ConnectTurns } from './connectTurns.js';
import { CurrentWork } from './currentWork.js';
import { HealthRecord } from './healthRecord.js';
import { OperationQueue } from './operationQueue.js';
import { RestartSupervisor } from './restartSupervisor.js';
import { disabledError, unavailableError } from './serverErrors.js';
import { type ServerState, type ServerStatus, statusOf } from './serverStatus.js';

/**
 * A managed server's state and what reads it: the live client, status, health, the moves to failed or needs-auth.
 * ManagedServer adds the operations (connect, restart, stop) on top.
 */
export abstract class ManagedServerState extends EventEmitter<ManagerEventMap> {
  protected readonly queue = new OperationQueue();
  protected readonly supervisor: RestartSupervisor;
  protected readonly holder: ClientHolder;
  protected currentState: ServerState;
  protected isEnabled: boolean;
  protected readonly work = new CurrentWork();
  /** Removed or shut down: nothing connects again. */
  protected retired = false;
  /** Attempts made by the latest connect sequence. */
  protected attempts = 0;
  protected lastError: Error | undefined;
  protected lastConnect: { at: string; ms: number } | undefined;
  protected readonly health = new HealthRecord();
  /** Its config entry could not be read: it never connects, and says why. */
  protected refusal: Error | undefined;
  /** Its load limits and circuit breaker, around each call the manager makes to it. */
  readonly calls: CallGuard;
  protected readonly auth: ServerAuth | undefined;
  /** The manager's options with this server's OAuth provider as the clients' `auth`. */
  protected readonly openOptions: ManagerOptions;

  private entry: MCPServerConfig;

  /** Its config entry. */
  get config(): MCPServerConfig {
    return this.entry;
  }

  /** Takes an entry that starts it as this one does (configDiff's startsAlike): a reload that changed only the tool filter. */
  replaceEntry(config: MCPServerConfig): void {
    this.entry = config;
  }

  /** `turns` bounds the connect attempts in flight across the manager's servers. */
  constructor(
    readonly name: string,
    config: MCPServerConfig,
    protected readonly options: ManagerOptions,
    protected readonly logger: Logger,
    protected readonly turns: ConnectTurns,
  ) {
    super();
    this.entry = config;
    this.isEnabled = config.enabled !== false;
    this.currentState = this.isEnabled ? 'idle' : 'disabled';
    this.supervisor = new RestartSupervisor(name, options, logger);
    this.calls = new CallGuard(name, options, (change) => this.emit('circuitStateChanged', change));
    const limit = options.shutdownTimeout ?? MANAGER_DEFAULTS.shutdownTimeout;
    this.holder = new ClientHolder(limit, () =>
      logger.error({ server: name, limit }, 'disconnect did not finish in time'),
    );
    this.auth = serverAuthFor(name, config, options, (error) => this.onAuthRequired(error));
    this.openOptions = withAuth(options, this.auth);
  }

  get enabled(): boolean {
    return this.isEnabled;
  }

  /** The tools it offers through the manager: none unless connected. */
  get tools(): readonly Tool[] {
    return this.holder.tools;
  }

  /** The tools it offered when last connected, kept while it is not. */
  get knownTools(): readonly Tool[] {
    return this.holder.knownTools;
  }

  /** The live client, or an MCPConnectionError saying why there is none (for a call to `tool`, if given). */
  liveClient(tool?: string): MCPClient {
    if (!this.isEnabled) throw disabledError(this.name, tool);
    if (this.holder.client) return this.holder.client;
    if (this.currentState === 'needs-auth') throw needsAuthError(this.name, this.lastError, tool);
    // Only a connected server has a live client.
    const state = this.currentState as Exclude<ServerState, 'connected' | 'needs-auth'>;
    throw unavailableError(this.name, state, this.lastError, tool);
  }

  /** The live client for a call to `tool`; while the server is connecting or restarting, waits up to `limit` ms. */
  async callableClient(tool: string, limit: number, signal?: AbortSignal): Promise<MCPClient> {
    if (this.isEnabled && isComingUp(this.currentState)) await awaitComingUp(this, limit, signal);
    return this.liveClient(tool);
  }

  /** One health check; not connected is unhealthy. Counts consecutive failures of the live client. */
  checkHealth(timeout: number): Promise<boolean> {
    const client = this.holder.client;
    const checked = this.health.check(client, timeout, () => this.holder.client === client);
    return client ? checked.then((healthy) => this.calls.healthChecked(healthy)) : checked;
  }

  /** Everything known about it. Never includes header or env values. */
  status(): ServerStatus {
    return {
      ...statusOf({
        enabled: this.isEnabled,
        state: this.currentState,
        client: this.holder.client,
        configured: this.config.transport,
        attempts: this.attempts,
        restarts: this.supervisor.restarts,
        lastError: this.lastError,
        lastConnect: this.lastConnect,
        lastHealthCheck: this.health.last,
        toolCount: this.tools.length,
        auth: this.auth?.status(),
      }),
      ...this.calls.status(),
    };
  }

  /** Forgets the live client, so its close is not taken for a crash; it is stopped before a new one starts. */
  protected detach(reason: Error | undefined): void {
    this.holder.lose();
    this.supervisor.down();
    this.lastError = reason;
  }

  protected fail(error: Error): void {
    this.lastError = error;
    const auth = authRequiredIn(error);
    this.setState(auth ? 'needs-auth' : 'failed');
    if (!auth) this.emit('serverError', { name: this.name, error });
    else
      this.emit('authorizationRequired', {
        name: this.name,
        ...(this.auth as ServerAuth).where(),
        error: auth,
      });
  }

  /** A refresh failed while connected and nobody can authorize: the live client goes, calls fail at once. */
  protected onAuthRequired(error: Error): void {
    if (this.currentState !== 'connected' || !this.holder.client) return;
    this.detach(error);
    this.fail(error);
    this.emit('toolsChanged', { server: this.name });
  }

  protected setState(state: ServerState): void {
    const previous = this.currentState;
    if (previous === state) return;
    this.currentState = state;
    this.logger.debug({ server: this.name, state, previous }, 'state changed');
    this.emit('serverStateChanged', { name: this.name, state, previous, error: this.lastError });
  }
}
