import type { CallToolResult, Tool } from '@org/mcp-core';
import { boundResult, type LargeResultReference, resultSize } from './boundResult.js';
import { DEFAULT_MAX_RESULT_CHARS, resultLimit } from './resultLimit.js';
import type { ToolOutcome } from './toolOutcome.js';

/** What `onLargeResult` receives: a result over the limit, whole, before anything is cut. */
export interface LargeResult {
  /** The tool's name as the model calls it (a manager's qualified name). */
  name: string;
  /** The tool's definition, when the call named a known tool. */
  tool: Tool | undefined;
  /** The whole result, as the server sent it. */
  result: CallToolResult;
  /** Its size in characters: content blocks (text, and media by their base64), or its structured content as JSON. */
  chars: number;
  /** The limit it is over, after the server's hint. */
  limit: number;
}

/** How results are bounded; part of every target's options. */
export interface ResultBoundOptions {
  /**
   * The most characters of one result a model gets (text, and images/audio by their base64 size); a tool's
   * `_meta["anthropic/maxResultSizeChars"]` raises it up to MAX_RESULT_CHARS_HINT_CAP. `Infinity` turns
   * bounding off. Default DEFAULT_MAX_RESULT_CHARS (50,000).
   */
  maxResultChars?: number;
  /**
   * Called with each result over the limit before it is cut: keep it (a file, a store) and return a reference
   * the model can use (a resource_link block or a text), which ends what the model gets. Default: none.
   */
  onLargeResult?: (
    large: LargeResult,
  ) => LargeResultReference | undefined | Promise<LargeResultReference | undefined>;
}

/** The outcome as a model should get it: a result over its limit bounded, after the hook has seen it whole. */
export async function boundOutcome(
  outcome: ToolOutcome,
  call: { name: string; tool: Tool | undefined },
  options: ResultBoundOptions,
): Promise<ToolOutcome> {
  if (!('result' in outcome)) return outcome;
  const { result } = outcome;
  const limit = resultLimit(options.maxResultChars ?? DEFAULT_MAX_RESULT_CHARS, call.tool, result);
  const size = resultSize(result);
  if (size.content <= limit && size.structured <= limit) return outcome;
  const chars = (result.content ?? []).length > 0 ? size.content : size.structured;
  const reference = await options.onLargeResult?.({ ...call, result, chars, limit });
  return { result: boundResult(result, limit, reference) };
}
