import { MCPAbortError, MCPConfigError, MCPError, MCPTransportError } from '@org/mcp-core';

/** Failures that another attempt cannot fix: a bad config, a missing command, a refused credential, an unknown protocol. */
const PERMANENT_CODES = new Set([
  'SPAWN_FAILED',
  'UNSUPPORTED_PROTOCOL_VERSION',
  'SERVER_DISABLED',
  'ENDPOINT_ORIGIN_MISMATCH',
]);

/** Whether connecting again after this error could succeed. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof MCPConfigError || error instanceof MCPAbortError) return false;
  if (error instanceof MCPError && PERMANENT_CODES.has(error.code)) return false;
  if (error instanceof MCPTransportError && (error.status === 401 || error.status === 403)) return false;
  return true;
}
