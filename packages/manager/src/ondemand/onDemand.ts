import type { Logger, MCPServerConfig, Tool } from '@org/mcp-core';
import { settled } from '@org/mcp-core/internal';
import type { ResolvedOptions } from '../resolvedOptions.js';
import type { ServerState } from '../server/serverStatus.js';
import { IdleTimer } from './idleTimer.js';
import { onDemandOf, type StartMode } from './onDemandConfig.js';

export interface OnDemandSettings {
  name: string;
  config: MCPServerConfig;
  options: ResolvedOptions;
  /** Its idle timeout passed with nothing in flight or holding it. */
  onIdle: () => void;
}

/**
 * One server's life on demand: how it starts, its tools as its catalog entry has them (offered while it is
 * not running), its idle timer and whether it is stopping for idleness now.
 */
export class OnDemand {
  readonly start: StartMode;
  /** Stopped after this many ms idle; 0: never. */
  readonly idleTimeout: number;
  readonly idle: IdleTimer;
  /** Its tools as the catalog last saw them. */
  cataloged: readonly Tool[] = [];
  /** Whether something holds it running besides calls (a subscription); set by the manager's wiring. */
  inUse: () => boolean = () => false;
  private parking = false;

  private readonly logger: Logger;
  private readonly name: string;

  constructor({ name, config, options, onIdle }: OnDemandSettings) {
    this.name = name;
    this.logger = options.logger;
    ({ start: this.start, idleTimeout: this.idleTimeout } = onDemandOf(config, options));
    this.idle = new IdleTimer(this.idleTimeout, options.sleep, () => this.inUse(), onIdle);
  }

  /** Where a stop (not a disable) leaves it: `lazy` when it starts on demand. */
  get restingState(): ServerState {
    return this.start === 'lazy' ? 'lazy' : 'idle';
  }

  /** Whether a call starts a server in `state`: not running (or stopping for idleness), or lazy and its start failed. */
  startsOnCall(state: ServerState): boolean {
    return (
      state === 'lazy' ||
      (state === 'closing' && this.parking) ||
      (this.start === 'lazy' && state === 'failed')
    );
  }

  /** Runs one call: while any runs, the server is not idle. */
  using<T>(call: () => Promise<T>): Promise<T> {
    this.idle.begin();
    // Plain callbacks, not an async frame: this wraps every call.
    return settled(call).then(
      (result) => {
        this.idle.end();
        return result;
      },
      (error: unknown) => {
        this.idle.end();
        throw error;
      },
    );
  }

  /** The server moved to `state`: running, it waits to be idle; otherwise not. */
  moved(state: ServerState): void {
    if (state === 'connected') this.idle.touch();
    else this.idle.cancel();
  }

  /** Runs the stop for idleness unless it is busy; meanwhile a call waits for the stop, then starts it again. */
  async park(stop: () => Promise<void>): Promise<void> {
    if (!this.idle.idle) return;
    this.logger.info({ server: this.name }, 'idle; stopping until its next call');
    this.parking = true;
    try {
      await stop();
    } finally {
      this.parking = false;
    }
  }
}
