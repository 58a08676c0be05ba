import { EventEmitter } from 'node:events';
import { type AuthorizationHandler, MemoryTokenStore } from '@org/mcp-auth';
import { loadMcpConfig } from '@org/mcp-config';
import {
  type CallToolResult,
  type Logger,
  ManagerErrorCode,
  type MCPClient,
  MCPConnectionError,
  MCPError,
  type MCPServerConfig,
  type MCPServersConfig,
  type RequestOptions,
  silentLogger,
} from '@org/mcp-core';
import { sleep } from '@org/mcp-core/internal';
import type { LoadedSkill, SkillsOptions } from '@org/mcp-skills';
import { AttemptSlots } from './attemptSlots.js';
import { closestName } from './closestName.js';
import { HealthMonitor } from './healthMonitor.js';
import { ManagedServer } from './managedServer.js';
import type { ManagerEventMap } from './managerEvents.js';
import {
  type ConnectAllOptions,
  type ConnectServerOptions,
  MANAGER_DEFAULTS,
  type ManagerOptions,
} from './managerOptions.js';
import type { ServerStatus } from './serverStatus.js';
import { type QualifiedSkill, SkillIndex } from './skillIndex.js';
import { ToolDirectory } from './toolDirectory.js';
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
  private shuttingDown: Promise<void> | undefined;

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
  }

  /** Registers every server of a config (a normalised config, or a path to mcp_servers.json). */
  async initialize(config: MCPServersConfig | string): Promise<void> {
    this.assertOpen();
    const servers = typeof config === 'string' ? await loadMcpConfig(config) : config;
    for (const [name, serverConfig] of Object.entries(servers.mcpServers)) this.register(name, serverConfig);
    this.health.start();
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
    options?: RequestOptions,
  ): Promise<CallToolResult> {
    this.assertOpen();
    const tool = this.tools.find(qualifiedName);
    const wait = this.options.callWhileRestarting ?? MANAGER_DEFAULTS.callWhileRestarting;
    const client = await this.server(tool.serverName).callableClient(qualifiedName, wait, options?.signal);
    return client.callTool(tool.originalName, args, options);
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

  /** Stops every server in parallel, bounded in time; idempotent; afterwards every call fails. */
  shutdown(): Promise<void> {
    if (this.shuttingDown) return this.shuttingDown;
    this.health.stop();
    this.shuttingDown = Promise.all([...this.servers.values()].map((s) => s.retire('closed'))).then(() => {
      this.logger.info('all servers stopped');
    });
    return this.shuttingDown;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }

  private register(name: string, config: MCPServerConfig): void {
    const server = new ManagedServer(name, config, this.options, this.logger, this.slots);
    this.servers.set(name, server);
    // Reserves the server's place: the index lists servers in registration order.
    this.tools.update(server);
    const sync = () => {
      if (this.servers.get(name) === server) this.tools.update(server);
    };
    server.on('serverStateChanged', (event) => {
      sync();
      this.emit('serverStateChanged', event);
    });
    server.on('toolsChanged', (event) => {
      sync();
      this.emit('toolsChanged', event);
    });
    server.on('serverError', (event) => this.emit('serverError', event));
    server.on('authorizationRequired', (event) => this.emit('authorizationRequired', event));
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
