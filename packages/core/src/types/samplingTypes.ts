import { z } from 'zod';
import type { AudioContent, ContentBlock, ImageContent, TextContent } from './contentBlock.js';

/**
 * `sampling/createMessage` as of 2025-11-25, with tools: the request a server sends and the answer a client
 * gives. Loose objects (servers and models add fields); the shapes that matter are checked.
 */

/** A tool the server offers the model for this sampling request. */
export interface SamplingTool {
  name: string;
  title?: string;
  description?: string;
  /** JSON Schema of the tool's input. */
  inputSchema: Record<string, unknown>;
  [key: string]: unknown;
}

/** Whether the model may (`auto`, the default), must (`required`) or must not (`none`) use the tools. */
export interface ToolChoice {
  mode: 'auto' | 'required' | 'none';
  [key: string]: unknown;
}

/** The model asking for a tool call (in an assistant message or a result). */
export interface ToolUseContent {
  type: 'tool_use';
  /** Matched by the `toolUseId` of its result. */
  id: string;
  name: string;
  input: Record<string, unknown>;
  [key: string]: unknown;
}

/** A tool call's result, sent back in a user message made only of tool results. */
export interface ToolResultContent {
  type: 'tool_result';
  toolUseId: string;
  content: ContentBlock[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  [key: string]: unknown;
}

export type SamplingContent = TextContent | ImageContent | AudioContent | ToolUseContent | ToolResultContent;

export interface SamplingMessage {
  role: 'user' | 'assistant';
  /** One block or several (parallel tool uses, several tool results). */
  content: SamplingContent | SamplingContent[];
  [key: string]: unknown;
}

/** The params of a `sampling/createMessage` request. */
export interface CreateMessageRequest {
  messages: SamplingMessage[];
  maxTokens: number;
  systemPrompt?: string;
  temperature?: number;
  stopSequences?: string[];
  modelPreferences?: Record<string, unknown>;
  /** Soft-deprecated: `thisServer` and `allServers` only when the client declares `sampling.context`. */
  includeContext?: 'none' | 'thisServer' | 'allServers';
  metadata?: Record<string, unknown>;
  /** Only to a client that declares `sampling.tools` (a handler given as `sampling` does). */
  tools?: SamplingTool[];
  toolChoice?: ToolChoice;
  [key: string]: unknown;
}

/** What the handler answers: the model's message; `stopReason: 'toolUse'` with tool_use blocks when it wants tools. */
export interface CreateMessageResult {
  role: 'assistant';
  content: SamplingContent | SamplingContent[];
  /** The model that answered. */
  model: string;
  stopReason?: 'endTurn' | 'stopSequence' | 'maxTokens' | 'toolUse' | (string & {});
  [key: string]: unknown;
}

const block = z.looseObject({ type: z.string() });
const toolUse = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
});
const toolResult = z.looseObject({
  type: z.literal('tool_result'),
  toolUseId: z.string(),
  content: z.array(block),
});
const content = z.union([toolUse, toolResult, z.looseObject({ type: z.enum(['text', 'image', 'audio']) })]);
const contents = z.union([content, z.array(content)]);

export const CreateMessageRequestSchema = z.looseObject({
  messages: z.array(z.looseObject({ role: z.enum(['user', 'assistant']), content: contents })),
  maxTokens: z.number(),
  tools: z.array(z.looseObject({ name: z.string(), inputSchema: z.looseObject({}) })).optional(),
  toolChoice: z.looseObject({ mode: z.enum(['auto', 'required', 'none']) }).optional(),
});

export const CreateMessageResultSchema = z.looseObject({
  role: z.literal('assistant'),
  content: contents,
  model: z.string(),
  stopReason: z.string().optional(),
});
