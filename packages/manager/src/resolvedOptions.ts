import { MemoryTokenStore } from '@org/mcp-auth/light';
import {
  type ClientOptions,
  type Logger,
  type MCPClient,
  type MCPServerConfig,
  silentLogger,
  type ToolCallHook,
} from '@org/mcp-core';
import { sleep } from '@org/mcp-core/internal';
import { MCPClientFactory } from '@org/mcp-factory';
import type { Dispatcher } from 'undici';
import { defaultCatalogPath } from './catalog/defaultCatalogPath.js';
import { MANAGER_DEFAULTS, type ManagerOptions, type RestartPolicy } from './managerOptions.js';
import type { WatchOptions } from './reload/configWatcher.js';
import { managerTelemetry } from './telemetry/managerTelemetry.js';
import type { Telemetry } from './telemetry/telemetry.js';

/**
 * The manager's options with every default applied, made once by the manager's constructor: its parts read a
 * field, never a default. Fields the user may leave out for good (no filter, no log level) stay optional.
 */
export interface ResolvedOptions
  extends Required<
      Pick<
        ManagerOptions,
        | 'maxRetries'
        | 'maxRestarts'
        | 'stableAfter'
        | 'healthCheckInterval'
        | 'healthCheckFailures'
        | 'healthCheckTimeout'
        | 'connectConcurrency'
        | 'callWhileRestarting'
        | 'toolNaming'
        | 'shutdownTimeout'
        | 'metaTools'
        | 'sleep'
        | 'tokenStore'
        | 'start'
        | 'idleTimeout'
        | 'catalogMaxAge'
        | 'catalogPath'
        | 'userIdleTimeout'
        | 'maxUserConnections'
      >
    >,
    Pick<
      ManagerOptions,
      | 'clientOptions'
      | 'backoff'
      | 'toolFilter'
      | 'serverLogLevel'
      | 'callLimits'
      | 'circuitBreaker'
      | 'serverLoad'
      | 'authorizationHandler'
      | 'oauth'
      | 'catalogStore'
      | 'apps'
    > {
  /** The manager's own logger (component `mcp-manager`). */
  logger: Logger;
  /** The logger its clients get: the manager's `logger` option, else the one in clientOptions. */
  clientLogger: Logger | undefined;
  createClient: (config: MCPServerConfig, options: ClientOptions) => MCPClient;
  /** The `dispatcher` option as a function of the server's name. */
  dispatcherFor: (server: string) => Dispatcher | undefined;
  /** `autoReconnect: false` folded in. */
  restart: RestartPolicy;
  hooks: ToolCallHook[];
  /** The watch of initialize(path), if asked for. */
  watch: WatchOptions | undefined;
  /** Spans and metrics, when on and `@opentelemetry/api` is installed. */
  telemetry: Telemetry | undefined;
  /** The end user a user's own connection serves (its OAuth tokens are that user's); absent for the manager's. */
  principal?: string | undefined;
}

/** Every default applied, in one place. */
export function resolveOptions(options: ManagerOptions): ResolvedOptions {
  const d = MANAGER_DEFAULTS;
  return {
    logger: (options.logger ?? silentLogger).child({ component: 'mcp-manager' }),
    clientLogger: options.logger ?? options.clientOptions?.logger,
    clientOptions: options.clientOptions,
    createClient: options.createClient ?? MCPClientFactory.createClient,
    dispatcherFor: dispatcherFor(options.dispatcher),
    backoff: options.backoff,
    maxRetries: options.maxRetries ?? d.maxRetries,
    restart: options.autoReconnect === false ? 'never' : (options.restart ?? d.restart),
    maxRestarts: options.maxRestarts ?? d.maxRestarts,
    stableAfter: options.stableAfter ?? d.stableAfter,
    healthCheckInterval: options.healthCheckInterval ?? d.healthCheckInterval,
    healthCheckFailures: options.healthCheckFailures ?? d.healthCheckFailures,
    healthCheckTimeout: options.healthCheckTimeout ?? d.healthCheckTimeout,
    connectConcurrency: options.connectConcurrency ?? d.connectConcurrency,
    callWhileRestarting: options.callWhileRestarting ?? d.callWhileRestarting,
    toolNaming: options.toolNaming ?? d.toolNaming,
    shutdownTimeout: options.shutdownTimeout ?? d.shutdownTimeout,
    toolFilter: options.toolFilter,
    hooks: [...(options.hooks ?? [])],
    metaTools: options.metaTools ?? false,
    serverLogLevel: options.serverLogLevel,
    callLimits: options.callLimits,
    circuitBreaker: options.circuitBreaker,
    serverLoad: options.serverLoad,
    telemetry: managerTelemetry(options),
    watch: options.watch === true ? {} : options.watch || undefined,
    sleep: options.sleep ?? sleep,
    // One token store for every server, unless the caller brings one.
    tokenStore: options.tokenStore ?? new MemoryTokenStore(),
    authorizationHandler: options.authorizationHandler,
    oauth: options.oauth,
    start: options.start ?? d.start,
    idleTimeout: options.idleTimeout ?? d.idleTimeout,
    catalogStore: options.catalogStore,
    apps: options.apps,
    catalogPath: options.catalogPath ?? defaultCatalogPath(),
    catalogMaxAge: options.catalogMaxAge ?? d.catalogMaxAge,
    userIdleTimeout: options.userIdleTimeout ?? d.userIdleTimeout,
    maxUserConnections: options.maxUserConnections ?? d.maxUserConnections,
  };
}

function dispatcherFor(option: ManagerOptions['dispatcher']): (server: string) => Dispatcher | undefined {
  if (typeof option === 'function') return option;
  return () => option;
}
