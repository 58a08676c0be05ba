/** Options for {@link calculateBackoff}. */
export interface BackoffOptions {
  /** Delay of attempt 0, in ms. Default 1000. */
  baseDelay?: number;
  /** Upper bound of the delay before jitter, in ms. Default 30000. */
  maxDelay?: number;
  /** Add 0–50 % random delay so many clients do not retry in step. Default true. */
  jitter?: boolean;
  /** Random source in [0, 1). Default Math.random; inject a seeded one in tests. */
  random?: () => number;
}

export const DEFAULT_BACKOFF = { baseDelay: 1_000, maxDelay: 30_000, jitter: true } as const;

/** Exponential backoff: 1 s, 2 s, 4 s, 8 s … capped at `maxDelay`, then up to +50 % jitter. */
export function calculateBackoff(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseDelay ?? DEFAULT_BACKOFF.baseDelay;
  const max = options.maxDelay ?? DEFAULT_BACKOFF.maxDelay;
  const n = Math.max(0, Math.floor(attempt));
  // 2 ** n overflows to Infinity for huge n, which Math.min caps correctly.
  const delay = Math.min(max, base * 2 ** n);
  if (options.jitter === false) return delay;
  const random = options.random ?? Math.random;
  return delay + delay * 0.5 * random();
}
