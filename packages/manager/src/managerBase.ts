import { EventEmitter } from 'node:events';
import { MemoryTokenStore } from '@org/mcp-auth';
import {
  type Logger,
  ManagerErrorCode,
  type MCPClient,
  MCPConnectionError,
  MCPError,
  type MCPServerConfig,
  type MCPServersConfig,
  silentLogger,
  type ToolCallHook,
} from '@org/mcp-core';
import { sleep } from '@org/mcp-core/internal';
import { ServerFeatures } from './features/serverFeatures.js';
import { SkillIndex } from './features/skillIndex.js';
import type { ManagerEventMap } from './managerEvents.js';
import {
  type ConnectAllOptions,
  type ConnectServerOptions,
  MANAGER_DEFAULTS,
  type ManagerOptions,
} from './managerOptions.js';
import { ConfigReloader, type ReloadOptions, type ReloadResult } from './reload/configReload.js';
import { ConfigWatchers } from './reload/configWatcher.js';
import { ConnectTurns } from './server/connectTurns.js';
import { HealthMonitor } from './server/healthMonitor.js';
import { ManagedServer } from './server/managedServer.js';
import type { ServerStatus } from './server/serverStatus.js';
import { traceManagerEvents, withTelemetry } from './telemetry/managerTelemetry.js';
import { ManagerTasks } from './tools/managerTasks.js';
import { ToolDirectory } from './tools/toolDirectory.js';
import { ToolFilter } from './tools/toolFilter.js';
import { closestName } from './util/closestName.js';

/**
 * The manager's registry of servers and their lifecycle (ManagedServer each): add, remove, connect, enable,
 * status, shutdown. ManagerTools and MCPConnectionManager build the tool surface and the rest on it.
 */
export abstract class ManagerBase extends EventEmitter<ManagerEventMap> {
  protected readonly servers = new Map<string, ManagedServer>();
  /** Each server's tool filter, from its entry and the toolFilter option; a reload may replace it. */
  private readonly filters = new Map<string, ToolFilter>();
  protected readonly options: ManagerOptions;
  protected readonly logger: Logger;
  protected readonly skills: SkillIndex;
  protected readonly tools: ToolDirectory;
  protected readonly health: HealthMonitor;
  protected readonly turns: ConnectTurns;
  protected readonly tasks: ManagerTasks;
  protected readonly hooks: ToolCallHook[];
  protected readonly features: ServerFeatures;
  protected shuttingDown: Promise<void> | undefined;
  protected readonly reloader: ConfigReloader;
  protected readonly watchers: ConfigWatchers;

  /** Applies a config by difference (MCPConnectionManager.reload); the file watchers call it. */
  abstract reload(config: MCPServersConfig | string, options?: ReloadOptions): Promise<ReloadResult>;

  constructor(options: ManagerOptions = {}) {
    super();
    // One token store for every server, unless the caller brings one.
    this.options = withTelemetry({ ...options, tokenStore: options.tokenStore ?? new MemoryTokenStore() });
    this.logger = (options.logger ?? silentLogger).child({ component: 'mcp-manager' });
    this.tools = new ToolDirectory(options.toolNaming ?? MANAGER_DEFAULTS.toolNaming);
    this.health = new HealthMonitor(() => this.servers.values(), options);
    this.skills = new SkillIndex(
      { connected: () => this.connectedClients(), liveClient: (name) => this.server(name).liveClient() },
      options.toolNaming ?? MANAGER_DEFAULTS.toolNaming,
      options.connectConcurrency ?? MANAGER_DEFAULTS.connectConcurrency,
      this.logger,
    );
    this.turns = new ConnectTurns(options.connectConcurrency ?? MANAGER_DEFAULTS.connectConcurrency);
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
      refilter: (name, config) => this.refilter(name, config),
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
    traceManagerEvents(this, this.options);
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
    this.filters.delete(name);
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

  protected register(name: string, config: MCPServerConfig): ManagedServer {
    const options = { ...this.options, createClient: this.features.createClientFor(name) };
    const server = new ManagedServer(name, config, options, this.logger, this.turns);
    this.servers.set(name, server);
    this.filters.set(name, this.filterFor(config));
    // Reserves the server's place: the index lists servers in registration order.
    this.tools.update(server, this.filters.get(name));
    const sync = () => {
      if (this.servers.get(name) === server) this.tools.update(server, this.filters.get(name));
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

  /** A reload changed only its tool filter: the same process, its tools offered through the new filter at once. */
  private refilter(name: string, config: MCPServerConfig): void {
    const server = this.server(name);
    server.replaceEntry(config);
    this.filters.set(name, this.filterFor(config));
    this.tools.update(server, this.filters.get(name));
    this.emit('toolsChanged', { server: name });
  }

  private filterFor(config: MCPServerConfig): ToolFilter {
    return new ToolFilter([
      ['server config', config],
      ['manager option', this.options.toolFilter],
    ]);
  }

  protected callWait(): number {
    return this.options.callWhileRestarting ?? MANAGER_DEFAULTS.callWhileRestarting;
  }

  protected connectedClients(): Map<string, MCPClient> {
    const clients = new Map<string, MCPClient>();
    for (const server of this.servers.values())
      if (server.enabled && server.status().connected) clients.set(server.name, server.liveClient());
    return clients;
  }

  protected server(name: string): ManagedServer {
    const server = this.servers.get(name);
    if (server) return server;
    const hint = closestName(name, this.servers.keys());
    throw new MCPConnectionError(
      ManagerErrorCode.UNKNOWN_SERVER,
      `No server named "${name}" is configured.${hint ? ` Did you mean "${hint}"?` : ''}`,
      { serverName: name },
    );
  }

  protected assertOpen(): void {
    if (this.shuttingDown) {
      throw new MCPConnectionError(
        ManagerErrorCode.MANAGER_SHUT_DOWN,
        'The connection manager has been shut down; create a new one.',
      );
    }
  }
}
