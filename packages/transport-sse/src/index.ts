// The public API of @org/mcp-transport-sse.
export {};
