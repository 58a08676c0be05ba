// The public API of @org/mcp-factory: everything below is exported on purpose; nothing else is.
export { type ClientCreator, MCPClientFactory } from './clientFactory.js';
export { HttpWithSseFallbackClient } from './httpWithSseFallbackClient.js';
