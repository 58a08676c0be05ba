import { EventEmitter } from 'node:events';
import type { AuthorizationHandler } from '@org/mcp-auth';
import type { MCPClient, MCPError, MCPServerConfig, Tool } from '@org/mcp-core';
import { notOAuthError } from '../auth/authErrors.js';
import { authRequiredIn, type ServerAuth, serverAuthFor, withAuth } from '../auth/serverAuth.js';
import { CallGuard } from '../calls/callGuard.js';
import type { ManagerEventMap } from '../managerEvents.js';
import type { ConnectServerOptions } from '../managerOptions.js';
import { withDispatcher } from '../network/serverNetwork.js';
import { OnDemand } from '../ondemand/onDemand.js';
import type { ResolvedOptions } from '../resolvedOptions.js';
import { userScopedError } from '../users/userErrors.js';
import { awaitComingUp, isComingUp } from './awaitComingUp.js';
import { ClientHolder } from './clientHolder.js';
import { type ConnectContext, connectWithRetry } from './connectSequence.js';
import type { ConnectTurns } from './connectTurns.js';
import { CurrentWork } from './currentWork.js';
import { OperationQueue } from './operationQueue.js';
import { restart, wentAway } from './restartSequence.js';
import { RestartSupervisor } from './restartSupervisor.js';
import { asMCPError, noClientError, stopError, stoppedError, unhealthyError } from './serverErrors.js';
import { type ServerState, type ServerStatus, type StateReason, statusOf } from './serverStatus.js';
import {
  eventsOf,
  initialRecord,
  type ServerAction,
  type ServerRecord,
  transition,
} from './serverTransition.js';

/**
 * One server's whole life: connect with retries, restarts when it goes away, health, stop. Operations on it
 * run one at a time (a stop aborts whatever runs first), so their outcomes never overwrite each other and
 * there is at most one live client. Its record (state, last error, attempts, health) changes only through
 * `dispatch`, which also tells the manager's events.
 */
export class ManagedServer extends EventEmitter<ManagerEventMap> {
  /** Its load limits and circuit breaker, around each call the manager makes to it. */
  readonly calls: CallGuard;
  private record: ServerRecord;
  private readonly queue = new OperationQueue();
  private readonly work = new CurrentWork();
  private readonly holder: ClientHolder;
  private readonly supervisor: RestartSupervisor;
  private readonly auth: ServerAuth | undefined;
  /** The manager's options with this server's OAuth provider as the clients' `auth`. */
  private readonly openOptions: ResolvedOptions;
  /** Removed or shut down: nothing connects again. */
  private retired = false;
  /** Its config entry could not be read: it never connects, and says why. */
  private refusal: MCPError | undefined;
  private entry: MCPServerConfig;
  private readonly lent: ConnectContext;
  /** How it starts, its catalog's tools, its idle timer. */
  readonly onDemand: OnDemand;

  /** `turns` bounds the connect attempts in flight across the manager's servers. */
  constructor(
    readonly name: string,
    config: MCPServerConfig,
    private readonly options: ResolvedOptions,
    private readonly turns: ConnectTurns,
  ) {
    super();
    this.entry = config;
    this.onDemand = new OnDemand({ name, config, options, onIdle: () => void this.park() });
    this.record = initialRecord(config.enabled !== false, this.onDemand.start === 'lazy');
    const { logger, shutdownTimeout: limit } = options;
    this.supervisor = new RestartSupervisor(name, options);
    this.calls = new CallGuard(name, options, (change) => this.emit('circuitStateChanged', change));
    this.holder = new ClientHolder(limit, () =>
      logger.error({ server: name, limit }, 'disconnect did not finish in time'),
    );
    const dispatcher = options.dispatcherFor(name);
    this.auth = serverAuthFor(name, config, options, (error) => this.onAuthRequired(error), dispatcher);
    this.openOptions = withDispatcher(withAuth(options, this.auth), dispatcher);
    this.lent = this.lend();
  }

  get config(): MCPServerConfig {
    return this.entry;
  }

  get enabled(): boolean {
    return this.record.enabled;
  }

  /** The tools it offers through the manager: none unless connected, or its catalog's while it waits on demand. */
  get tools(): readonly Tool[] {
    return this.holder.client || !this.startsOnCall() ? this.holder.tools : this.onDemand.cataloged;
  }

  /** The tools it offered when last connected (or, never connected here, when the catalog saw it), kept while it is not. */
  get knownTools(): readonly Tool[] {
    return this.holder.knownTools.length > 0 ? this.holder.knownTools : this.onDemand.cataloged;
  }

  /** Its tools as its catalog entry has them. */
  useCatalog(tools: readonly Tool[]): void {
    this.onDemand.cataloged = tools;
    if (!this.holder.client) this.emit('toolsChanged', { server: this.name });
  }

  /** Whether a call starts it: on demand and not running (or stopping for idleness), or lazy and its start failed. */
  startsOnCall(): boolean {
    const { state, enabled } = this.record;
    return enabled && !this.retired && !this.refusal && this.onDemand.startsOnCall(state);
  }

  /** Stops it for idleness, back to `lazy`, unless a call or a holder keeps it busy. */
  async park(): Promise<void> {
    if (this.record.state === 'connected' && !this.retired)
      await this.onDemand.park(() => this.stop('lazy', 'idle'));
  }

  /** Takes an entry that starts it as this one does (configDiff's startsAlike): a reload that changed only the tool filter. */
  replaceEntry(config: MCPServerConfig): void {
    this.entry = config;
  }

  /** Its config entry was refused (`error` names the fields): it stays failed and every connect throws that. */
  refuse(error: Error): void {
    this.refusal = asMCPError(error, this.name);
    this.fail(this.refusal);
  }

  /** Connects, retrying with backoff; joins a connect under way; takes over from a restart waiting out its backoff. */
  async connect(options: ConnectServerOptions = {}, reason?: StateReason): Promise<MCPClient> {
    if (this.retired) throw stoppedError(this.name);
    if (this.entry.scope === 'user') throw userScopedError(this.name);
    if (!this.enabled) throw stopError(this.name, 'disabled');
    if (this.refusal) {
      this.fail(this.refusal);
      throw this.refusal;
    }
    if (this.holder.client) return this.holder.client;
    if (this.work.joinable) return this.work.joinable;
    const work = this.work.take();
    return this.work.track(this.queue.run(() => connectWithRetry(this.lent, work, options, reason)));
  }

  /** Connects with `handler` (else the default, else a loopback one) for the user's part of OAuth. */
  async authorize(handler?: AuthorizationHandler): Promise<MCPClient> {
    if (!this.auth) throw notOAuthError(this.name);
    // The client dropped for needs-auth goes first (not at once: its failing call must end with its own error).
    await this.queue.run(() => this.holder.releaseLost());
    return this.auth.authorizeWith(handler, () => this.connect());
  }

  async disconnect(): Promise<void> {
    if (this.retired) throw stoppedError(this.name);
    return this.stop(this.enabled ? this.onDemand.restingState : 'disabled');
  }

  /** Marks it enabled; it connects when asked. */
  async enable(): Promise<void> {
    if (this.retired) throw stoppedError(this.name);
    if (this.enabled) return;
    this.dispatch({ type: 'enable' });
    await this.queue.run(async () => {
      if (this.enabled && this.record.state === 'disabled')
        this.dispatch({ type: 'move', state: this.onDemand.restingState });
    });
  }

  /** Stops it and keeps it from connecting until enabled. */
  async disable(): Promise<void> {
    if (this.retired) throw stoppedError(this.name);
    this.dispatch({ type: 'disable' });
    return this.stop('disabled');
  }

  /** Stops it for good (removeServer: 'closing', shutdown: 'closed'). */
  retire(finalState: 'closing' | 'closed'): Promise<void> {
    this.retired = true;
    this.calls.dispose();
    return this.stop(finalState);
  }

  /** The live client, or an MCPConnectionError saying why there is none (for a call to `tool`, if given). */
  liveClient(tool?: string): MCPClient {
    if (this.record.enabled && this.holder.client) return this.holder.client;
    throw noClientError(this.name, this.record, tool);
  }

  /** The live client when a call needs no wait (connected), its idle wait started over; else undefined. */
  readyClient(): MCPClient | undefined {
    const client = this.holder.client;
    if (!client || this.retired || this.record.state !== 'connected' || !this.record.enabled)
      return undefined;
    this.onDemand.idle.touch();
    return client;
  }

  /** The live client for a call to `tool`; while the server is connecting or restarting, waits up to `limit` ms. */
  async callableClient(tool: string, limit: number, signal?: AbortSignal): Promise<MCPClient> {
    if (this.retired) throw stoppedError(this.name);
    this.onDemand.idle.touch();
    if (this.startsOnCall()) await this.connect({ signal }, 'call');
    else if (this.enabled && isComingUp(this.record.state)) await awaitComingUp(this, limit, signal);
    return this.liveClient(tool);
  }

  /** One health check; not connected is unhealthy. Counts consecutive failures of the live client. */
  async checkHealth(timeout: number): Promise<boolean> {
    const client = this.holder.client;
    if (!client) return false;
    const healthy = await client.isHealthy({ timeout });
    // The answer counts only if the client is still the live one.
    if (this.holder.client === client)
      this.dispatch({ type: 'healthChecked', at: new Date().toISOString(), healthy });
    return this.calls.healthChecked(healthy);
  }

  /** Restarts it once `limit` health checks in a row have failed. */
  restartIfUnhealthy(limit: number): void {
    const failures = this.record.healthFailures;
    if (!this.holder.client || failures < limit) return;
    this.options.logger.warn({ server: this.name, failures }, 'unhealthy; restarting');
    this.drop(unhealthyError(this.name, limit));
    restart(this.lent, false);
    this.emit('toolsChanged', { server: this.name });
  }

  /** Everything known about it. Never includes header or env values. */
  status(): ServerStatus {
    return {
      ...statusOf({
        ...this.record,
        client: this.holder.client,
        configured: this.config.transport,
        restarts: this.supervisor.restarts,
        toolCount: this.tools.length,
        start: this.onDemand.start,
        auth: this.auth?.status(),
      }),
      ...this.calls.status(),
    };
  }

  /** The one door to its record: computes the next one, then tells the manager's events what changed. */
  private dispatch(action: ServerAction): void {
    const previous = this.record;
    this.record = transition(previous, action);
    const { state } = this.record;
    if (state !== previous.state) {
      this.options.logger.debug({ server: this.name, state, previous: previous.state }, 'state changed');
      this.onDemand.moved(state);
    }
    for (const [event, payload] of eventsOf(this.name, previous, this.record, action, this.auth))
      (this.emit as (event: string, payload: unknown) => boolean)(event, payload);
  }

  private fail(error: MCPError): void {
    this.dispatch({ type: 'failed', error, needsAuth: authRequiredIn(error) });
  }

  /** Forgets the live client, so its close is not taken for a crash; it is stopped before a new one starts. */
  private drop(error: MCPError): void {
    this.holder.lose();
    this.supervisor.down();
    this.dispatch({ type: 'dropped', error });
  }

  /** A refresh failed while connected and nobody can authorize: the live client goes, calls fail at once. */
  private onAuthRequired(error: MCPError): void {
    if (this.record.state !== 'connected' || !this.holder.client) return;
    this.drop(error);
    this.fail(error);
    this.emit('toolsChanged', { server: this.name });
  }

  private lend(): ConnectContext {
    const server = this;
    return {
      name: this.name,
      get config() {
        return server.entry;
      },
      get record() {
        return server.record;
      },
      ...{ options: this.options, openOptions: this.openOptions, turns: this.turns, work: this.work },
      ...{ holder: this.holder, supervisor: this.supervisor, queue: this.queue },
      dispatch: (action) => this.dispatch(action),
      fail: (error) => this.fail(error),
      closed: (client, reason) => wentAway(this.lent, client, reason),
      toolsChanged: () => this.emit('toolsChanged', { server: this.name }),
    };
  }

  /** Aborts whatever runs, stops the client (and what a lost one left) and leaves the server in `finalState`. */
  private stop(finalState: ServerState, reason?: StateReason): Promise<void> {
    const why = reason && { reason, at: new Date().toISOString() };
    const busy = this.work.abort(stoppedError(this.name));
    // Calls queued for a turn outlive an idle stop: they start it again.
    if (!reason) this.calls.cancelQueued(stopError(this.name, finalState));
    const hadTools = this.holder.tools.length > 0;
    const client = this.holder.take();
    this.supervisor.down();
    if (client || busy) this.dispatch({ type: 'move', state: 'closing', ...why });
    if (hadTools) this.emit('toolsChanged', { server: this.name });
    return this.queue.run(async () => {
      if (client) await this.holder.release(client);
      await this.holder.releaseLost();
      this.dispatch({ type: 'move', state: finalState, ...why });
    });
  }
}
