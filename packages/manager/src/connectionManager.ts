import { EventEmitter } from 'node:events';
import { loadMcpConfig } from '@org/mcp-config';
import {
  type CallToolResult,
  calculateBackoff,
  type Logger,
  ManagerErrorCode,
  type MCPClient,
  MCPConnectionError,
  MCPError,
  type MCPServerConfig,
  type MCPServersConfig,
  type RequestOptions,
  silentLogger,
  type Tool,
} from '@org/mcp-core';
import { sleep as defaultSleep, retry } from '@org/mcp-core/internal';
import { MCPClientFactory } from '@org/mcp-factory';
import { closestName } from './closestName.js';
import { isRetryable } from './isRetryable.js';
import { MANAGER_DEFAULTS, type ManagerOptions } from './managerOptions.js';
import { mapWithConcurrency } from './mapWithConcurrency.js';
import type { ServerState, ServerStatus } from './serverStatus.js';
import { type QualifiedTool, qualifyTools } from './toolNaming.js';

interface ServerEntry {
  name: string;
  config: MCPServerConfig;
  enabled: boolean;
  state: ServerState;
  client: MCPClient | undefined;
  /** Attempts made by the latest connect sequence. */
  attempts: number;
  restarts: number;
  lastError: Error | undefined;
  connectedAt: Date | undefined;
  connectMs: number | undefined;
  lastHealthCheck: { at: Date; healthy: boolean } | undefined;
  healthFailures: number;
  tools: Tool[];
  /** Aborts whatever is in flight for this server: a connect, a retry wait, a restart loop. */
  work: AbortController | undefined;
  connecting: Promise<MCPClient> | undefined;
  stableTimer: ReturnType<typeof setTimeout> | undefined;
  /** The client of a server that went away on its own: stop() waits until what it left is stopped. */
  lost: MCPClient | undefined;
}

export interface ConnectServerOptions {
  /** Retries after the first attempt. Default: the manager's maxRetries (3). */
  maxRetries?: number;
  signal?: AbortSignal;
}

/**
 * A supervisor for many MCP servers: parallel connect with retries, restarts of servers that
 * die, health monitoring, enable/disable, and one tool namespace across all of them.
 */
export class MCPConnectionManager extends EventEmitter {
  private readonly servers = new Map<string, ServerEntry>();
  private readonly options: ManagerOptions;
  private readonly logger: Logger;
  private healthTimer: ReturnType<typeof setInterval> | undefined;
  private shuttingDown: Promise<void> | undefined;
  private toolIndex: Map<string, QualifiedTool> | undefined;

  constructor(options: ManagerOptions = {}) {
    super();
    this.options = options;
    this.logger = (options.logger ?? silentLogger).child({ component: 'mcp-manager' });
  }

  /** Registers every server of a config (a normalised config, or a path to mcp_servers.json). */
  async initialize(config: MCPServersConfig | string): Promise<void> {
    this.assertOpen();
    const servers = typeof config === 'string' ? await loadMcpConfig(config) : config;
    for (const [name, serverConfig] of Object.entries(servers.mcpServers)) this.register(name, serverConfig);
    const interval = this.options.healthCheckInterval ?? MANAGER_DEFAULTS.healthCheckInterval;
    if (interval > 0 && !this.healthTimer) {
      this.healthTimer = setInterval(() => void this.runHealthMonitor(), interval);
      this.healthTimer.unref();
    }
  }

  /** Adds one server; it connects when asked (connectServer or connectAllEnabled). */
  addServer(name: string, config: MCPServerConfig): void {
    this.assertOpen();
    if (this.servers.has(name)) {
      throw new MCPError(
        ManagerErrorCode.SERVER_EXISTS,
        `Server "${name}" is already configured; remove it first.`,
        {
          serverName: name,
        },
      );
    }
    this.register(name, config);
  }

  /** Disconnects and forgets a server. */
  async removeServer(name: string): Promise<void> {
    const entry = this.entry(name);
    await this.stop(entry, 'closing');
    this.servers.delete(name);
    this.toolsChanged(name);
  }

  /** Connects one server, retrying with backoff; resolves with its live client. */
  async connectServer(name: string, options: ConnectServerOptions = {}): Promise<MCPClient> {
    this.assertOpen();
    const entry = this.entry(name);
    if (!entry.enabled) throw this.disabledError(entry);
    if (entry.state === 'connected' && entry.client) return entry.client;
    if (entry.connecting) return entry.connecting;
    // An explicit connect takes over from a restart loop waiting out its backoff.
    entry.work?.abort();
    const work = new AbortController();
    entry.work = work;
    const signal = options.signal ? AbortSignal.any([work.signal, options.signal]) : work.signal;
    entry.attempts = 0;
    this.setState(entry, 'connecting');
    const connecting = retry(() => this.connectOnce(entry, signal), {
      maxRetries: options.maxRetries ?? this.options.maxRetries ?? MANAGER_DEFAULTS.maxRetries,
      signal,
      backoff: this.options.backoff,
      sleep: this.options.sleep,
      shouldRetry: (error) => isRetryable(error),
      onRetry: ({ attempt, error, delay }) =>
        this.logger.warn({ server: name, attempt, delay, err: error }, 'connect failed; retrying'),
    })
      .catch((error: unknown) => {
        if (entry.work === work) {
          entry.lastError = error as Error;
          this.setState(entry, entry.enabled ? 'failed' : 'disabled');
          this.emit('serverError', { name, error });
        }
        throw error;
      })
      .finally(() => {
        if (entry.connecting === connecting) entry.connecting = undefined;
      });
    entry.connecting = connecting;
    return connecting;
  }

  /** Connects every enabled server in parallel (bounded); one bad server never blocks the rest. */
  async connectAllEnabled(options: { maxRetries?: number } = {}): Promise<Record<string, boolean>> {
    this.assertOpen();
    const names = [...this.servers.values()].filter((e) => e.enabled).map((e) => e.name);
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
    return this.liveClient(name);
  }

  async disconnectServer(name: string): Promise<void> {
    const entry = this.entry(name);
    await this.stop(entry, entry.enabled ? 'idle' : 'disabled');
  }

  /** Marks a server enabled; it connects when asked. */
  async enableServer(name: string): Promise<void> {
    const entry = this.entry(name);
    if (entry.enabled) return;
    entry.enabled = true;
    this.setState(entry, 'idle');
  }

  /** Disconnects a server and keeps it from connecting until enabled. */
  async disableServer(name: string): Promise<void> {
    const entry = this.entry(name);
    entry.enabled = false;
    await this.stop(entry, 'disabled');
  }

  /** Health of every enabled server, checked in parallel; a server not connected is unhealthy. */
  async healthCheckAll(): Promise<Record<string, boolean>> {
    const timeout = this.options.healthCheckTimeout ?? MANAGER_DEFAULTS.healthCheckTimeout;
    const entries = [...this.servers.values()].filter((e) => e.enabled);
    const results = await Promise.all(
      entries.map(async (entry) => {
        const client = entry.state === 'connected' ? entry.client : undefined;
        const healthy = client ? await client.isHealthy({ timeout }) : false;
        if (client) {
          entry.lastHealthCheck = { at: new Date(), healthy };
          entry.healthFailures = healthy ? 0 : entry.healthFailures + 1;
        }
        return [entry.name, healthy] as const;
      }),
    );
    return Object.fromEntries(results);
  }

  /** Everything known about each server. Never includes header or env values. */
  async getServerStatus(): Promise<Record<string, ServerStatus>> {
    const status: Record<string, ServerStatus> = {};
    for (const entry of this.servers.values()) {
      const client = entry.client;
      status[entry.name] = {
        enabled: entry.enabled,
        connected: entry.state === 'connected',
        state: entry.state,
        transport: client?.transportType ?? entry.config.transport ?? 'stdio',
        attempts: entry.attempts,
        restarts: entry.restarts,
        lastError: entry.lastError
          ? { message: entry.lastError.message, code: (entry.lastError as MCPError).code ?? 'UNKNOWN' }
          : undefined,
        connectedAt: entry.connectedAt?.toISOString(),
        connectMs: entry.connectMs,
        lastHealthCheck: entry.lastHealthCheck
          ? { at: entry.lastHealthCheck.at.toISOString(), healthy: entry.lastHealthCheck.healthy }
          : undefined,
        serverInfo: entry.state === 'connected' ? client?.serverInfo : undefined,
        protocolVersion: entry.state === 'connected' ? client?.protocolVersion : undefined,
        era: entry.state === 'connected' ? client?.era : undefined,
        toolCount: entry.state === 'connected' ? entry.tools.length : 0,
      };
    }
    return status;
  }

  /** Every connected server's tools with unique, stable qualified names. */
  async listTools(): Promise<QualifiedTool[]> {
    return [...this.index().values()];
  }

  /** Calls a tool by its qualified name on the server that owns it. */
  async callTool(
    qualifiedName: string,
    args: object = {},
    options?: RequestOptions,
  ): Promise<CallToolResult> {
    this.assertOpen();
    const index = this.index();
    const tool = index.get(qualifiedName);
    if (!tool) {
      const hint = closestName(qualifiedName, index.keys());
      throw new MCPError(
        ManagerErrorCode.UNKNOWN_TOOL,
        `No connected server offers a tool named "${qualifiedName}".${hint ? ` Did you mean "${hint}"?` : ''} listTools() shows the names.`,
      );
    }
    const client = this.liveClient(tool.serverName);
    return client.callTool(tool.originalName, args, options);
  }

  /** Stops every server in parallel, bounded in time; idempotent; afterwards every call fails. */
  shutdown(): Promise<void> {
    if (this.shuttingDown) return this.shuttingDown;
    clearInterval(this.healthTimer);
    this.healthTimer = undefined;
    this.shuttingDown = Promise.all(
      [...this.servers.values()].map((entry) => this.stop(entry, 'closed')),
    ).then(() => {
      this.logger.info('all servers stopped');
    });
    return this.shuttingDown;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }

  private register(name: string, config: MCPServerConfig): void {
    const enabled = config.enabled !== false;
    this.servers.set(name, {
      name,
      config,
      enabled,
      state: enabled ? 'idle' : 'disabled',
      client: undefined,
      attempts: 0,
      restarts: 0,
      lastError: undefined,
      connectedAt: undefined,
      connectMs: undefined,
      lastHealthCheck: undefined,
      healthFailures: 0,
      tools: [],
      work: undefined,
      connecting: undefined,
      stableTimer: undefined,
      lost: undefined,
    });
  }

  /** One attempt: a fresh client, connected, its tools read, its events wired. */
  private async connectOnce(entry: ServerEntry, signal: AbortSignal): Promise<MCPClient> {
    entry.attempts++;
    const create = this.options.createClient ?? MCPClientFactory.createClient;
    const client = create(entry.config, {
      ...this.options.clientOptions,
      name: entry.name,
      logger: this.options.logger ?? this.options.clientOptions?.logger,
    });
    const started = performance.now();
    try {
      await client.connect({ signal });
      const tools = client.serverCapabilities?.tools ? await client.getTools({ signal }) : [];
      signal.throwIfAborted();
      entry.tools = tools;
    } catch (error) {
      await client.disconnect();
      throw error;
    }
    entry.client = client;
    entry.connectMs = Math.round(performance.now() - started);
    entry.connectedAt = new Date();
    entry.lastError = undefined;
    entry.healthFailures = 0;
    client.on('close', (reason) => this.onClientClosed(entry, client, reason));
    client.on('toolsChanged', () => void this.refreshTools(entry, client));
    this.startStableTimer(entry);
    this.setState(entry, 'connected');
    this.toolsChanged(entry.name);
    return client;
  }

  /** A connected server went away on its own: restart it per policy. */
  private onClientClosed(entry: ServerEntry, client: MCPClient, reason: Error | undefined): void {
    if (entry.client !== client || entry.state !== 'connected' || this.shuttingDown) return;
    entry.client = undefined;
    entry.lost = client;
    clearTimeout(entry.stableTimer);
    entry.lastError = reason;
    this.toolsChanged(entry.name);
    this.logger.warn({ server: entry.name, err: reason }, 'server went away');
    if (reason) this.emit('serverError', { name: entry.name, error: reason });
    if (!this.shouldRestart(reason)) {
      this.setState(entry, reason ? 'failed' : 'idle');
      return;
    }
    void this.restartLoop(entry);
  }

  private shouldRestart(reason: Error | undefined): boolean {
    const policy =
      this.options.autoReconnect === false ? 'never' : (this.options.restart ?? MANAGER_DEFAULTS.restart);
    if (policy === 'never') return false;
    if (policy === 'always') return true;
    // on-failure: a stdio server that exited with code 0 ended cleanly.
    const exitCode = (reason as { exitCode?: number | null } | undefined)?.exitCode;
    return reason !== undefined && exitCode !== 0;
  }

  /** Reconnects with backoff until it works or maxRestarts is spent; calls fail fast meanwhile. */
  private async restartLoop(entry: ServerEntry): Promise<void> {
    const maxRestarts = this.options.maxRestarts ?? MANAGER_DEFAULTS.maxRestarts;
    const work = new AbortController();
    entry.work = work;
    const sleep = this.options.sleep ?? defaultSleep;
    while (!work.signal.aborted) {
      if (entry.restarts >= maxRestarts) {
        this.setState(entry, 'failed');
        const error = new MCPConnectionError(
          ManagerErrorCode.RESTARTS_EXHAUSTED,
          `Server "${entry.name}" kept failing and was given up after ${maxRestarts} restarts. Last error: ${entry.lastError?.message ?? 'unknown'}`,
          { serverName: entry.name, cause: entry.lastError },
        );
        entry.lastError = error;
        this.emit('serverError', { name: entry.name, error });
        return;
      }
      this.setState(entry, 'reconnecting');
      const delay = calculateBackoff(entry.restarts, this.options.backoff);
      entry.restarts++;
      try {
        await sleep(delay, work.signal);
        entry.attempts = 0;
        entry.connecting = this.connectOnce(entry, work.signal);
        await entry.connecting;
        this.logger.info({ server: entry.name, restarts: entry.restarts }, 'server restarted');
        return;
      } catch (error) {
        if (work.signal.aborted) return;
        entry.lastError = error as Error;
        this.logger.warn({ server: entry.name, err: error }, 'restart failed');
      } finally {
        entry.connecting = undefined;
      }
    }
  }

  private async refreshTools(entry: ServerEntry, client: MCPClient): Promise<void> {
    try {
      const tools = await client.getTools({ refresh: true });
      if (entry.client !== client) return;
      entry.tools = tools;
      this.toolsChanged(entry.name);
    } catch (error) {
      this.logger.warn({ server: entry.name, err: error }, 'could not refresh tools after list_changed');
    }
  }

  private async runHealthMonitor(): Promise<void> {
    const limit = this.options.healthCheckFailures ?? MANAGER_DEFAULTS.healthCheckFailures;
    await this.healthCheckAll();
    for (const entry of this.servers.values()) {
      const client = entry.client;
      if (entry.state !== 'connected' || !client || entry.healthFailures < limit) continue;
      this.logger.warn({ server: entry.name, failures: entry.healthFailures }, 'unhealthy; restarting');
      entry.healthFailures = 0;
      const reason = new MCPConnectionError(
        ManagerErrorCode.UNHEALTHY,
        `Server "${entry.name}" failed ${limit} health checks in a row and is being restarted.`,
        { serverName: entry.name },
      );
      // Forget the client first so its close event is not taken for a crash, then restart.
      entry.client = undefined;
      clearTimeout(entry.stableTimer);
      entry.lastError = reason;
      this.toolsChanged(entry.name);
      void client.disconnect();
      void this.restartLoop(entry);
    }
  }

  /** Aborts in-flight work, disconnects the client and leaves the server in `finalState`. */
  private async stop(entry: ServerEntry, finalState: ServerState): Promise<void> {
    entry.work?.abort(
      new MCPConnectionError(ManagerErrorCode.SERVER_STOPPED, `Server "${entry.name}" was stopped.`, {
        serverName: entry.name,
      }),
    );
    entry.work = undefined;
    clearTimeout(entry.stableTimer);
    const client = entry.client;
    const connecting = entry.connecting;
    entry.client = undefined;
    if (client || connecting) this.setState(entry, 'closing');
    await connecting?.catch(() => {});
    if (client) await this.boundedDisconnect(entry, client);
    const lost = entry.lost;
    entry.lost = undefined;
    if (lost) await this.boundedDisconnect(entry, lost);
    if (entry.tools.length) {
      entry.tools = [];
      this.toolsChanged(entry.name);
    }
    this.setState(entry, finalState);
  }

  private async boundedDisconnect(entry: ServerEntry, client: MCPClient): Promise<void> {
    const limit = this.options.shutdownTimeout ?? MANAGER_DEFAULTS.shutdownTimeout;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const overdue = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.logger.error({ server: entry.name, limit }, 'disconnect did not finish in time');
        resolve();
      }, limit);
    });
    try {
      await Promise.race([client.disconnect().catch(() => {}), overdue]);
    } finally {
      clearTimeout(timer);
    }
  }

  private startStableTimer(entry: ServerEntry): void {
    clearTimeout(entry.stableTimer);
    entry.stableTimer = setTimeout(() => {
      entry.restarts = 0;
    }, this.options.stableAfter ?? MANAGER_DEFAULTS.stableAfter);
    entry.stableTimer.unref?.();
  }

  private liveClient(name: string): MCPClient {
    this.assertOpen();
    const entry = this.entry(name);
    if (!entry.enabled) throw this.disabledError(entry);
    if (entry.state === 'connected' && entry.client) return entry.client;
    const why: Record<string, string> = {
      idle: 'is not connected yet; call connectServer() first',
      connecting: 'is still connecting',
      reconnecting: `is reconnecting after a failure (${entry.lastError?.message ?? 'unknown error'})`,
      failed: `failed: ${entry.lastError?.message ?? 'unknown error'}`,
      closing: 'is disconnecting',
      closed: 'is closed',
    };
    throw new MCPConnectionError(
      ManagerErrorCode[`SERVER_${entry.state.toUpperCase()}` as keyof typeof ManagerErrorCode],
      `Server "${name}" ${why[entry.state] ?? entry.state}.`,
      {
        serverName: name,
        cause: entry.lastError,
      },
    );
  }

  private entry(name: string): ServerEntry {
    const entry = this.servers.get(name);
    if (entry) return entry;
    const hint = closestName(name, this.servers.keys());
    throw new MCPConnectionError(
      ManagerErrorCode.UNKNOWN_SERVER,
      `No server named "${name}" is configured.${hint ? ` Did you mean "${hint}"?` : ''}`,
      { serverName: name },
    );
  }

  private disabledError(entry: ServerEntry): MCPConnectionError {
    return new MCPConnectionError(
      ManagerErrorCode.SERVER_DISABLED,
      `Server "${entry.name}" is disabled; enableServer("${entry.name}") first.`,
      { serverName: entry.name },
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

  private index(): Map<string, QualifiedTool> {
    if (this.toolIndex) return this.toolIndex;
    const byServer = new Map<string, Tool[]>();
    for (const entry of this.servers.values()) {
      if (entry.state === 'connected') byServer.set(entry.name, entry.tools);
    }
    const tools = qualifyTools(byServer, this.options.toolNaming ?? MANAGER_DEFAULTS.toolNaming);
    this.toolIndex = new Map(tools.map((t) => [t.qualifiedName, t]));
    return this.toolIndex;
  }

  private toolsChanged(server: string): void {
    this.toolIndex = undefined;
    this.emit('toolsChanged', { server });
  }

  private setState(entry: ServerEntry, state: ServerState): void {
    const previous = entry.state;
    if (previous === state) return;
    entry.state = state;
    if (state !== 'connected') this.toolIndex = undefined;
    this.logger.debug({ server: entry.name, state, previous }, 'state changed');
    this.emit('serverStateChanged', { name: entry.name, state, previous, error: entry.lastError });
  }
}
