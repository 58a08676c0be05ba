import { MCPConnectionManager, MemoryCatalogStore } from '@org/mcp-manager';
import { officialModernServerScript } from '@org/test-utils';
import { afterEach, expect, it } from 'vitest';
import { liveTools, openaiChatTools } from '../src/index.js';

const managers: MCPConnectionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

async function officialFixture(): Promise<MCPConnectionManager> {
  const manager = new MCPConnectionManager();
  managers.push(manager);
  await manager.initialize({
    mcpServers: {
      official: {
        transport: 'stdio',
        command: process.execPath,
        args: [officialModernServerScript, 'stdio'],
      },
    },
  });
  await manager.connectServer('official');
  return manager;
}

const names = async (live: { current(): Promise<{ tools: Array<{ function: { name: string } }> }> }) =>
  (await live.current()).tools.map((tool) => tool.function.name);

it('always returns the current set: a tool the server adds (tools/list_changed) is there on the next call', async () => {
  const manager = await officialFixture();
  const live = liveTools(manager, (source) => openaiChatTools(source, { strict: true }));
  expect(await names(live)).not.toContain('official__grown');
  const first = await live.current();
  expect(await live.current()).toBe(first); // nothing changed: not built again
  const changed = new Promise((resolve) => manager.once('toolsChanged', resolve));
  await manager.callTool('official__grow');
  await changed;
  await expect.poll(() => names(live)).toContain('official__grown');
  live.close();
  live.close();
});

it('follows servers going away and coming back, and stops following once closed', async () => {
  const manager = await officialFixture();
  const live = liveTools(manager, openaiChatTools);
  expect((await names(live)).length).toBeGreaterThan(0);
  await manager.disconnectServer('official');
  expect(await names(live)).toEqual([]);
  const before = await live.current();
  live.close();
  await manager.connectServer('official');
  expect(await live.current()).toBe(before);
});

it('takes a user’s view of a manager as it takes a manager: the same names, calls through that user’s own connection', async () => {
  const manager = new MCPConnectionManager({ catalogStore: new MemoryCatalogStore() });
  managers.push(manager);
  await manager.initialize({
    mcpServers: {
      official: {
        transport: 'stdio',
        command: process.execPath,
        args: [officialModernServerScript, 'stdio'],
        env: { USER_MARK: `$\{user:MARK}` },
        scope: 'user',
      },
    },
  });
  const view = manager.forUser('alice', { variables: { MARK: 'a' } });
  const live = liveTools(view, openaiChatTools);
  // Nothing started yet, and no catalog entry: no tools until the first user's call fills it.
  expect(await names(live)).toEqual([]);
  const changed = new Promise((resolve) => view.on('toolsChanged', resolve));
  expect((await view.callTool('official__grow')).isError).toBeFalsy();
  await changed;
  await expect.poll(() => names(live)).toContain('official__grow');
  expect((await manager.getServerStatus()).official?.userConnections).toBe(1);
  live.close();
});
