import { expect } from 'vitest';

/** The part of the MCPClient contract the era tests use (structural: test-utils cannot depend on core). */
export interface EraTestClient {
  connect(): Promise<void>;
  getTools(): Promise<{ name: string }[]>;
  callTool(name: string, args?: object): Promise<{ content?: unknown }>;
  isHealthy(): Promise<boolean>;
  readonly era?: string | undefined;
  readonly protocolVersion?: string | undefined;
  readonly serverInfo?: { name: string; version: string } | undefined;
}

/**
 * The one test body every server passes whatever era it speaks: connect, list every tool across
 * its pages, call `echo`, check health; and the era the client chose. Returns the tool names.
 */
export async function expectWorksInEra(
  client: EraTestClient,
  era: 'modern' | 'handshake',
): Promise<string[]> {
  await client.connect();
  expect(client.era).toBe(era);
  expect(client.protocolVersion).toMatch(era === 'modern' ? /^2026-07-28$/ : /^202[45]-\d\d-\d\d$/);
  expect(client.serverInfo?.name).toEqual(expect.any(String));
  const tools = (await client.getTools()).map((tool) => tool.name);
  expect(tools).toContain('echo');
  const result = await client.callTool('echo', { message: 'hello from either era' });
  expect(JSON.stringify(result.content)).toContain('hello from either era');
  expect(await client.isHealthy()).toBe(true);
  return tools;
}
