import type { AcceptedTools } from './acceptTools.js';
import type { AgentToolsOptions } from './options.js';
import { boundOutcome } from './results/boundOutcome.js';
import type { ToolOutcome } from './results/toolOutcome.js';
import { type ExecuteOptions, runModelToolCall } from './runModelToolCall.js';
import type { OpenSource } from './toolSource.js';

/** A model's tool call, run and bounded: every target answers through this, so every target bounds results. */
export type ModelCall = (name: string, args: unknown, options: ExecuteOptions) => Promise<ToolOutcome>;

/** How the tools a target accepted are called for a model: runModelToolCall, then the result bounded (boundOutcome). */
export function modelCall(
  source: OpenSource,
  accepted: AcceptedTools,
  options: AgentToolsOptions = {},
): ModelCall {
  const max = options.maxResultChars;
  // A caller's mistake, found when the tools are built rather than at the first large result.
  if (max !== undefined && !(max > 0))
    throw new RangeError(`maxResultChars must be a positive number of characters (or Infinity), not ${max}`);
  const definitions = new Map(accepted.converted.map(({ name, tool }) => [name, tool]));
  return async (name, args, callOptions) => {
    const outcome = await runModelToolCall(source, accepted.byName.get(name), args, { ...callOptions, name });
    return boundOutcome(outcome, { name, tool: definitions.get(name) }, options);
  };
}
