import { MCPAbortError } from '@org/mcp-core';
import { MCPCallLimitError } from './loadLimitErrors.js';
import { CALL_LIMIT_DEFAULTS, type CallLimits } from './loadLimitOptions.js';

interface Waiter {
  grant: () => void;
  fail: (error: Error) => void;
}

/** Frees a call's slot; calling it again does nothing. */
export type ReleaseSlot = () => void;

/**
 * One server's call slots: `maxConcurrentCalls` at once, then a bounded queue in arrival order. A call that
 * finds the queue full, waits past `queueTimeout`, or whose server goes away fails without being sent.
 */
export class CallLimiter {
  private active = 0;
  private readonly waiting = new Set<Waiter>();
  readonly limits: Required<CallLimits>;

  constructor(
    private readonly serverName: string,
    limits: CallLimits = {},
  ) {
    this.limits = { ...CALL_LIMIT_DEFAULTS, ...limits };
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.size;
  }

  /** Resolves with a slot, now or in turn; rejects when refused, timed out, aborted or cancelled. */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    const { maxConcurrentCalls, maxQueuedCalls, queueTimeout } = this.limits;
    if (signal?.aborted)
      return Promise.reject(new MCPAbortError('tools/call', { serverName: this.serverName }));
    if (this.active < maxConcurrentCalls) return Promise.resolve(this.take());
    if (this.waiting.size >= maxQueuedCalls)
      return Promise.reject(
        new MCPCallLimitError(this.serverName, 'maxQueuedCalls', maxQueuedCalls, maxConcurrentCalls),
      );
    return new Promise<ReleaseSlot>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => waiter.fail(new MCPAbortError('tools/call', { serverName: this.serverName }));
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
      if (Number.isFinite(queueTimeout))
        timer = setTimeout(
          () =>
            waiter.fail(
              new MCPCallLimitError(this.serverName, 'queueTimeout', queueTimeout, maxConcurrentCalls),
            ),
          queueTimeout,
        );
    });
  }

  /** Fails every queued call with `error` (its server went away); calls in flight are not touched. */
  cancelQueued(error: Error): void {
    for (const waiter of [...this.waiting]) waiter.fail(error);
  }

  private take(): ReleaseSlot {
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      // The first waiter (a Set keeps insertion order) takes the freed slot.
      const [next] = this.waiting;
      next?.grant();
    };
  }
}
