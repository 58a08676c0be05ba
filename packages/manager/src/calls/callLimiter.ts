import { MCPAbortError } from '@org/mcp-core';
import { FifoSemaphore, type ReleaseTurn } from '../util/fifoSemaphore.js';
import { MCPCallLimitError } from './loadLimitErrors.js';
import { CALL_LIMIT_DEFAULTS, type CallLimits } from './loadLimitOptions.js';

/**
 * One server's call turns: `maxConcurrentCalls` at once, then a bounded queue in arrival order. A call that
 * finds the queue full, waits past `queueTimeout`, or whose server goes away fails without being sent.
 */
export class CallLimiter {
  private readonly semaphore: FifoSemaphore;
  readonly limits: Required<CallLimits>;

  constructor(
    private readonly serverName: string,
    limits: CallLimits = {},
  ) {
    this.limits = { ...CALL_LIMIT_DEFAULTS, ...limits };
    this.semaphore = new FifoSemaphore(this.limits.maxConcurrentCalls);
  }

  get inFlight(): number {
    return this.semaphore.held;
  }

  get queued(): number {
    return this.semaphore.queued;
  }

  /** A turn at once when one is free (the hot path: no promise); else undefined. */
  tryTake(): ReleaseTurn | undefined {
    return this.semaphore.tryTake();
  }

  /** Resolves with a turn, now or in order; rejects when refused, timed out, aborted or cancelled. */
  acquire(signal?: AbortSignal): Promise<ReleaseTurn> {
    const { maxConcurrentCalls, maxQueuedCalls, queueTimeout } = this.limits;
    const serverName = this.serverName;
    const aborted = () => new MCPAbortError('tools/call', { serverName });
    if (!signal?.aborted && !this.semaphore.free && this.semaphore.queued >= maxQueuedCalls)
      return Promise.reject(
        new MCPCallLimitError(serverName, 'maxQueuedCalls', maxQueuedCalls, maxConcurrentCalls),
      );
    return this.semaphore.acquire({
      signal,
      aborted,
      timeout: queueTimeout,
      timedOut: () => new MCPCallLimitError(serverName, 'queueTimeout', queueTimeout, maxConcurrentCalls),
    });
  }

  /** Fails every queued call with `error` (its server went away); calls in flight are not touched. */
  cancelQueued(error: Error): void {
    this.semaphore.cancelQueued(error);
  }
}
