import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { MCPStdioClient } from '../src/index.js';
import { packageBin } from './support/fixture.js';
import { processGroups } from './support/processGroups.js';

const groups = processGroups();
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  try {
    await groups.expectAllGone();
  } finally {
    groups.killLeftovers();
  }
});

async function connect(client: MCPStdioClient): Promise<number> {
  cleanups.push(() => client.disconnect());
  await client.connect();
  return groups.add(client.pid);
}

describe('the official MCP servers over stdio, from their installed bin', () => {
  it('@modelcontextprotocol/server-everything: connect, list every tool, call one, disconnect', async () => {
    const client = new MCPStdioClient(
      { command: process.execPath, args: [packageBin('@modelcontextprotocol/server-everything'), 'stdio'] },
      { name: 'everything' },
    );
    const pid = await connect(client);
    expect(client.serverInfo?.name).toBeTruthy();
    const tools = await client.getTools();
    expect(tools.length).toBeGreaterThan(5);
    expect(tools.map((t) => t.name)).toContain('echo');
    const result = await client.callTool('echo', { message: 'hello everything' });
    expect(JSON.stringify(result.content)).toContain('hello everything');
    expect(await client.isHealthy()).toBe(true);
    await client.disconnect();
    expect(isAlive(pid)).toBe(false);
  });

  it('@modelcontextprotocol/server-filesystem: connect, list every tool, read a file, disconnect', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'stdio-fs-')));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'note.txt'), 'written by the test');
    const client = new MCPStdioClient({
      command: process.execPath,
      args: [packageBin('@modelcontextprotocol/server-filesystem'), dir],
    });
    const pid = await connect(client);
    const tools = await client.getTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['read_text_file', 'list_directory']));
    const listing = await client.callTool('list_directory', { path: dir });
    expect(JSON.stringify(listing.content)).toContain('note.txt');
    const read = await client.callTool('read_text_file', { path: join(dir, 'note.txt') });
    expect(JSON.stringify(read.content)).toContain('written by the test');
    await client.disconnect();
    expect(isAlive(pid)).toBe(false);
  });
});
