import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StdioServerConfig } from '@org/mcp-core';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogKey, type ManagerOptions, MCPConnectionManager, MemoryCatalogStore } from '../src/index.js';
import { liveServers, serverTag } from './serverProcesses.js';

// When the catalog is written: a start whose lists differ from the entry, a stale entry, a list_changed; and where.
const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'catalog-writes-'));

/** A lazy server whose tools are the names in its TOOLS_FILE, read at each tools/list. */
function lazyServer(name: string, tools: string, env: Record<string, string> = {}) {
  const file = join(dir, `${name}-tools`);
  writeFileSync(file, tools);
  const config = {
    transport: 'stdio',
    command: process.execPath,
    args: [toolServer, serverTag(name)],
    env: { TOOLS_FILE: file, ...env },
    start: 'lazy',
  } as StdioServerConfig;
  return { config, setTools: (names: string) => writeFileSync(file, names) };
}

const managers: MCPConnectionManager[] = [];
async function manager(mcpServers: Record<string, StdioServerConfig>, options: ManagerOptions) {
  const m = new MCPConnectionManager({ maxRetries: 0, ...options });
  managers.push(m);
  await m.initialize({ mcpServers });
  return m;
}
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

const toolNames = async (store: MemoryCatalogStore, config: StdioServerConfig) =>
  (await store.get(catalogKey(config)))?.tools.map((t) => t.name);
const listed = async (m: MCPConnectionManager) => (await m.listTools()).map((t) => t.qualifiedName);

/** A first run on this machine: the lazy server starts once to fill its entry, then the manager goes. */
async function firstRun(config: StdioServerConfig, catalogStore: MemoryCatalogStore) {
  const first = await manager({ l: config }, { catalogStore });
  await first.connectAllEnabled();
  await first.shutdown();
}

describe('the catalog is written', () => {
  it('when a start finds lists that differ from the entry, and toolsChanged tells it', async () => {
    const catalogStore = new MemoryCatalogStore();
    const { config, setTools } = lazyServer('cw-differs', 'echo');
    await firstRun(config, catalogStore);
    setTools('echo,add');
    const m = await manager({ l: config }, { catalogStore });
    expect(await m.connectAllEnabled()).toEqual({ l: 'lazy' });
    expect(await listed(m)).toEqual(['l__echo']);
    const changed: string[] = [];
    m.on('toolsChanged', (e) => changed.push(e.server));
    await m.callTool('l__echo', { text: 'hi' });
    await expect.poll(() => toolNames(catalogStore, config)).toEqual(['echo', 'add']);
    expect(changed).toContain('l');
    expect(await listed(m)).toEqual(['l__echo', 'l__add']);
  });

  it('when its entry is older than catalogMaxAge: served meanwhile, written afresh at the next start', async () => {
    const catalogStore = new MemoryCatalogStore();
    const { config } = lazyServer('cw-stale', 'echo');
    await firstRun(config, catalogStore);
    const old = '2020-01-01T00:00:00.000Z';
    const entry = await catalogStore.get(catalogKey(config));
    await catalogStore.set(catalogKey(config), { ...(entry as NonNullable<typeof entry>), savedAt: old });
    const m = await manager({ l: config }, { catalogStore });
    await m.connectAllEnabled();
    expect(await listed(m)).toEqual(['l__echo']);
    expect(liveServers().get('cw-stale') ?? []).toEqual([]);
    await m.callTool('l__echo', { text: 'hi' });
    await expect.poll(async () => (await catalogStore.get(catalogKey(config)))?.savedAt).not.toBe(old);
  });

  it('when a running server says list_changed', async () => {
    const catalogStore = new MemoryCatalogStore();
    const { config, setTools } = lazyServer('cw-changed', 'echo');
    const m = await manager({ l: config }, { catalogStore });
    await m.connectAllEnabled();
    await m.callTool('l__echo', { text: 'hi' });
    const [pid] = liveServers().get('cw-changed') ?? [];
    setTools('echo,sum');
    process.kill(pid as number, 'SIGUSR2');
    await expect.poll(() => toolNames(catalogStore, config)).toEqual(['echo', 'sum']);
  });
});

describe("the catalog's default store", () => {
  it('is a file at catalogPath when a server is lazy, holding no env value; an eager manager writes none', async () => {
    const path = join(dir, 'lazy', 'catalog.json');
    const { config } = lazyServer('cw-file', 'echo', { API_TOKEN: 'not-a-real-secret-4242' });
    const m = await manager({ l: config }, { catalogPath: path });
    await m.connectAllEnabled();
    await expect.poll(() => existsSync(path)).toBe(true);
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text)).toMatchObject({
      format: 'org-mcp-catalog',
      entries: { [catalogKey(config)]: { tools: [{ name: 'echo' }] } },
    });
    expect(text).not.toContain('not-a-real-secret-4242');

    const eagerPath = join(dir, 'eager', 'catalog.json');
    const eager = await manager({ e: { ...config, start: 'eager' } }, { catalogPath: eagerPath });
    await eager.connectAllEnabled();
    await eager.callTool('e__echo', { text: 'hi' });
    await eager.shutdown();
    expect(existsSync(eagerPath)).toBe(false);
  });
});
