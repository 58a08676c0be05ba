import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { everythingBin, filesystemBin, type RunningHttpServer, startOfficialModern } from '@org/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManagerErrorCode, type ManagerOptions, MCPConnectionManager, toolResultText } from '../src/index.js';

const node = process.execPath;
const managers: MCPConnectionManager[] = [];
let official: RunningHttpServer & { url: string };

beforeAll(async () => {
  official = await startOfficialModern();
});
afterAll(async () => {
  await official?.close();
});
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

async function fleet(options: ManagerOptions = {}): Promise<MCPConnectionManager> {
  const manager = new MCPConnectionManager(options);
  managers.push(manager);
  await manager.initialize({
    mcpServers: {
      e: { command: node, args: [everythingBin(), 'stdio'] },
      fs: { command: node, args: [filesystemBin(), mkdtempSync(join(tmpdir(), 'mgr-search-'))] },
      official: { transport: 'http', url: official.url },
    },
  });
  const up = await manager.connectAllEnabled();
  expect(Object.values(up).every(Boolean)).toBe(true);
  return manager;
}

const names = (manager: MCPConnectionManager, query: string, limit = 3) =>
  manager.searchTools(query, { limit }).map((hit) => hit.tool.qualifiedName);

describe('searchTools over real servers (server-everything, server-filesystem, the official 2.x server)', () => {
  it('ranks their tools by name, description and parameter names', async () => {
    const manager = await fleet();
    expect(names(manager, 'sum of two numbers', 1)).toEqual(['e__get-sum']);
    expect(names(manager, 'gzip compress', 1)).toEqual(['e__gzip-file-as-resource']);
    expect(names(manager, 'directory tree', 1)).toEqual(['fs__directory_tree']);
    expect(names(manager, 'read text file', 1)).toEqual(['fs__read_text_file']);
    expect(names(manager, 'move rename file', 1)).toEqual(['fs__move_file']);
    expect(names(manager, 'add integers', 1)).toEqual(['official__add']);
    expect(names(manager, 'region', 1)).toEqual(['official__regional_echo']);
    expect(names(manager, 'echo', 3)).toEqual(expect.arrayContaining(['e__echo', 'official__echo']));
    const [hit] = manager.searchTools('long running operation progress', { limit: 1 });
    expect(hit?.tool).toMatchObject({ serverName: 'e', originalName: 'trigger-long-running-operation' });
    expect(hit?.score).toBeGreaterThan(0);
    expect(manager.searchTools('xylophone')).toEqual([]);
  });

  it("keeps in step with toolsChanged: a server's new tool is found, a disconnected server's tools are not", async () => {
    const manager = await fleet();
    expect(names(manager, 'grown', 5)).not.toContain('official__grown');
    const changed = new Promise((resolve) =>
      manager.on('toolsChanged', (e) => e.server === 'official' && resolve(e)),
    );
    await manager.callTool('official__grow', {});
    await changed;
    // toolsChanged comes once the manager has the new list, and the index with it.
    expect(names(manager, 'grown', 1)).toEqual(['official__grown']);
    await manager.disconnectServer('fs');
    expect(names(manager, 'directory tree', 5).filter((n) => n.startsWith('fs__'))).toEqual([]);
  });
});

describe('the meta-tools search_tools and call_tool (metaTools: true)', () => {
  it('let an agent find a tool with its schema, then call it through the hooks', async () => {
    const calls: string[] = [];
    const manager = await fleet({
      metaTools: true,
      hooks: [{ name: 'log', before: (c) => void calls.push(c.name) }],
    });
    expect(manager.metaTools().map((t) => t.name)).toEqual(['search_tools', 'call_tool']);
    const found = await manager.callTool('search_tools', { query: 'sum of two numbers', limit: 2 });
    const tools = (found.structuredContent as { tools: { name: string; inputSchema: unknown }[] }).tools;
    expect(tools).toHaveLength(2);
    expect(tools[0]).toMatchObject({ name: 'e__get-sum', inputSchema: { type: 'object' } });
    expect(JSON.parse(toolResultText(found))).toEqual(found.structuredContent);

    const sum = await manager.callTool('call_tool', { name: 'e__get-sum', arguments: { a: 2, b: 3 } });
    expect(toolResultText(sum)).toContain('5');
    expect(calls).toEqual(['e__get-sum']);

    const bad = await manager.callTool('search_tools', { limit: 0 });
    expect(bad).toMatchObject({ isError: true });
    const recursive = await manager.callTool('call_tool', { name: 'call_tool' });
    expect(recursive).toMatchObject({ isError: true });
    await expect(manager.callTool('call_tool', { name: 'nope' })).rejects.toMatchObject({
      code: ManagerErrorCode.UNKNOWN_TOOL,
    });
  });

  it('without metaTools, the names are not answered by the manager', async () => {
    const manager = await fleet();
    await expect(manager.callTool('search_tools', { query: 'x' })).rejects.toThrow(
      /No connected server offers a tool named "search_tools"/,
    );
  });
});
