import type { MCPError } from '@org/mcp-core';
import { MCPCircuitOpenError } from './loadLimitErrors.js';
import { CIRCUIT_BREAKER_DEFAULTS, type CircuitBreakerOptions } from './loadLimitOptions.js';

/** closed: calls go through; open: they fail at once; half-open: one probe goes through, the rest fail at once. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** What getServerStatus() reports of a server's circuit breaker. */
export interface CircuitStatus {
  state: CircuitState;
  /** Failed calls in a row within the window (while closed), or the count that opened it. */
  failures: number;
  /** How many times it has opened. */
  opens: number;
  /** When it last opened (ISO 8601), while open or half-open. */
  openedAt: string | undefined;
  /** When the next probe is let through (ISO 8601), while open. */
  nextProbeAt: string | undefined;
}

/** A breaker changed state; `retryAt` (ms since the epoch) is when a probe is let through, while open. */
export interface CircuitTransition {
  state: CircuitState;
  previous: CircuitState;
  failures: number;
  retryAt: number | undefined;
  error: MCPError | undefined;
}

/** Whether a call let through is an ordinary one or the single probe of a half-open circuit. */
export type Admission = 'call' | 'probe';

/**
 * One server's circuit breaker. Clock and timers are the global ones, so tests drive it with fake timers.
 * The move from open to half-open is a timer, so the state (and its event) changes when the cool-down ends.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failureTimes: number[] = [];
  private openFailures = 0;
  private opened: number | undefined;
  private retryAt: number | undefined;
  private probing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFailure: MCPError | undefined;
  private openCount = 0;
  private readonly settings: Required<CircuitBreakerOptions>;

  constructor(
    private readonly serverName: string,
    options: CircuitBreakerOptions,
    private readonly onChange: (transition: CircuitTransition) => void,
  ) {
    this.settings = { ...CIRCUIT_BREAKER_DEFAULTS, ...options };
  }

  get state(): CircuitState {
    return this.current;
  }

  /** Lets a call through, as a plain call or as the probe; throws MCPCircuitOpenError when it may not go. */
  admit(): Admission {
    if (this.current === 'closed') return 'call';
    if (this.current === 'half-open' && !this.probing) {
      this.probing = true;
      return 'probe';
    }
    throw new MCPCircuitOpenError(this.serverName, this.retryAt ?? Date.now(), this.openFailures, {
      probing: this.current === 'half-open',
      cause: this.lastFailure,
    });
  }

  /** The server answered (a result, an `isError` result or a JSON-RPC error): it is working. */
  succeeded(): void {
    this.failureTimes = [];
    if (this.current !== 'closed') this.close();
  }

  /** A call failed in a way that says the server is not working (timeout, transport or connection error). */
  failed(error: MCPError): void {
    this.lastFailure = error;
    if (this.current === 'half-open') {
      this.open();
      return;
    }
    if (this.current === 'open') return;
    const now = Date.now();
    this.failureTimes = this.failureTimes.filter((at) => now - at < this.settings.failureWindow);
    this.failureTimes.push(now);
    if (this.failureTimes.length >= this.settings.failureThreshold) this.open();
  }

  /** A probe ended in a way that says nothing (the caller aborted, a limit refused it): the next call probes. */
  released(admission: Admission): void {
    if (admission === 'probe') this.probing = false;
  }

  /** A health check of the live client: while half-open with no probe under way, it is the probe. */
  healthChecked(healthy: boolean): void {
    if (this.current !== 'half-open' || this.probing) return;
    if (healthy) this.close();
    else this.open();
  }

  status(): CircuitStatus {
    const iso = (at: number | undefined) => (at === undefined ? undefined : new Date(at).toISOString());
    return {
      state: this.current,
      failures: this.current === 'closed' ? this.failureTimes.length : this.openFailures,
      opens: this.openCount,
      openedAt: iso(this.opened),
      nextProbeAt: this.current === 'open' ? iso(this.retryAt) : undefined,
    };
  }

  /** Stops its timer (the server is gone). */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private open(): void {
    const now = Date.now();
    this.openFailures = this.current === 'half-open' ? this.openFailures : this.failureTimes.length;
    this.failureTimes = [];
    this.opened = now;
    this.retryAt = now + this.settings.cooldown;
    this.probing = false;
    this.openCount++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.move('half-open'), this.settings.cooldown);
    this.timer.unref?.();
    this.move('open');
  }

  private close(): void {
    this.dispose();
    this.probing = false;
    this.opened = undefined;
    this.retryAt = undefined;
    this.openFailures = 0;
    this.lastFailure = undefined;
    this.move('closed');
  }

  private move(state: CircuitState): void {
    const previous = this.current;
    if (state === 'half-open') this.timer = undefined;
    this.current = state;
    this.onChange({
      state,
      previous,
      failures: this.openFailures,
      retryAt: state === 'open' ? this.retryAt : undefined,
      error: this.lastFailure,
    });
  }
}
