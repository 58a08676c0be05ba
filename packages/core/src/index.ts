// The public API of @org/mcp-core: everything below is exported on purpose; nothing else is.
export { type BackoffOptions, calculateBackoff, DEFAULT_BACKOFF } from './backoff.js';
export { type BaseClientOptions, BaseMCPClient } from './baseClient.js';
export {
  type ClientOptions,
  capabilitiesFor,
  DEFAULT_CLIENT_INFO,
  DEFAULT_CONNECT_TIMEOUT,
  DEFAULT_HEALTH_CHECK_TIMEOUT,
  DEFAULT_PROBE_TIMEOUT,
} from './clientOptions.js';
export { type EraChoice, eraCache } from './eraCache.js';
export {
  type ConfigIssue,
  JSONRPC_ERROR,
  MCPAbortError,
  MCPConfigError,
  MCPConnectionError,
  MCPError,
  type MCPErrorOptions,
  MCPProtocolError,
  MCPTimeoutError,
  MCPTransportError,
} from './errors.js';
export { initializeHandshake, type NegotiationOptions, type ServerIdentity } from './handshake.js';
export {
  bodySnippet,
  ERROR_BODY_LIMIT,
  MAX_SNIPPET_LENGTH,
  readBodyText,
  secretsOf,
} from './httpErrorBody.js';
export { describeUrl, parseHttpUrl } from './httpUrl.js';
export { InMemoryTransport } from './inMemoryTransport.js';
export {
  classifyMessage,
  isErrorResponse,
  type JSONRPCErrorObject,
  type JSONRPCErrorResponse,
  type JSONRPCMessage,
  type JSONRPCNotification,
  type JSONRPCRequest,
  type JSONRPCResponse,
  type JSONRPCResultResponse,
  type MessageKind,
  type RequestId,
} from './jsonrpc.js';
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
  ListToolsResultSchema,
  type Progress,
  type Prompt,
  type ReadResourceResult,
  type Resource,
  type ServerCapabilities,
  type Tool,
  ToolSchema,
} from './mcpTypes.js';
export {
  identityFromDiscover,
  isDiscoverResult,
  META,
  MODERN_ERROR,
  modernEnvelope,
  pickModernVersion,
  supportedVersionsOf,
} from './modernEra.js';
export { type EraNegotiationOptions, type NegotiatedSession, negotiateEra } from './negotiateEra.js';
export { MAX_PAGES, paginate } from './paginate.js';
export {
  DEFAULT_REQUEST_TIMEOUT,
  ProtocolSession,
  type ProtocolSessionOptions,
  type RequestHandler,
  type RequestHandlerContext,
  type RequestHandlers,
  type RequestOptions,
} from './protocolSession.js';
export {
  eraOf,
  LATEST_PROTOCOL_VERSION,
  MODERN_PROTOCOL_VERSIONS,
  type ProtocolEra,
  SUPPORTED_PROTOCOL_VERSIONS,
} from './protocolVersion.js';
export { remoteClientOptions } from './remoteClientOptions.js';
export { DEFAULT_MAX_RETRIES, type RetryOptions, retry } from './retry.js';
export {
  type CustomServerConfig,
  type HttpServerConfig,
  type MCPServerConfig,
  type MCPServersConfig,
  type SSEServerConfig,
  type StdioServerConfig,
  TransportType,
  type TransportTypeName,
} from './serverConfig.js';
export { sleep } from './sleep.js';
export type { Transport, TransportSendOptions } from './transport.js';
