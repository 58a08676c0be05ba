import { withAppsExtension } from '../apps/mcpApps.js';
import type { EraStore } from '../era/eraCache.js';
import type { ProtocolEra } from '../era/protocolVersion.js';
import type { CachePartition, ListCacheStore } from '../lists/listCacheStore.js';
import type { ListLimits } from '../lists/paginate.js';
import {
  type ElicitationOptions,
  elicitationCapability,
  withElicitationRules,
} from '../protocol/elicitation.js';
import { handlerFor, type RequestHandlers } from '../protocol/requestHandlers.js';
import type { RequestObserver } from '../protocol/requestObserver.js';
import type { ClientRoots, RootsSource } from '../protocol/roots.js';
import { type SamplingHandler, samplingCapability, samplingRequestHandler } from '../protocol/sampling.js';
import type { ClientCapabilities, Implementation } from '../types/mcpTypes.js';
import type { Logger } from '../util/logger.js';
import type { ToolCallHook } from './toolCallHooks.js';

/** Options every client takes, whatever its transport. */
export interface ClientOptions {
  /** The server's name in logs and errors. Default: derived from the config (command or host). */
  name?: string;
  /** A pino-shaped logger; a child `{ server, transport }` is made per client. Default: silent. */
  logger?: Logger;
  /** Sent to the server as clientInfo. Default `{ name: 'org-mcp-client', version: '0.1.0' }`. */
  clientInfo?: Implementation;
  /** Client capabilities to declare. Handlers for roots/sampling/elicitation add theirs automatically. */
  capabilities?: ClientCapabilities;
  /**
   * The host can render MCP Apps views: declare the `io.modelcontextprotocol/ui` extension (mimeType
   * `text/html;profile=mcp-app`), so that servers offer their tools' views. Default false.
   */
  mcpApps?: boolean;
  /** Default per-request timeout in ms. Default 30 000. */
  requestTimeout?: number;
  /**
   * How long progress may keep a tool call alive, in ms: each `notifications/progress` restarts a
   * `tools/call`'s timeout, up to this ceiling (never below the timeout itself). Per call: the
   * `maxTotalTimeout` option. Default 600 000 (10 minutes).
   */
  maxTotalTimeout?: number;
  /** Timeout for connect (start plus handshake) in ms. Default 30 000 (60 000 for stdio). */
  connectTimeout?: number;
  /** Timeout of the isHealthy round trip in ms. Default 5000. */
  healthCheckTimeout?: number;
  /** Handlers for server-to-client requests, keyed by method (`roots/list`, `sampling/createMessage`, `elicitation/create`). */
  handlers?: RequestHandlers;
  /**
   * The typed `sampling/createMessage` handler, with tools (2025-11-25 `tools`, `toolChoice`): declares
   * `sampling: { tools: {} }`, checks the request and the answer (sampling.ts). Wins over `handlers`'s. Default: none.
   */
  sampling?: SamplingHandler;
  /** false: the sampling handler takes no tools (declares `sampling: {}`; a request with tools is refused). Default true. */
  samplingTools?: boolean;
  /**
   * The roots offered to servers (`roots/list`, capability `roots: { listChanged: true }`): a list, or a
   * function asked at each `roots/list`; `client.rootsChanged()` tells servers when it answers differently.
   * Wins over `handlers`'s. Default: none.
   */
  roots?: RootsSource;
  /** Pin the protocol revision (a handshake-era one or 2026-07-28); its era follows. Default: negotiated. */
  protocolVersion?: string;
  /**
   * Which protocol era to speak: 'auto' probes with `server/discover` and falls back to the
   * `initialize` handshake; 'handshake' and 'modern' skip the probe. Default 'auto'.
   */
  era?: 'auto' | ProtocolEra;
  /**
   * Check each tool result's `structuredContent` against the tool's `outputSchema` (JSON Schema
   * 2020-12), for tools listed by `getTools()`. A mismatch is MCPProtocolError INVALID_RESULT. Default true.
   */
  validateToolOutput?: boolean;
  /** Elicitation: defaults applied (default) and URL mode (off unless asked); needs an `elicitation/create` handler. */
  elicitation?: ElicitationOptions;
  /** Bounds on a list across its pages (tools, resources, prompts). Default 50 000 items, 32 MiB. */
  listLimits?: ListLimits;
  /** How long the `server/discover` probe may take before the server is taken for handshake-era, in ms. Default 5000. */
  probeTimeout?: number;
  /**
   * Where modern-era list results (`tools/list`, `prompts/list`, `resources/list`) are cached while
   * fresh (`ttlMs`). Pass one store to several clients, or one of your own, to share them. Default: a
   * MemoryListCacheStore of this client's own.
   */
  listCache?: ListCacheStore;
  /**
   * Where the protocol era learnt of each server is remembered (`eraCacheKey`), so the next connect
   * skips the probe. Pass a shared one (Redis …) so a process that starts cold knows what its peers
   * learnt. Default: this process's memory, shared by all its clients.
   */
  eraStore?: EraStore;
  /**
   * The caller's authorization context: `private` results (`cacheScope`) are reused, and put in the
   * store, only under it. Unset: private results are reused only by this client, never stored.
   */
  cachePartition?: CachePartition;
  /** Believe this server's tool annotations: hooks see `trusted: true` (`mayDestroy`). Default false. */
  trust?: boolean;
  /** Interceptors around every callTool of this client, in order (toolCallHooks.ts). Default: none. */
  hooks?: readonly ToolCallHook[];
  /** Sees every request sent (tracing, metrics) and may add `_meta` keys such as `traceparent`. Default: none. */
  observeRequest?: RequestObserver;
}

export const DEFAULT_CLIENT_INFO = { name: 'org-mcp-client', version: '0.1.0' } as const;
export const DEFAULT_CONNECT_TIMEOUT = 30_000;
export const DEFAULT_HEALTH_CHECK_TIMEOUT = 5_000;
export const DEFAULT_PROBE_TIMEOUT = 5_000;

/** Capabilities a handler implies, so registering a handler is enough to be offered the feature. */
export function capabilitiesFor(options: ClientOptions): ClientCapabilities {
  const capabilities: ClientCapabilities = options.mcpApps
    ? withAppsExtension({ ...options.capabilities })
    : { ...options.capabilities };
  const handlers = options.handlers ?? {};
  if ((options.roots || handlers['roots/list']) && !capabilities.roots)
    capabilities.roots = { listChanged: true };
  if (options.sampling && !capabilities.sampling)
    capabilities.sampling = samplingCapability(options.samplingTools !== false);
  if (handlers['sampling/createMessage'] && !capabilities.sampling) capabilities.sampling = {};
  if (handlers['elicitation/create'] && !capabilities.elicitation)
    capabilities.elicitation = elicitationCapability(options.elicitation);
  return capabilities;
}

/**
 * The handlers the protocol engine runs: the user's, the typed sampling handler and the roots (each with the
 * specification's rules around it), and the rules around elicitation.
 */
export function handlersFor(options: ClientOptions, roots?: ClientRoots): RequestHandlers | undefined {
  const handlers: RequestHandlers = { ...options.handlers };
  const declared = capabilitiesFor(options);
  if (options.sampling) {
    const tools = (declared.sampling as { tools?: unknown } | undefined)?.tools !== undefined;
    handlers['sampling/createMessage'] = samplingRequestHandler(options.sampling, tools);
  }
  if (roots) handlers['roots/list'] = roots.handler;
  const elicit = handlerFor(handlers, 'elicitation/create');
  if (elicit) {
    const capability = (declared.elicitation ?? {}) as Parameters<typeof withElicitationRules>[1];
    handlers['elicitation/create'] = withElicitationRules(elicit, capability);
  }
  return Object.keys(handlers).length > 0 ? handlers : undefined;
}
