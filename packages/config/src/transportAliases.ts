import type { TransportTypeName } from '@org/mcp-core';

/** Every spelling of `type` / `transport` the tools in the wild write, and the transport it means. */
export const TRANSPORT_ALIASES = {
  stdio: 'stdio',
  sse: 'sse',
  http: 'http',
  'streamable-http': 'http',
  streamableHttp: 'http',
  streamable_http: 'http',
} as const satisfies Record<string, TransportTypeName>;

export type TransportAlias = keyof typeof TRANSPORT_ALIASES;
