// @org/mcp-agent-tools/langchain: the tools as LangChain structured tools. Loads `@langchain/core` (a peer); no other entry does.

import { DynamicStructuredTool } from '@langchain/core/tools';
import type { CallToolResult } from '@org/mcp-core';
import { frameworkTools } from './frameworkTools.js';
import type { AgentToolsOptions } from './options.js';
import { dataUrl, resultParts } from './results/resultParts.js';
import type { AgentToolSource, ToolAbout } from './toolSource.js';
import type { ToolWarning } from './toolWarning.js';

export type { AgentToolsOptions } from './options.js';
export type { AgentToolSource, ToolAbout } from './toolSource.js';
export type { ToolWarning } from './toolWarning.js';

/** The tools to bind to a chat model or hand to an agent, and those left out. */
export interface LangChainToolset {
  tools: DynamicStructuredTool[];
  warnings: ToolWarning[];
  /** A tool's annotations and its server's trust (see the README's approval recipe). */
  about(name: string): ToolAbout | undefined;
}

type MessageContent =
  | string
  | Array<{ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } }>;

/**
 * A manager's (or client's) tools as LangChain `DynamicStructuredTool`s with their JSON Schema. The run's
 * `signal` reaches the MCP call. `responseFormat: 'content_and_artifact'`: the ToolMessage's content is the
 * text (with images as image_url blocks when there are any), its artifact the MCP result (bounded, as the content is). An error
 * result throws (TOOL_CALL_FAILED), which LangGraph's ToolNode turns into an error ToolMessage.
 */
export async function langchainTools(
  source: AgentToolSource,
  options?: AgentToolsOptions,
): Promise<LangChainToolset> {
  const { tools, warnings, about } = await frameworkTools(source, 'langchain', options);
  return {
    tools: tools.map(
      (tool) =>
        new DynamicStructuredTool({
          name: tool.name,
          description: tool.tool.description ?? '',
          schema: (tool.schema ?? {}) as never,
          responseFormat: 'content_and_artifact',
          func: async (input: unknown, _runManager, config) => {
            const result = await tool.run(input, config?.signal ? { signal: config.signal } : {});
            return [messageContent(result), result] as [MessageContent, CallToolResult];
          },
        }),
    ),
    warnings,
    about,
  };
}

function messageContent(result: CallToolResult): MessageContent {
  const parts = resultParts(result);
  if (parts.every((part) => part.kind === 'text')) return parts.map((part) => part.text).join('\n');
  return parts.map((part) =>
    part.kind === 'text'
      ? { type: 'text', text: part.text }
      : { type: 'image_url', image_url: { url: dataUrl(part) } },
  );
}
