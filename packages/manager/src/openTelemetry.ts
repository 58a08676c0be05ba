import type * as OpenTelemetryApi from '@opentelemetry/api';

/** The parts of `@opentelemetry/api` the manager uses. */
export type OpenTelemetry = typeof OpenTelemetryApi;

/**
 * `@opentelemetry/api`, if the application has it installed (an optional peer dependency): imported once, on
 * first use, and only then. Without it, undefined: nothing is traced and nothing costs.
 */
let loading: Promise<OpenTelemetry | undefined> | undefined;

export function loadOpenTelemetry(): Promise<OpenTelemetry | undefined> {
  loading ??= import('@opentelemetry/api').then(
    (api) => api as OpenTelemetry,
    () => undefined,
  );
  return loading;
}
