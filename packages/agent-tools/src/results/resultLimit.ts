import type { CallToolResult, Tool } from '@org/mcp-core';

/**
 * Characters of one tool result a model gets by default: about 12,500 tokens at ~4 characters a token, a
 * few percent of the 128k–200k-token windows of today's models, so that a turn with several tool calls
 * still leaves most of the window for the conversation. Claude Code draws its line at the same place.
 */
export const DEFAULT_MAX_RESULT_CHARS = 50_000;

/**
 * The most a server can ask for with `_meta["anthropic/maxResultSizeChars"]` (on the tool or the result):
 * ~125k tokens, the most one result can take of a 200k window and still leave room to answer. A caller's
 * own `maxResultChars` is not capped.
 */
export const MAX_RESULT_CHARS_HINT_CAP = 500_000;

/** The `_meta` key Claude Code reads; servers that set it for Claude Code get the same room here. */
const HINT = 'anthropic/maxResultSizeChars';

/** The limit for one result: the caller's, raised (never lowered) by the server's hint up to the cap. */
export function resultLimit(configured: number, tool: Tool | undefined, result: CallToolResult): number {
  const metas = [tool?._meta, result._meta] as Array<Record<string, unknown> | undefined>;
  const hints = metas
    .map((meta) => meta?.[HINT])
    .filter((hint): hint is number => typeof hint === 'number' && Number.isFinite(hint) && hint > 0);
  return Math.max(configured, Math.min(Math.max(0, ...hints), MAX_RESULT_CHARS_HINT_CAP));
}
