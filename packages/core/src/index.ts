// The public API of @org/mcp-core: everything below is exported on purpose; nothing else is.

export {
  MCP_APP_MIME_TYPE,
  MCP_APPS_EXTENSION_ID,
  UI_RESOURCE_SCHEME,
  withAppsExtension,
} from './apps/mcpApps.js';
export {
  isModelVisible,
  MAX_UI_URI_LENGTH,
  type ToolUi,
  type ToolVisibility,
  toolUiOf,
} from './apps/toolUi.js';
export { type BaseClientOptions, BaseMCPClient, type ListOptions } from './client/baseClient.js';
export type { MCPClientEvents, TransportContext } from './client/clientEvents.js';
export {
  type ClientOptions,
  DEFAULT_CLIENT_INFO,
  DEFAULT_CONNECT_TIMEOUT,
  DEFAULT_HEALTH_CHECK_TIMEOUT,
  DEFAULT_PROBE_TIMEOUT,
} from './client/clientOptions.js';
export {
  CONNECTION_SNAPSHOT_VERSION,
  type ConnectionSnapshot,
} from './client/connectionSnapshot.js';
export type { ClientState, ConnectOptions, MCPClient } from './client/mcpClient.js';
export type {
  AfterToolCall,
  BeforeToolCall,
  ToolCall,
  ToolCallHook,
  ToolCallOutcome,
} from './client/toolCallHooks.js';
export type { EraChoice, EraStore } from './era/eraCache.js';
export {
  LATEST_PROTOCOL_VERSION,
  MODERN_PROTOCOL_VERSIONS,
  type ProtocolEra,
  SUPPORTED_PROTOCOL_VERSIONS,
} from './era/protocolVersion.js';
export { ERROR_CATALOGUE, type ErrorCodeEntry, type MCPErrorClassName } from './errors/errorCatalogue.js';
export {
  AgentToolsErrorCode,
  AppsErrorCode,
  AuthErrorCode,
  ConfigErrorCode,
  CoreErrorCode,
  ErrorCode,
  FactoryErrorCode,
  HttpErrorCode,
  ManagerErrorCode,
  type MCPErrorCode,
  SkillsErrorCode,
  SseErrorCode,
  StdioErrorCode,
  TaskErrorCode,
} from './errors/errorCodes.js';
export {
  type ConfigIssue,
  JSONRPC_ERROR,
  MCPAbortError,
  MCPAuthError,
  MCPConfigError,
  MCPConnectionError,
  MCPError,
  type MCPErrorOptions,
  MCPHookError,
  MCPProtocolError,
  MCPTimeoutError,
  MCPToolError,
  MCPTransportError,
} from './errors/errors.js';
export {
  type CachePartition,
  type CacheScope,
  type ListCacheEntry,
  type ListCacheStore,
  MemoryListCacheStore,
} from './lists/listCacheStore.js';
export { DEFAULT_LIST_LIMITS, type ListLimits } from './lists/paginate.js';
export type { ElicitationOptions } from './protocol/elicitation.js';
export { InMemoryTransport } from './protocol/inMemoryTransport.js';
export type {
  JSONRPCErrorObject,
  JSONRPCErrorResponse,
  JSONRPCMessage,
  JSONRPCNotification,
  JSONRPCRequest,
  JSONRPCResponse,
  JSONRPCResultResponse,
  RequestId,
} from './protocol/jsonrpc.js';
export type { RequestHandler, RequestHandlerContext, RequestHandlers } from './protocol/requestHandlers.js';
export type {
  ObservedRequest,
  RequestObservation,
  RequestObserver,
  RequestOutcome,
} from './protocol/requestObserver.js';
export {
  type CallToolOptions,
  DEFAULT_REQUEST_TIMEOUT,
  type RequestOptions,
} from './protocol/requestOptions.js';
export type { Root, RootsSource } from './protocol/roots.js';
export type { SamplingHandler } from './protocol/sampling.js';
export type { Transport, TransportSendOptions } from './protocol/transport.js';
export { type ToolResultTextOptions, toolResultText } from './results/toolResultText.js';
export { MAX_TASK_INPUT_ROUNDS, TASK_POLL } from './tasks/modernTasks.js';
export { MAX_STATUS_MESSAGE, MAX_TASK_ID_LENGTH, type TaskInfo, type TaskStatus } from './tasks/taskInfo.js';
export type { TaskCallOptions, TaskOwner, TaskWaitOptions, ToolTaskStart } from './tasks/taskOptions.js';
export { ToolTask, type ToolTaskInit } from './tasks/toolTask.js';
export type {
  AudioContent,
  ContentAnnotations,
  ContentBlock,
  EmbeddedResource,
  ImageContent,
  ResourceContents,
  ResourceLink,
  TextContent,
} from './types/contentBlock.js';
export {
  type CallToolResult,
  type ClientCapabilities,
  type Content,
  type GetPromptResult,
  type Implementation,
  ListPromptsResultSchema,
  ListResourcesResultSchema,
  ListResourceTemplatesResultSchema,
  ListToolsResultSchema,
  LOGGING_LEVELS,
  type LoggingLevel,
  type Progress,
  type Prompt,
  type ReadResourceResult,
  type Resource,
  type ResourceTemplate,
  type ServerCapabilities,
  type Tool,
  ToolSchema,
} from './types/mcpTypes.js';
export type {
  CreateMessageRequest,
  CreateMessageResult,
  SamplingContent,
  SamplingMessage,
  SamplingTool,
  ToolChoice,
  ToolResultContent,
  ToolUseContent,
} from './types/samplingTypes.js';
export {
  type CustomServerConfig,
  type HeadersOption,
  type HttpServerConfig,
  type MCPServerConfig,
  type MCPServersConfig,
  type NetworkServerConfig,
  type OAuthServerConfig,
  type SSEServerConfig,
  type StdioServerConfig,
  type ToolFilterConfig,
  TransportType,
  type TransportTypeName,
} from './types/serverConfig.js';
export { mayDestroy, type ToolAnnotations, toolAnnotations } from './types/toolAnnotations.js';
export { type BackoffOptions, calculateBackoff, DEFAULT_BACKOFF } from './util/backoff.js';
export { createLogger, type LogFn, type Logger, REDACT_PATHS, silentLogger } from './util/logger.js';
