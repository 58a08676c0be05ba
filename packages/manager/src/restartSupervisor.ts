import { type BackoffOptions, calculateBackoff, DEFAULT_BACKOFF, type Logger } from '@org/mcp-core';
import { sleep as defaultSleep, retry } from '@org/mcp-core/internal';
import { MANAGER_DEFAULTS, type ManagerOptions } from './managerOptions.js';

export interface RestartHooks {
  signal: AbortSignal;
  /** Before each wait: the server is reconnecting. */
  onWait: () => void;
  /** After each failed attempt. */
  onFailure: (error: unknown) => void;
}

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
    private readonly options: ManagerOptions,
    private readonly logger: Logger,
  ) {}

  /** Whether the policy restarts a server that went away for this reason. */
  shouldRestart(reason: Error | undefined): boolean {
    const policy =
      this.options.autoReconnect === false ? 'never' : (this.options.restart ?? MANAGER_DEFAULTS.restart);
    if (policy === 'never') return false;
    if (policy === 'always') return true;
    // on-failure: a stdio server that exited with code 0 ended cleanly.
    const exitCode = (reason as { exitCode?: number | null } | undefined)?.exitCode;
    return reason !== undefined && exitCode !== 0;
  }

  get maxRestarts(): number {
    return this.options.maxRestarts ?? MANAGER_DEFAULTS.maxRestarts;
  }

  get exhausted(): boolean {
    return this.restarts >= this.maxRestarts;
  }

  /** The server is up: once it stays up for stableAfter, its restart budget is whole again. */
  up(): void {
    clearTimeout(this.stableTimer);
    this.stableTimer = setTimeout(() => {
      this.restarts = 0;
    }, this.options.stableAfter ?? MANAGER_DEFAULTS.stableAfter);
    this.stableTimer.unref?.();
  }

  down(): void {
    clearTimeout(this.stableTimer);
  }

  /**
   * Waits, then attempts, until an attempt succeeds (true) or the budget is spent (false); rejects only when
   * the signal aborts. Restart n (counted over the budget) waits backoff(n). Call only when not exhausted.
   */
  async run(attempt: () => Promise<unknown>, hooks: RestartHooks): Promise<boolean> {
    const spent = this.restarts;
    const sleep = this.options.sleep ?? defaultSleep;
    const wait = () => {
      hooks.onWait();
      this.restarts++;
    };
    const failed = (error: unknown) => {
      this.logger.warn({ server: this.name, err: error }, 'restart failed');
      hooks.onFailure(error);
    };
    wait();
    await sleep(calculateBackoff(spent, this.options.backoff), hooks.signal);
    try {
      // retry() waits backoff(k) after attempt k; the first wait was backoff(spent), so its waits start one later.
      await retry(attempt, {
        maxRetries: this.maxRestarts - spent - 1,
        signal: hooks.signal,
        backoff: shifted(this.options.backoff, spent + 1),
        sleep,
        onRetry: ({ error }) => {
          failed(error);
          wait();
        },
      });
      this.logger.info({ server: this.name, restarts: this.restarts }, 'server restarted');
      return true;
    } catch (error) {
      if (hooks.signal.aborted) throw error;
      failed(error);
      return false;
    }
  }
}

/** Backoff options whose delay k is the given options' delay k + by (the base doubles once per step). */
function shifted(backoff: BackoffOptions = {}, by: number): BackoffOptions {
  return { ...backoff, baseDelay: (backoff.baseDelay ?? DEFAULT_BACKOFF.baseDelay) * 2 ** by };
}
