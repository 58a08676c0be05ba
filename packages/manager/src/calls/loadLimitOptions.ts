/** How many calls one server takes at once, and how many may wait for a turn. */
export interface CallLimits {
  /** Calls in flight at once on the server; more wait in its queue. Default Infinity (no limit). */
  maxConcurrentCalls?: number;
  /** Calls that may wait for a turn; one more fails at once with CALL_QUEUE_FULL. Default 1000. */
  maxQueuedCalls?: number;
  /** How long a call may wait for a turn, in ms; past it, CALL_QUEUE_TIMEOUT. Default 30 000. */
  queueTimeout?: number;
}

/** When a server's calls keep failing, stop sending it calls for a while. */
export interface CircuitBreakerOptions {
  /**
   * Failed calls (timeouts, transport and connection errors; not results with `isError`, not JSON-RPC errors)
   * in a row within `failureWindow` that open the circuit; any answered call starts the count again. Default 5.
   */
  failureThreshold?: number;
  /** Failures older than this many ms are forgotten. Default 60 000. */
  failureWindow?: number;
  /** How long the circuit stays open before one probe call (or health check) is let through, in ms. Default 30 000. */
  cooldown?: number;
}

/** A server's own limits, in place of the manager-wide ones. */
export interface ServerLoadOptions {
  callLimits?: CallLimits;
  /** false: no circuit breaker for this server. */
  circuitBreaker?: CircuitBreakerOptions | false;
}

export const CALL_LIMIT_DEFAULTS = {
  maxConcurrentCalls: Number.POSITIVE_INFINITY,
  maxQueuedCalls: 1000,
  queueTimeout: 30_000,
} as const;

// A server that answers at all, however slowly, is never cut off: only failures in a row count.
export const CIRCUIT_BREAKER_DEFAULTS = {
  failureThreshold: 5,
  failureWindow: 60_000,
  cooldown: 30_000,
} as const;

/** Each limit's rule: `min` and whether it must be a whole number (Infinity is always allowed: no limit). */
const RULES: Record<string, { min: number; whole: boolean }> = {
  maxConcurrentCalls: { min: 1, whole: true },
  maxQueuedCalls: { min: 0, whole: true },
  queueTimeout: { min: 1, whole: false },
  failureThreshold: { min: 1, whole: true },
  failureWindow: { min: 1, whole: false },
  cooldown: { min: 0, whole: false },
};

/** The problems of one group of settings (`callLimits` or `circuitBreaker`), each by its dot path. */
export function loadOptionIssues(
  path: string,
  settings: Record<string, unknown> | undefined,
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  for (const [key, value] of Object.entries(settings ?? {})) {
    const rule = RULES[key];
    if (!rule || value === undefined || value === Number.POSITIVE_INFINITY) continue;
    const ok = typeof value === 'number' && value >= rule.min && (!rule.whole || Number.isInteger(value));
    if (!ok)
      issues.push({
        path: `${path}.${key}`,
        message: `must be ${rule.whole ? 'a whole number' : 'a number of ms'} ≥ ${rule.min}, or Infinity`,
      });
  }
  return issues;
}
