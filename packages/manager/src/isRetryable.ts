import { ERROR_CATALOGUE, MCPError } from '@org/mcp-core';

/** Whether connecting again after this error could succeed: the catalogue's `retry` for its code. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof MCPError)) return true;
  const retry = ERROR_CATALOGUE[error.code]?.retry ?? true;
  if (retry !== 'unless-401-403') return retry;
  const status = (error as { status?: number }).status;
  return status !== 401 && status !== 403;
}
