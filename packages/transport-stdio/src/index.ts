// The public API of @org/mcp-transport-stdio.
export {};
