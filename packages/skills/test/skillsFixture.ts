import { type ClientOptions, ErrorCode, MCPError, type MCPErrorCode } from '@org/mcp-core';
import { MCPStdioClient } from '@org/mcp-transport-stdio';
import { SKILLS_FIXTURE, skillsServerScript } from '@org/test-utils';
import { afterEach, expect } from 'vitest';

const clients: MCPStdioClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.disconnect()));
});

/** A connected client of the skills fixture server (a real subprocess), with the environment given. */
export async function skillsServer(
  env: Record<string, string> = {},
  options: ClientOptions = {},
): Promise<MCPStdioClient> {
  const client = new MCPStdioClient(
    { command: process.execPath, args: [skillsServerScript], env },
    { name: 'skills', ...options },
  );
  clients.push(client);
  await client.connect();
  return client;
}

/** The skill requests the server answered so far, in order (`resources/read` with its URI). */
export async function requestsSeen(client: MCPStdioClient): Promise<{ method: string; uri?: string }[]> {
  const result = await client.callTool(SKILLS_FIXTURE.requestsTool, {});
  const [block] = result.content;
  return JSON.parse(block?.type === 'text' ? block.text : '[]');
}

/** The URIs the server was asked to read. */
export async function readsSeen(client: MCPStdioClient): Promise<string[]> {
  return (await requestsSeen(client)).filter((r) => r.method === 'resources/read').map((r) => r.uri ?? '');
}

/** Expects `promise` to reject with an MCPError of `code` (and `className`), and returns it. */
export async function rejectsWith(
  promise: Promise<unknown>,
  code: MCPErrorCode,
  className = 'MCPProtocolError',
): Promise<MCPError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MCPError);
  expect({ code: (error as MCPError).code, name: (error as MCPError).name }).toEqual({
    code,
    name: className,
  });
  expect(Object.values(ErrorCode)).toContain(code);
  return error as MCPError;
}
