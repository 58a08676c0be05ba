import type { Progress } from '../types/mcpTypes.js';
import type { JSONRPCResponse, RequestId } from './jsonrpc.js';
import type { RequestOptions } from './requestOptions.js';

/** A request the protocol engine sent and waits an answer for. */
export interface PendingRequest {
  method: string;
  callerId: RequestId | undefined;
  resolve: (response: JSONRPCResponse) => void;
  reject: (error: unknown) => void;
  timeout: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  maxTimer: ReturnType<typeof setTimeout> | undefined;
  onProgress: ((progress: Progress) => void) | undefined;
  resetTimeoutOnProgress: boolean;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** A request just sent, before its timers and abort listener are set. */
export function newPending(
  method: string,
  callerId: RequestId | undefined,
  settle: Pick<PendingRequest, 'resolve' | 'reject'>,
  timeout: number,
  options: RequestOptions,
): PendingRequest {
  return {
    method,
    callerId,
    resolve: settle.resolve,
    reject: settle.reject,
    timeout,
    timer: undefined,
    maxTimer: undefined,
    onProgress: options.onProgress,
    resetTimeoutOnProgress: options.resetTimeoutOnProgress ?? false,
    signal: options.signal,
    onAbort: undefined,
  };
}

/** Clears a request's timers and abort listener. */
export function releasePending(entry: PendingRequest): void {
  clearTimeout(entry.timer);
  clearTimeout(entry.maxTimer);
  if (entry.onAbort) entry.signal?.removeEventListener('abort', entry.onAbort);
}
