import {
  type CallToolResult,
  type MCPClient,
  type RequestOptions,
  type TaskCallOptions,
  type TaskInfo,
  type TaskOwner,
  type TaskWaitOptions,
  ToolTask,
  type ToolTaskStart,
} from '@org/mcp-core';
import type { QualifiedTool } from './toolNaming.js';

/** What task routing needs of the manager. */
export interface TaskRoutes {
  /** The tool behind a qualified name (UNKNOWN_TOOL otherwise). */
  tool(qualifiedName: string): QualifiedTool;
  /** A server's live client, waiting (callWhileRestarting) while it connects or restarts; its MCPConnectionError otherwise. */
  client(serverName: string, what: string, signal?: AbortSignal): Promise<MCPClient>;
  /** Runs a wait on a server's task: while it runs the server is in use. */
  following<T>(serverName: string, wait: () => Promise<T>): Promise<T>;
}

/**
 * Tasks across the manager's servers: a task call is routed by qualified tool name like callTool,
 * and its handle asks the server's current client each time, so a task outlives a restart of its
 * client where the server keeps it (a remote server). A wait in progress when the server restarts,
 * stops or is removed fails with TASK_INTERRUPTED naming the server (core's ClientTasks).
 */
export class ManagerTasks {
  constructor(private readonly routes: TaskRoutes) {}

  async callToolAsTask(
    qualifiedName: string,
    args: object,
    options?: TaskCallOptions,
  ): Promise<ToolTaskStart> {
    const tool = this.routes.tool(qualifiedName);
    const client = await this.routes.client(tool.serverName, qualifiedName, options?.signal);
    const start = await client.callToolAsTask(tool.originalName, args, options);
    if (start.kind === 'result') return start;
    const task = new ToolTask({
      serverName: tool.serverName,
      toolName: tool.originalName,
      created: start.task.created,
      owner: () => this.owner(tool.serverName),
    });
    return { kind: 'task', task };
  }

  async getTask(serverName: string, taskId: string, options?: RequestOptions): Promise<TaskInfo> {
    return (await this.owner(serverName, options?.signal)).getTask(taskId, options);
  }

  async getTaskResult(
    serverName: string,
    taskId: string,
    options?: TaskWaitOptions,
  ): Promise<CallToolResult> {
    const owner = await this.owner(serverName, options?.signal);
    // A task followed holds its server running: not stopped for idleness meanwhile.
    return this.routes.following(serverName, () => owner.getTaskResult(taskId, options));
  }

  async cancelTask(
    serverName: string,
    taskId: string,
    options?: RequestOptions,
  ): Promise<TaskInfo | undefined> {
    return (await this.owner(serverName, options?.signal)).cancelTask(taskId, options);
  }

  async listTasks(serverName: string, options?: RequestOptions): Promise<TaskInfo[]> {
    return (await this.routes.client(serverName, 'tasks/list', options?.signal)).listTasks(options);
  }

  private owner(serverName: string, signal?: AbortSignal): Promise<TaskOwner> {
    return this.routes.client(serverName, 'a task', signal);
  }
}
