import { type ModelToolset, modelToolset } from '../modelToolset.js';
import type { AgentToolsOptions } from '../options.js';
import { partsAsText, resultParts } from '../results/resultParts.js';
import { isErrorOutcome, type ToolOutcome } from '../results/toolOutcome.js';
import type { ExecuteOptions } from '../runModelToolCall.js';
import type { JsonSchema } from '../schema/jsonSchema.js';
import { openaiSchema } from '../schema/openaiSchema.js';
import { openaiStrictSchema } from '../schema/openaiStrictSchema.js';
import type { AgentToolSource } from '../toolSource.js';

/** A Chat Completions `tools[]` entry (`ChatCompletionTool` of the `openai` package). */
export interface OpenAIChatTool {
  type: 'function';
  function: { name: string; description?: string; parameters: JsonSchema; strict?: boolean };
}

/** The message that answers one tool call (`ChatCompletionToolMessageParam`): text only, as the API takes. */
export interface OpenAIChatToolMessage {
  role: 'tool';
  tool_call_id: string;
  content: string;
}

export interface OpenAIOptions extends AgentToolsOptions {
  /** Strict mode (Structured Outputs): arguments always match the schema; tools it cannot express are left out. Default false. */
  strict?: boolean;
}

/** The model's `tool_calls[].id` (Chat) or `call_id` (Responses), which the answer must carry. */
export interface OpenAIExecuteOptions extends ExecuteOptions {
  callId: string;
}

/** The OpenAI schema and strictness the options ask for; shared by Chat Completions and Responses. */
export function openaiRules(target: string, options: OpenAIOptions) {
  const strict = options.strict === true;
  return { target, nameRule: 'openai' as const, strict, schema: strict ? openaiStrictSchema : openaiSchema };
}

/** An outcome as text: the API has no error flag, so an error says so in its first word. */
export function outcomeText(
  outcome: ToolOutcome,
  parts = 'result' in outcome ? resultParts(outcome.result) : [],
): string {
  if ('error' in outcome) return `Error: ${outcome.error}`;
  const text = partsAsText(parts);
  return isErrorOutcome(outcome) ? `Error: ${text}` : text;
}

/** The tools of a manager or client for OpenAI Chat Completions, and `execute` answering with a tool message. */
export function openaiChatTools(
  source: AgentToolSource,
  options: OpenAIOptions = {},
): Promise<ModelToolset<OpenAIChatTool, OpenAIChatToolMessage, OpenAIExecuteOptions>> {
  const rules = openaiRules('openai-chat', options);
  return modelToolset(
    source,
    {
      ...rules,
      definition: ({ name, tool, schema }) => ({
        type: 'function',
        function: {
          name,
          ...(tool.description ? { description: tool.description } : {}),
          parameters: schema ?? {},
          ...(rules.strict ? { strict: true } : {}),
        },
      }),
      result: (outcome, call) => ({ role: 'tool', tool_call_id: call.callId, content: outcomeText(outcome) }),
    },
    options,
  );
}
