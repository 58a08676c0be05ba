// The public API of @org/mcp-factory: everything below is exported on purpose; nothing else is.
export { type ClientCreator, type FactoryClientOptions, MCPClientFactory } from './clientFactory.js';
export { type FallbackClientOptions, HttpWithSseFallbackClient } from './httpWithSseFallbackClient.js';
