import { RunContext } from '@openai/agents';
import type { AgentToolSource, AgentToolsOptions } from '../src/index.js';
import { anthropicTools, geminiTools, openaiChatTools, openaiResponsesTools } from '../src/index.js';

/** One call as a target hands its result to the model. */
export type CallAsModel = (name: string, args: object) => Promise<unknown>;

/**
 * Every target, each answering one call the way its model (or framework) gets it: the model APIs' result
 * shapes, and the frameworks' own way of running a tool (AI SDK execute + toModelOutput, LangChain's
 * ToolMessage content, the Agents SDK's function tool output).
 */
export const RESULT_TARGETS: Record<
  string,
  (source: AgentToolSource, options: AgentToolsOptions) => Promise<CallAsModel>
> = {
  'openai-chat': async (source, options) => {
    const set = await openaiChatTools(source, options);
    return async (name, args) => (await set.execute(name, args, { callId: 'c' })).content;
  },
  'openai-responses': async (source, options) => {
    const set = await openaiResponsesTools(source, options);
    return async (name, args) => (await set.execute(name, args, { callId: 'c' })).output;
  },
  anthropic: async (source, options) => {
    const set = await anthropicTools(source, options);
    return async (name, args) => (await set.execute(name, args, { callId: 'c' })).content;
  },
  gemini: async (source, options) => {
    const set = await geminiTools(source, options);
    return async (name, args) => {
      const { response, parts } = (await set.execute(name, args, {})).functionResponse;
      return parts ? { response, parts } : { response };
    };
  },
  'ai-sdk': async (source, options) => {
    const { aiSdkTools } = await import('../src/ai-sdk.js');
    const { tools } = await aiSdkTools(source, options);
    return async (name, args) => {
      const tool = tools[name] as any;
      const output = await tool.execute(args, { toolCallId: 'c', messages: [] });
      return tool.toModelOutput({ toolCallId: 'c', input: args, output });
    };
  },
  langchain: async (source, options) => {
    const { langchainTools } = await import('../src/langchain.js');
    const { tools } = await langchainTools(source, options);
    return async (name, args) => {
      const tool = tools.find((candidate) => candidate.name === name);
      const message = await tool?.invoke({ name, args, id: 'c', type: 'tool_call' });
      return (message as { content: unknown }).content;
    };
  },
  'openai-agents': async (source, options) => {
    const { openaiAgentsTools } = await import('../src/openai-agents.js');
    const { tools } = await openaiAgentsTools(source, { ...options, strict: false });
    return async (name, args) =>
      tools.find((tool) => tool.name === name)?.invoke(new RunContext(), JSON.stringify(args));
  },
};
