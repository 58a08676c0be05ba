import type { ModelToolset } from '../modelToolset.js';
import { modelToolset } from '../modelToolset.js';
import type { AgentToolsOptions } from '../options.js';
import { partsAsText, resultParts } from '../results/resultParts.js';
import { isErrorOutcome, type ToolOutcome } from '../results/toolOutcome.js';
import type { ExecuteOptions } from '../runModelToolCall.js';
import { geminiSchema } from '../schema/geminiSchema.js';
import type { JsonSchema } from '../schema/jsonSchema.js';
import type { AgentToolSource } from '../toolSource.js';

/** A `functionDeclarations[]` entry; no `parameters` for a tool without arguments. */
export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: JsonSchema;
}

/** The part that answers one functionCall, in the next `user` turn. */
export interface GeminiFunctionResponsePart {
  functionResponse: {
    id?: string;
    name: string;
    /** `output` (structured content when the server sent it, else the text), or `error`, as the API asks. */
    response: { output: unknown } | { error: string };
    /** Images of the result (multimodal function responses). */
    parts?: Array<{ inlineData: { mimeType: string; data: string } }>;
  };
}

/** The `functionCall.id`, when the model sent one. */
export interface GeminiExecuteOptions extends ExecuteOptions {
  callId?: string;
}

function response(
  outcome: ToolOutcome,
): Pick<GeminiFunctionResponsePart['functionResponse'], 'response' | 'parts'> {
  if ('error' in outcome) return { response: { error: outcome.error } };
  const parts = resultParts(outcome.result);
  const images = parts.flatMap((part) =>
    part.kind === 'image' ? [{ inlineData: { mimeType: part.mimeType, data: part.data } }] : [],
  );
  const text = partsAsText(parts.filter((part) => part.kind === 'text'));
  const media = images.length > 0 ? { parts: images } : {};
  if (isErrorOutcome(outcome)) return { response: { error: text }, ...media };
  return { response: { output: outcome.result.structuredContent ?? text }, ...media };
}

/** The tools of a manager or client as Gemini function declarations, and `execute` answering with a functionResponse. */
export function geminiTools(
  source: AgentToolSource,
  options: AgentToolsOptions = {},
): Promise<ModelToolset<GeminiFunctionDeclaration, GeminiFunctionResponsePart, GeminiExecuteOptions>> {
  return modelToolset(
    source,
    {
      target: 'gemini',
      nameRule: 'gemini',
      schema: geminiSchema,
      definition: ({ name, tool, schema }) => ({
        name,
        ...(tool.description ? { description: tool.description } : {}),
        ...(schema ? { parameters: schema } : {}),
      }),
      result: (outcome, call) => ({
        functionResponse: {
          ...(call.callId ? { id: call.callId } : {}),
          name: call.name,
          ...response(outcome),
        },
      }),
    },
    options,
  );
}
