import { once } from 'node:events';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ConfigErrorCode,
  ManagerErrorCode,
  type MCPClient,
  MCPConfigError,
  type MCPServersConfig,
} from '@org/mcp-core';
import { isAlive } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConfigReloadFailure, MCPConnectionManager, type ReloadResult } from '../src/index.js';
import { serverTag } from './serverProcesses.js';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
const entry = (name: string, env: Record<string, string> = {}, extra: object = {}) => ({
  command: process.execPath,
  args: [toolServer, serverTag(name)],
  env,
  ...extra,
});
const managers: MCPConnectionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

async function setUp(servers: Record<string, object>) {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-reload-'));
  const file = join(dir, 'mcp_servers.json');
  /** Saves as editors do: a temporary file renamed over the config. */
  const save = (config: object) => {
    writeFileSync(join(dir, '.mcp_servers.json.tmp'), JSON.stringify(config));
    renameSync(join(dir, '.mcp_servers.json.tmp'), file);
  };
  save({ mcpServers: servers });
  const m = new MCPConnectionManager({ backoff: { baseDelay: 20, maxDelay: 100, jitter: false } });
  managers.push(m);
  await m.initialize(file);
  await m.connectAllEnabled();
  const pid = async (name: string) => ((await m.getClient(name)) as MCPClient & { pid?: number }).pid;
  return { m, dir, file, save, pid };
}

describe('reload by difference (real stdio servers)', () => {
  it('adds, removes, restarts and flips what changed, and leaves the rest running with its call in flight', async () => {
    const hold = join(mkdtempSync(join(tmpdir(), 'mcp-hold-')), 'hold');
    const { m, file, save, pid } = await setUp({
      same: entry('same', { HOLD_WHILE: hold }),
      changed: entry('changed', { MODE: 'one' }),
      gone: entry('gone'),
      renamed: entry('renamed'),
      off: entry('off', {}, { enabled: false }),
      on: entry('on'),
    });
    const before = { same: await pid('same'), changed: await pid('changed'), gone: await pid('gone') };
    writeFileSync(hold, '');
    const inFlight = m.callTool('same__echo', { n: 1 });
    const events: ReloadResult[] = [];
    m.on('configReloaded', (result) => events.push(result));

    save({
      mcpServers: {
        same: entry('same', { HOLD_WHILE: hold }),
        changed: entry('changed', { MODE: 'two' }),
        renamedNow: entry('renamed'),
        off: entry('off'),
        on: entry('on', {}, { enabled: false }),
        fresh: entry('fresh'),
      },
    });
    const result = await m.reload(file);
    expect(result).toEqual({
      file,
      added: ['renamedNow', 'fresh'],
      removed: ['gone', 'renamed'],
      restarted: ['changed'],
      enabled: ['off'],
      disabled: ['on'],
      refiltered: [],
      kept: ['same'],
      refused: [],
    });
    expect(events).toEqual([result]);
    expect(await pid('same')).toBe(before.same);
    expect(await pid('changed')).not.toBe(before.changed);
    expect(isAlive(before.gone as number)).toBe(false);
    const status = await m.getServerStatus();
    expect(Object.keys(status).sort()).toEqual(['changed', 'fresh', 'off', 'on', 'renamedNow', 'same']);
    expect(status).toMatchObject({
      fresh: { state: 'connected' },
      renamedNow: { state: 'connected' },
      off: { state: 'connected', enabled: true },
      on: { state: 'disabled', enabled: false },
      same: { state: 'connected', restarts: 0 },
    });
    // The call sent before the reload is answered by the same process.
    rmSync(hold);
    await expect(inFlight).resolves.toMatchObject({
      content: [{ text: `echo:{"n":1}:${before.same}` }],
    });
    expect((await m.listTools()).map((t) => t.qualifiedName)).toContain('fresh__echo');
  });

  it('a new tool filter alone applies to the running server: same process, its tools through the new filter at once', async () => {
    const { m, file, save, pid } = await setUp({ a: entry('a', { TOOLS: 'read,write,echo' }) });
    const before = await pid('a');
    const names = async () => (await m.listTools()).map((t) => t.qualifiedName).sort();
    expect(await names()).toEqual(['a__echo', 'a__read', 'a__write']);
    const changed: string[] = [];
    m.on('toolsChanged', (event) => changed.push(event.server));
    save({
      mcpServers: {
        a: entry('a', { TOOLS: 'read,write,echo' }, { excludeTools: ['wr*'], autoApprove: ['read'] }),
      },
    });
    expect(await m.reload(file)).toMatchObject({ refiltered: ['a'], restarted: [], kept: [] });
    expect(changed).toEqual(['a']);
    expect(await names()).toEqual(['a__echo', 'a__read']);
    expect((await m.listTools()).find((t) => t.originalName === 'read')?.autoApprove).toBe(true);
    await expect(m.callTool('a__write', {})).rejects.toMatchObject({ code: ManagerErrorCode.TOOL_FILTERED });
    expect(await pid('a')).toBe(before);
    expect((await m.getServerStatus()).a).toMatchObject({ state: 'connected', restarts: 0 });
    // The next reload compares against the filter now in force.
    expect(await m.reload(file)).toMatchObject({ refiltered: [], kept: ['a'] });
  });

  it('changes nothing for a config that cannot be loaded, and says why', async () => {
    const { m, dir, file, pid } = await setUp({ a: entry('a') });
    const before = await pid('a');
    writeFileSync(file, '{ "mcpServers": { "a": ');
    await expect(m.reload(file)).rejects.toMatchObject({ code: ConfigErrorCode.CONFIG_SYNTAX, file });
    writeFileSync(file, JSON.stringify({ mcpServers: { a: { args: ['no command'] }, b: entry('b') } }));
    const invalid = await m.reload(file).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(MCPConfigError);
    expect(invalid).toMatchObject({ code: ConfigErrorCode.CONFIG_INVALID });
    await expect(m.reload(join(dir, 'missing.json'))).rejects.toMatchObject({
      code: ConfigErrorCode.CONFIG_NOT_FOUND,
    });
    await expect(m.reload({ mcpServers: { a: { command: '' } } } as MCPServersConfig)).rejects.toMatchObject({
      code: ConfigErrorCode.CONFIG_INVALID,
      issues: [{ path: 'mcpServers.a.command', message: 'must be a non-empty string' }],
    });
    expect(Object.keys(await m.getServerStatus())).toEqual(['a']);
    expect(await pid('a')).toBe(before);
  });

  it('keeps a running server whose new entry the loader refused, and reports it', async () => {
    const { m, pid } = await setUp({ a: entry('a'), b: entry('b') });
    const before = await pid('a');
    const error = new MCPConfigError('Invalid server "a" config', { serverName: 'a' });
    // What a non-strict load gives: the good entries, and the refused ones under `failed`.
    const partial = { mcpServers: { b: entry('b') }, failed: { a: error } } as MCPServersConfig;
    const result = await m.reload(partial);
    expect(result).toMatchObject({
      removed: [],
      kept: ['a', 'b'],
      refused: [{ server: 'a', name: 'a', error }],
    });
    expect(await pid('a')).toBe(before);
  });
});

describe('watching the config file (real stdio servers)', () => {
  it('reloads on each save, rename-over saves included (debounced), and tells why a change was refused', async () => {
    const { m, file, save, pid } = await setUp({ a: entry('a') });
    const stop = m.watch(file, { debounce: 50 });
    const before = await pid('a');

    const first = once(m, 'configReloaded') as Promise<[ReloadResult]>;
    save({ mcpServers: { a: entry('a'), b: entry('b') } });
    expect((await first)[0]).toMatchObject({ added: ['b'], kept: ['a'] });

    // A second rename-over save: the watch on the directory still sees it.
    const second = once(m, 'configReloaded') as Promise<[ReloadResult]>;
    save({ mcpServers: { a: entry('a') } });
    expect((await second)[0]).toMatchObject({ removed: ['b'], kept: ['a'] });

    const refused = once(m, 'configReloadFailed') as Promise<[ConfigReloadFailure]>;
    save({ mcpServers: { a: { transport: 'http', url: 'not a url' } } });
    const [failure] = await refused;
    expect(failure.file).toBe(file);
    expect(failure.error).toBeInstanceOf(MCPConfigError);
    expect(failure.error.message).toMatch(/mcpServers\.a\.url/);
    expect(await pid('a')).toBe(before);

    // Several writes in quick succession are one reload.
    let reloads = 0;
    m.on('configReloaded', () => reloads++);
    const last = once(m, 'configReloaded');
    for (const extra of ['x', 'y', 'z'])
      writeFileSync(file, JSON.stringify({ mcpServers: { a: entry('a'), [extra]: entry(extra) } }));
    await last;
    expect(reloads).toBe(1);
    expect(Object.keys(await m.getServerStatus()).sort()).toEqual(['a', 'z']);
    stop();
  });

  it('watch: true in the options watches the file given to initialize', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-watch-'));
    const file = join(dir, 'mcp.json');
    writeFileSync(file, JSON.stringify({ mcpServers: { a: entry('a') } }));
    const m = new MCPConnectionManager({ watch: { debounce: 20 } });
    managers.push(m);
    await m.initialize(file);
    const reloaded = once(m, 'configReloaded') as Promise<[ReloadResult]>;
    writeFileSync(file, JSON.stringify({ mcpServers: { a: entry('a'), b: entry('b') } }));
    expect((await reloaded)[0]).toMatchObject({ added: ['b'], kept: ['a'] });
  });
});
