// The public API of @org/mcp-transport-http: everything below is exported on purpose; nothing else is.
// The exchange's defaults, as this package has always exported them.
export { DEFAULT_HTTP_CONNECT_TIMEOUT, DEFAULT_MAX_MESSAGE_SIZE } from '@org/mcp-http';
export {
  DEFAULT_DETECT_TIMEOUT,
  type DetectedHttpTransport,
  type DetectHttpTransportOptions,
  detectHttpTransport,
} from './detectHttpTransport.js';
export { MCPHttpClient, type MCPHttpClientOptions } from './mcpHttpClient.js';
export { StreamableHttpTransport } from './streamableHttpTransport.js';
export {
  DEFAULT_CLOSE_TIMEOUT,
  DEFAULT_MAX_RESUME_ATTEMPTS,
  type StreamableHttpTransportOptions,
} from './transportOptions.js';
