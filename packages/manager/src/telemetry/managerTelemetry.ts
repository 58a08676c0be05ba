import type { EventEmitter } from 'node:events';
import type { ManagerEventMap } from '../managerEvents.js';
import { openTelemetry } from './openTelemetry.js';
import { Telemetry } from './telemetry.js';

/** The manager option that turns telemetry off. */
export interface TelemetryOption {
  telemetry?: boolean;
}

/**
 * The key under which a manager's options carry its one Telemetry through every copy it makes of them (a spread
 * keeps symbol keys), so its servers' connects see the restarts its events open.
 */
const CARRIED = Symbol('the manager telemetry');

/**
 * `options` with a Telemetry attached, for the manager to copy as it likes: none when turned off or when
 * `@opentelemetry/api` is not installed. Its instruments come from the providers registered when it is made.
 */
export function withTelemetry<T extends TelemetryOption>(options: T): T {
  const api = options.telemetry === false ? undefined : openTelemetry();
  return { ...options, [CARRIED]: api && new Telemetry(api) };
}

/** The Telemetry that `withTelemetry` attached to these options (or to the options they were copied from). */
export function telemetryFor(options: TelemetryOption): Telemetry | undefined {
  return (options as { [CARRIED]?: Telemetry })[CARRIED];
}

/** Restart spans and circuit breaker counts from the manager's own events. */
export function traceManagerEvents(manager: EventEmitter<ManagerEventMap>, options: TelemetryOption): void {
  const telemetry = telemetryFor(options);
  if (!telemetry) return;
  manager.on('serverStateChanged', ({ name, state, error }) => {
    if (state === 'reconnecting') telemetry.restartBegan(name);
    else
      telemetry.restartEnded(
        name,
        state === 'connected' ? undefined : (error ?? new Error(`ended ${state}`)),
      );
  });
  manager.on('circuitStateChanged', ({ name, state }) => telemetry.circuitChanged(name, state));
}
