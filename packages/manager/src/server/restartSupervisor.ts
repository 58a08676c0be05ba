import { type BackoffOptions, calculateBackoff, DEFAULT_BACKOFF } from '@org/mcp-core';
import { retry } from '@org/mcp-core/internal';
import type { ResolvedOptions } from '../resolvedOptions.js';
import { retryJudge } from './isRetryable.js';
import { asMCPError } from './serverErrors.js';
import type { ServerState } from './serverStatus.js';
import type { ServerAction } from './serverTransition.js';

/** What a restart sequence needs of its server. */
export interface RestartTarget {
  /** The server's one door to its record. */
  dispatch(action: ServerAction): void;
  /** Stops what the connection that went away left, before the next client starts. */
  releaseLost(): Promise<void>;
  /** One attempt: a fresh client, live on success. */
  attempt(signal: AbortSignal): Promise<unknown>;
}

export interface RestartHooks {
  signal: AbortSignal;
  /** The server went away by itself: a first restart (the budget whole) need not wait. */
  atOnce: boolean;
  /** Before each wait: the server is reconnecting. */
  onWait: () => void;
  /** After each failed attempt. */
  onFailure: (error: unknown) => void;
}

/** How a restart sequence ended: back up, out of budget, or stopped by a failure another attempt cannot heal. */
export type RestartOutcome = 'restarted' | 'exhausted' | 'permanent';

/**
 * When and how a server that went away comes back: the restart policy, the restart budget (maxRestarts,
 * reset once the server has stayed up for stableAfter) and the backoff between attempts.
 */
export class RestartSupervisor {
  /** Restarts used since the server was last stable. */
  restarts = 0;
  private stableTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly name: string,
    private readonly options: ResolvedOptions,
  ) {}

  /** Whether the policy restarts a server that went away for this reason. */
  shouldRestart(reason: Error | undefined): boolean {
    const policy = this.options.restart;
    if (policy === 'never') return false;
    if (policy === 'always') return true;
    // on-failure: a stdio server that exited with code 0 ended cleanly.
    const exitCode = (reason as { exitCode?: number | null } | undefined)?.exitCode;
    return reason !== undefined && exitCode !== 0;
  }

  /** What follows a loss for this reason: a restart (`state` failed if its budget is spent), or `state`. */
  afterLoss(reason: Error | undefined): { restart: boolean; state: ServerState | undefined } {
    const restart = this.shouldRestart(reason);
    if (!restart) return { restart, state: reason ? 'failed' : 'idle' };
    return { restart, state: this.exhausted ? 'failed' : undefined };
  }

  get maxRestarts(): number {
    return this.options.maxRestarts;
  }

  get exhausted(): boolean {
    return this.restarts >= this.maxRestarts;
  }

  /** The server is up: once it stays up for stableAfter, its restart budget is whole again. */
  up(): void {
    clearTimeout(this.stableTimer);
    // A whole budget needs no timer: one per connected server would be held for nothing.
    if (this.restarts === 0) return;
    this.stableTimer = setTimeout(() => {
      this.restarts = 0;
    }, this.options.stableAfter);
    this.stableTimer.unref?.();
  }

  down(): void {
    clearTimeout(this.stableTimer);
  }

  /**
   * A whole restart sequence for `target` (run in its operation queue): what the lost connection left is stopped,
   * then `run` with the moves and failures told through the server's dispatch. Undefined when `signal` aborted it
   * (a stop or an explicit connect took over).
   */
  async supervise(
    signal: AbortSignal,
    atOnce: boolean,
    target: RestartTarget,
  ): Promise<RestartOutcome | undefined> {
    await target.releaseLost();
    if (signal.aborted) return undefined;
    try {
      return await this.run(() => target.attempt(signal), {
        signal,
        atOnce,
        onWait: () => target.dispatch({ type: 'move', state: 'reconnecting' }),
        onFailure: (error) => target.dispatch({ type: 'attemptFailed', error: asMCPError(error, this.name) }),
      });
    } catch (error) {
      if (!signal.aborted) throw error;
      return undefined;
    }
  }

  /**
   * Waits, then attempts, until an attempt succeeds, the budget is spent or a failure cannot heal; rejects only
   * when the signal aborts. Restart n (counted over the budget, from 0) waits backoff(n), except the first one
   * `atOnce`. Call only when not exhausted.
   */
  async run(attempt: () => Promise<unknown>, hooks: RestartHooks): Promise<RestartOutcome> {
    const spent = this.restarts;
    const shouldRetry = retryJudge();
    let permanent = false;
    const { sleep, logger } = this.options;
    const wait = () => {
      hooks.onWait();
      this.restarts++;
    };
    const failed = (error: unknown) => {
      logger.warn({ server: this.name, err: error }, 'restart failed');
      hooks.onFailure(error);
    };
    wait();
    // A crash of a server that was stable is most likely a one-off: bring it back before anyone waits long.
    if (!hooks.atOnce || spent > 0) await sleep(calculateBackoff(spent, this.options.backoff), hooks.signal);
    try {
      // retry() waits backoff(k) after attempt k; the first wait was backoff(spent), so its waits start one later.
      await retry(attempt, {
        maxRetries: this.maxRestarts - spent - 1,
        signal: hooks.signal,
        backoff: shifted(this.options.backoff, spent + 1),
        sleep,
        shouldRetry: (error) => {
          permanent = !shouldRetry(error);
          return !permanent;
        },
        onRetry: ({ error }) => {
          failed(error);
          wait();
        },
      });
      logger.info({ server: this.name, restarts: this.restarts }, 'server restarted');
      return 'restarted';
    } catch (error) {
      if (hooks.signal.aborted) throw error;
      failed(error);
      return permanent ? 'permanent' : 'exhausted';
    }
  }
}

/** Backoff options whose delay k is the given options' delay k + by (the base doubles once per step). */
function shifted(backoff: BackoffOptions = {}, by: number): BackoffOptions {
  return { ...backoff, baseDelay: (backoff.baseDelay ?? DEFAULT_BACKOFF.baseDelay) * 2 ** by };
}
