import {
  type CallToolOptions,
  type CallToolResult,
  ManagerErrorCode,
  MCPError,
  type MCPServerConfig,
  type Tool,
  type ToolCallHook,
} from '@org/mcp-core';
import type { ResolvedOptions } from '../resolvedOptions.js';
import type { ManagedServer } from '../server/managedServer.js';
import { managedToolCall } from './managedToolCall.js';
import { ManagerTasks } from './managerTasks.js';
import { CALL_TOOL, callMetaTool, metaToolDefinitions, SEARCH_TOOLS } from './metaTools.js';
import { ToolDirectory, type ToolSearchResult } from './toolDirectory.js';
import { ToolFilter } from './toolFilter.js';
import { type QualifiedTool, safeName, TOOL_NAME_SEPARATOR } from './toolNaming.js';

/** What the tool surface needs of the manager: that it is open (MANAGER_SHUT_DOWN otherwise), a server by name. */
export interface ToolServers {
  assertOpen(): void;
  server(name: string): ManagedServer;
  /** Every server, in registration order. */
  all(): Iterable<ManagedServer>;
}

/**
 * The manager's tools: one namespace across servers (each server's tools through its filter), calls routed
 * through the hooks and the server's load limits, search, the meta-tools, tasks (`tasks`).
 */
export class ToolSurface {
  private readonly directory: ToolDirectory;
  /** Each server's tool filter, from its entry and the toolFilter option; a reload may replace it. */
  private readonly filters = new Map<string, ToolFilter>();
  private readonly hooks: ToolCallHook[];
  readonly tasks: ManagerTasks;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly servers: ToolServers,
  ) {
    this.directory = new ToolDirectory(options.toolNaming);
    this.hooks = options.hooks;
    this.tasks = new ManagerTasks({
      tool: (qualifiedName) => {
        servers.assertOpen();
        return this.find(qualifiedName);
      },
      client: (name, what, signal) => {
        servers.assertOpen();
        return servers.server(name).callableClient(what, options.callWhileRestarting, signal);
      },
      following: (name, wait) => servers.server(name).onDemand.using(wait),
    });
  }

  /** A new server: its filter made and its place reserved (the index lists servers in registration order). */
  track(server: ManagedServer): void {
    this.filters.set(server.name, this.filterFor(server.config));
    this.sync(server);
  }

  /** Takes a server's tools as they are now. */
  sync(server: ManagedServer): void {
    this.directory.update(server, this.filters.get(server.name));
  }

  /** A reload changed only its tool filter: the same process, its tools offered through the new filter at once. */
  refilter(server: ManagedServer, config: MCPServerConfig): void {
    server.replaceEntry(config);
    this.filters.set(server.name, this.filterFor(config));
    this.sync(server);
  }

  forget(name: string): void {
    this.filters.delete(name);
    this.directory.delete(name);
  }

  list(): QualifiedTool[] {
    return this.directory.list();
  }

  find(qualifiedName: string): QualifiedTool {
    return this.directory.find(qualifiedName);
  }

  /** The tool a qualified name stands for, if one is known (no error, no wait). */
  known(qualifiedName: string): QualifiedTool | undefined {
    return this.directory.get(qualifiedName);
  }

  /**
   * Calls a tool by its qualified name on the server that owns it (or a meta-tool, when they are on);
   * `principal`: the end user of a view's call, which the hooks see.
   */
  call(
    qualifiedName: string,
    args: object,
    options: CallToolOptions | undefined,
    principal?: string,
  ): Promise<CallToolResult> {
    if (this.options.metaTools && (qualifiedName === SEARCH_TOOLS || qualifiedName === CALL_TOOL)) {
      const host = { searchTools: this.search.bind(this), callTool: this.call.bind(this) };
      return callMetaTool(host, qualifiedName, args as Record<string, unknown>, options);
    }
    const send = (tool: QualifiedTool) =>
      this.sendTo(this.servers.server(tool.serverName), tool, args, options, { principal });
    // A known tool is sent at once; only an unknown name waits for a lookup (a server starting on demand).
    const known = this.directory.get(qualifiedName);
    return known ? send(known) : this.findOrStart(qualifiedName, options?.signal).then(send);
  }

  /**
   * The tool a qualified name stands for. Not offered now, but named after a server (`server__…`) that is not
   * running: that server is started (on demand), or waited for (connecting), or its own error thrown (failed,
   * disabled), and the name looked up again. UNKNOWN_TOOL is for names no server answers to.
   */
  private async findOrStart(qualifiedName: string, signal: AbortSignal | undefined): Promise<QualifiedTool> {
    try {
      return this.directory.find(qualifiedName);
    } catch (error) {
      // A user-scoped server never starts itself (each user's connection does): not one to start here.
      const owner = [...this.servers.all()].find(
        (s) =>
          qualifiedName.startsWith(`${safeName(s.name)}${TOOL_NAME_SEPARATOR}`) &&
          s.config.scope !== 'user' &&
          !s.status().connected &&
          s.knownTools.length === 0,
      );
      if (!owner || !(error instanceof MCPError) || error.code !== ManagerErrorCode.UNKNOWN_TOOL) throw error;
      await owner.callableClient(qualifiedName, this.options.callWhileRestarting, signal);
      this.sync(owner);
      return this.directory.find(qualifiedName);
    }
  }

  /**
   * Sends a call to `server` (the tool's own, or a user's connection to it) through its guard and the hooks.
   * `caller`: a view's principal (the hooks see it) and its task routes (a task-mode call goes to its connection).
   */
  sendTo(
    server: ManagedServer,
    tool: QualifiedTool,
    args: object,
    options: CallToolOptions | undefined,
    caller: { principal?: string | undefined; tasks?: ManagerTasks } = {},
  ): Promise<CallToolResult> {
    const qualifiedName = tool.qualifiedName;
    const wait = this.options.callWhileRestarting;
    // Task mode (the call's `task`, else the config's `taskTools`): started as a task and followed to its end.
    const asTask = options?.task ?? tool.runAsTask === true;
    // A connected server's call goes out at once; only one that must wait for its server takes an async turn.
    const sendCall = (sent: object, request: CallToolOptions) => {
      if (asTask) return (caller.tasks ?? this.tasks).runToEnd(tool, sent, request);
      const ready = server.readyClient();
      if (ready) return ready.callTool(tool.originalName, sent, request);
      return server
        .callableClient(qualifiedName, wait, options?.signal)
        .then((client) => client.callTool(tool.originalName, sent, request));
    };
    // The load limits and the breaker hold the whole call, hooks included (a task until it ends).
    const call = () =>
      server.onDemand.using(() =>
        managedToolCall(tool, args, options, this.hooks, sendCall, caller.principal),
      );
    return server.calls.run(call, options?.signal);
  }

  addHook(hook: ToolCallHook): () => void {
    this.hooks.push(hook);
    return () => {
      const at = this.hooks.indexOf(hook);
      if (at >= 0) this.hooks.splice(at, 1);
    };
  }

  search(query: string, options: { limit?: number } = {}): ToolSearchResult[] {
    return this.directory.searchTools(query, options.limit);
  }

  metaTools(): Tool[] {
    return metaToolDefinitions();
  }

  private filterFor(config: MCPServerConfig): ToolFilter {
    return new ToolFilter(
      [
        ['server config', config],
        ['manager option', this.options.toolFilter],
      ],
      config.trust === true,
    );
  }
}
