/** A tool left out of one target's list, and why: its name, or what in its schema the target cannot say. */
export interface ToolWarning {
  /** `openai-chat`, `openai-responses`, `anthropic`, `gemini`, `ai-sdk`, `langchain`, `openai-agents`. */
  target: string;
  /** The tool's name as the source lists it (the manager's qualified name). */
  tool: string;
  reason: string;
}
