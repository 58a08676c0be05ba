// The public API of @org/mcp-manager.
export {};
