import type { Progress } from '../types/mcpTypes.js';

/** Per-request options. */
export interface RequestOptions {
  /** Milliseconds before the request fails with MCPTimeoutError; Infinity for none. Default: the client's requestTimeout (30 000). */
  timeout?: number;
  /** Aborts the request: it rejects with MCPAbortError and the server is told to cancel. */
  signal?: AbortSignal;
  /** Called for each `notifications/progress` the server sends for this request. */
  onProgress?: (progress: Progress) => void;
  /** Restart the timeout on each progress notification. Default false; true for `callTool` (longCalls.ts). */
  resetTimeoutOnProgress?: boolean;
  /**
   * Hard ceiling in ms that progress cannot extend; Infinity for none. Default: none; for `callTool`, the
   * client's `maxTotalTimeout` (600 000), never below the plain timeout.
   */
  maxTotalTimeout?: number;
}

export const DEFAULT_REQUEST_TIMEOUT = 30_000;

/** Options of a tools/call. */
export interface CallToolOptions extends RequestOptions {
  /** A result with `isError: true` rejects with MCPToolError (TOOL_RESULT_ERROR, carrying the content) instead of resolving. Default false. */
  throwOnError?: boolean;
  /**
   * Run the call as a task where the server (and the tool) supports tasks, and follow it to its end without
   * a request timeout (`timeout` bounds only the start; `signal` stops the wait and cancels the task); a
   * plain call where it does not. Through the manager, also per tool with the config's `taskTools`, and the
   * wait survives a reconnect in the 2026-07-28 era. Default false.
   */
  task?: boolean;
}
