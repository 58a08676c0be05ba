import { EventEmitter } from 'node:events';
import type { AuthorizationHandler } from '@org/mcp-auth';
import { type LoadMcpConfigOptions, loadMcpConfig } from '@org/mcp-config';
import type {
  CallToolOptions,
  CallToolResult,
  GetPromptResult,
  LoggingLevel,
  MCPClient,
  MCPServerConfig,
  MCPServersConfig,
  ReadResourceResult,
  RequestOptions,
  TaskCallOptions,
  TaskInfo,
  TaskWaitOptions,
  Tool,
  ToolCallHook,
  ToolTaskStart,
  ToolUi,
} from '@org/mcp-core';
import type { LoadedSkill, SkillsOptions } from '@org/mcp-skills';
import type { AppView } from './apps/appView.js';
import type {
  QualifiedPrompt,
  QualifiedResource,
  QualifiedResourceTemplate,
  QualifiedSkill,
} from './features/featureKinds.js';
import type { ResourceTarget } from './features/resourceAccess.js';
import type { ManagerEventMap } from './managerEvents.js';
import type { ConnectAllOptions, ConnectServerOptions, ManagerOptions } from './managerOptions.js';
import { composeParts, type ManagerParts } from './managerParts.js';
import type { ReloadOptions, ReloadResult } from './reload/configReload.js';
import type { WatchOptions } from './reload/configWatcher.js';
import { type ResolvedOptions, resolveOptions } from './resolvedOptions.js';
import { managerShutDownError } from './server/serverErrors.js';
import type { ServerStatus } from './server/serverStatus.js';
import { traceManagerEvents } from './telemetry/managerTelemetry.js';
import type { ToolSearchResult } from './tools/toolDirectory.js';
import type { QualifiedTool } from './tools/toolNaming.js';
import type { MCPUserView, UserViewOptions } from './users/userView.js';
import { userView } from './users/userViews.js';

export type { ConnectAllOptions, ConnectServerOptions } from './managerOptions.js';

/**
 * A supervisor for many MCP servers: parallel connect with retries, restarts of servers that die, health
 * monitoring, enable/disable, and one tool namespace across all of them. The facade over the parts it owns:
 * the server registry (each server's life in its ManagedServer), the tool surface, the features (skills,
 * resources, prompts, logs) and reload; every public call checks that it is open, then delegates.
 */
export class MCPConnectionManager extends EventEmitter<ManagerEventMap> {
  readonly #options: ResolvedOptions;
  readonly #parts: ManagerParts;
  #shuttingDown: Promise<void> | undefined;

  constructor(options: ManagerOptions = {}) {
    super();
    this.#options = resolveOptions(options);
    this.#parts = composeParts(this.#options, {
      manager: this,
      assertOpen: () => this.#assertOpen(),
      shuttingDown: () => this.#shuttingDown !== undefined,
    });
    traceManagerEvents(this, this.#options.telemetry);
  }

  /** Registers every server of a config or mcp_servers.json (`strict: false`: an unreadable entry is a `failed` server). */
  async initialize(config: MCPServersConfig | string, options: LoadMcpConfigOptions = {}): Promise<void> {
    this.#assertOpen();
    const servers =
      typeof config === 'string' ? await loadMcpConfig(config, { strict: false, ...options }) : config;
    this.#parts.servers.registerAll(servers);
    if (typeof config === 'string' && this.#options.watch) this.watch(config, this.#options.watch);
  }

  /** Adds one server; it connects when asked (connectServer or connectAllEnabled). */
  addServer(name: string, config: MCPServerConfig): void {
    this.#open().servers.add(name, config);
  }

  /** Disconnects and forgets a server. */
  async removeServer(name: string): Promise<void> {
    return this.#open().servers.remove(name);
  }

  /** Connects one server, retrying with backoff; resolves with its live client. */
  async connectServer(name: string, options: ConnectServerOptions = {}): Promise<MCPClient> {
    return this.#open().servers.get(name).connect(options);
  }

  /** Connects every enabled server in parallel (`false` at `timeout` goes on); a lazy one is `'lazy'`, started by its first call. */
  async connectAllEnabled(options: ConnectAllOptions = {}): Promise<Record<string, boolean | 'lazy'>> {
    return this.#open().servers.connectAll((name, connect) => this.connectServer(name, connect), options);
  }

  /** Resolves with the live client of a server, or rejects with an MCPConnectionError saying why there is none. */
  async getClient(name: string): Promise<MCPClient> {
    return this.#open().servers.get(name).liveClient();
  }

  async disconnectServer(name: string): Promise<void> {
    await this.#open().servers.get(name).disconnect();
  }

  /** Marks a server enabled; it connects when asked. */
  async enableServer(name: string): Promise<void> {
    await this.#open().servers.get(name).enable();
  }

  /** Disconnects a server and keeps it from connecting until enabled. */
  async disableServer(name: string): Promise<void> {
    await this.#open().servers.get(name).disable();
  }

  /** Health of every enabled server, checked in parallel; a server not connected is unhealthy. */
  healthCheckAll(): Promise<Record<string, boolean>> {
    return this.#parts.servers.health.checkAll();
  }

  /** Everything known about each server (a user-scoped one: how many users' connections). Never a header or env value. */
  async getServerStatus(): Promise<Record<string, ServerStatus>> {
    return this.#parts.users.status(this.#parts.servers.status());
  }

  /** One end user's view (starts nothing): the agent-facing API, user-scoped servers through that user's own connections (users/). */
  forUser(principal: string, options: UserViewOptions = {}): MCPUserView {
    return userView(this.#open().viewHost, principal, options);
  }

  /** Stops every server and user connection, bounded, idempotent; then acting is MANAGER_SHUT_DOWN, reads show what is left. */
  shutdown(): Promise<void> {
    if (this.#shuttingDown) return this.#shuttingDown;
    this.#parts.watchers.closeAll();
    this.#shuttingDown = this.#parts.retireAll();
    return this.#shuttingDown;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }

  /** Every connected server's tools with unique, stable qualified names; frozen, so callers cannot change them. */
  async listTools(): Promise<QualifiedTool[]> {
    return this.#parts.tools.list();
  }

  /** Calls a tool on its server by qualified name; a server down fails it with its MCPConnectionError (after callWhileRestarting). */
  async callTool(name: string, args: object = {}, options?: CallToolOptions): Promise<CallToolResult> {
    return this.#open().tools.call(name, args, options);
  }

  /** A tool's MCP Apps view (`resourceUri`, if it has one) and visibility (`model`, `app`); UNKNOWN_TOOL for no such tool. */
  getToolUi(qualifiedName: string): ToolUi {
    return this.#open().apps.toolUi(qualifiedName);
  }

  /** A tool's MCP Apps view (`ui://`), read from its server and kept for that connection; APP_VIEW_MISSING for none. */
  async readAppView(qualifiedName: string, options?: RequestOptions): Promise<AppView> {
    return this.#open().apps.view(qualifiedName, options);
  }

  /** A call by `viewTool`'s view to its own server's tool `name` (visibility `app`, else APP_CALL_REFUSED), run like callTool. */
  async callToolFromApp(
    viewTool: string,
    name: string,
    args: object = {},
    options?: CallToolOptions,
  ): Promise<CallToolResult> {
    return this.#open().apps.callFromApp(viewTool, name, args, options);
  }

  /** Adds a hook around every callTool, after those there are; returns a function that removes it. */
  addHook(hook: ToolCallHook): () => void {
    return this.#open().tools.addHook(hook);
  }

  /** The connected tools that best match `query` (BM25 over name, title, description, parameter names), best first. */
  searchTools(query: string, options: { limit?: number } = {}): ToolSearchResult[] {
    return this.#parts.tools.search(query, options);
  }

  /** The meta-tools `search_tools` and `call_tool`, to give an agent instead of every tool; callTool answers them with `metaTools: true`. */
  metaTools(): Tool[] {
    return this.#parts.tools.metaTools();
  }

  /** Calls a tool as a task, routed by qualified name like callTool; the handle follows its server across restarts. */
  async callToolAsTask(name: string, args: object = {}, options?: TaskCallOptions): Promise<ToolTaskStart> {
    return this.#parts.tools.tasks.callToolAsTask(name, args, options);
  }

  /** A task's status on its server (`tasks/get`). */
  async getTask(server: string, taskId: string, options?: RequestOptions): Promise<TaskInfo> {
    return this.#parts.tools.tasks.getTask(server, taskId, options);
  }

  /** Waits for a task's result; a restart, stop or removal of the server meanwhile is TASK_INTERRUPTED. */
  async getTaskResult(server: string, taskId: string, options?: TaskWaitOptions): Promise<CallToolResult> {
    return this.#parts.tools.tasks.getTaskResult(server, taskId, options);
  }

  /** Asks a task's server to cancel it (`tasks/cancel`). */
  async cancelTask(server: string, taskId: string, options?: RequestOptions): Promise<TaskInfo | undefined> {
    return this.#parts.tools.tasks.cancelTask(server, taskId, options);
  }

  /** Every task a server lists (`tasks/list`, 2025-11-25). */
  async listTasks(server: string, options?: RequestOptions): Promise<TaskInfo[]> {
    return this.#parts.tools.tasks.listTasks(server, options);
  }

  /** Applies a new config by difference (added, removed, restarted, kept); one that cannot be loaded changes nothing. */
  async reload(config: MCPServersConfig | string, options?: ReloadOptions): Promise<ReloadResult> {
    return this.#open().reloader.reload(config, options);
  }

  /** Reloads `file` whenever it changes (debounced); a refused change is a `configReloadFailed` event. Returns a stop. */
  watch(file: string, options: WatchOptions & ReloadOptions = {}): () => void {
    return this.#open().watchers.watch(file, options);
  }

  /** Authorizes a `needs-auth` server with `handler` (else the manager's, else a loopback one) and connects it. */
  async authorize(name: string, handler?: AuthorizationHandler): Promise<MCPClient> {
    return this.#open().servers.get(name).authorize(handler);
  }

  /** Every connected server's skills (skills/list, asked afresh) with qualified names made as tool names are. */
  async listSkills(options?: SkillsOptions): Promise<QualifiedSkill[]> {
    return this.#open().features.skills.list(options);
  }

  /** A skill by its qualified name, from the last listing (listed again once if it is not there). */
  async getSkill(qualifiedName: string, options?: SkillsOptions): Promise<QualifiedSkill> {
    return this.#open().features.skills.get(qualifiedName, options);
  }

  /** Loads a skill from its own server: its SKILL.md now, each other file when read, every file verified. */
  async loadSkill(qualifiedName: string, options?: SkillsOptions): Promise<LoadedSkill> {
    return this.#open().features.skills.load(qualifiedName, options);
  }

  /** Every connected server's resources (every page, kept until it says they changed), named as tools are. */
  async listResources(): Promise<QualifiedResource[]> {
    return this.#open().features.resources.list();
  }

  /** Every connected server's resource templates, named as tools are; read what they make with `{ server, uri }`. */
  async listResourceTemplates(): Promise<QualifiedResourceTemplate[]> {
    return this.#open().features.templates.list();
  }

  /** Reads a resource on its own server: by qualified name (listResources), or any URI as `{ server, uri }`. */
  async readResource(target: string | ResourceTarget, options?: RequestOptions): Promise<ReadResourceResult> {
    return this.#open().features.access.read(target, options);
  }

  /** Subscribes to a resource's updates (`resourceUpdated` events); kept across the server's reconnects. */
  async subscribeResource(target: string | ResourceTarget, options?: RequestOptions): Promise<void> {
    return this.#open().features.access.subscribe(target, options);
  }

  async unsubscribeResource(target: string | ResourceTarget, options?: RequestOptions): Promise<void> {
    return this.#open().features.access.unsubscribe(target, options);
  }

  /** Every connected server's prompts (every page, kept until it says they changed), named as tools are. */
  async listPrompts(): Promise<QualifiedPrompt[]> {
    return this.#open().features.prompts.list();
  }

  /** Gets a prompt by its qualified name from its own server. */
  async getPrompt(
    name: string,
    args?: Record<string, string>,
    options?: RequestOptions,
  ): Promise<GetPromptResult> {
    return this.#open().features.getPrompt(name, args, options);
  }

  /** Asks a server to send its logs (`serverLog` events) from `level` up, now if connected and at every reconnect. */
  async setLoggingLevel(name: string, level: LoggingLevel): Promise<void> {
    const { servers, features } = this.#open();
    const server = servers.get(name);
    return features.logs.set(name, server.status().connected ? server.liveClient() : undefined, level);
  }

  #assertOpen(): void {
    if (this.#shuttingDown) throw managerShutDownError();
  }

  /** Its parts, once it is checked to be open: every call that acts goes through here. */
  #open(): ManagerParts {
    this.#assertOpen();
    return this.#parts;
  }
}
