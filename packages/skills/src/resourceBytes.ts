import { CoreErrorCode, type MCPClient, MCPProtocolError, type RequestOptions } from '@org/mcp-core';
import { z } from 'zod';

const ReadResultSchema = z.looseObject({
  contents: z.array(
    z.looseObject({
      uri: z.string(),
      mimeType: z.string().optional(),
      text: z.string().optional(),
      blob: z.string().optional(),
    }),
  ),
});

/** What `resources/read` returned for one URI: its raw bytes, and the text when it came as text. */
export interface ResourceBytes {
  bytes: Uint8Array;
  mimeType: string | undefined;
  text: string | undefined;
}

/**
 * Reads one resource and takes the one content block of that URI: text is its UTF-8 bytes, a blob its base64
 * decoding, the bytes a digest is computed over. A result without exactly one such block is INVALID_RESULT.
 */
export async function readResourceBytes(
  client: MCPClient,
  uri: string,
  options?: RequestOptions,
): Promise<ResourceBytes> {
  const raw = await client.request<unknown>('resources/read', { uri }, options);
  const blocks = ReadResultSchema.safeParse(raw).data?.contents.filter((block) => block.uri === uri) ?? [];
  const [block] = blocks;
  const text = block?.text;
  const blob = block?.blob;
  if (blocks.length !== 1 || (text === undefined) === (blob === undefined)) {
    throw new MCPProtocolError(
      CoreErrorCode.INVALID_RESULT,
      `Server "${client.name}" answered resources/read of ${uri} without exactly one text or blob content of that URI.`,
      { serverName: client.name, method: 'resources/read' },
    );
  }
  const bytes = text === undefined ? Buffer.from(blob ?? '', 'base64') : Buffer.from(text, 'utf8');
  return { bytes, mimeType: block?.mimeType, text };
}
