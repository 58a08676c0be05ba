import {
  ConfigErrorCode,
  CoreErrorCode,
  ManagerErrorCode,
  MCPConfigError,
  MCPConnectionError,
  type MCPError,
  type MCPErrorCode,
  MCPProtocolError,
  MCPTimeoutError,
  MCPToolError,
  MCPTransportError,
} from '@org/mcp-core';
import { settled } from '@org/mcp-core/internal';
import type { CircuitStateChange } from '../managerEvents.js';
import { CallLimiter } from './callLimiter.js';
import {
  type Admission,
  CircuitBreaker,
  type CircuitStatus,
  type CircuitTransition,
} from './circuitBreaker.js';
import {
  type CallLimits,
  type CircuitBreakerOptions,
  loadOptionIssues,
  type ServerLoadOptions,
} from './loadLimitOptions.js';

/** The manager options that set limits and breakers. */
export interface ManagerLoadOptions {
  callLimits?: CallLimits;
  circuitBreaker?: CircuitBreakerOptions | false;
  serverLoad?: Record<string, ServerLoadOptions>;
}

/** What getServerStatus() reports of a server's calls. */
export interface CallsStatus {
  inFlight: number;
  queued: number;
  /** Calls in flight at once; absent when there is no limit (the default), so the status survives JSON as is. */
  maxConcurrentCalls?: number;
  /** Calls that may wait for a turn; absent when set to Infinity. */
  maxQueuedCalls?: number;
}

/** Refusals of the manager's own, and the client closed by the manager (a stop, a disable): not the server's doing. */
const NOT_THE_SERVER = new Set<MCPErrorCode>([
  ...Object.values(ManagerErrorCode),
  CoreErrorCode.CLIENT_CLOSED,
  CoreErrorCode.CLIENT_CLOSING,
]);

/**
 * Whether a failed call says the server is not working: it timed out, its transport failed, or its connection
 * went away under it. Not a JSON-RPC error or an `isError` result (the server answered), not the caller's
 * abort, not the manager's own refusals (disabled, restarting, a limit).
 */
export function isServerFailure(error: unknown): boolean {
  if (error instanceof MCPTimeoutError || error instanceof MCPTransportError) return true;
  return error instanceof MCPConnectionError && !NOT_THE_SERVER.has(error.code);
}

/** Refuses limits that would stop every call or never count (0 turns, a negative cool-down …), naming each. */
function checkLoadOptions(
  serverName: string,
  options: ManagerLoadOptions,
  own: ServerLoadOptions | undefined,
): void {
  const at = `serverLoad.${serverName}`;
  const issues = [
    ...loadOptionIssues('callLimits', options.callLimits as Record<string, unknown>),
    ...(options.circuitBreaker
      ? loadOptionIssues('circuitBreaker', options.circuitBreaker as Record<string, unknown>)
      : []),
    ...loadOptionIssues(`${at}.callLimits`, own?.callLimits as Record<string, unknown>),
    ...(own?.circuitBreaker
      ? loadOptionIssues(`${at}.circuitBreaker`, own.circuitBreaker as Record<string, unknown>)
      : []),
  ];
  if (issues.length > 0)
    throw new MCPConfigError('Invalid load limits in the manager options', {
      code: ConfigErrorCode.CONFIG_INVALID,
      serverName,
      issues,
    });
}

/** One server's load limits and circuit breaker around each of its calls. */
export class CallGuard {
  private readonly limiter: CallLimiter;
  private readonly breaker: CircuitBreaker | undefined;

  constructor(
    serverName: string,
    options: ManagerLoadOptions,
    onCircuitChange: (change: CircuitStateChange) => void,
  ) {
    const own = options.serverLoad?.[serverName];
    checkLoadOptions(serverName, options, own);
    this.limiter = new CallLimiter(serverName, { ...options.callLimits, ...own?.callLimits });
    const settings = own?.circuitBreaker ?? options.circuitBreaker ?? {};
    const report = (change: CircuitTransition) =>
      onCircuitChange({
        server: serverName,
        name: serverName,
        ...change,
        retryAt: change.retryAt === undefined ? undefined : new Date(change.retryAt).toISOString(),
      });
    this.breaker = settings === false ? undefined : new CircuitBreaker(serverName, settings, report);
  }

  /** Runs `call` once the breaker lets it through and a turn is free; its outcome is counted by the breaker. */
  run<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return settled(() => {
      // An open circuit refuses here, as a rejection.
      const admission = this.breaker?.admit() ?? 'call';
      // A free turn is taken at once (the hot path: no wait before the send); otherwise the call queues.
      const turn = signal?.aborted ? undefined : this.limiter.tryTake();
      return turn ? this.counted(call, admission, turn) : this.queued(call, admission, signal);
    });
  }

  private async queued<T>(call: () => Promise<T>, admission: Admission, signal?: AbortSignal): Promise<T> {
    let release: () => void;
    try {
      release = await this.limiter.acquire(signal);
    } catch (error) {
      this.breaker?.released(admission);
      throw error;
    }
    // The circuit opened while this call waited in the queue: it is judged again before it is sent.
    if (admission === 'call' && this.breaker && this.breaker.state !== 'closed') {
      try {
        admission = this.breaker.admit();
      } catch (error) {
        release();
        throw error;
      }
    }
    return this.counted(call, admission, release);
  }

  /** Runs `call` on a turn held, counts its outcome, gives the turn back. */
  private async counted<T>(call: () => Promise<T>, admission: Admission, release: () => void): Promise<T> {
    try {
      const result = await call();
      this.breaker?.succeeded();
      return result;
    } catch (error) {
      if (isServerFailure(error)) this.breaker?.failed(error as MCPError);
      // A JSON-RPC error, or an isError result under throwOnError, is an answer: the server works.
      else if (error instanceof MCPProtocolError || error instanceof MCPToolError) this.breaker?.succeeded();
      // The caller aborted or the manager refused: nothing learnt about the server.
      else this.breaker?.released(admission);
      throw error;
    } finally {
      release();
    }
  }

  /** A health check of the live client, which may serve as the probe of a half-open circuit. */
  healthChecked(healthy: boolean): boolean {
    this.breaker?.healthChecked(healthy);
    return healthy;
  }

  /** The server went away for good or for now: queued calls fail at once with `error`. */
  cancelQueued(error: Error): void {
    this.limiter.cancelQueued(error);
  }

  dispose(): void {
    this.breaker?.dispose();
  }

  status(): { calls: CallsStatus; circuit: CircuitStatus | undefined } {
    const { maxConcurrentCalls, maxQueuedCalls } = this.limiter.limits;
    return {
      calls: {
        inFlight: this.limiter.inFlight,
        queued: this.limiter.queued,
        ...(Number.isFinite(maxConcurrentCalls) && { maxConcurrentCalls }),
        ...(Number.isFinite(maxQueuedCalls) && { maxQueuedCalls }),
      },
      circuit: this.breaker?.status(),
    };
  }
}
