import type { z } from 'zod';
import { isHeaderMismatch } from '../era/modernEra.js';
import { JSONRPC_ERROR, MCPProtocolError } from '../errors/errors.js';
import { ListHints, type Listing, type ListMethod } from '../lists/cachedList.js';
import { paginate } from '../lists/paginate.js';
import type { JSONRPCRequest, JSONRPCResponse } from '../protocol/jsonrpc.js';
import type { CallToolOptions, RequestOptions } from '../protocol/requestOptions.js';
import {
  checkCallToolResult,
  checkGetPromptResult,
  checkReadResourceResult,
  checkToolOutput,
  type ResultCheck,
} from '../results/resultShapes.js';
import { resultOrToolError } from '../results/toolResultError.js';
import { ClientTasks } from '../tasks/clientTasks.js';
import { runAsTask } from '../tasks/runAsTask.js';
import type { TaskInfo } from '../tasks/taskInfo.js';
import type { TaskCallOptions, TaskWaitOptions, ToolTaskStart } from '../tasks/taskOptions.js';
import {
  type CallToolResult,
  type GetPromptResult,
  ListPromptsResultSchema,
  ListResourcesResultSchema,
  ListToolsResultSchema,
  type Prompt,
  type ReadResourceResult,
  type Resource,
  type Tool,
} from '../types/mcpTypes.js';
import { toolAnnotations } from '../types/toolAnnotations.js';
import { settled } from '../util/settled.js';
import { ClientConnection } from './clientConnection.js';
import { ClientLists } from './clientLists.js';
import { capabilitiesFor, DEFAULT_HEALTH_CHECK_TIMEOUT } from './clientOptions.js';
import type { MCPClient } from './mcpClient.js';
import { callThroughHooks } from './toolCallHooks.js';
import { toolCallRequestOptions } from './toolCallTimeouts.js';

export type { BaseClientOptions } from './clientConnection.js';

/** Options of the list methods: `refresh` lists again even when the cached list is fresh. */
export type ListOptions = { refresh?: boolean } & RequestOptions;

/**
 * The MCPClient contract on any Transport: the connection (ClientConnection) plus the request
 * helpers, health and the tool cache. Transports only move messages; everything else is here, once.
 */
export class BaseMCPClient extends ClientConnection implements MCPClient {
  private readonly lists = new ClientLists(this.options, this.logger, () =>
    this.era === 'modern' ? this.protocolVersion : undefined,
  );
  private readonly tasks = this.createTasks();

  // Not async: an async wrapper around the engine's promise costs every call two more microtask hops.
  sendRequest(request: JSONRPCRequest, options?: RequestOptions): Promise<JSONRPCResponse> {
    return settled(() => this.liveSession(request.method).sendRequest(request, options));
  }

  request<T = Record<string, unknown>>(
    method: string,
    params?: object,
    options?: RequestOptions,
  ): Promise<T> {
    return this.checkedRequest<T>(method, params, options);
  }

  /** A request whose result is checked by shape before the caller gets it (resultShapes.ts). */
  private checkedRequest<T>(
    method: string,
    params?: object,
    options?: RequestOptions,
    check?: ResultCheck<T>,
  ): Promise<T> {
    const args = params as Record<string, unknown> | undefined;
    return settled(() => this.liveSession(method).request<T>(method, args, options, check));
  }

  notify(method: string, params?: object): Promise<void> {
    return settled(() =>
      this.liveSession(method).notify(method, params as Record<string, unknown> | undefined),
    );
  }

  /**
   * Tells the server its roots changed (`notifications/roots/list_changed`) when the `roots` option now gives
   * another list than the one the server last got; it then asks `roots/list` again. Resolves with whether
   * it told. False without roots, or while the server never asked for them.
   */
  async rootsChanged(): Promise<boolean> {
    if (!this.roots || !(await this.roots.changed())) return false;
    await this.notify('notifications/roots/list_changed');
    return true;
  }

  /** Connected, transport alive and a ping answered within the timeout (a -32601 counts as alive). Never throws. */
  async isHealthy(options: { timeout?: number } = {}): Promise<boolean> {
    if (this.state !== 'connected' || !this.engine) return false;
    if (this.transport?.isAlive?.() === false) return false;
    const timeout = options.timeout ?? this.options.healthCheckTimeout ?? DEFAULT_HEALTH_CHECK_TIMEOUT;
    try {
      // The modern era has no ping; server/discover is the cheap round trip every modern server has.
      await this.engine.request(this.era === 'modern' ? 'server/discover' : 'ping', undefined, { timeout });
      return true;
    } catch (error) {
      return error instanceof MCPProtocolError && error.rpcCode === JSONRPC_ERROR.METHOD_NOT_FOUND;
    }
  }

  /**
   * Every tool on every page, cached until `notifications/tools/list_changed` or `refresh`; in the
   * modern era only while fresh (`ttlMs`, `cacheScope`: cachedList.ts, listCacheStore.ts).
   */
  getTools(options: ListOptions = {}): Promise<Tool[]> {
    const { refresh, ...requestOptions } = options;
    return this.lists.tools.get(refresh === true, () =>
      this.listAll('tools/list', ListToolsResultSchema, (r) => r.tools, requestOptions),
    );
  }

  /**
   * Calls a tool, inside the client's hooks (ClientOptions.hooks) when it has any; `throwOnError` turns a
   * result with `isError: true` into MCPToolError.
   */
  callTool(name: string, args: object = {}, options?: CallToolOptions): Promise<CallToolResult> {
    const hooks = this.options.hooks;
    if (!hooks?.length && !options?.throwOnError) return this.runToolCall(name, args, options);
    const call = {
      server: this.name,
      tool: name,
      name,
      args: args as Record<string, unknown>,
      autoApprove: false,
      annotations: toolAnnotations(this.lists.tools.find(name)),
      trusted: this.options.trust === true,
      signal: options?.signal,
    };
    const result = hooks?.length
      ? callThroughHooks(hooks, call, (hooked) => this.runToolCall(name, hooked, options))
      : this.runToolCall(name, args, options);
    return result.then((done) => resultOrToolError(done, name, this.name, options?.throwOnError));
  }

  /** A call in task mode runs as a task where the server can (runAsTask.ts); others are sent as they are. */
  private runToolCall(name: string, args: object, options?: CallToolOptions): Promise<CallToolResult> {
    const plain = () => this.sendToolCall(name, args, options);
    return options?.task ? runAsTask(this, { name, args, options }, plain) : plain();
  }

  private sendToolCall(
    name: string,
    args: object,
    options: RequestOptions | undefined,
  ): Promise<CallToolResult> {
    const params = { name, arguments: args };
    options = toolCallRequestOptions(options, this.options);
    const call = this.checkedRequest('tools/call', params, options, this.resultCheckFor(name));
    // Only the modern era has Mcp-Param headers; the handshake era's hot path stays one promise.
    if (this.era !== 'modern') return call;
    return call.catch(async (error: unknown) => {
      // A modern-era HTTP server refuses, before running it, a call whose Mcp-Param headers do not
      // match the tool's schema (changed, or never listed): list the tools again and retry once.
      if (!isHeaderMismatch(error)) throw error;
      this.logger.debug({ tool: name }, 'header mismatch; listing tools again before one retry');
      await this.getTools({ refresh: true, timeout: options?.timeout, signal: options?.signal });
      return this.checkedRequest('tools/call', params, options, this.resultCheckFor(name));
    });
  }

  /**
   * Calls a tool as a task (2025-11-25 task-augmented `tools/call`; 2026-07-28 the
   * `io.modelcontextprotocol/tasks` extension): the task's handle, or the result when the server
   * answered at once. TASKS_UNSUPPORTED when the server (or the tool) does not run it as a task.
   */
  callToolAsTask(name: string, args: object = {}, options?: TaskCallOptions): Promise<ToolTaskStart> {
    return this.tasks.callToolAsTask(name, args, options);
  }

  /** A task's status now (`tasks/get`). */
  getTask(taskId: string, options?: RequestOptions): Promise<TaskInfo> {
    return settled(() => this.tasks.getTask(taskId, options));
  }

  /** Waits until a task ends: its tool result; TASK_CANCELLED, or the call's JSON-RPC error, otherwise. */
  getTaskResult(taskId: string, options?: TaskWaitOptions): Promise<CallToolResult> {
    return this.tasks.getTaskResult(taskId, options);
  }

  /** Asks the server to cancel a task (`tasks/cancel`). */
  cancelTask(taskId: string, options?: RequestOptions): Promise<TaskInfo | undefined> {
    return settled(() => this.tasks.cancelTask(taskId, options));
  }

  /** Every task the server lists (`tasks/list`, 2025-11-25 only), bounded like every list. */
  listTasks(options?: RequestOptions): Promise<TaskInfo[]> {
    return settled(() => this.tasks.listTasks(options));
  }

  /** Every resource on every page, cached in the modern era while fresh, like getTools. */
  listResources(options: ListOptions = {}): Promise<Resource[]> {
    const { refresh, ...requestOptions } = options;
    return this.lists.resources.get(refresh === true, () =>
      this.listAll('resources/list', ListResourcesResultSchema, (r) => r.resources, requestOptions),
    );
  }

  readResource(uri: string, options?: RequestOptions): Promise<ReadResourceResult> {
    return this.checkedRequest('resources/read', { uri }, options, checkReadResourceResult);
  }

  /** Every prompt on every page, cached in the modern era while fresh, like getTools. */
  listPrompts(options: ListOptions = {}): Promise<Prompt[]> {
    const { refresh, ...requestOptions } = options;
    return this.lists.prompts.get(refresh === true, () =>
      this.listAll('prompts/list', ListPromptsResultSchema, (r) => r.prompts, requestOptions),
    );
  }

  getPrompt(
    name: string,
    args: Record<string, string> = {},
    options?: RequestOptions,
  ): Promise<GetPromptResult> {
    return this.checkedRequest('prompts/get', { name, arguments: args }, options, checkGetPromptResult);
  }

  /** How a tool's result is checked: by shape, and against its outputSchema when listed with one. */
  private resultCheckFor(name: string): ResultCheck<CallToolResult> {
    const outputSchema =
      this.options.validateToolOutput === false ? undefined : this.lists.tools.find(name)?.outputSchema;
    return outputSchema ? checkToolOutput(name, outputSchema) : checkCallToolResult;
  }

  /** Every page of a list method, with the modern era's caching hints of every page. */
  private async listAll<S extends z.ZodType<{ nextCursor?: string | null | undefined }>, Item>(
    method: ListMethod,
    schema: S,
    pick: (page: z.infer<S>) => Item[],
    options: RequestOptions,
  ): Promise<Listing<Item>> {
    const hints = this.era === 'modern' ? new ListHints() : undefined;
    const onPage = hints && ((page: Record<string, unknown>) => hints.add(page));
    const items = await paginate(this, method, schema, pick, options, onPage, this.options.listLimits);
    return { items, hints };
  }

  /** The tasks of this client, on the live connection; their waits fail as soon as it goes. */
  private createTasks(): ClientTasks {
    const tasks = new ClientTasks(
      {
        logger: this.logger,
        era: () => this.era,
        resultCheckFor: (name) => (name === undefined ? checkCallToolResult : this.resultCheckFor(name)),
        findTool: async (name, options) => {
          const listed = this.lists.tools.find(name);
          if (listed) return listed;
          const { timeout, signal } = options;
          return (await this.getTools({ timeout, signal })).find((tool) => tool.name === name);
        },
        context: (method) => {
          const engine = this.liveSession(method);
          return {
            serverName: this.name,
            serverCapabilities: this.serverCapabilities,
            clientCapabilities: capabilitiesFor(this.options),
            handlers: this.handlers,
            listLimits: this.options.listLimits,
            request: (m, params, options, check, acceptTask) =>
              engine.request(m, params, options, check, acceptTask),
          };
        },
      },
      this.name,
    );
    this.on('notification', (notification) => tasks.receive(notification));
    this.on('stateChange', (state) => {
      if (state === 'closing' || state === 'closed')
        tasks.interrupt(`the connection ${state === 'closing' ? 'is closing' : 'closed'}`);
    });
    return tasks;
  }

  protected invalidateLists(methods?: readonly ListMethod[], onServer?: boolean): void {
    this.lists.invalidate(methods, onServer);
  }
}
