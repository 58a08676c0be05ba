import { MCPTransportError } from '@org/mcp-core';

/** Reads a whole `application/json` body (bounded by `maxMessageSize`) and parses it once. */
export async function readJsonBody(
  body: AsyncIterable<Buffer>,
  options: { maxMessageSize: number; serverName: string; method: string },
): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > options.maxMessageSize) {
      throw new MCPTransportError(
        'MESSAGE_TOO_LARGE',
        `Server "${options.serverName}" answered "${options.method}" with more than ${options.maxMessageSize} bytes; the response was dropped. Raise maxMessageSize if such messages are expected.`,
        { serverName: options.serverName },
      );
    }
    chunks.push(chunk);
  }
  const text =
    chunks.length === 1
      ? (chunks[0] as Buffer).toString('utf8')
      : Buffer.concat(chunks, size).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new MCPTransportError(
      'INVALID_JSON',
      `Server "${options.serverName}" answered "${options.method}" with a body that is not valid JSON.`,
      { serverName: options.serverName, cause },
    );
  }
}
