// The public API of @org/mcp-factory.
export {};
