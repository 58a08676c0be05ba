import type { ListLimits } from '../lists/paginate.js';
import type { RequestHandlers } from '../protocol/requestHandlers.js';
import type { RequestOptions } from '../protocol/requestOptions.js';
import type { ResultCheck } from '../results/resultShapes.js';
import type { CallToolResult, ServerCapabilities } from '../types/mcpTypes.js';
import type { TaskInfo } from './taskInfo.js';

/** What the task operations need of their client (BaseMCPClient provides it). */
export interface TaskContext {
  readonly serverName: string;
  readonly serverCapabilities: ServerCapabilities | undefined;
  /** The client's capabilities, as its requests declare them. */
  readonly clientCapabilities: Record<string, unknown>;
  /** The handlers for server requests, which answer a task's `inputRequests` (2026-07-28). */
  readonly handlers: RequestHandlers | undefined;
  /** Bounds on `tasks/list` across its pages. */
  readonly listLimits: ListLimits | undefined;
  request<T>(
    method: string,
    params: Record<string, unknown>,
    options: RequestOptions | undefined,
    check?: ResultCheck<T>,
    acceptTask?: boolean,
  ): Promise<T>;
}

/** The extension's identifier (2026-07-28). */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** What a task-augmented call answered: its task, or the tool's result at once. */
export type Started = { task: TaskInfo; result?: undefined } | { task?: undefined; result: CallToolResult };
