import { open } from 'node:fs/promises';
import { MCPConfigError } from '@org/mcp-core';

/** A private key file is a few KiB; anything larger is not one. */
export const MAX_PRIVATE_KEY_FILE = 64 * 1024;

/**
 * Reads a server's `oauth.privateKeyFile` (a regular file, bounded) when a token request first needs the key;
 * errors name the server, the field and the path, never the file's content.
 */
export async function readPrivateKeyFile(serverName: string, path: string): Promise<string> {
  const field = `mcpServers.${serverName}.oauth.privateKeyFile`;
  const refuse = (message: string) =>
    new MCPConfigError(`Server "${serverName}": ${field} ${message}`, {
      serverName,
      issues: [{ path: field, message }],
    });
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(path, 'r');
  } catch {
    throw refuse(`"${path}" cannot be read`);
  }
  try {
    const stat = await file.stat();
    if (!stat.isFile()) throw refuse(`"${path}" is not a regular file`);
    if (stat.size > MAX_PRIVATE_KEY_FILE)
      throw refuse(`"${path}" is larger than ${MAX_PRIVATE_KEY_FILE} bytes`);
    return await file.readFile('utf8');
  } finally {
    await file.close();
  }
}
