// The public API of @org/mcp-transport-sse: everything below is exported on purpose; nothing else is.
// The exchange's defaults, as this package has always exported them.
export {
  DEFAULT_HTTP_CONNECT_TIMEOUT,
  DEFAULT_KEEP_ALIVE_TIMEOUT,
  DEFAULT_MAX_MESSAGE_SIZE,
} from '@org/mcp-http';
export { MCPSSEClient, type MCPSSEClientOptions } from './mcpSseClient.js';
export { SSETransport } from './sseTransport.js';
export { DEFAULT_HEADERS_TIMEOUT, type SSETransportOptions } from './sseTransportOptions.js';
