import type { EventEmitter } from 'node:events';
import type { ManagerEventMap } from '../managerEvents.js';
import { openTelemetry } from './openTelemetry.js';
import { Telemetry } from './telemetry.js';

/** The manager option that turns telemetry off. */
export interface TelemetryOption {
  telemetry?: boolean;
}

/**
 * The manager's one Telemetry: none when turned off, when `@opentelemetry/api` is not installed, or when no tracer
 * or meter provider is registered yet (every span and metric would be a no-op, and each call would still pay
 * for making them). Its instruments come from the providers registered when it is made.
 */
export function managerTelemetry(options: TelemetryOption): Telemetry | undefined {
  if (options.telemetry === false || !providerRegistered()) return undefined;
  const api = openTelemetry();
  return api && new Telemetry(api);
}

/**
 * Whether any copy of `@opentelemetry/api` 1.x registered a tracer or meter provider, read without loading the API
 * (about 50 modules): every copy keeps its registrations in one object on `globalThis` under this symbol, and
 * `trace` or `metrics` is there only once `setGlobalTracerProvider` or `setGlobalMeterProvider` was called.
 */
function providerRegistered(): boolean {
  const globals = (globalThis as Record<symbol, { trace?: unknown; metrics?: unknown } | undefined>)[
    Symbol.for('opentelemetry.js.api.1')
  ];
  return globals?.trace !== undefined || globals?.metrics !== undefined;
}

/** Restart spans and circuit breaker counts from the manager's own events. */
export function traceManagerEvents(
  manager: EventEmitter<ManagerEventMap>,
  telemetry: Telemetry | undefined,
): void {
  if (!telemetry) return;
  manager.on('serverStateChanged', ({ server, state, error }) => {
    if (state === 'reconnecting') telemetry.restartBegan(server);
    else
      telemetry.restartEnded(
        server,
        state === 'connected' ? undefined : (error ?? new Error(`ended ${state}`)),
      );
  });
  manager.on('circuitStateChanged', ({ server, state }) => telemetry.circuitChanged(server, state));
}
