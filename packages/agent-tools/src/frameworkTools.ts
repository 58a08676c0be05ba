import { AgentToolsErrorCode, type CallToolResult, MCPError } from '@org/mcp-core';
import { type AcceptedTools, acceptTools, type Converted } from './acceptTools.js';
import { modelCall } from './modelCall.js';
import type { AgentToolsOptions } from './options.js';
import { partsAsText, resultParts } from './results/resultParts.js';
import type { ExecuteOptions } from './runModelToolCall.js';
import { portableSchema } from './schema/portableSchema.js';
import { type AgentToolSource, openSource } from './toolSource.js';
import type { ToolWarning } from './toolWarning.js';

/** A tool for a framework: its converted definition and a call that returns the result or throws. */
export interface FrameworkTool extends Converted {
  run(args: unknown, options: ExecuteOptions): Promise<CallToolResult>;
}

/**
 * The source's tools for a framework that adapts schemas per provider itself (portableSchema), each with a
 * `run` in the framework's way of failing: frameworks hand a thrown error to the model as the tool's error
 * (AI SDK's tool-error, LangGraph's ToolNode), so an error result (isError, or a failed call) throws
 * MCPError TOOL_CALL_FAILED with the text the model should read, and the original as `cause`.
 */
export async function frameworkTools(
  source: AgentToolSource,
  target: string,
  options?: AgentToolsOptions,
): Promise<{ tools: FrameworkTool[]; warnings: ToolWarning[]; about: AcceptedTools['about'] }> {
  const open = openSource(source);
  const accepted = await acceptTools(open, { target, schema: portableSchema }, options);
  const call = modelCall(open, accepted, options);
  const tools = accepted.converted.map((tool) => ({
    ...tool,
    async run(args: unknown, callOptions: ExecuteOptions) {
      const outcome = await call(tool.name, args, callOptions);
      if ('error' in outcome)
        throw new MCPError(AgentToolsErrorCode.TOOL_CALL_FAILED, outcome.error, { cause: outcome.cause });
      if (outcome.result.isError === true)
        throw new MCPError(AgentToolsErrorCode.TOOL_CALL_FAILED, partsAsText(resultParts(outcome.result)), {
          cause: outcome.result,
        });
      return outcome.result;
    },
  }));
  return { tools, warnings: accepted.warnings, about: accepted.about };
}
