import type { EventEmitter } from 'node:events';
import type { ManagerEventMap } from './managerEvents.js';
import { openTelemetry } from './openTelemetry.js';
import { Telemetry } from './telemetry.js';

/** The manager option that turns telemetry off. */
export interface TelemetryOption {
  telemetry?: boolean;
}

/** One Telemetry per manager's options: its instruments come from the providers registered when it is made. */
const made = new WeakMap<object, Telemetry | undefined>();

/**
 * The key under which a manager's options carry its one Telemetry through every copy it makes of them (a spread
 * keeps symbol keys), so its servers' connects see the restarts its events open.
 */
const CARRIED = Symbol('the manager telemetry');

/** `options` with the Telemetry they stand for attached, for the manager to copy as it likes. */
export function withTelemetry<T extends TelemetryOption>(options: T): T {
  return { ...options, [CARRIED]: telemetryFor(options) };
}

/** The manager's telemetry: undefined when turned off or when `@opentelemetry/api` is not installed. */
export function telemetryFor(options: TelemetryOption): Telemetry | undefined {
  if (Object.hasOwn(options, CARRIED)) return (options as { [CARRIED]?: Telemetry })[CARRIED];
  if (options.telemetry === false) return undefined;
  if (!made.has(options)) {
    const api = openTelemetry();
    made.set(options, api && new Telemetry(api));
  }
  return made.get(options);
}

/** Restart spans and circuit breaker counts from the manager's own events. */
export function traceManagerEvents(manager: EventEmitter<ManagerEventMap>, options: TelemetryOption): void {
  const telemetry = telemetryFor(options);
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
}
