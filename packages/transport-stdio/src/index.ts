// The public API of @org/mcp-transport-stdio: everything below is exported on purpose; nothing else is.

export { MCPStdioClient, type MCPStdioClientOptions } from './mcpStdioClient.js';
export {
  type ChildEnvironmentOptions,
  childEnvironment,
  INHERITED_ENV_POSIX,
  INHERITED_ENV_WINDOWS,
} from './process/childEnvironment.js';
export { StdioTransport } from './stdioTransport.js';
export {
  DEFAULT_MAX_MESSAGE_SIZE,
  DEFAULT_STDERR_TAIL_SIZE,
  DEFAULT_STDIN_END_WAIT,
  DEFAULT_STDIO_CONNECT_TIMEOUT,
  DEFAULT_STOP_GRACE_PERIOD,
  type StdioTransportOptions,
} from './stdioTransportOptions.js';
