import { MCPToolError } from '../errors/errors.js';
import type { CallToolResult } from '../types/mcpTypes.js';
import { toolResultText } from './toolResultText.js';

/** How much of a failed result's text goes into the error message; the whole content is on the error. */
const MESSAGE_TEXT = 500;

/** The result, or under `throwOnError` an MCPToolError for a result with `isError: true`. */
export function resultOrToolError(
  result: CallToolResult,
  tool: string,
  serverName: string | undefined,
  throwOnError: boolean | undefined,
): CallToolResult {
  if (!throwOnError || result.isError !== true) return result;
  const where = serverName ? ` on server "${serverName}"` : '';
  const text = toolResultText(result, { separator: ' ', maxLength: MESSAGE_TEXT });
  throw new MCPToolError(
    tool,
    result,
    `Tool "${tool}"${where} answered with an error${text ? `: ${text}` : '.'}`,
    {
      serverName,
    },
  );
}
