// The public API of @org/mcp-core: everything below is exported on purpose; nothing else is.
export { type BackoffOptions, calculateBackoff, DEFAULT_BACKOFF } from './backoff.js';
export { type BaseClientOptions, BaseMCPClient, type ListOptions } from './baseClient.js';
export type { MCPClientEvents, TransportContext } from './clientEvents.js';
export {
  type ClientOptions,
  DEFAULT_CLIENT_INFO,
  DEFAULT_CONNECT_TIMEOUT,
  DEFAULT_HEALTH_CHECK_TIMEOUT,
  DEFAULT_PROBE_TIMEOUT,
} from './clientOptions.js';
export type {
  AudioContent,
  ContentAnnotations,
  ContentBlock,
  EmbeddedResource,
  ImageContent,
  ResourceContents,
  ResourceLink,
  TextContent,
} from './contentBlock.js';
export type { ElicitationOptions } from './elicitation.js';
export { ERROR_CATALOGUE, type ErrorCodeEntry, type MCPErrorClassName } from './errorCatalogue.js';
export {
  AgentToolsErrorCode,
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
} from './errorCodes.js';
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
} from './errors.js';
export { InMemoryTransport } from './inMemoryTransport.js';
export type {
  JSONRPCErrorObject,
  JSONRPCErrorResponse,
  JSONRPCMessage,
  JSONRPCNotification,
  JSONRPCRequest,
  JSONRPCResponse,
  JSONRPCResultResponse,
  RequestId,
} from './jsonrpc.js';
export {
  type CachePartition,
  type CacheScope,
  type ListCacheEntry,
  type ListCacheStore,
  MemoryListCacheStore,
} from './listCacheStore.js';
export { createLogger, type LogFn, type Logger, REDACT_PATHS, silentLogger } from './logger.js';
export type { ClientState, ConnectOptions, MCPClient } from './mcpClient.js';
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
} from './mcpTypes.js';
export { DEFAULT_LIST_LIMITS, type ListLimits } from './paginate.js';
export {
  LATEST_PROTOCOL_VERSION,
  MODERN_PROTOCOL_VERSIONS,
  type ProtocolEra,
  SUPPORTED_PROTOCOL_VERSIONS,
} from './protocolVersion.js';
export type { RequestHandler, RequestHandlerContext, RequestHandlers } from './requestHandlers.js';
export type {
  ObservedRequest,
  RequestObservation,
  RequestObserver,
  RequestOutcome,
} from './requestObserver.js';
export { type CallToolOptions, DEFAULT_REQUEST_TIMEOUT, type RequestOptions } from './requestOptions.js';
export {
  type CustomServerConfig,
  type HeadersOption,
  type HttpServerConfig,
  type MCPServerConfig,
  type MCPServersConfig,
  type OAuthServerConfig,
  type SSEServerConfig,
  type StdioServerConfig,
  type ToolFilterConfig,
  TransportType,
  type TransportTypeName,
} from './serverConfig.js';
export { MAX_TASK_INPUT_ROUNDS, TASK_POLL } from './tasks/modernTasks.js';
export { MAX_STATUS_MESSAGE, MAX_TASK_ID_LENGTH, type TaskInfo, type TaskStatus } from './tasks/taskInfo.js';
export type { TaskCallOptions, TaskOwner, TaskWaitOptions, ToolTaskStart } from './tasks/taskOptions.js';
export { ToolTask, type ToolTaskInit } from './tasks/toolTask.js';
export type {
  AfterToolCall,
  BeforeToolCall,
  ToolCall,
  ToolCallHook,
  ToolCallOutcome,
} from './toolCallHooks.js';
export { type ToolResultTextOptions, toolResultText } from './toolResultText.js';
export type { Transport, TransportSendOptions } from './transport.js';
