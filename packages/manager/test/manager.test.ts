import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MCPConnectionError, type MCPServerConfig, type StdioServerConfig } from '@org/mcp-core';
import { isAlive, waitUntil } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { type ManagerOptions, MCPConnectionManager } from '../src/index.js';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));

function server(env: Record<string, string> = {}): StdioServerConfig {
  return { transport: 'stdio', command: process.execPath, args: [toolServer], env };
}

/** Fast backoff so tests do not wait seconds; the sequence itself is checked on fake timers elsewhere. */
const fast: ManagerOptions = { backoff: { baseDelay: 20, maxDelay: 100, jitter: false } };

const managers: MCPConnectionManager[] = [];
function manager(
  servers: Record<string, MCPServerConfig>,
  options: ManagerOptions = {},
): Promise<MCPConnectionManager> {
  const m = new MCPConnectionManager({ ...fast, ...options });
  managers.push(m);
  return m.initialize({ mcpServers: servers }).then(() => m);
}

/** Pids of every stdio server the manager currently runs. */
async function pids(m: MCPConnectionManager): Promise<number[]> {
  const result: number[] = [];
  for (const [name, status] of Object.entries(await m.getServerStatus())) {
    if (!status.connected) continue;
    const pid = ((await m.getClient(name)) as unknown as { pid?: number }).pid;
    if (pid) result.push(pid);
  }
  return result;
}

function nextState(m: MCPConnectionManager, name: string, state: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = (event: { name: string; state: string }) => {
      if (event.name === name && event.state === state) {
        m.off('serverStateChanged', listener);
        resolve();
      }
    };
    m.on('serverStateChanged', listener);
  });
}

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

describe('MCPConnectionManager with real stdio servers', () => {
  it('connects the good servers and reports the bad ones, promptly and in parallel', async () => {
    const m = await manager({
      one: server(),
      two: server({ TOOLS: 'echo,add' }),
      missing: { command: '/nonexistent/definitely-not-a-command' },
      dies: server({ EXIT_BEFORE_HANDSHAKE: '1' }),
    });
    const results = await m.connectAllEnabled({ maxRetries: 1 });
    expect(results).toEqual({ one: true, two: true, missing: false, dies: false });
    const status = await m.getServerStatus();
    expect(status.one).toMatchObject({
      state: 'connected',
      connected: true,
      toolCount: 1,
      transport: 'stdio',
    });
    expect(status.missing).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: { code: 'SPAWN_FAILED' },
    });
    expect(status.dies?.state).toBe('failed');
    expect(status.dies?.attempts).toBe(2);
    expect(status.dies?.lastError?.message).toContain('missing API_KEY');
    await expect(m.getClient('missing')).rejects.toThrow(/failed/);
    await expect(m.getClient('onee')).rejects.toThrow(/Did you mean "one"/);
    expect(await m.healthCheckAll()).toEqual({ one: true, two: true, missing: false, dies: false });
  });

  it('brings back a server killed from outside, and calls work again', async () => {
    const m = await manager({ echo: server() });
    await m.connectServer('echo');
    const [pid] = await pids(m);
    const back = nextState(m, 'echo', 'connected');
    process.kill(pid as number, 'SIGKILL');
    await back;
    const result = await m.callTool('echo__echo', { x: 1 });
    const [newPid] = await pids(m);
    expect(newPid).not.toBe(pid);
    expect(result.content[0]).toMatchObject({ type: 'text', text: `echo:{"x":1}:${newPid}` });
    expect((await m.getServerStatus()).echo).toMatchObject({ restarts: 1, state: 'connected' });
  });

  it('gives up on a server that always dies, and then fails calls at once', async () => {
    const m = await manager({ flaky: server({ DIE_AFTER_TOOLS_LIST: '1' }) }, { maxRestarts: 2 });
    const failed = nextState(m, 'flaky', 'failed');
    await m.connectServer('flaky');
    await failed;
    const status = (await m.getServerStatus()).flaky;
    expect(status).toMatchObject({ state: 'failed', restarts: 2, lastError: { code: 'RESTARTS_EXHAUSTED' } });
    const error = await m.getClient('flaky').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect((error as MCPConnectionError).code).toBe('SERVER_FAILED');
    await expect(m.callTool('flaky__echo')).rejects.toThrow(/No connected server offers/);
  });

  it('disables, enables, adds and removes servers', async () => {
    const m = await manager({ a: server(), off: { ...server(), enabled: false } });
    expect(await m.connectAllEnabled()).toEqual({ a: true });
    await expect(m.connectServer('off')).rejects.toMatchObject({ code: 'SERVER_DISABLED' });
    const [pidA] = await pids(m);
    await m.disableServer('a');
    await waitUntil(() => !isAlive(pidA as number), 'server a stopped');
    await expect(m.getClient('a')).rejects.toMatchObject({ code: 'SERVER_DISABLED' });
    await m.enableServer('a');
    expect((await m.getServerStatus()).a?.state).toBe('idle');
    await m.connectServer('a');
    m.addServer('b', server({ TOOLS: 'other' }));
    expect(() => m.addServer('b', server())).toThrow(/already configured/);
    await m.connectServer('b');
    expect((await m.listTools()).map((t) => t.qualifiedName).sort()).toEqual(['a__echo', 'b__other']);
    await m.removeServer('b');
    expect((await m.listTools()).map((t) => t.qualifiedName)).toEqual(['a__echo']);
    await expect(m.getClient('b')).rejects.toMatchObject({ code: 'UNKNOWN_SERVER' });
  });

  it('names colliding tools under each policy and routes calls', async () => {
    const servers = { left: server({ TOOLS: 'echo,only_left' }), right: server() };
    const prefixed = await manager(servers);
    await prefixed.connectAllEnabled();
    expect((await prefixed.listTools()).map((t) => t.qualifiedName)).toEqual([
      'left__echo',
      'left__only_left',
      'right__echo',
    ]);
    const onCollision = await manager(servers, { toolNaming: 'prefix-on-collision' });
    await onCollision.connectAllEnabled();
    expect((await onCollision.listTools()).map((t) => t.qualifiedName)).toEqual([
      'left__echo',
      'only_left',
      'right__echo',
    ]);
    const result = await onCollision.callTool('only_left', { a: 1 });
    expect(result.content[0]).toMatchObject({ text: expect.stringContaining('only_left:{"a":1}') });
    const strict = await manager(servers, { toolNaming: 'error' });
    await strict.connectAllEnabled();
    await expect(strict.listTools()).rejects.toMatchObject({ code: 'TOOL_NAME_COLLISION' });
  });

  it("swaps a server's tools when it says they changed", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-tools-'));
    const file = join(dir, 'tools');
    writeFileSync(file, 'first');
    const m = await manager({ live: server({ TOOLS_FILE: file }) });
    await m.connectServer('live');
    expect((await m.listTools()).map((t) => t.qualifiedName)).toEqual(['live__first']);
    writeFileSync(file, 'first,second');
    const changed = new Promise<void>((resolve) => m.once('toolsChanged', () => resolve()));
    process.kill((await pids(m))[0] as number, 'SIGUSR2');
    await changed;
    expect((await m.listTools()).map((t) => t.qualifiedName)).toEqual(['live__first', 'live__second']);
  });

  it('shutdown waits for a server whose connection broke while its process still runs', async () => {
    // A 65 MiB answer is over the 64 MiB message limit: the client drops the connection at once, while stopping
    // a process that ignores stdin EOF and SIGTERM takes until SIGKILL.
    const m = await manager(
      { stubborn: { ...server({ STUBBORN: '1', TOOLS: 'huge' }), stopGracePeriod: 200 } },
      { autoReconnect: false },
    );
    await m.connectAllEnabled();
    const [pid] = await pids(m);
    const failed = nextState(m, 'stubborn', 'failed');
    await expect(m.callTool('stubborn__huge')).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    await failed;
    expect(isAlive(pid as number)).toBe(true);
    await m.shutdown();
    expect(isAlive(pid as number)).toBe(false);
  });

  it('shuts down every server, idempotently, leaving no process behind', async () => {
    const m = await manager({ a: server(), b: server(), c: server() });
    await m.connectAllEnabled();
    const running = await pids(m);
    expect(running).toHaveLength(3);
    await Promise.all([m.shutdown(), m.shutdown()]);
    await m.shutdown();
    for (const pid of running) expect(isAlive(pid)).toBe(false);
    await expect(m.getClient('a')).rejects.toMatchObject({ code: 'MANAGER_SHUT_DOWN' });
    await expect(m.connectAllEnabled()).rejects.toMatchObject({ code: 'MANAGER_SHUT_DOWN' });
    expect((await m.getServerStatus()).a?.state).toBe('closed');
  });
});
