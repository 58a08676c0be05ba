import { createHash } from 'node:crypto';
import { type MCPClient, MCPProtocolError, type RequestOptions, SkillsErrorCode } from '@org/mcp-core';
import { readResourceBytes } from './resourceBytes.js';
import type { SkillFile, SkillFileEntry } from './skill.js';

/**
 * Fetches one listed file and hands it out only if it is what the entry promised: no larger than `maxFileBytes`
 * (a declared size over it is refused before any request), of the declared size, then of the declared sha256.
 * Size first: it costs nothing and tells a truncated or padded file from a tampered one.
 */
export async function readVerifiedFile(
  client: MCPClient,
  file: SkillFileEntry,
  maxFileBytes: number,
  options?: RequestOptions,
): Promise<SkillFile> {
  const serverName = client.name;
  const tooLarge = (bytes: number) =>
    new MCPProtocolError(
      SkillsErrorCode.SKILL_TOO_LARGE,
      `Skill file ${file.uri} of server "${serverName}" is ${bytes} bytes, over maxFileBytes (${maxFileBytes}).`,
      { serverName },
    );
  if (file.size !== undefined && file.size > maxFileBytes) throw tooLarge(file.size);
  const { bytes, mimeType, text } = await readResourceBytes(client, file.uri, options);
  if (bytes.byteLength > maxFileBytes) throw tooLarge(bytes.byteLength);
  if (file.size !== undefined && bytes.byteLength !== file.size) {
    throw new MCPProtocolError(
      SkillsErrorCode.SKILL_FILE_SIZE_MISMATCH,
      `Skill file ${file.uri} of server "${serverName}" is ${bytes.byteLength} bytes; its entry says ${file.size}. Not used: list the skill again if it changed.`,
      { serverName },
    );
  }
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (digest !== file.digest) {
    throw new MCPProtocolError(
      SkillsErrorCode.SKILL_FILE_DIGEST_MISMATCH,
      `Skill file ${file.uri} of server "${serverName}" does not match its entry's digest. Not used: list the skill again if it changed.`,
      { serverName },
    );
  }
  return { uri: file.uri, mimeType, bytes, text };
}
