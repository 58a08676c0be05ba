import type {
  BackoffOptions,
  ClientOptions,
  Logger,
  LoggingLevel,
  MCPClient,
  MCPServerConfig,
  ToolCallHook,
  ToolFilterConfig,
} from '@org/mcp-core';
import type { Dispatcher } from 'undici';
import type { AppsOptions } from './apps/appsOptions.js';
import type { ManagerAuthOptions } from './auth/managerAuthOptions.js';
import type { CallLimits, CircuitBreakerOptions, ServerLoadOptions } from './calls/loadLimitOptions.js';
import type { CatalogStore } from './catalog/catalogStore.js';
import type { StartMode } from './ondemand/onDemandConfig.js';
import type { WatchOptions } from './reload/configWatcher.js';

/** How qualified tool names are made: always `server__tool`, only when two servers share a name, or refuse clashes. */
export type ToolNamingPolicy = 'prefix' | 'prefix-on-collision' | 'error';

/** When a server that was connected goes away: restart it on failure only, always, or never. */
export type RestartPolicy = 'on-failure' | 'always' | 'never';

/** The auth fields (tokenStore, authorizationHandler, oauth) are described in ManagerAuthOptions. */
export interface ManagerOptions extends ManagerAuthOptions {
  /** A pino-shaped logger; each server logs through a child. Default: silent. */
  logger?: Logger;
  /** Options given to every client (clientInfo, handlers, requestTimeout …); per-server config wins. */
  clientOptions?: ClientOptions;
  /** Builds a client for a config. Default: MCPClientFactory.createClient. */
  createClient?: (config: MCPServerConfig, options: ClientOptions) => MCPClient;
  /**
   * An undici Dispatcher every remote server's HTTP goes through (MCP requests, event streams, OAuth), for what a
   * config's `proxy`, `ca`, `cert` and `key` cannot say; a function gives one per server (undefined: the
   * config's settings). Never closed by the manager. Default: none, each server's config.
   */
  dispatcher?: Dispatcher | ((server: string) => Dispatcher | undefined);
  /** Backoff between connect attempts and restarts. Default 1 s doubling to 30 s, with jitter. */
  backoff?: BackoffOptions;
  /** Retries of connectServer/connectAllEnabled after the first attempt. Default 3. */
  maxRetries?: number;
  /** Restart policy for servers that die after connecting. Default 'on-failure'. */
  restart?: RestartPolicy;
  /** Shorthand: false means restart 'never'. Default true. */
  autoReconnect?: boolean;
  /** Restarts before a server is given up as 'failed'. Default 5. */
  maxRestarts?: number;
  /** A server connected this long has its restart count reset, in ms. Default 60 000. */
  stableAfter?: number;
  /** Run healthCheckAll every this many ms; 0 disables the monitor. Default 0. */
  healthCheckInterval?: number;
  /** Consecutive failed health checks before the monitor restarts a server. Default 3. */
  healthCheckFailures?: number;
  /** Timeout of one health check, in ms. Default 5000. */
  healthCheckTimeout?: number;
  /** Connect attempts (connects and restarts) in flight at once across servers; a wait between attempts holds none. Default 8. */
  connectConcurrency?: number;
  /** How long a callTool waits for its server to finish a connect or restart under way, in ms. Default 5 000. */
  callWhileRestarting?: number;
  /** Qualified tool names. Default 'prefix'. */
  toolNaming?: ToolNamingPolicy;
  /** Upper bound of one server's disconnect during shutdown, in ms. Default 15 000. */
  shutdownTimeout?: number;
  /** Tool filter of every server (`includeTools`, `excludeTools`, `disabledTools`, `autoApprove`), besides each one's config. Default: none. */
  toolFilter?: ToolFilterConfig;
  /** Interceptors around every callTool, in order; `addHook` adds more. Default: none. */
  hooks?: readonly ToolCallHook[];
  /** callTool also answers the meta-tools `search_tools` and `call_tool` (see `metaTools()`). Default false. */
  metaTools?: boolean;
  /** The log level asked of every server that declares logging, at each connect (setLoggingLevel wins). Default: none asked. */
  serverLogLevel?: LoggingLevel;
  /** Per server: calls in flight at once and the queue behind them (loadLimitOptions.ts). Default: no limit. */
  callLimits?: CallLimits;
  /** Per server: stop sending calls to a server whose calls keep failing; false turns it off. Default on. */
  circuitBreaker?: CircuitBreakerOptions | false;
  /** Limits and breaker settings of single servers, by name, in place of the two above. */
  serverLoad?: Record<string, ServerLoadOptions>;
  /**
   * Spans and metrics through `@opentelemetry/api` when the application has it installed (telemetry.ts); false:
   * never loaded. Register the OpenTelemetry SDK before creating the manager. Default true.
   */
  telemetry?: boolean;
  /** initialize(path) also watches the file and reloads it on change (manager.watch). Default false. */
  watch?: boolean | WatchOptions;
  /** How servers start unless their entry says (`start`): with connectAllEnabled (`eager`) or at their first call (`lazy`). Default 'eager'. */
  start?: StartMode;
  /** Stop a running server after this many ms with no call in flight, subscription or task followed (its entry's `idleTimeout` wins); 0: never. Default 0. */
  idleTimeout?: number;
  /** Where servers' tools, resources and prompts are kept between runs. Default: a FileCatalogStore at catalogPath when a server is lazy, else in memory. */
  catalogStore?: CatalogStore;
  /** The default store's file. Default: `org-mcp/catalog.json` under the user's cache folder (defaultCatalogPath). */
  catalogPath?: string;
  /** A catalog entry older than this (ms) is still served, and refreshed at the server's next start. Default 86 400 000 (a day). */
  catalogMaxAge?: number;
  /** A user-scoped server's connection (one per user) is closed after this many ms with no work (its entry's wins); 0: never. Default 900 000 (15 minutes). */
  userIdleTimeout?: number;
  /** A user-scoped server's connections at most (its entry's wins): past it the least recently used idle one closes. Default 1 000. */
  maxUserConnections?: number;
  /** Bounds on the MCP Apps views kept per server (declare the extension with `clientOptions.mcpApps`). */
  apps?: AppsOptions;
  /** Injectable sleep (tests use fake timers instead). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface ConnectServerOptions {
  /** Retries after the first attempt. Default: the manager's maxRetries (3). */
  maxRetries?: number;
  signal?: AbortSignal;
}

export interface ConnectAllOptions {
  /** Retries after the first attempt, per server. Default: the manager's maxRetries (3). */
  maxRetries?: number;
  /** Resolve after this many ms with what has connected by then; the rest go on connecting. Default: wait for all. */
  timeout?: number;
}

export const MANAGER_DEFAULTS = {
  maxRetries: 3,
  restart: 'on-failure' as RestartPolicy,
  maxRestarts: 5,
  stableAfter: 60_000,
  healthCheckInterval: 0,
  healthCheckFailures: 3,
  healthCheckTimeout: 5_000,
  connectConcurrency: 8,
  callWhileRestarting: 5_000,
  toolNaming: 'prefix' as ToolNamingPolicy,
  shutdownTimeout: 15_000,
  start: 'eager' as StartMode,
  idleTimeout: 0,
  catalogMaxAge: 86_400_000,
  userIdleTimeout: 900_000,
  maxUserConnections: 1_000,
} as const;
