import { CoreErrorCode } from '../errors/errorCodes.js';
import { MCPProtocolError } from '../errors/errors.js';
import type { ContentBlock } from '../types/contentBlock.js';
import type { CallToolResult, GetPromptResult, ReadResourceResult } from '../types/mcpTypes.js';
import { serverLabel } from '../util/serverLabel.js';
import { schemaCheck } from './schemaValidator.js';

/**
 * Checks of the single results the client hands its caller, by shape: cheap hand-written tests,
 * since `tools/call` is the hot path (list results go through zod in paginate). A result that
 * fails is an MCPProtocolError INVALID_RESULT naming the server, the method and the field.
 */
export type ResultCheck<T> = (result: Record<string, unknown>, serverName: string | undefined) => T;

function invalid(serverName: string | undefined, method: string, what: string): MCPProtocolError {
  const who = serverLabel(serverName);
  return new MCPProtocolError(
    CoreErrorCode.INVALID_RESULT,
    `${who} answered ${method} with an invalid result (${what}).`,
    {
      serverName,
      method,
    },
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkBlock(block: unknown, serverName: string | undefined, method: string, path: string): void {
  if (!isObject(block) || typeof block.type !== 'string')
    throw invalid(serverName, method, `${path}: expected a content block with a string type`);
}

function checkBlocks(
  blocks: unknown,
  serverName: string | undefined,
  method: string,
  path: string,
): ContentBlock[] {
  if (!Array.isArray(blocks)) throw invalid(serverName, method, `${path}: expected an array`);
  // The path is built only for a block that fails: this runs on every tools/call.
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (!isObject(block) || typeof block.type !== 'string')
      checkBlock(block, serverName, method, `${path}.${i}`);
  }
  return blocks as ContentBlock[];
}

/** `tools/call`: `content` an array of blocks (absent means none, as the SDKs read it), `structuredContent` an object. */
export const checkCallToolResult: ResultCheck<CallToolResult> = (result, serverName) => {
  const method = 'tools/call';
  if (result.content === undefined) result.content = [];
  else checkBlocks(result.content, serverName, method, 'content');
  if (result.structuredContent !== undefined && !isObject(result.structuredContent))
    throw invalid(serverName, method, 'structuredContent: expected an object');
  if (result.isError !== undefined && typeof result.isError !== 'boolean')
    throw invalid(serverName, method, 'isError: expected a boolean');
  return result as CallToolResult;
};

/** `resources/read`: `contents` an array of objects with a string uri. */
export const checkReadResourceResult: ResultCheck<ReadResourceResult> = (result, serverName) => {
  const contents = result.contents;
  if (!Array.isArray(contents)) throw invalid(serverName, 'resources/read', 'contents: expected an array');
  contents.forEach((item, i) => {
    if (!isObject(item) || typeof item.uri !== 'string')
      throw invalid(serverName, 'resources/read', `contents.${i}: expected an object with a string uri`);
  });
  return result as ReadResourceResult;
};

/** `prompts/get`: `messages` an array of `{ role, content }` with one content block each. */
export const checkGetPromptResult: ResultCheck<GetPromptResult> = (result, serverName) => {
  const messages = result.messages;
  if (!Array.isArray(messages)) throw invalid(serverName, 'prompts/get', 'messages: expected an array');
  messages.forEach((message, i) => {
    if (!isObject(message) || typeof message.role !== 'string')
      throw invalid(serverName, 'prompts/get', `messages.${i}: expected an object with a string role`);
    checkBlock(message.content, serverName, 'prompts/get', `messages.${i}.content`);
  });
  return result as GetPromptResult;
};

/**
 * `tools/call` checked, and its `structuredContent` against the tool's `outputSchema` (a result
 * with `isError` is not held to it): the specification requires a tool with an output schema to
 * return structured content that conforms.
 */
export function checkToolOutput(tool: string, outputSchema: object): ResultCheck<CallToolResult> {
  const conforms = schemaCheck(outputSchema);
  return (result, serverName) => {
    const checked = checkCallToolResult(result, serverName);
    if (checked.isError === true) return checked;
    const problem =
      checked.structuredContent === undefined
        ? 'no structuredContent, though the tool declares an outputSchema'
        : conforms(checked.structuredContent);
    if (problem)
      throw invalid(
        serverName,
        'tools/call',
        `tool "${tool}": structuredContent does not match its outputSchema: ${problem}`,
      );
    return checked;
  };
}
