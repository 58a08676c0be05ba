import type { CallToolResult, ContentBlock, ResourceLink } from '@org/mcp-core';
import { type CutNote, cutText, howToGetTheRest } from './cutText.js';

/** What `onLargeResult` may hand back for the model: a link to where the whole result is kept, or a text. */
export type LargeResultReference = ResourceLink | string;

/** A result's size as the limit counts it: its content blocks, and its structured content as JSON. */
export function resultSize(result: CallToolResult): { content: number; structured: number } {
  const content = (result.content ?? []).reduce((sum, block) => sum + sizeOf(block), 0);
  const structured =
    result.structuredContent === undefined ? 0 : JSON.stringify(result.structuredContent).length;
  return { content, structured };
}

/**
 * The result within `limit` characters. Text goes first: text blocks share the limit, the shorter ones kept
 * whole and the longer ones cut to head + tail (`cutText`). Images, audio and blobs count by their base64
 * size and are kept only when they fit in what the text left; one that does not is replaced by a note.
 * Structured content is kept only when it fits alone (a target uses it or the text, never both); over the
 * limit it goes, and the text fallback, cut, stands in (a result with no blocks gets its JSON as text).
 * The reference, if any, ends the content.
 */
export function boundResult(
  result: CallToolResult,
  limit: number,
  reference?: LargeResultReference,
): CallToolResult {
  const { structuredContent, content = [], ...rest } = result;
  const structuredFits = structuredContent !== undefined && JSON.stringify(structuredContent).length <= limit;
  const blocks: ContentBlock[] =
    content.length === 0 && structuredContent !== undefined
      ? [{ type: 'text', text: JSON.stringify(structuredContent) }]
      : content;
  const note: CutNote = { limit, referenced: reference !== undefined };
  const allot = textAllotment(blocks, limit);
  // What text (as cut) and links leave of the limit, for media in order.
  const kept = (block: ContentBlock, i: number) =>
    isMedia(block) ? 0 : textOf(block) === undefined ? sizeOf(block) : Math.min(sizeOf(block), allot[i] ?? 0);
  let left = limit - blocks.reduce((sum, block, i) => sum + kept(block, i), 0);
  const bounded = blocks.map((block, i): ContentBlock => {
    if (!isMedia(block)) return cutBlock(block, allot[i] ?? 0, note);
    const size = sizeOf(block);
    if (size <= left) {
      left -= size;
      return block;
    }
    return { type: 'text', text: mediaNote(block, size, note) };
  });
  if (reference !== undefined)
    bounded.push(typeof reference === 'string' ? { type: 'text', text: reference } : reference);
  return { ...rest, content: bounded, ...(structuredFits ? { structuredContent } : {}) };
}

/**
 * Each text block's share of the limit: an equal share, with what the shorter blocks leave of theirs handed
 * to the longer ones (water-filling). Blocks that are not text get 0 (links have their fixed size taken off).
 */
function textAllotment(blocks: readonly ContentBlock[], limit: number): number[] {
  const fixed = blocks.reduce(
    (sum, block) => sum + (textOf(block) === undefined && !isMedia(block) ? sizeOf(block) : 0),
    0,
  );
  const texts = blocks.flatMap((block, i) =>
    textOf(block) === undefined ? [] : [{ i, size: sizeOf(block) }],
  );
  const allot = blocks.map(() => 0);
  let budget = Math.max(0, limit - fixed);
  let open = texts.sort((a, b) => a.size - b.size);
  while (open.length > 0) {
    const share = Math.floor(budget / open.length);
    const [first] = open;
    if (first && first.size <= share) {
      allot[first.i] = first.size;
      budget -= first.size;
      open = open.slice(1);
      continue;
    }
    for (const { i } of open) allot[i] = share;
    break;
  }
  return allot;
}

function cutBlock(block: ContentBlock, keep: number, note: CutNote): ContentBlock {
  if (block.type === 'text') return { ...block, text: cutText(block.text, keep, note) };
  if (block.type === 'resource' && typeof block.resource.text === 'string')
    return { ...block, resource: { ...block.resource, text: cutText(block.resource.text, keep, note) } };
  return block;
}

function mediaNote(block: ContentBlock, size: number, note: CutNote): string {
  const kind = block.type === 'resource' ? `resource ${block.resource.uri}` : block.type;
  const mimeType =
    'mimeType' in block ? block.mimeType : block.type === 'resource' ? block.resource.mimeType : undefined;
  return `[${kind}${mimeType ? ` (${mimeType})` : ''} left out: ${size.toLocaleString('en-US')} characters of base64, over the limit of ${note.limit.toLocaleString('en-US')} for one result. ${note.referenced ? howToGetTheRest(note) : 'Ask the tool for a smaller one, if it can.'}]`;
}

function textOf(block: ContentBlock): string | undefined {
  if (block.type === 'text') return block.text;
  if (block.type === 'resource' && typeof block.resource.text === 'string') return block.resource.text;
  return undefined;
}

function isMedia(block: ContentBlock): boolean {
  return (
    block.type === 'image' ||
    block.type === 'audio' ||
    (block.type === 'resource' && typeof block.resource.blob === 'string')
  );
}

/** Characters a block costs: its text, its base64, or (a link and the like) its JSON. */
function sizeOf(block: ContentBlock): number {
  const text = textOf(block);
  if (text !== undefined) return text.length;
  if (block.type === 'image' || block.type === 'audio') return block.data.length;
  if (block.type === 'resource' && typeof block.resource.blob === 'string') return block.resource.blob.length;
  return JSON.stringify(block).length;
}
