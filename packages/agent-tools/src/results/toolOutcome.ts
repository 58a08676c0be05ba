import type { CallToolResult } from '@org/mcp-core';

/**
 * What running a model's tool call came to: the server's result (which may itself be an error, isError),
 * or an error the model should hear about: unknown tool, arguments that are not JSON, the server failing.
 */
export type ToolOutcome = { result: CallToolResult } | { error: string; cause?: unknown };

/** Whether the outcome is an error of either kind: one of ours, or a result with isError. */
export function isErrorOutcome(outcome: ToolOutcome): boolean {
  return 'error' in outcome || outcome.result.isError === true;
}
