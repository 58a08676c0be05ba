import { EventEmitter } from 'node:events';
import { type AuthorizationHandler, MemoryTokenStore } from '@org/mcp-auth';
import { type LoadMcpConfigOptions, loadMcpConfig } from '@org/mcp-config';
import {
  type CallToolOptions,
  type CallToolResult,
  type GetPromptResult,
  type Logger,
  type LoggingLevel,
  ManagerErrorCode,
  type MCPClient,
  MCPConnectionError,
  MCPError,
  type MCPServerConfig,
  type MCPServersConfig,
  type ReadResourceResult,
  type RequestOptions,
  silentLogger,
  type TaskCallOptions,
  type TaskInfo,
  type TaskWaitOptions,
  type Tool,
  type ToolCallHook,
  type ToolTaskStart,
} from '@org/mcp-core';
import { sleep } from '@org/mcp-core/internal';
import type { LoadedSkill, SkillsOptions } from '@org/mcp-skills';
import { AttemptSlots } from './attemptSlots.js';
import type { QualifiedPrompt, QualifiedResource, QualifiedResourceTemplate } from './catalogKinds.js';
import { closestName } from './closestName.js';
import { ConfigReloader, type ReloadOptions, type ReloadResult } from './configReload.js';
import { ConfigWatchers, type WatchOptions } from './configWatcher.js';
import { HealthMonitor } from './healthMonitor.js';
import { ManagedServer } from './managedServer.js';
import { managedToolCall } from './managedToolCall.js';
import type { ManagerEventMap } from './managerEvents.js';
import {
  type ConnectAllOptions,
  type ConnectServerOptions,
  MANAGER_DEFAULTS,
  type ManagerOptions,
} from './managerOptions.js';
import { ManagerTasks } from './managerTasks.js';
import { traceManagerEvents } from './managerTelemetry.js';
import { CALL_TOOL, callMetaTool, metaToolDefinitions, SEARCH_TOOLS } from './metaTools.js';
import type { ResourceTarget } from './resourceAccess.js';
import { ServerFeatures } from './serverFeatures.js';
import type { ServerStatus } from './serverStatus.js';
import { type QualifiedSkill, SkillIndex } from './skillIndex.js';
import { ToolDirectory, type ToolSearchResult } from './toolDirectory.js';
import { ToolFilter } from './toolFilter.js';
import type { QualifiedTool } from './toolNaming.js';

export type { ConnectAllOptions, ConnectServerOptions } from './managerOptions.js';

/**
 * A supervisor for many MCP servers: parallel connect with retries, restarts of servers that
 * die, health monitoring, enable/disable, and one tool namespace across all of them.
 * Each server lives in its ManagedServer; this is the registry and the facade over them.
 */
export class MCPConnectionManager extends EventEmitter<ManagerEventMap> {
  private readonly servers = new Map<string, ManagedServer>();
  private readonly options: ManagerOptions;
  private readonly logger: Logger;
  private readonly skills: SkillIndex;
  private readonly tools: ToolDirectory;
  private readonly health: HealthMonitor;
  private readonly slots: AttemptSlots;
  private readonly tasks: ManagerTasks;
  private readonly hooks: ToolCallHook[];
  private readonly features: ServerFeatures;
  private shuttingDown: Promise<void> | undefined;
  private readonly reloader: ConfigReloader;
  private readonly watchers: ConfigWatchers;

  constructor(options: ManagerOptions = {}) {
    super();
    // One token store for every server, unless the caller brings one.
    this.options = { ...options, tokenStore: options.tokenStore ?? new MemoryTokenStore() };
    this.logger = (options.logger ?? silentLogger).child({ component: 'mcp-manager' });
    this.tools = new ToolDirectory(options.toolNaming ?? MANAGER_DEFAULTS.toolNaming);
    this.health = new HealthMonitor(() => this.servers.values(), options);
    this.skills = new SkillIndex(
      { connected: () => this.connectedClients(), liveClient: (name) => this.server(name).liveClient() },
      options.toolNaming ?? MANAGER_DEFAULTS.toolNaming,
      options.connectConcurrency ?? MANAGER_DEFAULTS.connectConcurrency,
      this.logger,
    );
    this.slots = new AttemptSlots(options.connectConcurrency ?? MANAGER_DEFAULTS.connectConcurrency);
    this.tasks = new ManagerTasks({
      tool: (qualifiedName) => {
        this.assertOpen();
        return this.tools.find(qualifiedName);
      },
      client: (name, what, signal) => {
        this.assertOpen();
        const wait = this.options.callWhileRestarting ?? MANAGER_DEFAULTS.callWhileRestarting;
        return this.server(name).callableClient(what, wait, signal);
      },
    });
    this.hooks = [...(options.hooks ?? [])];
    this.features = new ServerFeatures(options, this.logger, {
      connected: () => this.connectedClients(),
      client: (name, label, signal) => this.server(name).callableClient(label, this.callWait(), signal),
      emit: (event, payload) => (this.emit as (event: string, payload: unknown) => boolean)(event, payload),
    });
    this.reloader = new ConfigReloader({
      running: () =>
        new Map([...this.servers].map(([name, s]) => [name, { config: s.config, enabled: s.enabled }])),
      add: (name, config) => this.register(name, config),
      remove: (name) => this.removeServer(name),
      enable: (name) => this.enableServer(name),
      disable: (name) => this.disableServer(name),
      connect: (name) => this.connectServer(name),
      reloaded: (result) => this.emit('configReloaded', result),
    });
    this.watchers = new ConfigWatchers(
      (file, watchOptions) => (this.shuttingDown ? undefined : this.reload(file, watchOptions)),
      (failure) => {
        this.logger.warn(
          { file: failure.file, err: failure.error },
          'config change refused; the running config stays',
        );
        this.emit('configReloadFailed', failure);
      },
    );
    traceManagerEvents(this, options);
  }

  /**
   * Registers every server of a config (a normalised config, or a path to mcp_servers.json). A file is loaded with
   * `strict: false` unless `options` say otherwise: an entry that cannot be read is a `failed` server whose
   * lastError names its fields, and the others connect.
   */
  async initialize(config: MCPServersConfig | string, options: LoadMcpConfigOptions = {}): Promise<void> {
    this.assertOpen();
    const servers =
      typeof config === 'string' ? await loadMcpConfig(config, { strict: false, ...options }) : config;
    for (const [name, serverConfig] of Object.entries(servers.mcpServers)) this.register(name, serverConfig);
    // Nothing to start: a placeholder config, never used, since the server never connects.
    for (const [name, error] of Object.entries(servers.failed ?? {}))
      this.register(name, { command: '' }).refuse(error);
    this.health.start();
    if (typeof config === 'string' && this.options.watch)
      this.watch(config, this.options.watch === true ? {} : this.options.watch);
  }

  /**
   * Applies a new config by difference (configReload.ts): added servers connected, removed ones stopped, changed
   * ones restarted, the rest untouched. A config that cannot be loaded changes nothing (MCPConfigError).
   */
  async reload(config: MCPServersConfig | string, options?: ReloadOptions): Promise<ReloadResult> {
    this.assertOpen();
    return this.reloader.reload(config, options);
  }

  /** Reloads `file` whenever it changes (debounced); a refused change is a `configReloadFailed` event. Returns a stop. */
  watch(file: string, options: WatchOptions & ReloadOptions = {}): () => void {
    this.assertOpen();
    return this.watchers.watch(file, options);
  }

  /** Adds one server; it connects when asked (connectServer or connectAllEnabled). */
  addServer(name: string, config: MCPServerConfig): void {
    this.assertOpen();
    if (this.servers.has(name)) {
      throw new MCPError(
        ManagerErrorCode.SERVER_EXISTS,
        `Server "${name}" is already configured; remove it first.`,
        { serverName: name },
      );
    }
    this.register(name, config);
  }

  /**
   * Runs a server's OAuth authorization with `handler` (else the manager's authorizationHandler, else a
   * loopback handler that prints the URL) and connects it; for a server waiting in `needs-auth`.
   */
  async authorize(name: string, handler?: AuthorizationHandler): Promise<MCPClient> {
    this.assertOpen();
    return this.server(name).authorize(handler);
  }

  /** Disconnects and forgets a server. */
  async removeServer(name: string): Promise<void> {
    this.assertOpen();
    const server = this.server(name);
    await server.retire('closing');
    if (this.servers.get(name) !== server) return;
    this.servers.delete(name);
    this.tools.delete(name);
    this.features.removed(name);
    this.emit('toolsChanged', { server: name });
  }

  /** Connects one server, retrying with backoff; resolves with its live client. */
  async connectServer(name: string, options: ConnectServerOptions = {}): Promise<MCPClient> {
    this.assertOpen();
    return this.server(name).connect(options);
  }

  /**
   * Connects every enabled server in parallel (connectConcurrency attempts at once); one bad server never blocks
   * the rest. With `timeout`, resolves at that deadline: what is still connecting is `false` and goes on.
   */
  async connectAllEnabled(options: ConnectAllOptions = {}): Promise<Record<string, boolean>> {
    this.assertOpen();
    const { timeout, ...connect } = options;
    const names = [...this.servers.values()].filter((s) => s.enabled).map((s) => s.name);
    const connected = new Map<string, boolean>();
    const all = Promise.all(
      names.map(async (name) => {
        const ok = await this.connectServer(name, connect).then(
          () => true,
          () => false,
        );
        connected.set(name, ok);
      }),
    );
    if (timeout === undefined) await all;
    else {
      const deadline = new AbortController();
      await Promise.race([all, (this.options.sleep ?? sleep)(timeout, deadline.signal)]);
      deadline.abort();
    }
    return Object.fromEntries(names.map((name) => [name, connected.get(name) ?? false]));
  }

  /** The live client of a server, or an MCPConnectionError saying why there is none. */
  async getClient(name: string): Promise<MCPClient> {
    this.assertOpen();
    return this.server(name).liveClient();
  }

  async disconnectServer(name: string): Promise<void> {
    this.assertOpen();
    await this.server(name).disconnect();
  }

  /** Marks a server enabled; it connects when asked. */
  async enableServer(name: string): Promise<void> {
    this.assertOpen();
    await this.server(name).enable();
  }

  /** Disconnects a server and keeps it from connecting until enabled. */
  async disableServer(name: string): Promise<void> {
    this.assertOpen();
    await this.server(name).disable();
  }

  /** Health of every enabled server, checked in parallel; a server not connected is unhealthy. */
  healthCheckAll(): Promise<Record<string, boolean>> {
    return this.health.checkAll();
  }

  /** Everything known about each server. Never includes header or env values. */
  async getServerStatus(): Promise<Record<string, ServerStatus>> {
    // fromEntries defines own properties: a server named `__proto__` is a key like any other.
    return Object.fromEntries([...this.servers.values()].map((server) => [server.name, server.status()]));
  }

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

  /** Every connected server's skills (skills/list, asked afresh) with qualified names made as tool names are. */
  async listSkills(options?: SkillsOptions): Promise<QualifiedSkill[]> {
    this.assertOpen();
    return this.skills.list(options);
  }

  /** A skill by its qualified name, from the last listing (listed again once if it is not there). */
  async getSkill(qualifiedName: string, options?: SkillsOptions): Promise<QualifiedSkill> {
    this.assertOpen();
    return this.skills.get(qualifiedName, options);
  }

  /** Loads a skill from its own server: its SKILL.md now, each other file when read, every file verified. */
  async loadSkill(qualifiedName: string, options?: SkillsOptions): Promise<LoadedSkill> {
    this.assertOpen();
    return this.skills.load(qualifiedName, options);
  }

  /** Every connected server's resources (every page, kept until it says they changed), named as tools are. */
  async listResources(): Promise<QualifiedResource[]> {
    this.assertOpen();
    return this.features.resources.list();
  }

  /** Every connected server's resource templates, named as tools are; read what they make with `{ server, uri }`. */
  async listResourceTemplates(): Promise<QualifiedResourceTemplate[]> {
    this.assertOpen();
    return this.features.templates.list();
  }

  /** Reads a resource on its own server: by qualified name (listResources), or any URI as `{ server, uri }`. */
  async readResource(target: string | ResourceTarget, options?: RequestOptions): Promise<ReadResourceResult> {
    this.assertOpen();
    return this.features.access.read(target, options);
  }

  /** Subscribes to a resource's updates (`resourceUpdated` events); kept across the server's reconnects. */
  async subscribeResource(target: string | ResourceTarget, options?: RequestOptions): Promise<void> {
    this.assertOpen();
    return this.features.access.subscribe(target, options);
  }

  async unsubscribeResource(target: string | ResourceTarget, options?: RequestOptions): Promise<void> {
    this.assertOpen();
    return this.features.access.unsubscribe(target, options);
  }

  /** Every connected server's prompts (every page, kept until it says they changed), named as tools are. */
  async listPrompts(): Promise<QualifiedPrompt[]> {
    this.assertOpen();
    return this.features.prompts.list();
  }

  /** Gets a prompt by its qualified name from its own server. */
  async getPrompt(
    qualifiedName: string,
    args?: Record<string, string>,
    options?: RequestOptions,
  ): Promise<GetPromptResult> {
    this.assertOpen();
    return this.features.getPrompt(qualifiedName, args, options);
  }

  /** Asks a server to send its logs (`serverLog` events) from `level` up, now if connected and at every reconnect. */
  async setLoggingLevel(name: string, level: LoggingLevel): Promise<void> {
    this.assertOpen();
    const server = this.server(name);
    return this.features.logs.set(name, server.status().connected ? server.liveClient() : undefined, level);
  }

  /** Stops every server in parallel, bounded in time; idempotent; afterwards every call fails. */
  shutdown(): Promise<void> {
    if (this.shuttingDown) return this.shuttingDown;
    this.health.stop();
    this.watchers.closeAll();
    this.shuttingDown = Promise.all([...this.servers.values()].map((s) => s.retire('closed'))).then(() => {
      this.logger.info('all servers stopped');
    });
    return this.shuttingDown;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }

  private register(name: string, config: MCPServerConfig): ManagedServer {
    const options = { ...this.options, createClient: this.features.createClientFor(name) };
    const server = new ManagedServer(name, config, options, this.logger, this.slots);
    const filter = new ToolFilter([
      ['server config', config],
      ['manager option', this.options.toolFilter],
    ]);
    this.servers.set(name, server);
    // Reserves the server's place: the index lists servers in registration order.
    this.tools.update(server, filter);
    const sync = () => {
      if (this.servers.get(name) === server) this.tools.update(server, filter);
    };
    server.on('serverStateChanged', (event) => {
      sync();
      if (event.state === 'connected') this.features.connected(name, server.liveClient());
      else if (event.previous === 'connected') this.features.disconnected(name);
      this.emit('serverStateChanged', event);
    });
    server.on('toolsChanged', (event) => {
      sync();
      this.emit('toolsChanged', event);
    });
    server.on('serverError', (event) => this.emit('serverError', event));
    server.on('authorizationRequired', (event) => this.emit('authorizationRequired', event));
    server.on('circuitStateChanged', (event) => this.emit('circuitStateChanged', event));
    return server;
  }

  private callWait(): number {
    return this.options.callWhileRestarting ?? MANAGER_DEFAULTS.callWhileRestarting;
  }

  private connectedClients(): Map<string, MCPClient> {
    const clients = new Map<string, MCPClient>();
    for (const server of this.servers.values())
      if (server.enabled && server.status().connected) clients.set(server.name, server.liveClient());
    return clients;
  }

  private server(name: string): ManagedServer {
    const server = this.servers.get(name);
    if (server) return server;
    const hint = closestName(name, this.servers.keys());
    throw new MCPConnectionError(
      ManagerErrorCode.UNKNOWN_SERVER,
      `No server named "${name}" is configured.${hint ? ` Did you mean "${hint}"?` : ''}`,
      { serverName: name },
    );
  }

  private assertOpen(): void {
    if (this.shuttingDown) {
      throw new MCPConnectionError(
        ManagerErrorCode.MANAGER_SHUT_DOWN,
        'The connection manager has been shut down; create a new one.',
      );
    }
  }
}
