import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManagerErrorCode, MCPConnectionError, type MCPError, type StdioServerConfig } from '@org/mcp-core';
import { waitUntil } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import {
  catalogKey,
  type ManagerOptions,
  MCPConnectionManager,
  MemoryCatalogStore,
  type ServerStateChange,
} from '../src/index.js';
import { fakeSleep } from './fakeSleep.js';
import { featureServer } from './featureServers.js';
import { liveServers, serverTag } from './serverProcesses.js';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'on-demand-'));

function server(name: string, extra: Partial<StdioServerConfig> = {}, env: Record<string, string> = {}) {
  const config: StdioServerConfig = {
    transport: 'stdio',
    command: process.execPath,
    args: [toolServer, serverTag(name)],
    env: { TOOLS: 'echo,add', ...env },
  };
  return { ...config, ...extra } as StdioServerConfig;
}

const managers: MCPConnectionManager[] = [];
async function manager(servers: Record<string, StdioServerConfig>, options: ManagerOptions = {}) {
  const m = new MCPConnectionManager({ maxRetries: 0, ...options });
  managers.push(m);
  await m.initialize({ mcpServers: servers });
  return m;
}
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

const running = (name: string) => liveServers().get(name)?.length ?? 0;
const changes = (m: MCPConnectionManager, name: string) => {
  const seen: ServerStateChange[] = [];
  m.on('serverStateChanged', (event) => {
    if (event.server === name) seen.push(event);
  });
  return seen;
};

describe('a lazy server', () => {
  it('with no catalog entry starts once to fill it, stops, and still lists its tools', async () => {
    const catalogStore = new MemoryCatalogStore();
    const m = await manager(
      { now: server('lz-now'), later: server('lz-later', { start: 'lazy' }) },
      { catalogStore },
    );
    const seen = changes(m, 'later');
    expect(await m.connectAllEnabled()).toEqual({ now: true, later: 'lazy' });
    expect(seen[0]).toMatchObject({ state: 'connecting', reason: 'catalog' });
    const status = (await m.getServerStatus()).later;
    expect(status).toMatchObject({ state: 'lazy', connected: false, start: 'lazy' });
    expect(status?.lastStart).toMatchObject({ reason: 'catalog' });
    await waitUntil(() => running('lz-later') === 0, 'the filling start to end');
    expect((await m.listTools()).map((t) => t.qualifiedName)).toEqual([
      'now__echo',
      'now__add',
      'later__echo',
      'later__add',
    ]);
  });

  it('is started by its first call, once for concurrent first calls, and the catalog lists it before', async () => {
    const catalogStore = new MemoryCatalogStore();
    const first = await manager({ l: server('lz-first', { start: 'lazy' }) }, { catalogStore });
    await first.connectAllEnabled();
    await first.shutdown();

    const m = await manager({ l: server('lz-first', { start: 'lazy' }) }, { catalogStore });
    const seen = changes(m, 'l');
    expect(await m.connectAllEnabled()).toEqual({ l: 'lazy' });
    expect(seen).toEqual([]);
    expect(running('lz-first')).toBe(0);
    expect((await m.listTools()).map((t) => t.qualifiedName)).toEqual(['l__echo', 'l__add']);

    const calls = await Promise.all([1, 2, 3].map(() => m.callTool('l__echo', { text: 'hi' })));
    expect(calls.every((result) => !result.isError)).toBe(true);
    expect(seen.filter((e) => e.state === 'connecting')).toHaveLength(1);
    expect(seen[0]).toMatchObject({ state: 'connecting', previous: 'lazy', reason: 'call' });
    expect((await m.getServerStatus()).l).toMatchObject({
      state: 'connected',
      lastStart: { reason: 'call' },
    });
    expect(running('lz-first')).toBe(1);
  });

  it('a start that fails fails the call with the typed connect error; the next call tries again', async () => {
    const once = join(dir, `healthy-${process.pid}`);
    rmSync(once, { force: true });
    // FAIL_FILE: present, it cannot start; gone, it can.
    writeFileSync(once, '');
    const catalogStore = new MemoryCatalogStore();
    const m = await manager(
      { l: server('lz-fail', { start: 'lazy' }, { EXIT_WHILE: once }) },
      { catalogStore },
    );
    const failed = await m.callTool('l__echo', {}).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(MCPConnectionError);
    expect((failed as MCPError).code).not.toBe(ManagerErrorCode.UNKNOWN_TOOL);
    expect((await m.getServerStatus()).l?.state).toBe('failed');
    rmSync(once);
    // Its tools are not known yet (no catalog), so the name says which server: a new start.
    await expect(m.callTool('l__echo', { text: 'again' })).resolves.toHaveProperty('content');
  });
});

describe('idle stop', () => {
  it('stops a server with nothing in flight after idleTimeout, back to lazy; the next call starts it again', async () => {
    const clock = fakeSleep();
    const m = await manager(
      { l: server('idle-a', { start: 'lazy', idleTimeout: 1000 }) },
      { catalogStore: new MemoryCatalogStore(), sleep: clock.sleep },
    );
    const seen = changes(m, 'l');
    await m.callTool('l__echo', { text: 'one' });
    await clock.advance(999);
    expect((await m.getServerStatus()).l?.state).toBe('connected');
    await clock.advance(1);
    await waitUntil(() => seen.some((e) => e.state === 'lazy'), 'the idle stop');
    expect(seen.filter((e) => e.reason === 'idle').map((e) => e.state)).toEqual(['closing', 'lazy']);
    expect((await m.getServerStatus()).l?.lastIdleStop).toEqual(expect.any(String));
    await waitUntil(() => running('idle-a') === 0, 'its process to end');
    await expect(m.callTool('l__echo', { text: 'two' })).resolves.toHaveProperty('content');
    expect((await m.getServerStatus()).l?.state).toBe('connected');
  });

  it('an eager server with an idle timeout goes lazy when idle', async () => {
    const clock = fakeSleep();
    const m = await manager(
      { e: server('idle-eager') },
      { catalogStore: new MemoryCatalogStore(), sleep: clock.sleep, idleTimeout: 500 },
    );
    await m.connectAllEnabled();
    // The state settles after the process is gone: wait for the event, not the process count.
    const parked = new Promise<void>((resolve) =>
      m.on('serverStateChanged', (e) => e.server === 'e' && e.state === 'lazy' && resolve()),
    );
    await clock.advance(500);
    await parked;
    await waitUntil(() => running('idle-eager') === 0, 'the idle stop');
    expect((await m.getServerStatus()).e?.state).toBe('lazy');
    expect((await m.listTools()).map((t) => t.qualifiedName)).toEqual(['e__echo', 'e__add']);
    await expect(m.callTool('e__add', {})).resolves.toHaveProperty('content');
  });

  it('never stops a server while a call is in flight; the wait starts over when it ends', async () => {
    const hold = join(dir, `hold-${process.pid}`);
    const clock = fakeSleep();
    const m = await manager(
      { l: server('idle-busy', { start: 'lazy', idleTimeout: 1000 }, { HOLD_WHILE: hold }) },
      { catalogStore: new MemoryCatalogStore(), sleep: clock.sleep },
    );
    await m.callTool('l__echo', {});
    writeFileSync(hold, '');
    const call = m.callTool('l__echo', { text: 'held' });
    await waitUntil(() => clock.pending() === 0, 'the call to be in flight');
    await clock.advance(5000);
    expect((await m.getServerStatus()).l?.state).toBe('connected');
    rmSync(hold);
    await expect(call).resolves.toHaveProperty('content');
    await clock.advance(1000);
    await waitUntil(() => running('idle-busy') === 0, 'the idle stop after the call');
  });

  it('a call that arrives while it stops for idleness waits for the stop and starts it again', async () => {
    const clock = fakeSleep();
    const m = await manager(
      { l: server('idle-race', { start: 'lazy', idleTimeout: 100 }, { SLOW_STOP: '150' }) },
      { catalogStore: new MemoryCatalogStore(), sleep: clock.sleep, shutdownTimeout: 5000 },
    );
    await m.callTool('l__echo', {});
    const stopping = new Promise<void>((resolve) =>
      m.on('serverStateChanged', (e) => e.state === 'closing' && resolve()),
    );
    await clock.advance(100);
    await stopping;
    await expect(m.callTool('l__echo', { text: 'while stopping' })).resolves.toHaveProperty('content');
    expect((await m.getServerStatus()).l?.state).toBe('connected');
    expect(running('idle-race')).toBe(1);
  });

  it('a subscription holds it running; its catalog entry holds its resources and prompts', async () => {
    const clock = fakeSleep();
    const catalogStore = new MemoryCatalogStore();
    const features: StdioServerConfig = {
      command: process.execPath,
      args: [featureServer, serverTag('idle-sub')],
    };
    const m = await manager(
      { f: { ...features, idleTimeout: 100 } as StdioServerConfig },
      { catalogStore, sleep: clock.sleep },
    );
    await m.connectAllEnabled();
    const [resource] = await m.listResources();
    await m.subscribeResource(resource?.qualifiedName as string);
    await clock.advance(1000);
    expect((await m.getServerStatus()).f?.state).toBe('connected');
    await m.unsubscribeResource(resource?.qualifiedName as string);
    await m.callTool((await m.listTools())[0]?.qualifiedName as string, {}).catch(() => {});
    await clock.advance(100);
    await waitUntil(() => running('idle-sub') === 0, 'the idle stop once unsubscribed');
    const entry = await catalogStore.get(catalogKey({ ...features, idleTimeout: 100 } as StdioServerConfig));
    expect(entry?.resources.length).toBeGreaterThan(0);
    expect(entry?.prompts.length).toBeGreaterThan(0);
    expect(entry?.protocolVersion).toEqual(expect.any(String));
  });
  it('a resource read or a prompt in flight is a call: never stopped for idleness under it', async () => {
    const hold = join(dir, `hold-read-${process.pid}`);
    const clock = fakeSleep();
    const features: StdioServerConfig = {
      command: process.execPath,
      args: [featureServer, serverTag('idle-read')],
      env: { HOLD_WHILE: hold },
      idleTimeout: 100,
    };
    const m = await manager({ f: features }, { catalogStore: new MemoryCatalogStore(), sleep: clock.sleep });
    await m.connectAllEnabled();
    const [resource] = await m.listResources();
    const [prompt] = await m.listPrompts();
    writeFileSync(hold, '');
    const read = m.readResource(resource?.qualifiedName as string);
    const got = m.getPrompt(prompt?.qualifiedName as string, {});
    await waitUntil(() => clock.pending() === 0, 'the read and the prompt to be in flight');
    await clock.advance(1000);
    expect((await m.getServerStatus()).f?.state).toBe('connected');
    rmSync(hold);
    await expect(read).resolves.toHaveProperty('contents');
    await expect(got).resolves.toHaveProperty('messages');
    await clock.advance(100);
    await waitUntil(() => running('idle-read') === 0, 'the idle stop after the read');
  });
});

describe("a lazy server's resources and prompts", () => {
  it('are listed from the catalog while it is stopped; reading one starts it', async () => {
    const catalogStore = new MemoryCatalogStore();
    const f = { command: process.execPath, args: [featureServer, serverTag('lz-features')], start: 'lazy' };
    const first = await manager({ f: f as StdioServerConfig }, { catalogStore });
    await first.connectAllEnabled();
    await first.shutdown();
    const m = await manager({ f: f as StdioServerConfig }, { catalogStore });
    await m.connectAllEnabled();
    expect(running('lz-features')).toBe(0);
    const resources = await m.listResources();
    expect(resources.length).toBeGreaterThan(0);
    expect((await m.listPrompts()).length).toBeGreaterThan(0);
    const read = await m.readResource(resources[0]?.qualifiedName as string);
    expect(read.contents.length).toBeGreaterThan(0);
    expect((await m.getServerStatus()).f).toMatchObject({
      state: 'connected',
      lastStart: { reason: 'call' },
    });
  });
});

describe('a qualified name resolves to its server whatever its state', () => {
  it('a failed server known from the catalog fails at once with its state and last error; an unknown name is UNKNOWN_TOOL', async () => {
    const catalogStore = new MemoryCatalogStore();
    const flag = join(dir, `broken-${process.pid}`);
    rmSync(flag, { force: true });
    const config = server('known-failed', {}, { EXIT_WHILE: flag });
    const first = await manager({ s: config }, { catalogStore });
    await first.connectAllEnabled();
    await first.shutdown();
    writeFileSync(flag, '');
    const m = await manager({ s: config }, { catalogStore });
    await m.connectAllEnabled();
    const error = await m.callTool('s__echo', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ManagerErrorCode.SERVER_FAILED });
    expect((error as Error).message).toContain('"s"');
    await expect(m.callTool('nobody__echo', {})).rejects.toMatchObject({
      code: ManagerErrorCode.UNKNOWN_TOOL,
    });
    rmSync(flag);
  });
});
