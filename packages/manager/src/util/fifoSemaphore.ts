/** Gives a turn back; calling it again does nothing. */
export type ReleaseTurn = () => void;

/** How one waits for a turn. */
export interface TurnRequest {
  signal?: AbortSignal | undefined;
  /** What the wait rejects with when `signal` aborts. Default: the signal's reason. */
  aborted?: () => unknown;
  /** Give up waiting after this many ms (when finite), rejecting with `timedOut()`. */
  timeout?: number;
  timedOut?: () => unknown;
}

interface Waiter {
  grant: () => void;
  fail: (error: unknown) => void;
}

/**
 * At most `limit` turns held at once; the others wait in the order they asked. A wait ends early when its
 * signal aborts, its timeout passes, or `cancelQueued` fails it; a freed turn goes straight to the first waiter.
 */
export class FifoSemaphore {
  private active = 0;
  private readonly waiting = new Set<Waiter>();

  constructor(private readonly limit: number) {}

  get held(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.size;
  }

  /** Whether a turn is free now (then nobody waits). */
  get free(): boolean {
    return this.active < this.limit;
  }

  /** A turn at once when one is free, without a wait; else undefined (the caller queues with acquire). */
  tryTake(): ReleaseTurn | undefined {
    return this.free ? this.take() : undefined;
  }

  /** Resolves with a turn, now or in order; rejects when aborted, timed out or cancelled. */
  acquire(request: TurnRequest = {}): Promise<ReleaseTurn> {
    const { signal } = request;
    const aborted = () => (request.aborted ? request.aborted() : signal?.reason);
    if (signal?.aborted) return Promise.reject(aborted());
    const turn = this.tryTake();
    if (turn) return Promise.resolve(turn);
    return new Promise<ReleaseTurn>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => waiter.fail(aborted());
      const leave = () => {
        this.waiting.delete(waiter);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        grant: () => {
          leave();
          resolve(this.take());
        },
        fail: (error) => {
          leave();
          reject(error);
        },
      };
      this.waiting.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      const { timeout, timedOut } = request;
      if (timeout !== undefined && Number.isFinite(timeout))
        timer = setTimeout(() => waiter.fail(timedOut?.()), timeout);
    });
  }

  /** Fails every waiter with `error`; turns held are not touched. */
  cancelQueued(error: unknown): void {
    for (const waiter of [...this.waiting]) waiter.fail(error);
  }

  private take(): ReleaseTurn {
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      // The first waiter (a Set keeps insertion order) takes the freed turn.
      const [next] = this.waiting;
      next?.grant();
    };
  }
}
