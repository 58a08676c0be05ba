import {
  type CallToolOptions,
  type CallToolResult,
  type MCPClient,
  MCPError,
  type RequestOptions,
  type TaskCallOptions,
  TaskErrorCode,
  type TaskInfo,
  type TaskOwner,
  type TaskWaitOptions,
  ToolTask,
  type ToolTaskStart,
} from '@org/mcp-core';
import { runAsTask } from '@org/mcp-core/internal';
import type { QualifiedTool } from './toolNaming.js';

/** What task routing needs of the manager. */
export interface TaskRoutes {
  /** The tool behind a qualified name (UNKNOWN_TOOL otherwise); a view's may first start the user's connection. */
  tool(qualifiedName: string, signal?: AbortSignal): QualifiedTool | Promise<QualifiedTool>;
  /** A server's live client, waiting (callWhileRestarting) while it connects or restarts; its MCPConnectionError otherwise. */
  client(serverName: string, what: string, signal?: AbortSignal): Promise<MCPClient>;
  /** Runs a wait on a server's task: while it runs the server is in use. */
  following<T>(serverName: string, wait: () => Promise<T>): Promise<T>;
}

/** How many reconnects one task-mode call's wait goes on across. */
const MAX_RESUMES = 10;

const isInterrupted = (error: unknown) =>
  error instanceof MCPError && error.code === TaskErrorCode.TASK_INTERRUPTED;

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
    const tool = await this.routes.tool(qualifiedName, options?.signal);
    const client = await this.routes.client(tool.serverName, qualifiedName, options?.signal);
    const start = await client.callToolAsTask(tool.originalName, args, options);
    if (start.kind === 'result') return start;
    const task = new ToolTask({
      serverName: tool.serverName,
      toolName: tool.originalName,
      created: start.task.created,
      owner: () => this.followedOwner(tool.serverName),
    });
    return { kind: 'task', task };
  }

  /**
   * A call in task mode (`{ task: true }`, `taskTools`): started as a task on the tool's server and followed to
   * its end (core's runAsTask: no request timeout, the plain call where tasks are not supported).
   */
  async runToEnd(tool: QualifiedTool, args: object, options: CallToolOptions): Promise<CallToolResult> {
    const client = await this.routes.client(tool.serverName, tool.qualifiedName, options.signal);
    return runAsTask(
      client,
      { name: tool.originalName, args, options },
      () => client.callTool(tool.originalName, args, { ...options, task: false }),
      (task) => this.follow(tool, task.taskId, client, options.signal),
    );
  }

  /**
   * Waits for a task's end. In the 2026-07-28 era a task belongs to the server, not to a connection, so a wait
   * that a reconnect interrupted (TASK_INTERRUPTED) goes on with the server's next client, at most
   * MAX_RESUMES times; in the handshake era, and when the server does not come back, the interruption stands.
   */
  private async follow(
    tool: QualifiedTool,
    taskId: string,
    first: MCPClient,
    signal: AbortSignal | undefined,
  ): Promise<CallToolResult> {
    let client = first;
    for (let resumes = 0; ; resumes++) {
      try {
        return await client.getTaskResult(taskId, { tool: tool.originalName, signal });
      } catch (error) {
        if (!isInterrupted(error) || client.era !== 'modern' || resumes >= MAX_RESUMES) throw error;
        const next = await this.routes
          .client(tool.serverName, tool.qualifiedName, signal)
          .catch(() => undefined);
        if (next === undefined || next === client) throw error;
        client = next;
      }
    }
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

  /** A task handle's owner: waiting on its result holds the server running, as getTaskResult does. */
  private async followedOwner(serverName: string): Promise<TaskOwner> {
    const owner = await this.owner(serverName);
    return {
      getTask: (taskId, options) => owner.getTask(taskId, options),
      cancelTask: (taskId, options) => owner.cancelTask(taskId, options),
      getTaskResult: (taskId, options) =>
        this.routes.following(serverName, () => owner.getTaskResult(taskId, options)),
    };
  }
}
