// @org/mcp-agent-tools/openai-agents: the tools as OpenAI Agents SDK function tools. Loads `@openai/agents` (a peer); no other entry does.
import { type FunctionTool, tool } from '@openai/agents';
import { acceptTools } from './acceptTools.js';
import { modelCall } from './modelCall.js';
import { dataUrl, resultParts } from './results/resultParts.js';
import type { ToolOutcome } from './results/toolOutcome.js';
import { type OpenAIOptions, openaiRules, outcomeText } from './targets/openaiChat.js';
import { type AgentToolSource, openSource, type ToolAbout } from './toolSource.js';
import type { ToolWarning } from './toolWarning.js';

export type { OpenAIOptions } from './targets/openaiChat.js';
export type { AgentToolSource, ToolAbout } from './toolSource.js';
export type { ToolWarning } from './toolWarning.js';

/** The tools to give an `Agent({ tools })`, and those left out. */
export interface OpenAIAgentsToolset {
  tools: FunctionTool[];
  warnings: ToolWarning[];
  /** A tool's annotations and its server's trust (see the README's approval recipe). */
  about(name: string): ToolAbout | undefined;
}

type AgentsOutput = string | Array<{ type: 'text'; text: string } | { type: 'image'; image: string }>;

/**
 * A manager's (or client's) tools as Agents SDK function tools with a JSON Schema: the Responses API's
 * definitions, so the same schema rules; strict mode by default, as the SDK's own `tool()` has it. The
 * signal of the run reaches the MCP call. Errors are the tool's output, said in words (as the SDK's own
 * errorFunction would), so that the model reads them; images are image outputs.
 */
export async function openaiAgentsTools(
  source: AgentToolSource,
  options: OpenAIOptions = {},
): Promise<OpenAIAgentsToolset> {
  const open = openSource(source);
  const rules = openaiRules('openai-agents', { ...options, strict: options.strict ?? true });
  const accepted = await acceptTools(open, rules, options);
  const call = modelCall(open, accepted, options);
  const tools = accepted.converted.map(
    ({ name, tool: mcpTool, schema }) =>
      tool({
        name,
        description: mcpTool.description ?? '',
        parameters: schema as never,
        strict: rules.strict,
        execute: async (input: unknown, _context: unknown, details?: { signal?: AbortSignal }) =>
          output(await call(name, input, details?.signal ? { signal: details.signal } : {})),
      } as never) as FunctionTool,
  );
  return { tools, warnings: accepted.warnings, about: accepted.about };
}

function output(outcome: ToolOutcome): AgentsOutput {
  const parts = 'result' in outcome ? resultParts(outcome.result) : [];
  if ('error' in outcome || outcome.result.isError === true || parts.every((part) => part.kind === 'text'))
    return outcomeText(outcome, parts);
  return parts.map((part) =>
    part.kind === 'text' ? { type: 'text', text: part.text } : { type: 'image', image: dataUrl(part) },
  );
}
