import { CoreErrorCode, TaskErrorCode } from '../errors/errorCodes.js';
import { MCPError, MCPProtocolError } from '../errors/errors.js';
import { paginate } from '../lists/paginate.js';
import type { RequestOptions } from '../protocol/requestOptions.js';
import type { ResultCheck } from '../results/resultShapes.js';
import type { CallToolResult, Tool } from '../types/mcpTypes.js';
import type { Started, TaskContext } from './taskContext.js';
import { readTaskInfo, type TaskInfo } from './taskInfo.js';
import { TaskListResultSchema } from './taskListResult.js';
import { declares, tasksUnsupported } from './taskSupport.js';

/**
 * The 2025-11-25 revision's tasks: declared in the server's `tasks` capability, per tool by
 * `execution.taskSupport`; a `tools/call` with a `task` field answers with the task, `tasks/result`
 * blocks until it ends and answers what the call would have.
 */
export const handshakeTasks = {
  check(context: TaskContext): void {
    if (!declares(context.serverCapabilities, ['tasks', 'requests', 'tools', 'call']))
      throw tasksUnsupported(
        context.serverName,
        'does not declare task-augmented tools/call (capabilities.tasks.requests.tools.call)',
      );
  },

  /** A listed tool must say it runs as a task; one not listed is left to the server. */
  checkTool(context: TaskContext, tool: Tool | undefined): void {
    const support = (tool?.execution as { taskSupport?: unknown } | undefined)?.taskSupport;
    if (tool && support !== 'optional' && support !== 'required')
      throw tasksUnsupported(
        context.serverName,
        `does not run tool "${tool.name}" as a task (execution.taskSupport is ${support === undefined ? 'absent' : JSON.stringify(support)})`,
      );
  },

  callParams(args: { name: string; arguments: object; token: string; ttlMs?: number | undefined }) {
    return {
      name: args.name,
      arguments: args.arguments,
      task: args.ttlMs === undefined ? {} : { ttl: args.ttlMs },
      _meta: { progressToken: args.token },
    };
  },

  /** The call's answer: its task, or (a server that ran it anyway) the result itself. */
  started(result: Record<string, unknown>, serverName: string, check: ResultCheck<CallToolResult>): Started {
    if (result.task !== undefined) return { task: readTaskInfo(result.task, 'tools/call', serverName) };
    return { result: check(result, serverName) };
  },

  async get(context: TaskContext, taskId: string, options?: RequestOptions): Promise<TaskInfo> {
    const result = await context.request<Record<string, unknown>>('tasks/get', { taskId }, options);
    return readTaskInfo(result, 'tasks/get', context.serverName);
  },

  /** `tasks/result`, which blocks until the task ends; an error for a task that was cancelled is TASK_CANCELLED. */
  async wait(
    context: TaskContext,
    taskId: string,
    check: ResultCheck<CallToolResult>,
    signal: AbortSignal,
  ): Promise<CallToolResult> {
    try {
      return await context.request(
        'tasks/result',
        { taskId },
        { signal, timeout: Number.POSITIVE_INFINITY },
        check,
      );
    } catch (error) {
      if (!(error instanceof MCPProtocolError) || error.code !== CoreErrorCode.PROTOCOL_ERROR) throw error;
      const task = await handshakeTasks.get(context, taskId, { signal }).catch(() => undefined);
      if (task?.status !== 'cancelled') throw error;
      throw new MCPError(
        TaskErrorCode.TASK_CANCELLED,
        `Task "${taskId}" on server "${context.serverName}" was cancelled${task.statusMessage ? `: ${task.statusMessage}` : ''}.`,
        { serverName: context.serverName, cause: error },
      );
    }
  },

  async cancel(context: TaskContext, taskId: string, options?: RequestOptions): Promise<TaskInfo> {
    if (!declares(context.serverCapabilities, ['tasks', 'cancel']))
      throw tasksUnsupported(context.serverName, 'does not declare tasks/cancel (capabilities.tasks.cancel)');
    const result = await context.request<Record<string, unknown>>('tasks/cancel', { taskId }, options);
    return readTaskInfo(result, 'tasks/cancel', context.serverName);
  },

  /** Every page of `tasks/list`, bounded like every list (listLimits). */
  async list(context: TaskContext, options?: RequestOptions): Promise<TaskInfo[]> {
    if (!declares(context.serverCapabilities, ['tasks', 'list']))
      throw tasksUnsupported(context.serverName, 'does not declare tasks/list (capabilities.tasks.list)');
    const requester = {
      name: context.serverName,
      request: <T>(method: string, params?: object, opts?: RequestOptions) =>
        context.request<T>(method, (params ?? {}) as Record<string, unknown>, opts),
    };
    const raw = await paginate(
      requester,
      'tasks/list',
      TaskListResultSchema,
      (page) => page.tasks,
      options,
      undefined,
      context.listLimits,
    );
    return raw.map((task) => readTaskInfo(task, 'tasks/list', context.serverName));
  },
};
