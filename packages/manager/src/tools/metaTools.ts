import type { CallToolOptions, CallToolResult, Tool } from '@org/mcp-core';
import type { ToolSearchResult } from './toolDirectory.js';

export const SEARCH_TOOLS = 'search_tools';
export const CALL_TOOL = 'call_tool';
/** How many tools search_tools gives when the agent does not say, and at most. */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;

/** What the meta-tools need of the manager. */
export interface MetaToolHost {
  searchTools(query: string, options: { limit?: number }): ToolSearchResult[];
  callTool(name: string, args: object, options: CallToolOptions | undefined): Promise<CallToolResult>;
}

/**
 * The two tools an agent can be given instead of thousands: `search_tools` (a BM25 search over every connected
 * server's tools, answering with their names, descriptions and input schemas) and `call_tool` (calls one by
 * its qualified name, through the manager's hooks and filters). Fresh objects each time.
 */
export function metaToolDefinitions(): Tool[] {
  return [
    {
      name: SEARCH_TOOLS,
      description:
        "Search the tools of every connected MCP server by what they do. Answers with the best matches: each one's name, description and input schema. Call one with call_tool.",
      inputSchema: {
        type: 'object',
        properties: {
          query: { type: 'string', description: 'What the tool should do, in a few words.' },
          limit: {
            type: 'integer',
            minimum: 1,
            maximum: MAX_LIMIT,
            description: `How many tools at most (default ${DEFAULT_LIMIT}).`,
          },
        },
        required: ['query'],
      },
    },
    {
      name: CALL_TOOL,
      description:
        'Call a tool that search_tools found, by its name, with arguments that follow its input schema.',
      inputSchema: {
        type: 'object',
        properties: {
          name: { type: 'string', description: "The tool's name as search_tools gave it." },
          arguments: { type: 'object', description: "The tool's arguments." },
        },
        required: ['name'],
      },
    },
  ];
}

/** Answers a meta-tool call; arguments that do not fit its schema are a tool error (`isError`) the agent can read. */
export async function callMetaTool(
  host: MetaToolHost,
  name: string,
  args: Record<string, unknown>,
  options: CallToolOptions | undefined,
): Promise<CallToolResult> {
  if (name === SEARCH_TOOLS) {
    const { query, limit } = args;
    if (typeof query !== 'string') return toolError('search_tools needs "query", a string.');
    if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1))
      return toolError('search_tools: "limit" must be a whole number of at least 1.');
    const found = host
      .searchTools(query, { limit: Math.min(limit ?? DEFAULT_LIMIT, MAX_LIMIT) })
      .map(({ tool, score }) => ({
        name: tool.qualifiedName,
        server: tool.serverName,
        description: tool.description,
        inputSchema: tool.inputSchema,
        score: Math.round(score * 1000) / 1000,
      }));
    const structuredContent = { tools: found };
    return { content: [{ type: 'text', text: JSON.stringify(structuredContent) }], structuredContent };
  }
  const { name: target, arguments: targetArgs } = args;
  if (typeof target !== 'string') return toolError('call_tool needs "name", the name search_tools gave.');
  if (target === SEARCH_TOOLS || target === CALL_TOOL)
    return toolError(`call_tool calls a server's tool, not ${target}.`);
  if (
    targetArgs !== undefined &&
    (typeof targetArgs !== 'object' || targetArgs === null || Array.isArray(targetArgs))
  )
    return toolError('call_tool: "arguments" must be an object.');
  return host.callTool(target, targetArgs ?? {}, options);
}

function toolError(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}
