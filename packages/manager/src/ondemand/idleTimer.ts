/**
 * When a running server has been idle for `timeout` ms: no call in flight (`begin`/`end`), nothing holding it
 * (`held`: a subscription, a task followed), no activity (`touch`) meanwhile. The wait is the manager's
 * injectable sleep, so tests run it on a fake clock. A timeout of 0 never fires.
 */
const CANCELLED = new Error('idle wait cancelled');

export class IdleTimer {
  private inFlight = 0;
  private wait: AbortController | undefined;

  constructor(
    private readonly timeout: number,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
    private readonly held: () => boolean,
    private readonly onIdle: () => void,
  ) {}

  /** Calls in flight now. */
  get busy(): number {
    return this.inFlight;
  }

  /** Whether the server may be stopped for idleness now. */
  get idle(): boolean {
    return this.inFlight === 0 && !this.held();
  }

  begin(): void {
    this.inFlight += 1;
    this.cancel();
  }

  end(): void {
    this.inFlight -= 1;
    this.touch();
  }

  /** Activity: the wait starts over (if nothing is in flight). */
  touch(): void {
    this.cancel();
    if (this.timeout <= 0 || this.inFlight > 0) return;
    const wait = new AbortController();
    this.wait = wait;
    this.sleep(this.timeout, wait.signal).then(
      () => {
        if (this.wait !== wait) return;
        this.wait = undefined;
        if (this.idle) this.onIdle();
      },
      () => {},
    );
  }

  /** Not running, or stopping: no wait. */
  cancel(): void {
    // A reason given: abort() without one builds a DOMException, a stack trace on every call of a busy server.
    this.wait?.abort(CANCELLED);
    this.wait = undefined;
  }
}
