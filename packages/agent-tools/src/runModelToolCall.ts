import { MCPAbortError, MCPError, type RequestOptions } from '@org/mcp-core';
import { dropAddedNulls } from './dropAddedNulls.js';
import type { ToolOutcome } from './results/toolOutcome.js';
import type { JsonSchema } from './schema/jsonSchema.js';
import type { OpenSource } from './toolSource.js';

/** How a model's call is run: the caller's signal and timeout reach the MCP request. */
export interface ExecuteOptions {
  /** Aborts the MCP call (`notifications/cancelled` goes to the server); the promise rejects with MCPAbortError. */
  signal?: AbortSignal;
  /** ms; the client's request timeout when unset. */
  timeout?: number;
}

/** A tool a target accepted: its name for the model, the prepared schema, whether strict mode added nulls. */
export interface AcceptedTool {
  name: string;
  prepared: JsonSchema;
  strict: boolean;
}

/**
 * Runs one tool call of a model. What the model got wrong (a tool it made up, arguments that are not a JSON
 * object) and what the server or connection failed at (MCPError) come back as an error outcome, for the
 * model to read and correct; an abort by the caller rejects, since nobody is waiting for an answer then;
 * anything else (a bug) rejects too.
 */
export async function runModelToolCall(
  source: OpenSource,
  tool: AcceptedTool | undefined,
  args: unknown,
  options: ExecuteOptions & { name: string },
): Promise<ToolOutcome> {
  if (!tool) return { error: `There is no tool named "${options.name}".` };
  const parsed = parseArguments(args);
  if ('error' in parsed) return parsed;
  const input = tool.strict ? (dropAddedNulls(parsed.value, tool.prepared) as object) : parsed.value;
  const request: RequestOptions = {};
  if (options.signal) request.signal = options.signal;
  if (options.timeout !== undefined) request.timeout = options.timeout;
  try {
    return { result: await source.call(tool.name, input, request) };
  } catch (error) {
    if (error instanceof MCPAbortError || options.signal?.aborted || !(error instanceof MCPError))
      throw error;
    return { error: error.message, cause: error };
  }
}

/** Models send arguments as a JSON string (OpenAI) or an object (Anthropic, Gemini, the frameworks). */
function parseArguments(args: unknown): { value: object } | { error: string } {
  let value = args;
  if (typeof args === 'string') {
    try {
      value = args.trim() === '' ? {} : JSON.parse(args);
    } catch {
      return { error: 'The arguments are not valid JSON.' };
    }
  }
  if (value === undefined || value === null) return { value: {} };
  if (typeof value !== 'object' || Array.isArray(value))
    return { error: 'The arguments must be a JSON object.' };
  return { value };
}
