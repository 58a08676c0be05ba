import { type BackoffOptions, calculateBackoff } from './backoff.js';
import { sleep as defaultSleep } from './sleep.js';

export interface RetryOptions {
  /** Retries after the first attempt. Default 3 (so up to 4 attempts). */
  maxRetries?: number;
  /** Stops waiting and retrying; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Backoff between attempts (see calculateBackoff). */
  backoff?: BackoffOptions;
  /** Decides whether an error is worth another attempt. Default: every error is. */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Told before each wait: the failed attempt (0-based), its error and the delay chosen. */
  onRetry?: (info: { attempt: number; error: unknown; delay: number }) => void;
  /** Injectable sleep, for tests. Default: a timer that honours the signal. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_MAX_RETRIES = 3;

/** Runs `fn` until it succeeds or retries run out; the last error is rethrown as is. */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= maxRetries || options.signal?.aborted) throw error;
      if (options.shouldRetry && !options.shouldRetry(error, attempt)) throw error;
      const delay = calculateBackoff(attempt, options.backoff);
      options.onRetry?.({ attempt, error, delay });
      await sleep(delay, options.signal);
    }
  }
}
