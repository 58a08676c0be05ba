import type { CallToolResult, ContentBlock } from '@org/mcp-core';

/** A tool result as the targets translate it: text, and images for those that take them. */
export type ResultPart = { kind: 'text'; text: string } | { kind: 'image'; data: string; mimeType: string };

/**
 * The parts of an MCP tool result. Text stays text; an image (or an embedded blob resource of an image type)
 * is an image; audio, links and other resources are described in text, since no target takes them in a
 * tool result. Structured content is sent as JSON only when the result has no content blocks: the
 * specification has servers repeat it as text, and sending both would say everything twice.
 */
export function resultParts(result: CallToolResult): ResultPart[] {
  const parts = (result.content ?? []).map(partOf);
  if (parts.length === 0 && result.structuredContent !== undefined)
    return [{ kind: 'text', text: JSON.stringify(result.structuredContent) }];
  return parts;
}

function partOf(block: ContentBlock): ResultPart {
  switch (block.type) {
    case 'text':
      return { kind: 'text', text: block.text };
    case 'image':
      return { kind: 'image', data: block.data, mimeType: block.mimeType };
    case 'audio':
      return { kind: 'text', text: `[audio (${block.mimeType}) not shown]` };
    case 'resource_link':
      return { kind: 'text', text: `[resource ${block.name}: ${block.uri}]` };
    case 'resource': {
      const { uri, mimeType, text, blob } = block.resource;
      if (typeof text === 'string') return { kind: 'text', text };
      if (typeof blob === 'string' && mimeType?.startsWith('image/'))
        return { kind: 'image', data: blob, mimeType };
      return { kind: 'text', text: `[resource ${uri}${mimeType ? ` (${mimeType})` : ''} not shown]` };
    }
    default:
      return { kind: 'text', text: JSON.stringify(block) };
  }
}

/** The parts as one string, for targets whose tool result is text only; images become a note. */
export function partsAsText(parts: readonly ResultPart[]): string {
  return parts
    .map((part) => (part.kind === 'text' ? part.text : `[image (${part.mimeType}) not shown]`))
    .join('\n');
}

/** A data URL of an image part, for targets that take images as URLs. */
export function dataUrl(part: { data: string; mimeType: string }): string {
  return `data:${part.mimeType};base64,${part.data}`;
}
