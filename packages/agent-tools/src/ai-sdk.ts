// @org/mcp-agent-tools/ai-sdk: the tools as a Vercel AI SDK ToolSet. Loads `ai` (a peer dependency); no other entry does.
import type { CallToolResult } from '@org/mcp-core';
import { dynamicTool, jsonSchema, type ToolSet } from 'ai';
import { frameworkTools } from './frameworkTools.js';
import type { AgentToolsOptions } from './options.js';
import { resultParts } from './results/resultParts.js';
import type { AgentToolSource, ToolAbout } from './toolSource.js';
import type { ToolWarning } from './toolWarning.js';

export type { AgentToolsOptions } from './options.js';
export type { AgentToolSource, ToolAbout } from './toolSource.js';
export type { ToolWarning } from './toolWarning.js';

/** The tools to pass as `generateText({ tools })`, and those left out. */
export interface AiSdkToolset {
  tools: ToolSet;
  warnings: ToolWarning[];
  /** A tool's annotations and its server's trust (see the README's approval recipe). */
  about(name: string): ToolAbout | undefined;
}

/**
 * A manager's (or client's) tools as AI SDK dynamic tools (`dynamicTool` + `jsonSchema`: their inputs are
 * known only at run time). The AI SDK's `abortSignal` reaches the MCP call; an error result throws, which the
 * AI SDK sends to the model as the tool's error; text and images go to the model as content.
 */
export async function aiSdkTools(
  source: AgentToolSource,
  options?: AgentToolsOptions,
): Promise<AiSdkToolset> {
  const { tools, warnings, about } = await frameworkTools(source, 'ai-sdk', options);
  const set: ToolSet = {};
  for (const tool of tools) {
    set[tool.name] = dynamicTool({
      ...(tool.tool.description ? { description: tool.tool.description } : {}),
      inputSchema: jsonSchema(tool.schema ?? {}),
      execute: (input, { abortSignal }) => tool.run(input, abortSignal ? { signal: abortSignal } : {}),
      // ai 6 and later pass { toolCallId, input, output }; ai 5 passed the output alone.
      toModelOutput: ((arg: { output: CallToolResult; toolCallId?: string } | CallToolResult) =>
        modelOutput('toolCallId' in arg ? (arg.output as CallToolResult) : (arg as CallToolResult))) as never,
    });
  }
  return { tools: set, warnings, about };
}

/** Text and images as the AI SDK's content output. */
function modelOutput(result: CallToolResult) {
  return {
    type: 'content' as const,
    value: resultParts(result).map((part) =>
      part.kind === 'text'
        ? { type: 'text' as const, text: part.text }
        : { type: 'image-data' as const, data: part.data, mediaType: part.mimeType },
    ),
  };
}
