import type { CallToolResult } from '@org/mcp-core';

/**
 * What running a model's tool call came to: the server's result (which may itself be an error, isError),
 * or an error the model should hear about: unknown tool, arguments that are not JSON, the server failing.
 */
export type ToolOutcome = { result: CallToolResult } | { error: string; cause?: unknown };

/** The text of an outcome that is an error, from either kind. */
export function isErrorOutcome(outcome: ToolOutcome): boolean {
  return 'error' in outcome || outcome.result.isError === true;
}
