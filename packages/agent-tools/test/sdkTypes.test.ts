import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { expectTypeOf, it } from 'vitest';
import type {
  AnthropicTool,
  AnthropicToolResult,
  ModelToolset,
  OpenAIChatTool,
  OpenAIChatToolMessage,
  OpenAIResponsesTool,
  OpenAIResponsesToolOutput,
} from '../src/index.js';

// Checked by the type checker (`pnpm typecheck` covers test/): our own types of the API shapes, which keep
// the package free of a dependency on the SDKs, are assignable to the official SDKs' types.
it('the OpenAI Chat Completions shapes are the openai package types', () => {
  expectTypeOf<OpenAIChatTool>().toExtend<OpenAI.Chat.Completions.ChatCompletionTool>();
  expectTypeOf<OpenAIChatTool>().toExtend<OpenAI.Chat.Completions.ChatCompletionFunctionTool>();
  expectTypeOf<OpenAIChatToolMessage>().toExtend<OpenAI.Chat.Completions.ChatCompletionToolMessageParam>();
  expectTypeOf<OpenAIChatToolMessage>().toExtend<OpenAI.Chat.Completions.ChatCompletionMessageParam>();
  expectTypeOf<ModelToolset<OpenAIChatTool, OpenAIChatToolMessage>['tools']>().toExtend<
    NonNullable<OpenAI.Chat.Completions.ChatCompletionCreateParams['tools']>
  >();
});

it('the OpenAI Responses shapes are the openai package types', () => {
  expectTypeOf<OpenAIResponsesTool>().toExtend<OpenAI.Responses.FunctionTool>();
  expectTypeOf<OpenAIResponsesTool>().toExtend<OpenAI.Responses.Tool>();
  expectTypeOf<OpenAIResponsesToolOutput>().toExtend<OpenAI.Responses.ResponseInputItem.FunctionCallOutput>();
  expectTypeOf<OpenAIResponsesToolOutput>().toExtend<OpenAI.Responses.ResponseInputItem>();
});

it('the Anthropic Messages shapes are the @anthropic-ai/sdk types', () => {
  expectTypeOf<AnthropicTool>().toExtend<Anthropic.Messages.Tool>();
  expectTypeOf<AnthropicTool>().toExtend<Anthropic.Messages.ToolUnion>();
  expectTypeOf<AnthropicToolResult>().toExtend<Anthropic.Messages.ToolResultBlockParam>();
  expectTypeOf<AnthropicToolResult>().toExtend<Anthropic.Messages.ContentBlockParam>();
});
