import { EventEmitter } from 'node:events';
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
import { closestName } from './closestName.js';
import { HealthMonitor } from './healthMonitor.js';
import { ManagedServer } from './managedServer.js';
import type { ManagerEventMap } from './managerEvents.js';
import { type ConnectServerOptions, MANAGER_DEFAULTS, type ManagerOptions } from './managerOptions.js';
import { mapWithConcurrency } from './mapWithConcurrency.js';
import type { ServerStatus } from './serverStatus.js';
import { ToolIndex } from './toolIndex.js';
import type { QualifiedTool } from './toolNaming.js';

export type { ConnectServerOptions } from './managerOptions.js';

/**
 * A supervisor for many MCP servers: parallel connect with retries, restarts of servers that
 * die, health monitoring, enable/disable, and one tool namespace across all of them.
 * Each server lives in its ManagedServer; this is the registry and the facade over them.
 */
export class MCPConnectionManager extends EventEmitter<ManagerEventMap> {
  private readonly servers = new Map<string, ManagedServer>();
  private readonly options: ManagerOptions;
  private readonly logger: Logger;
  private readonly tools: ToolIndex;
  private readonly health: HealthMonitor;
  private shuttingDown: Promise<void> | undefined;

  constructor(options: ManagerOptions = {}) {
    super();
    this.options = options;
    this.logger = (options.logger ?? silentLogger).child({ component: 'mcp-manager' });
    this.tools = new ToolIndex(options.toolNaming ?? MANAGER_DEFAULTS.toolNaming);
    this.health = new HealthMonitor(() => this.servers.values(), options);
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

  /** Connects every enabled server in parallel (bounded); one bad server never blocks the rest. */
  async connectAllEnabled(options: { maxRetries?: number } = {}): Promise<Record<string, boolean>> {
    this.assertOpen();
    const names = [...this.servers.values()].filter((s) => s.enabled).map((s) => s.name);
    const limit = this.options.connectConcurrency ?? MANAGER_DEFAULTS.connectConcurrency;
    const results = await mapWithConcurrency(names, limit, async (name) => {
      try {
        await this.connectServer(name, options);
        return true;
      } catch {
        return false;
      }
    });
    return Object.fromEntries(names.map((name, i) => [name, results[i] ?? false]));
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

  /** Calls a tool by its qualified name on the server that owns it. */
  async callTool(
    qualifiedName: string,
    args: object = {},
    options?: RequestOptions,
  ): Promise<CallToolResult> {
    this.assertOpen();
    const tool = this.tools.get(qualifiedName);
    if (!tool) {
      const hint = closestName(qualifiedName, this.tools.names());
      throw new MCPError(
        ManagerErrorCode.UNKNOWN_TOOL,
        `No connected server offers a tool named "${qualifiedName}".${hint ? ` Did you mean "${hint}"?` : ''} listTools() shows the names.`,
      );
    }
    return this.server(tool.serverName).liveClient().callTool(tool.originalName, args, options);
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
    const server = new ManagedServer(name, config, this.options, this.logger);
    this.servers.set(name, server);
    // Reserves the server's place: the index lists servers in registration order.
    this.tools.set(name, server.tools);
    const sync = () => {
      if (this.servers.get(name) === server) this.tools.set(name, server.tools);
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
