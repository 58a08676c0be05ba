import type { ContentBlock } from '../types/contentBlock.js';
import type { CallToolResult } from '../types/mcpTypes.js';

/** Options of {@link toolResultText}. */
export interface ToolResultTextOptions {
  /** Between two blocks. Default a blank line. */
  separator?: string;
  /** Characters kept at most; longer text ends in `…`. Default: all of it. */
  maxLength?: number;
}

/**
 * A tool result's content as plain text, for a log line, an error message or a model that takes text only:
 * text blocks as they are, an embedded text resource's text, and a short placeholder for what is not text
 * (image, audio, binary resource, resource link). A result with no content gives its structuredContent as JSON.
 */
export function toolResultText(
  result: Pick<CallToolResult, 'content' | 'structuredContent'>,
  options: ToolResultTextOptions = {},
): string {
  const blocks = result.content ?? [];
  const text =
    blocks.length === 0 && result.structuredContent !== undefined
      ? JSON.stringify(result.structuredContent)
      : blocks.map(blockText).join(options.separator ?? '\n\n');
  const max = options.maxLength;
  return max !== undefined && text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

function blockText(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type}: ${block.mimeType}, ${base64Bytes(block.data)} bytes]`;
    case 'resource_link':
      return `[resource link: ${block.name} (${block.uri})]`;
    case 'resource':
      return typeof block.resource.text === 'string'
        ? block.resource.text
        : `[resource: ${block.resource.uri}${block.resource.mimeType ? `, ${block.resource.mimeType}` : ''}]`;
    default:
      // A block type of a later revision: its type, so the reader knows something was there.
      return `[${String((block as { type?: unknown }).type)}]`;
  }
}

/** The decoded size of base64 text, without decoding it. */
function base64Bytes(data: string): number {
  if (typeof data !== 'string') return 0;
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}
