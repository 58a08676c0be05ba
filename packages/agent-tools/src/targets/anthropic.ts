import type { ModelToolset } from '../modelToolset.js';
import { modelToolset } from '../modelToolset.js';
import type { AgentToolsOptions } from '../options.js';
import { resultParts } from '../results/resultParts.js';
import { isErrorOutcome, type ToolOutcome } from '../results/toolOutcome.js';
import type { ExecuteOptions } from '../runModelToolCall.js';
import { anthropicSchema } from '../schema/anthropicSchema.js';
import type { JsonSchema } from '../schema/jsonSchema.js';
import type { AgentToolSource } from '../toolSource.js';

/** A Messages API `tools[]` entry (`Tool` of `@anthropic-ai/sdk`). */
export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: JsonSchema & { type: 'object' };
}

/** The image types a tool_result takes; others are described in text. */
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
type AnthropicImageType = (typeof IMAGE_TYPES)[number];

export type AnthropicResultBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; source: { type: 'base64'; media_type: AnthropicImageType; data: string } };

/** The content block that answers one tool_use (`ToolResultBlockParam`), in the next user message. */
export interface AnthropicToolResult {
  type: 'tool_result';
  tool_use_id: string;
  content: AnthropicResultBlock[];
  is_error?: boolean;
}

/** The `tool_use` block's `id`, which the answer must carry. */
export interface AnthropicExecuteOptions extends ExecuteOptions {
  callId: string;
}

function content(outcome: ToolOutcome): AnthropicResultBlock[] {
  if ('error' in outcome) return [{ type: 'text', text: outcome.error }];
  return resultParts(outcome.result).map((part) => {
    if (part.kind === 'text') return { type: 'text', text: part.text };
    const mediaType = IMAGE_TYPES.find((type) => type === part.mimeType);
    return mediaType
      ? { type: 'image', source: { type: 'base64', media_type: mediaType, data: part.data } }
      : { type: 'text', text: `[image (${part.mimeType}) not shown]` };
  });
}

/** The tools of a manager or client for Anthropic Messages, and `execute` answering with a tool_result block. */
export function anthropicTools(
  source: AgentToolSource,
  options: AgentToolsOptions = {},
): Promise<ModelToolset<AnthropicTool, AnthropicToolResult, AnthropicExecuteOptions>> {
  return modelToolset(
    source,
    {
      target: 'anthropic',
      nameRule: 'anthropic',
      schema: anthropicSchema,
      definition: ({ name, tool, schema }) => ({
        name,
        ...(tool.description ? { description: tool.description } : {}),
        input_schema: schema as AnthropicTool['input_schema'],
      }),
      result: (outcome, call) => ({
        type: 'tool_result',
        tool_use_id: call.callId,
        content: content(outcome),
        ...(isErrorOutcome(outcome) ? { is_error: true } : {}),
      }),
    },
    options,
  );
}
