// The public API of @org/mcp-transport-http.
export {};
