import type { EventEmitter } from 'node:events';
import type { ManagerEventMap } from '../managerEvents.js';
import { openTelemetry } from './openTelemetry.js';
import { Telemetry } from './telemetry.js';

/** The manager option that turns telemetry off. */
export interface TelemetryOption {
  telemetry?: boolean;
}

/** The manager's one Telemetry: none when turned off or when `@opentelemetry/api` is not installed. Its instruments come from the providers registered when it is made. */
export function managerTelemetry(options: TelemetryOption): Telemetry | undefined {
  const api = options.telemetry === false ? undefined : openTelemetry();
  return api && new Telemetry(api);
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
