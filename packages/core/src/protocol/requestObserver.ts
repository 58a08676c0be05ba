import type { JSONRPCResponse } from './jsonrpc.js';

/** One outgoing request as an observer sees it, before it is sent. */
export interface ObservedRequest {
  method: string;
  params: Record<string, unknown> | undefined;
  /** The wire id it goes out with (the client's own). */
  id: number;
}

/** How one request ended: the server's response (a result or a JSON-RPC error), or the error it rejected with. */
export type RequestOutcome =
  | { response: JSONRPCResponse; error?: undefined }
  | { response?: undefined; error: unknown };

/** What an observer gives back for one request. */
export interface RequestObservation {
  /** Keys merged into the request's `params._meta` (W3C trace context: `traceparent`, `tracestate`). */
  meta?: Record<string, string>;
  /** Called once, when the request settles. */
  end(outcome: RequestOutcome): void;
}

/**
 * Sees every request the client sends, in both eras (tracing, metrics). Called synchronously in the caller's
 * async context, so an OpenTelemetry context manager finds the caller's active span. Must not throw.
 */
export type RequestObserver = (request: ObservedRequest) => RequestObservation | undefined;

/** `response` with the observation told how it settled. */
export function observed(
  response: Promise<JSONRPCResponse>,
  observation: RequestObservation,
): Promise<JSONRPCResponse> {
  return response.then(
    (settled) => {
      observation.end({ response: settled });
      return settled;
    },
    (error: unknown) => {
      observation.end({ error });
      throw error;
    },
  );
}
