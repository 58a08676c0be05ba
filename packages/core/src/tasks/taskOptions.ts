import type { RequestOptions } from '../protocol/requestOptions.js';
import type { CallToolResult, Progress } from '../types/mcpTypes.js';
import type { TaskInfo } from './taskInfo.js';
import type { ToolTask } from './toolTask.js';

/** Options of `callToolAsTask`: a request's, and the task's lifetime. */
export interface TaskCallOptions extends RequestOptions {
  /**
   * 2025-11-25: the lifetime asked for (`task.ttl`), in ms; the server may choose another.
   * `onProgress` (2025-11-25) gets the task's progress for as long as it runs, not only the call's.
   */
  ttlMs?: number;
}

/** Options of waiting for a task's result. */
export interface TaskWaitOptions {
  /** Stops waiting (MCPAbortError); the task itself goes on: `cancelTask` stops it. */
  signal?: AbortSignal;
  /** Milliseconds before the wait fails with MCPTimeoutError. Default: no limit (a task may run long). */
  timeout?: number;
  /** 2025-11-25: each `notifications/progress` for the task (the token of its `tools/call`). */
  onProgress?: (progress: Progress) => void;
  /** Each status the client learns: `notifications/tasks/status` (2025-11-25), each poll (2026-07-28). */
  onStatus?: (task: TaskInfo) => void;
  /** The tool the task runs, so that its result is checked against the tool's outputSchema. */
  tool?: string;
}

/**
 * What `callToolAsTask` started: a task (the server will run it in the background), or, when the
 * server chose to answer at once (2026-07-28 servers decide per call), the tool's result.
 */
export type ToolTaskStart =
  | { readonly kind: 'task'; readonly task: ToolTask }
  | { readonly kind: 'result'; readonly result: CallToolResult };

/** The task operations of one server: what a ToolTask handle asks. */
export interface TaskOwner {
  getTask(taskId: string, options?: RequestOptions): Promise<TaskInfo>;
  getTaskResult(taskId: string, options?: TaskWaitOptions): Promise<CallToolResult>;
  cancelTask(taskId: string, options?: RequestOptions): Promise<TaskInfo | undefined>;
}
