/**
 * The error catalogue: every `MCPError.code` of the stack, one code per condition, grouped by
 * the package that raises it. Code compares with these constants, never with string literals,
 * so a renamed code is a compile error instead of a silent change of behaviour.
 */

/** Raised by the protocol engine in core, whatever the transport. */
export const CoreErrorCode = {
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  REQUEST_ABORTED: 'REQUEST_ABORTED',
  NOT_CONNECTED: 'NOT_CONNECTED',
  CONNECT_FAILED: 'CONNECT_FAILED',
  CONNECTION_CLOSED: 'CONNECTION_CLOSED',
  CLIENT_CLOSED: 'CLIENT_CLOSED',
  CLIENT_CLOSING: 'CLIENT_CLOSING',
  PEER_CLOSED: 'PEER_CLOSED',
  TRANSPORT_CLOSED: 'TRANSPORT_CLOSED',
  TRANSPORT_NOT_STARTED: 'TRANSPORT_NOT_STARTED',
  ALREADY_STARTED: 'ALREADY_STARTED',
  UNSUPPORTED_PROTOCOL_VERSION: 'UNSUPPORTED_PROTOCOL_VERSION',
  PROTOCOL_ERROR: 'PROTOCOL_ERROR',
  INVALID_RESULT: 'INVALID_RESULT',
  INVALID_INITIALIZE_RESULT: 'INVALID_INITIALIZE_RESULT',
  INVALID_DISCOVER_RESULT: 'INVALID_DISCOVER_RESULT',
  PAGINATION_LOOP: 'PAGINATION_LOOP',
  PAGINATION_LIMIT: 'PAGINATION_LIMIT',
  INPUT_ROUNDS_EXCEEDED: 'INPUT_ROUNDS_EXCEEDED',
  INPUT_UNAVAILABLE: 'INPUT_UNAVAILABLE',
  INVALID_SERVER_REQUEST: 'INVALID_SERVER_REQUEST',
  INVALID_HANDLER_RESULT: 'INVALID_HANDLER_RESULT',
  INVALID_JSON: 'INVALID_JSON',
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
  INVALID_URL: 'INVALID_URL',
  TOOL_RESULT_ERROR: 'TOOL_RESULT_ERROR',
  TOOL_CALL_REFUSED: 'TOOL_CALL_REFUSED',
  HOOK_FAILED: 'HOOK_FAILED',
} as const;

/** Raised by the stdio transport. */
export const StdioErrorCode = {
  SPAWN_FAILED: 'SPAWN_FAILED',
  SERVER_EXITED: 'SERVER_EXITED',
  PIPE_CLOSED: 'PIPE_CLOSED',
} as const;

/** Raised by the HTTP exchange both remote transports share, and by Streamable HTTP. */
export const HttpErrorCode = {
  HTTP_STATUS: 'HTTP_STATUS',
  HTTP_CONTENT_TYPE: 'HTTP_CONTENT_TYPE',
  HTTP_REQUEST_FAILED: 'HTTP_REQUEST_FAILED',
  REDIRECT_REFUSED: 'REDIRECT_REFUSED',
  SESSION_LOST: 'SESSION_LOST',
  INVALID_SESSION_ID: 'INVALID_SESSION_ID',
  STREAM_LOST: 'STREAM_LOST',
  STREAM_ENDED: 'STREAM_ENDED',
  HEADERS_FAILED: 'HEADERS_FAILED',
} as const;

/** Raised by the legacy HTTP+SSE transport. */
export const SseErrorCode = {
  ENDPOINT_MISSING: 'ENDPOINT_MISSING',
  INVALID_ENDPOINT: 'INVALID_ENDPOINT',
  ENDPOINT_ORIGIN_MISMATCH: 'ENDPOINT_ORIGIN_MISMATCH',
} as const;

/** Raised while reading and checking a config. */
export const ConfigErrorCode = {
  CONFIG_NOT_FOUND: 'CONFIG_NOT_FOUND',
  CONFIG_READ_FAILED: 'CONFIG_READ_FAILED',
  CONFIG_SYNTAX: 'CONFIG_SYNTAX',
  CONFIG_INVALID: 'CONFIG_INVALID',
  CONFIG_VARIABLE_UNSET: 'CONFIG_VARIABLE_UNSET',
} as const;

/** Raised by the client factory. */
export const FactoryErrorCode = {
  UNKNOWN_TRANSPORT: 'UNKNOWN_TRANSPORT',
} as const;

/** Raised by the connection manager. */
export const ManagerErrorCode = {
  UNKNOWN_SERVER: 'UNKNOWN_SERVER',
  SERVER_EXISTS: 'SERVER_EXISTS',
  SERVER_DISABLED: 'SERVER_DISABLED',
  SERVER_STOPPED: 'SERVER_STOPPED',
  SERVER_IDLE: 'SERVER_IDLE',
  SERVER_CONNECTING: 'SERVER_CONNECTING',
  SERVER_RECONNECTING: 'SERVER_RECONNECTING',
  SERVER_FAILED: 'SERVER_FAILED',
  SERVER_CLOSING: 'SERVER_CLOSING',
  SERVER_CLOSED: 'SERVER_CLOSED',
  UNHEALTHY: 'UNHEALTHY',
  RESTARTS_EXHAUSTED: 'RESTARTS_EXHAUSTED',
  MANAGER_SHUT_DOWN: 'MANAGER_SHUT_DOWN',
  UNKNOWN_TOOL: 'UNKNOWN_TOOL',
  TOOL_NAME_COLLISION: 'TOOL_NAME_COLLISION',
  TOOL_FILTERED: 'TOOL_FILTERED',
  UNKNOWN_SKILL: 'UNKNOWN_SKILL',
  SKILL_NAME_COLLISION: 'SKILL_NAME_COLLISION',
} as const;

/** Raised by the Skills extension's host side (io.modelcontextprotocol/skills): listing, loading, verifying. */
export const SkillsErrorCode = {
  SKILLS_UNSUPPORTED: 'SKILLS_UNSUPPORTED',
  SKILL_NOT_FOUND: 'SKILL_NOT_FOUND',
  SKILL_ENTRY_INVALID: 'SKILL_ENTRY_INVALID',
  SKILL_UNVERIFIABLE: 'SKILL_UNVERIFIABLE',
  SKILL_TOO_LARGE: 'SKILL_TOO_LARGE',
  SKILL_FILE_UNLISTED: 'SKILL_FILE_UNLISTED',
  SKILL_FILE_SIZE_MISMATCH: 'SKILL_FILE_SIZE_MISMATCH',
  SKILL_FILE_DIGEST_MISMATCH: 'SKILL_FILE_DIGEST_MISMATCH',
  SKILL_FRONTMATTER_MISMATCH: 'SKILL_FRONTMATTER_MISMATCH',
} as const;

/** Raised by @org/mcp-agent-tools when an agent framework runs a tool whose call failed. */
export const AgentToolsErrorCode = {
  TOOL_CALL_FAILED: 'TOOL_CALL_FAILED',
} as const;

/** Raised by tasks (2025-11-25 task-augmented calls, the 2026-07-28 `io.modelcontextprotocol/tasks` extension). */
export const TaskErrorCode = {
  TASKS_UNSUPPORTED: 'TASKS_UNSUPPORTED',
  TASK_CANCELLED: 'TASK_CANCELLED',
  TASK_INTERRUPTED: 'TASK_INTERRUPTED',
} as const;

/** Every code of the stack. */
export const ErrorCode = {
  ...CoreErrorCode,
  ...StdioErrorCode,
  ...HttpErrorCode,
  ...SseErrorCode,
  ...ConfigErrorCode,
  ...FactoryErrorCode,
  ...ManagerErrorCode,
  ...SkillsErrorCode,
  ...AgentToolsErrorCode,
  ...TaskErrorCode,
} as const;

/** The union of every code: the type of `MCPError.code`. */
export type MCPErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
