// The public API of @org/mcp-config.
export {};
