import type { ModelToolset } from '../modelToolset.js';
import { modelToolset } from '../modelToolset.js';
import { dataUrl, resultParts } from '../results/resultParts.js';
import type { ToolOutcome } from '../results/toolOutcome.js';
import type { JsonSchema } from '../schema/jsonSchema.js';
import type { AgentToolSource } from '../toolSource.js';
import { type OpenAIExecuteOptions, type OpenAIOptions, openaiRules, outcomeText } from './openaiChat.js';

/** A Responses API `tools[]` function (`FunctionTool` of the `openai` package). */
export interface OpenAIResponsesTool {
  type: 'function';
  name: string;
  description?: string;
  parameters: JsonSchema;
  strict: boolean;
}

export type OpenAIResponsesOutputItem =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string; detail: 'auto' };

/** The input item that answers one function call (`ResponseInputItem.FunctionCallOutput`). */
export interface OpenAIResponsesToolOutput {
  type: 'function_call_output';
  call_id: string;
  /** Text alone is a string; with images, a list of input_text and input_image items. */
  output: string | OpenAIResponsesOutputItem[];
}

function output(outcome: ToolOutcome): string | OpenAIResponsesOutputItem[] {
  const parts = 'result' in outcome ? resultParts(outcome.result) : [];
  if (!parts.some((part) => part.kind === 'image')) return outcomeText(outcome, parts);
  return parts.map((part) =>
    part.kind === 'text'
      ? { type: 'input_text', text: part.text }
      : { type: 'input_image', image_url: dataUrl(part), detail: 'auto' },
  );
}

/** The tools of a manager or client for the OpenAI Responses API, and `execute` answering with a function_call_output. */
export function openaiResponsesTools(
  source: AgentToolSource,
  options: OpenAIOptions = {},
): Promise<ModelToolset<OpenAIResponsesTool, OpenAIResponsesToolOutput, OpenAIExecuteOptions>> {
  const rules = openaiRules('openai-responses', options);
  return modelToolset(
    source,
    {
      ...rules,
      definition: ({ name, tool, schema }) => ({
        type: 'function',
        name,
        ...(tool.description ? { description: tool.description } : {}),
        parameters: schema ?? {},
        strict: rules.strict,
      }),
      result: (outcome, call) => ({
        type: 'function_call_output',
        call_id: call.callId,
        output: output(outcome),
      }),
    },
    options,
  );
}
