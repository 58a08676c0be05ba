import type { AuthorizationHandler } from '@org/mcp-auth';
import type { MCPClient } from '@org/mcp-core';
import { retry } from '@org/mcp-core/internal';
import { notOAuthError } from '../auth/authErrors.js';
import type { ConnectServerOptions } from '../managerOptions.js';
import { connectRetries } from './connectRetries.js';
import { ManagedServerState } from './managedServerState.js';
import { openClient } from './openClient.js';
import { disabledError, restartsExhaustedError, stoppedError, unhealthyError } from './serverErrors.js';
import type { ServerState } from './serverStatus.js';

/**
 * One server's whole life: connect with retries, restarts when it goes away, health, stop. Operations on it
 * run one at a time (a stop aborts whatever runs first), so their outcomes never overwrite each other and
 * there is at most one live client. Reports upward with the manager's own events.
 */
export class ManagedServer extends ManagedServerState {
  /** Its config entry was refused (`error` names the fields): it stays failed and every connect throws that. */
  refuse(error: Error): void {
    this.refusal = error;
    this.fail(error);
  }

  /** Connects, retrying with backoff; joins a connect under way; takes over from a restart waiting out its backoff. */
  async connect(options: ConnectServerOptions = {}): Promise<MCPClient> {
    if (this.retired) throw stoppedError(this.name);
    if (!this.isEnabled) throw disabledError(this.name);
    if (this.refusal) {
      this.fail(this.refusal);
      throw this.refusal;
    }
    if (this.holder.client) return this.holder.client;
    if (this.work.joinable) return this.work.joinable;
    const work = this.work.take();
    return this.work.track(this.queue.run(() => this.connectWithRetry(work, options)));
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
    this.calls.dispose();
    return this.stop(finalState);
  }

  /** Restarts it once `limit` health checks in a row have failed. */
  restartIfUnhealthy(limit: number): void {
    if (!this.holder.client || this.health.failures < limit) return;
    this.logger.warn({ server: this.name, failures: this.health.failures }, 'unhealthy; restarting');
    this.health.failures = 0;
    this.detach(unhealthyError(this.name, limit));
    this.restart(false);
    this.emit('toolsChanged', { server: this.name });
  }

  private async connectWithRetry(work: AbortController, options: ConnectServerOptions): Promise<MCPClient> {
    const signal = options.signal ? AbortSignal.any([work.signal, options.signal]) : work.signal;
    signal.throwIfAborted();
    this.attempts = 0;
    this.setState('connecting');
    const retries = connectRetries(this.options, options, signal, ({ attempt, error, delay }) => {
      this.lastError = error as Error;
      this.logger.warn({ server: this.name, attempt, delay, err: error }, 'connect failed; retrying');
    });
    try {
      return await retry(() => this.connectOnce(signal), retries);
    } catch (error) {
      // Aborted by a later operation, that operation owns the state.
      if (this.work.owns(work)) this.fail(error as Error);
      throw error;
    }
  }

  /** One attempt (in its turn among the manager's); on success the new client is live and its events wired. */
  private async connectOnce(signal: AbortSignal): Promise<MCPClient> {
    const { client, tools, ms } = await this.turns.run(() => {
      this.attempts++;
      return openClient(this.name, this.config, this.openOptions, signal);
    }, signal);
    // A stop that came while the result was on its way took nothing to release: this client is stopped here.
    if (signal.aborted) {
      await client.disconnect();
      throw signal.reason;
    }
    this.holder.fill(client, tools);
    this.lastConnect = { at: new Date().toISOString(), ms };
    this.lastError = undefined;
    this.health.failures = 0;
    client.on('close', (reason) => this.onClientClosed(client, reason));
    client.on('toolsChanged', () => void this.refreshTools(client));
    this.supervisor.up();
    this.setState('connected');
    this.emit('toolsChanged', { server: this.name });
    return client;
  }

  /** The live client went away on its own: restart per policy. */
  private onClientClosed(client: MCPClient, reason: Error | undefined): void {
    if (this.holder.client !== client) return;
    this.logger.warn({ server: this.name, err: reason }, 'server went away');
    this.detach(reason);
    const restart = this.supervisor.shouldRestart(reason);
    // The state moves first, so listeners of the events below see where the server is going.
    if (!restart) this.setState(reason ? 'failed' : 'idle');
    else if (this.supervisor.exhausted) this.setState('failed');
    if (reason) this.emit('serverError', { name: this.name, error: reason });
    if (restart) this.restart(true);
    this.emit('toolsChanged', { server: this.name });
  }

  /** Reconnects until it works, the budget is spent or a failure cannot heal; `atOnce`: it went away by itself. */
  private restart(atOnce: boolean): void {
    if (this.supervisor.exhausted) {
      this.giveUp();
      return;
    }
    this.setState('reconnecting');
    const work = this.work.take();
    void this.queue.run(() => this.superviseRestart(work.signal, atOnce));
  }

  private async superviseRestart(signal: AbortSignal, atOnce: boolean): Promise<void> {
    await this.holder.releaseLost();
    if (signal.aborted) return;
    try {
      const outcome = await this.supervisor.run(() => this.restartAttempt(signal), {
        signal,
        atOnce,
        onWait: () => this.setState('reconnecting'),
        onFailure: (error) => {
          this.lastError = error as Error;
        },
      });
      if (outcome === 'exhausted') this.giveUp();
      if (outcome === 'permanent') this.fail(this.lastError as Error);
    } catch (error) {
      // Aborted: a stop or an explicit connect took over.
      if (!signal.aborted) throw error;
    }
  }

  private restartAttempt(signal: AbortSignal): Promise<MCPClient> {
    this.attempts = 0;
    return this.work.track(this.connectOnce(signal));
  }

  private giveUp(): void {
    this.fail(restartsExhaustedError(this.name, this.supervisor.maxRestarts, this.lastError));
    // Nothing will restart it: an unhealthy process that still runs is stopped now, not at the next stop.
    void this.queue.run(() => this.holder.releaseLost());
  }

  private async refreshTools(client: MCPClient): Promise<void> {
    try {
      const tools = await client.getTools({ refresh: true });
      if (this.holder.updateTools(client, tools)) this.emit('toolsChanged', { server: this.name });
    } catch (error) {
      this.logger.warn({ server: this.name, err: error }, 'could not refresh tools after list_changed');
    }
  }

  /** Aborts whatever runs, stops the client (and what a lost one left) and leaves the server in `finalState`. */
  private stop(finalState: ServerState): Promise<void> {
    const busy = this.work.abort(stoppedError(this.name));
    this.calls.cancelQueued(finalState === 'disabled' ? disabledError(this.name) : stoppedError(this.name));
    const hadTools = this.holder.tools.length > 0;
    const client = this.holder.take();
    this.supervisor.down();
    if (client || busy) this.setState('closing');
    if (hadTools) this.emit('toolsChanged', { server: this.name });
    return this.queue.run(async () => {
      if (client) await this.holder.release(client);
      await this.holder.releaseLost();
      this.setState(finalState);
    });
  }
}
