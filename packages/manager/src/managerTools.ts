import type {
  CallToolOptions,
  CallToolResult,
  RequestOptions,
  TaskCallOptions,
  TaskInfo,
  TaskWaitOptions,
  Tool,
  ToolCallHook,
  ToolTaskStart,
} from '@org/mcp-core';
import { ManagerBase } from './managerBase.js';
import { MANAGER_DEFAULTS } from './managerOptions.js';
import { managedToolCall } from './tools/managedToolCall.js';
import { CALL_TOOL, callMetaTool, metaToolDefinitions, SEARCH_TOOLS } from './tools/metaTools.js';
import type { ToolSearchResult } from './tools/toolDirectory.js';
import type { QualifiedTool } from './tools/toolNaming.js';

/** The manager's tools: one namespace across servers, calls routed through hooks and load limits, search, tasks. */
export abstract class ManagerTools extends ManagerBase {
  /** Every connected server's tools with unique, stable qualified names; frozen, so callers cannot change them. */
  async listTools(): Promise<QualifiedTool[]> {
    return this.tools.list();
  }

  /**
   * Calls a tool by its qualified name on the server that owns it. A tool of a server that is down fails with
   * that server's MCPConnectionError, at once, or once a connect or restart under way has not brought it back
   * within callWhileRestarting.
   */
  async callTool(
    qualifiedName: string,
    args: object = {},
    options?: CallToolOptions,
  ): Promise<CallToolResult> {
    this.assertOpen();
    if (this.options.metaTools && (qualifiedName === SEARCH_TOOLS || qualifiedName === CALL_TOOL)) {
      return callMetaTool(this, qualifiedName, args as Record<string, unknown>, options);
    }
    const tool = this.tools.find(qualifiedName);
    const wait = this.options.callWhileRestarting ?? MANAGER_DEFAULTS.callWhileRestarting;
    const server = this.server(tool.serverName);
    const client = () => server.callableClient(qualifiedName, wait, options?.signal);
    // The load limits and the breaker hold the whole call, hooks included.
    return server.calls.run(() => managedToolCall(tool, args, options, this.hooks, client), options?.signal);
  }

  /** Adds a hook around every callTool, after those there are; returns a function that removes it. */
  addHook(hook: ToolCallHook): () => void {
    this.hooks.push(hook);
    return () => {
      const at = this.hooks.indexOf(hook);
      if (at >= 0) this.hooks.splice(at, 1);
    };
  }

  /** The connected tools that best match `query` (BM25 over name, title, description, parameter names), best first. */
  searchTools(query: string, options: { limit?: number } = {}): ToolSearchResult[] {
    return this.tools.searchTools(query, options.limit);
  }

  /** The meta-tools `search_tools` and `call_tool`, to give an agent instead of every tool; callTool answers them with `metaTools: true`. */
  metaTools(): Tool[] {
    return metaToolDefinitions();
  }

  /** Calls a tool as a task, routed by qualified name like callTool; the handle follows its server across restarts. */
  async callToolAsTask(
    qualifiedName: string,
    args: object = {},
    options?: TaskCallOptions,
  ): Promise<ToolTaskStart> {
    return this.tasks.callToolAsTask(qualifiedName, args, options);
  }

  /** A task's status on its server (`tasks/get`). */
  async getTask(serverName: string, taskId: string, options?: RequestOptions): Promise<TaskInfo> {
    return this.tasks.getTask(serverName, taskId, options);
  }

  /** Waits for a task's result; a restart, stop or removal of the server meanwhile is TASK_INTERRUPTED. */
  async getTaskResult(
    serverName: string,
    taskId: string,
    options?: TaskWaitOptions,
  ): Promise<CallToolResult> {
    return this.tasks.getTaskResult(serverName, taskId, options);
  }

  /** Asks a task's server to cancel it (`tasks/cancel`). */
  async cancelTask(
    serverName: string,
    taskId: string,
    options?: RequestOptions,
  ): Promise<TaskInfo | undefined> {
    return this.tasks.cancelTask(serverName, taskId, options);
  }

  /** Every task a server lists (`tasks/list`, 2025-11-25). */
  async listTasks(serverName: string, options?: RequestOptions): Promise<TaskInfo[]> {
    return this.tasks.listTasks(serverName, options);
  }
}
