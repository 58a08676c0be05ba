// The public API of @org/mcp-manager: everything below is exported on purpose; nothing else is.

export { APPS_DEFAULTS, type AppsOptions } from './apps/appsOptions.js';
export type { AppView, AppViewCsp, AppViewPermission } from './apps/appView.js';
export type { ManagerAuthOptions } from './auth/managerAuthOptions.js';
export type { ServerAuthStatus } from './auth/serverAuth.js';
export type { CallsStatus } from './calls/callGuard.js';
export type { CircuitState, CircuitStatus } from './calls/circuitBreaker.js';
export { type CallLimitName, MCPCallLimitError, MCPCircuitOpenError } from './calls/loadLimitErrors.js';
export {
  CALL_LIMIT_DEFAULTS,
  type CallLimits,
  CIRCUIT_BREAKER_DEFAULTS,
  type CircuitBreakerOptions,
  type ServerLoadOptions,
} from './calls/loadLimitOptions.js';
export { catalogKey } from './catalog/catalogKey.js';
export { CATALOG_VERSION, type CatalogEntry, type CatalogStore } from './catalog/catalogStore.js';
export { defaultCatalogPath } from './catalog/defaultCatalogPath.js';
export {
  FILE_CATALOG_DEFAULTS,
  FileCatalogStore,
  type FileCatalogStoreOptions,
} from './catalog/fileCatalogStore.js';
export { MemoryCatalogStore } from './catalog/memoryCatalogStore.js';
export {
  type ConnectAllOptions,
  type ConnectServerOptions,
  MCPConnectionManager,
} from './connectionManager.js';
export type {
  QualifiedPrompt,
  QualifiedResource,
  QualifiedResourceTemplate,
} from './features/featureKinds.js';
export type { ResourceTarget } from './features/resourceAccess.js';
export { MAX_LOG_DATA } from './features/serverLogs.js';
export type { QualifiedSkill } from './features/skillIndex.js';
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
export type { OnDemandEntry, StartMode } from './ondemand/onDemandConfig.js';
export type { RefusedEntry, ReloadOptions, ReloadResult } from './reload/configReload.js';
export { WATCH_DEFAULTS, type WatchOptions } from './reload/configWatcher.js';
export type { ServerState, ServerStatus, StateReason } from './server/serverStatus.js';
export * from './stack.js';
export type { ToolSearchResult } from './tools/toolDirectory.js';
export {
  type QualifiedTool,
  qualifyNames,
  qualifyTools,
  safeName,
  TOOL_NAME_SEPARATOR,
} from './tools/toolNaming.js';
export type { MCPUserView, UserViewOptions } from './users/userView.js';
