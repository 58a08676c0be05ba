// The public API of @org/mcp-manager: everything below is exported on purpose; nothing else is.

export type { CallsStatus } from './callGuard.js';
export type { QualifiedPrompt, QualifiedResource, QualifiedResourceTemplate } from './catalogKinds.js';
export type { CircuitState, CircuitStatus } from './circuitBreaker.js';
export type { RefusedEntry, ReloadOptions, ReloadResult } from './configReload.js';
export { WATCH_DEFAULTS, type WatchOptions } from './configWatcher.js';
export {
  type ConnectAllOptions,
  type ConnectServerOptions,
  MCPConnectionManager,
} from './connectionManager.js';
export { type CallLimitName, MCPCallLimitError, MCPCircuitOpenError } from './loadLimitErrors.js';
export {
  CALL_LIMIT_DEFAULTS,
  type CallLimits,
  CIRCUIT_BREAKER_DEFAULTS,
  type CircuitBreakerOptions,
  type ServerLoadOptions,
} from './loadLimitOptions.js';
export type { ManagerAuthOptions } from './managerAuthOptions.js';
export type {
  AuthorizationRequiredEvent,
  CircuitStateChange,
  ConfigReloadFailure,
  ListChange,
  ManagerEventMap,
  ManagerEvents,
  ResourceUpdate,
  ServerErrorEvent,
  ServerLog,
  ServerStateChange,
  ToolsChange,
} from './managerEvents.js';
export {
  MANAGER_DEFAULTS,
  type ManagerOptions,
  type RestartPolicy,
  type ToolNamingPolicy,
} from './managerOptions.js';
export type { ResourceTarget } from './resourceAccess.js';
export type { ServerAuthStatus } from './serverAuth.js';
export { MAX_LOG_DATA } from './serverLogs.js';
export type { ServerState, ServerStatus } from './serverStatus.js';
export type { QualifiedSkill } from './skillIndex.js';
export * from './stack.js';
export type { ToolSearchResult } from './toolDirectory.js';
export { type QualifiedTool, qualifyTools, safeName, TOOL_NAME_SEPARATOR } from './toolNaming.js';
