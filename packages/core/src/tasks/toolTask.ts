import type { RequestOptions } from '../protocol/requestOptions.js';
import type { CallToolResult } from '../types/mcpTypes.js';
import type { TaskInfo } from './taskInfo.js';
import type { TaskOwner, TaskWaitOptions } from './taskOptions.js';

/** What a ToolTask is made of. */
export interface ToolTaskInit {
  /** The configured name of the server that runs the task. */
  serverName: string;
  /** The tool the task runs (the server's own name for it). */
  toolName: string;
  /** The task as the server created it. */
  created: TaskInfo;
  /** The server's task operations, looked up at each use: a manager hands out its server's current client. */
  owner: () => TaskOwner | Promise<TaskOwner>;
}

/** A task a tool call started on a server: its status, its result (waited for), its cancellation. */
export class ToolTask {
  readonly serverName: string;
  readonly toolName: string;
  readonly created: TaskInfo;
  private readonly owner: ToolTaskInit['owner'];

  constructor(init: ToolTaskInit) {
    this.serverName = init.serverName;
    this.toolName = init.toolName;
    this.created = init.created;
    this.owner = init.owner;
  }

  get taskId(): string {
    return this.created.taskId;
  }

  /** The task's status now (`tasks/get`). */
  async status(options?: RequestOptions): Promise<TaskInfo> {
    return (await this.owner()).getTask(this.taskId, options);
  }

  /** Waits until the task ends and resolves with the tool's result, checked like a callTool result. */
  async result(options: TaskWaitOptions = {}): Promise<CallToolResult> {
    return (await this.owner()).getTaskResult(this.taskId, { tool: this.toolName, ...options });
  }

  /** Asks the server to cancel the task (`tasks/cancel`): the task as cancelled (2025-11-25), or undefined (2026-07-28 only acknowledges). */
  async cancel(options?: RequestOptions): Promise<TaskInfo | undefined> {
    return (await this.owner()).cancelTask(this.taskId, options);
  }
}
