// The public API of @org/mcp-agent-tools: everything below is exported on purpose; nothing else is.
// No framework is loaded from here: each is in its own entry (./ai-sdk, ./langchain, ./openai-agents).
export { type LiveTools, liveTools } from './liveTools.js';
export type { ModelToolset } from './modelToolset.js';
export type { AgentToolsOptions } from './options.js';
export type { LargeResult, ResultBoundOptions } from './results/boundOutcome.js';
export type { LargeResultReference } from './results/boundResult.js';
export { DEFAULT_MAX_RESULT_CHARS, MAX_RESULT_CHARS_HINT_CAP } from './results/resultLimit.js';
export type { ExecuteOptions } from './runModelToolCall.js';
export type { JsonSchema } from './schema/jsonSchema.js';
export { OPENAI_STRICT_LIMITS } from './schema/openaiStrictSchema.js';
export {
  type AnthropicExecuteOptions,
  type AnthropicResultBlock,
  type AnthropicTool,
  type AnthropicToolResult,
  anthropicTools,
} from './targets/anthropic.js';
export {
  type GeminiExecuteOptions,
  type GeminiFunctionDeclaration,
  type GeminiFunctionResponsePart,
  geminiTools,
} from './targets/gemini.js';
export {
  type OpenAIChatTool,
  type OpenAIChatToolMessage,
  type OpenAIExecuteOptions,
  type OpenAIOptions,
  openaiChatTools,
} from './targets/openaiChat.js';
export {
  type OpenAIResponsesOutputItem,
  type OpenAIResponsesTool,
  type OpenAIResponsesToolOutput,
  openaiResponsesTools,
} from './targets/openaiResponses.js';
export { TOOL_NAME_RULES } from './toolNameRules.js';
export type { AgentToolSource, ClientToolSource, ManagerToolSource, ToolAbout } from './toolSource.js';
export type { ToolWarning } from './toolWarning.js';
