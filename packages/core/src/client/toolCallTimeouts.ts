import type { RequestOptions } from '../protocol/requestOptions.js';
import { DEFAULT_REQUEST_TIMEOUT } from '../protocol/requestOptions.js';

/** How long progress may keep a tool call alive, in ms, unless the call or the server says otherwise: 10 minutes. */
export const DEFAULT_TOOL_CALL_MAX_TOTAL_TIMEOUT = 600_000;

/** Asks for a progress token when the caller has no use for the notifications themselves. */
const ignoreProgress = () => {};

/**
 * A tool call's request options: it always carries a progress token, each progress notification restarts
 * its timeout, and `maxTotalTimeout` bounds the whole (the call's, else the client's, else 10 minutes).
 * The ceiling is never below the plain timeout, so a call without timeout (Infinity) has none either;
 * one the caller gives explicitly is kept as given. `resetTimeoutOnProgress: false` brings back the plain
 * timeout alone. Other requests keep theirs: only `tools/call` is expected to run for minutes.
 */
export function toolCallRequestOptions(
  options: RequestOptions | undefined,
  client: { requestTimeout?: number | undefined; maxTotalTimeout?: number | undefined },
): RequestOptions {
  const reset = options?.resetTimeoutOnProgress ?? true;
  const timeout = options?.timeout ?? client.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT;
  const ceiling = client.maxTotalTimeout ?? DEFAULT_TOOL_CALL_MAX_TOTAL_TIMEOUT;
  return {
    ...options,
    onProgress: options?.onProgress ?? ignoreProgress,
    resetTimeoutOnProgress: reset,
    maxTotalTimeout: options?.maxTotalTimeout ?? (reset ? Math.max(ceiling, timeout) : undefined),
  };
}
