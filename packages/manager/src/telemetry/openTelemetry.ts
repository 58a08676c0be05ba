import { createRequire } from 'node:module';
import type * as OpenTelemetryApi from '@opentelemetry/api';

/** The parts of `@opentelemetry/api` the manager uses. */
export type OpenTelemetry = typeof OpenTelemetryApi;

let loaded: { api: OpenTelemetry | undefined } | undefined;

/**
 * `@opentelemetry/api`, if the application has it installed (an optional peer dependency), else undefined: then
 * nothing is traced and nothing costs. Loaded once, synchronously (require), so the first connect is traced as
 * every later one, with no wait. Its globals (providers, context manager, propagator) are shared by every copy
 * of the API of the same major version, so the application's ESM import and this one see the same SDK.
 */
export function openTelemetry(): OpenTelemetry | undefined {
  if (!loaded) {
    try {
      loaded = { api: createRequire(import.meta.url)('@opentelemetry/api') as OpenTelemetry };
    } catch {
      loaded = { api: undefined };
    }
  }
  return loaded.api;
}
