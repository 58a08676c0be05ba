import type { EventEmitter } from 'node:events';
import type { ManagerEventMap } from './managerEvents.js';
import { loadOpenTelemetry } from './openTelemetry.js';
import { Telemetry } from './telemetry.js';

/** The manager option that turns telemetry off. */
export interface TelemetryOption {
  telemetry?: boolean;
}

/** One Telemetry per manager's options: its instruments come from the providers registered when it is made. */
const made = new WeakMap<object, Promise<Telemetry | undefined>>();

/** The manager's telemetry: undefined when turned off or when `@opentelemetry/api` is not installed. */
export function telemetryFor(options: TelemetryOption): Promise<Telemetry | undefined> {
  if (options.telemetry === false) return Promise.resolve(undefined);
  let telemetry = made.get(options);
  if (!telemetry) {
    telemetry = loadOpenTelemetry().then((api) => api && new Telemetry(api));
    made.set(options, telemetry);
  }
  return telemetry;
}

/** Restart spans and circuit breaker counts from the manager's own events. */
export function traceManagerEvents(manager: EventEmitter<ManagerEventMap>, options: TelemetryOption): void {
  void telemetryFor(options).then((telemetry) => {
    if (!telemetry) return;
    const restarts = new Map<string, { end: (error?: Error) => void }>();
    manager.on('serverStateChanged', ({ name, state, error }) => {
      const open = restarts.get(name);
      if (state === 'reconnecting') {
        if (!open) restarts.set(name, telemetry.restart(name));
        return;
      }
      if (!open) return;
      restarts.delete(name);
      open.end(state === 'connected' ? undefined : (error ?? new Error(`ended ${state}`)));
    });
    manager.on('circuitStateChanged', ({ name, state }) => telemetry.circuitChanged(name, state));
  });
}
