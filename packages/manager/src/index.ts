// The public API of @org/mcp-manager: everything below is exported on purpose; nothing else is.
export {
  type ConnectAllOptions,
  type ConnectServerOptions,
  MCPConnectionManager,
} from './connectionManager.js';
export type { ManagerAuthOptions } from './managerAuthOptions.js';
export type {
  AuthorizationRequiredEvent,
  ManagerEventMap,
  ManagerEvents,
  ServerErrorEvent,
  ServerStateChange,
  ToolsChange,
} from './managerEvents.js';
export {
  MANAGER_DEFAULTS,
  type ManagerOptions,
  type RestartPolicy,
  type ToolNamingPolicy,
} from './managerOptions.js';
export type { ServerAuthStatus } from './serverAuth.js';
export type { ServerState, ServerStatus } from './serverStatus.js';
export type { QualifiedSkill } from './skillIndex.js';
export * from './stack.js';
export { type QualifiedTool, qualifyTools, safeName, TOOL_NAME_SEPARATOR } from './toolNaming.js';
