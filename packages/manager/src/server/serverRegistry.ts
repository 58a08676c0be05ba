import {
  ManagerErrorCode,
  type MCPClient,
  MCPConnectionError,
  MCPError,
  type MCPServerConfig,
  type MCPServersConfig,
} from '@org/mcp-core';
import type { ManagerEvents } from '../managerEvents.js';
import type { ConnectAllOptions } from '../managerOptions.js';
import type { ResolvedOptions } from '../resolvedOptions.js';
import { closestName, didYouMean } from '../util/closestName.js';
import { ConnectTurns } from './connectTurns.js';
import { HealthMonitor } from './healthMonitor.js';
import { ManagedServer } from './managedServer.js';
import type { ServerStatus } from './serverStatus.js';

/** The events a server reports upward, as the manager emits them. */
type ServerEvent =
  | 'serverStateChanged'
  | 'toolsChanged'
  | 'serverError'
  | 'authorizationRequired'
  | 'circuitStateChanged';

/** What the registry tells the rest of the manager about its servers. */
export interface RegistryListener {
  /** The createClient a server's connects use. */
  createClientFor(name: string): ResolvedOptions['createClient'];
  /** A server was registered: its place in the tool index is reserved now, in registration order. */
  registered(server: ManagedServer): void;
  /** A registered server's tools may have changed; told before the event goes out, so listeners see the new tools. */
  toolsMayChange(server: ManagedServer): void;
  /** A server's state changed (its connection may be new or gone); told before the event goes out. */
  stateChanged(server: ManagedServer, event: ManagerEvents['serverStateChanged']): void;
  /** A server was removed; what it held (users' connections) is closed before the removal resolves. */
  removed(name: string): Promise<void>;
  /** connectAllEnabled for a lazy server: nothing, or a start to fill its catalog entry when it has none. */
  readyLazy(server: ManagedServer): Promise<void>;
  emit<E extends ServerEvent>(event: E, payload: ManagerEvents[E]): void;
}

/**
 * The manager's servers by name, in registration order (a ManagedServer each), with what they share: the connect
 * turns (connectConcurrency) and the health monitor. Adds, removes, finds, connects all, reports, retires all.
 */
export class ServerRegistry {
  private readonly servers = new Map<string, ManagedServer>();
  /** The connect attempts in flight across servers (connectConcurrency), users' connections too. */
  readonly turns: ConnectTurns;
  readonly health: HealthMonitor;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly listener: RegistryListener,
  ) {
    this.turns = new ConnectTurns(options.connectConcurrency);
    this.health = new HealthMonitor(() => this.servers.values(), options);
  }

  /** Every server, in registration order. */
  values(): IterableIterator<ManagedServer> {
    return this.servers.values();
  }

  /** The server of that name, or UNKNOWN_SERVER with the nearest name as a hint. */
  get(name: string): ManagedServer {
    const server = this.servers.get(name);
    if (server) return server;
    const hint = closestName(name, this.servers.keys());
    throw new MCPConnectionError(
      ManagerErrorCode.UNKNOWN_SERVER,
      `No server named "${name}" is configured.${didYouMean(hint)}`,
      { serverName: name },
    );
  }

  /** Whether `server` is still the one registered under its name (not removed, not replaced). */
  holds(server: ManagedServer): boolean {
    return this.servers.get(server.name) === server;
  }

  /** Adds a server that is not there yet (SERVER_EXISTS otherwise). */
  add(name: string, config: MCPServerConfig): ManagedServer {
    if (this.servers.has(name)) {
      throw new MCPError(
        ManagerErrorCode.SERVER_EXISTS,
        `Server "${name}" is already configured; remove it first.`,
        { serverName: name },
      );
    }
    return this.register(name, config);
  }

  /** Registers every server of a config, then starts the health monitor. */
  registerAll(config: MCPServersConfig): void {
    for (const [name, entry] of Object.entries(config.mcpServers)) this.register(name, entry);
    // Nothing to start: a placeholder config, never used, since the server never connects.
    for (const [name, error] of Object.entries(config.failed ?? {}))
      this.register(name, { command: '' }).refuse(error);
    this.health.start();
  }

  /** Registers a server and wires its events to the manager's. */
  register(name: string, config: MCPServerConfig): ManagedServer {
    const options = { ...this.options, createClient: this.listener.createClientFor(name) };
    const server = new ManagedServer(name, config, options, this.turns);
    this.servers.set(name, server);
    const { listener } = this;
    listener.registered(server);
    const sync = () => {
      if (this.holds(server)) listener.toolsMayChange(server);
    };
    server.on('serverStateChanged', (event) => {
      sync();
      listener.stateChanged(server, event);
      listener.emit('serverStateChanged', event);
    });
    server.on('toolsChanged', (event) => {
      sync();
      listener.emit('toolsChanged', event);
    });
    server.on('serverError', (event) => listener.emit('serverError', event));
    server.on('authorizationRequired', (event) => listener.emit('authorizationRequired', event));
    server.on('circuitStateChanged', (event) => listener.emit('circuitStateChanged', event));
    return server;
  }

  /** Stops and forgets a server. */
  async remove(name: string): Promise<void> {
    const server = this.get(name);
    await server.retire('closing');
    if (!this.holds(server)) return;
    this.servers.delete(name);
    await this.listener.removed(name);
  }

  /**
   * Connects every enabled server in parallel (connectConcurrency attempts at once); one bad server never blocks
   * the rest. With `timeout`, resolves at that deadline: what is still connecting is `false` and goes on.
   */
  async connectAll(
    connectServer: (name: string, options: Omit<ConnectAllOptions, 'timeout'>) => Promise<MCPClient>,
    options: ConnectAllOptions,
  ): Promise<Record<string, boolean | 'lazy'>> {
    const { timeout, ...connect } = options;
    const enabled = [...this.servers.values()].filter((s) => s.enabled);
    const names = enabled.map((s) => s.name);
    const connected = new Map<string, boolean | 'lazy'>();
    const all = Promise.all(
      enabled.map(async (server) => {
        if (server.onDemand.start === 'lazy') {
          connected.set(server.name, 'lazy');
          return this.listener.readyLazy(server).catch(() => {});
        }
        const ok = await connectServer(server.name, connect).then(
          () => true,
          () => false,
        );
        connected.set(server.name, ok);
      }),
    );
    if (timeout === undefined) await all;
    else {
      const deadline = new AbortController();
      await Promise.race([all, this.options.sleep(timeout, deadline.signal)]);
      deadline.abort();
    }
    return Object.fromEntries(names.map((name) => [name, connected.get(name) ?? false]));
  }

  /** The live clients of the enabled, connected servers, in registration order. */
  connectedClients(): Map<string, MCPClient> {
    const clients = new Map<string, MCPClient>();
    for (const server of this.servers.values())
      if (server.enabled && server.status().connected) clients.set(server.name, server.liveClient());
    return clients;
  }

  /** Everything known about each server. Never includes header or env values. */
  status(): Record<string, ServerStatus> {
    // fromEntries defines own properties: a server named `__proto__` is a key like any other.
    return Object.fromEntries([...this.servers.values()].map((server) => [server.name, server.status()]));
  }

  /** Stops every server for good, in parallel. */
  async retireAll(): Promise<void> {
    this.health.stop();
    await Promise.all([...this.servers.values()].map((s) => s.retire('closed')));
    this.options.logger.info('all servers stopped');
  }
}
