import type { ProtocolEra } from '../era/protocolVersion.js';
import type { JSONRPCRequest, JSONRPCResponse } from '../protocol/jsonrpc.js';
import type { CallToolOptions, RequestOptions } from '../protocol/requestOptions.js';
import type { TaskInfo } from '../tasks/taskInfo.js';
import type { TaskCallOptions, TaskWaitOptions, ToolTaskStart } from '../tasks/taskOptions.js';
import type { CallToolResult, Implementation, ServerCapabilities, Tool } from '../types/mcpTypes.js';
import type { MCPClientEvents } from './clientEvents.js';
import type { ConnectionSnapshot } from './connectionSnapshot.js';

export type ClientState = 'idle' | 'connecting' | 'connected' | 'closing' | 'closed';

export interface ConnectOptions {
  signal?: AbortSignal;
  /** Overrides the client's connectTimeout, in ms. */
  timeout?: number;
  /**
   * Takes up the connection a `snapshot()` describes (another process's, an earlier run's) instead of a
   * new handshake; when the server no longer knows its session, or the snapshot does not fit, a new
   * handshake runs. Over stdio only a modern-era snapshot is taken up (a new process never saw a handshake).
   */
  resume?: ConnectionSnapshot | undefined;
}

/** The contract every client honours, whatever its transport. */
export interface MCPClient {
  readonly state: ClientState;
  /** The configured server name, used in logs and errors. */
  readonly name: string;
  /** 'stdio', 'sse', 'http' or a custom transport's name. */
  readonly transportType: string;
  connect(options?: ConnectOptions): Promise<void>;
  /** Idempotent; never throws for a dead peer. */
  disconnect(): Promise<void>;
  sendRequest(request: JSONRPCRequest, options?: RequestOptions): Promise<JSONRPCResponse>;
  /** Throws MCPProtocolError on a JSON-RPC error. */
  request<T = Record<string, unknown>>(method: string, params?: object, options?: RequestOptions): Promise<T>;
  notify(method: string, params?: object): Promise<void>;
  /** Never throws. */
  isHealthy(options?: { timeout?: number }): Promise<boolean>;
  /** Every page, cached, invalidated by notifications/tools/list_changed. */
  getTools(options?: { refresh?: boolean } & RequestOptions): Promise<Tool[]>;
  /** `throwOnError`: a result with `isError: true` rejects with MCPToolError. */
  callTool(name: string, args?: object, options?: CallToolOptions): Promise<CallToolResult>;
  /** Calls a tool as a task (2025-11-25 tasks, the 2026-07-28 tasks extension): its handle, or the result at once. */
  callToolAsTask(name: string, args?: object, options?: TaskCallOptions): Promise<ToolTaskStart>;
  /** A task's status now (`tasks/get`). */
  getTask(taskId: string, options?: RequestOptions): Promise<TaskInfo>;
  /** Waits until a task ends and resolves with its tool result. */
  getTaskResult(taskId: string, options?: TaskWaitOptions): Promise<CallToolResult>;
  /** Asks the server to cancel a task. */
  cancelTask(taskId: string, options?: RequestOptions): Promise<TaskInfo | undefined>;
  /** Every task the server lists (2025-11-25 `tasks/list`). */
  listTasks(options?: RequestOptions): Promise<TaskInfo[]>;
  readonly serverInfo?: Implementation | undefined;
  readonly serverCapabilities?: ServerCapabilities | undefined;
  readonly protocolVersion?: string | undefined;
  readonly instructions?: string | undefined;
  /** 'handshake' or 'modern' (2026-07-28, no handshake), once connected. */
  readonly era?: ProtocolEra | undefined;
  /** Tells the server its roots changed when the `roots` option now answers differently (BaseMCPClient has it). */
  rootsChanged?(): Promise<boolean>;
  /** Events and their listener arguments: MCPClientEvents. */
  on<E extends keyof MCPClientEvents>(event: E, listener: (...args: MCPClientEvents[E]) => void): this;
  once<E extends keyof MCPClientEvents>(event: E, listener: (...args: MCPClientEvents[E]) => void): this;
  off<E extends keyof MCPClientEvents>(event: E, listener: (...args: MCPClientEvents[E]) => void): this;
  [Symbol.asyncDispose](): Promise<void>;
}
