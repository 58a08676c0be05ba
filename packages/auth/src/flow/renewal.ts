import { deadline } from '@org/mcp-core/internal';

/**
 * One renewal of a provider's tokens and the requests waiting for it. It ends with its own
 * deadline, or when the last request waiting for it gives up (its signal aborts): then its work is
 * aborted and `onAbandoned` lets the provider start a fresh one for the next request, instead of
 * every later request waiting on a stalled authorization server.
 */
export class Renewal {
  readonly outcome: Promise<void>;
  private readonly controller = new AbortController();
  private waiting = 0;
  private ended = false;

  constructor(
    work: (signal: AbortSignal) => Promise<void>,
    timeout: number,
    private readonly onEnd: () => void,
  ) {
    const bound = deadline(timeout, this.controller.signal);
    this.outcome = work(bound.signal).finally(() => {
      bound.clear();
      this.end();
    });
    // Nobody may be left to read the outcome of an abandoned renewal.
    this.outcome.catch(() => {});
  }

  /** Waits for the outcome; rejects with `signal`'s reason once it aborts. A wait without a signal never gives up. */
  wait(signal: AbortSignal | undefined): Promise<void> {
    if (!signal) {
      this.waiting++;
      return this.outcome;
    }
    if (signal.aborted) return Promise.reject(signal.reason);
    this.waiting++;
    return new Promise<void>((resolve, reject) => {
      const leave = () => {
        reject(signal.reason);
        if (--this.waiting === 0) this.abandon(signal.reason);
      };
      signal.addEventListener('abort', leave, { once: true });
      this.outcome.then(
        () => {
          signal.removeEventListener('abort', leave);
          resolve();
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(error);
        },
      );
    });
  }

  private abandon(reason: unknown): void {
    this.end();
    this.controller.abort(reason);
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
  }
}
