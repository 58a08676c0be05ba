// The public API of @org/mcp-manager: everything below is exported on purpose; nothing else is.
export type { QualifiedPrompt, QualifiedResource, QualifiedResourceTemplate } from './catalogKinds.js';
export {
  type ConnectAllOptions,
  type ConnectServerOptions,
  MCPConnectionManager,
} from './connectionManager.js';
export type {
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
export { MAX_LOG_DATA } from './serverLogs.js';
export type { ServerState, ServerStatus } from './serverStatus.js';
export type { QualifiedSkill } from './skillIndex.js';
export * from './stack.js';
export type { ToolSearchResult } from './toolDirectory.js';
export { type QualifiedTool, qualifyTools, safeName, TOOL_NAME_SEPARATOR } from './toolNaming.js';
