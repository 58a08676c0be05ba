import { fileURLToPath } from 'node:url';
import { CoreErrorCode, ManagerErrorCode, type StdioServerConfig } from '@org/mcp-core';
import { descendantsOf } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { type ManagerOptions, MCPClientFactory, MCPConnectionManager } from '../src/index.js';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
const server: StdioServerConfig = { transport: 'stdio', command: process.execPath, args: [toolServer] };

const managers: MCPConnectionManager[] = [];
async function manager(options: ManagerOptions = {}): Promise<MCPConnectionManager> {
  const m = new MCPConnectionManager({
    backoff: { baseDelay: 20, maxDelay: 100, jitter: false },
    ...options,
  });
  managers.push(m);
  await m.initialize({ mcpServers: { a: server } });
  return m;
}

/** The pid of the live client, if any. */
async function livePid(m: MCPConnectionManager): Promise<number | undefined> {
  const client = await m.getClient('a').catch(() => undefined);
  return (client as { pid?: number } | undefined)?.pid;
}

/** The code a call fails with; observed at once, so a rejection is never left unhandled. */
function failure(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => 'none',
    (error: { code: string }) => error.code,
  );
}

/** What a connect stopped by a later operation fails with: aborted in flight, or stopped before it ran. */
const STOPPED = [CoreErrorCode.REQUEST_ABORTED, ManagerErrorCode.SERVER_STOPPED];

/** The tool servers this test process runs (each test file runs in its own process). */
const running = () => descendantsOf(process.pid);

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

// Operations on one server are called without awaiting each other, as concurrent callers would: each must end
// as if they had run one after the other, with at most one server process.
describe('operations on one server, issued together', () => {
  it('a disconnect during a connect aborts it and leaves nothing running', async () => {
    const m = await manager();
    const connecting = failure(m.connectServer('a'));
    await m.disconnectServer('a');
    expect(STOPPED).toContain(await connecting);
    expect((await m.getServerStatus()).a?.state).toBe('idle');
    expect(running()).toEqual([]);
  });

  it('a connect during a disconnect runs after it: connected, with one process', async () => {
    const m = await manager();
    await m.connectServer('a');
    const stopping = m.disconnectServer('a');
    const connecting = m.connectServer('a');
    await stopping;
    const client = await connecting;
    expect((await m.getServerStatus()).a?.state).toBe('connected');
    expect(await m.getClient('a')).toBe(client);
    expect(running()).toEqual([await livePid(m)]);
  });

  it('disable, enable and connect in a row end connected, with one process', async () => {
    const m = await manager();
    const first = failure(m.connectServer('a'));
    const disabled = m.disableServer('a');
    const enabled = m.enableServer('a');
    const second = m.connectServer('a');
    expect(STOPPED).toContain(await first);
    await Promise.all([disabled, enabled]);
    await second;
    expect((await m.getServerStatus()).a).toMatchObject({ state: 'connected', enabled: true });
    expect(running()).toEqual([await livePid(m)]);
  });

  it('enable then disable ends disabled, and a connect in between is refused or stopped', async () => {
    const m = await manager();
    await m.disableServer('a');
    const enabled = m.enableServer('a');
    const connecting = failure(m.connectServer('a'));
    await m.disableServer('a');
    await enabled;
    expect(STOPPED).toContain(await connecting);
    expect((await m.getServerStatus()).a).toMatchObject({ state: 'disabled', enabled: false });
    expect(running()).toEqual([]);
  });

  it('a connect racing removeServer neither revives the server nor leaves a process', async () => {
    const m = await manager();
    const first = failure(m.connectServer('a'));
    const removed = m.removeServer('a');
    const second = failure(m.connectServer('a'));
    expect(STOPPED).toContain(await first);
    expect(await second).toBe(ManagerErrorCode.SERVER_STOPPED);
    await removed;
    await expect(m.getClient('a')).rejects.toMatchObject({ code: 'UNKNOWN_SERVER' });
    expect(running()).toEqual([]);
  });

  it('an explicit connect takes over from a restart waiting out its backoff', async () => {
    // The restart would wait a minute; the explicit connect does not.
    const m = await manager({ backoff: { baseDelay: 60_000, jitter: false } });
    await m.connectServer('a');
    const reconnecting = new Promise<void>((resolve) =>
      m.on('serverStateChanged', (e) => e.state === 'reconnecting' && resolve()),
    );
    process.kill((await livePid(m)) as number, 'SIGKILL');
    await reconnecting;
    await m.connectServer('a');
    expect((await m.getServerStatus()).a?.state).toBe('connected');
    expect(running()).toEqual([await livePid(m)]);
  });

  it('a stop issued right as a connect gets its tools, at any microtask, leaves nothing running', async () => {
    for (let ticks = 0; ticks < 4; ticks++) {
      let stopped: Promise<unknown> = Promise.resolve();
      const m: MCPConnectionManager = await manager({
        // The real client, whose tool list is followed `ticks` microtasks later by a disconnect.
        createClient: (config, options) => {
          const client = MCPClientFactory.createClient(config, options);
          const getTools = client.getTools.bind(client);
          client.getTools = async (opts) => {
            const tools = await getTools(opts);
            let later = Promise.resolve();
            for (let i = 0; i < ticks; i++) later = later.then(() => {});
            stopped = later.then(() => m.disconnectServer('a'));
            return tools;
          };
          return client;
        },
      });
      await failure(m.connectServer('a'));
      await stopped;
      expect((await m.getServerStatus()).a, `${ticks} ticks`).toMatchObject({
        state: 'idle',
        connected: false,
      });
      expect(running(), `${ticks} ticks`).toEqual([]);
      await m.shutdown();
    }
  });

  it('after shutdown every operation is refused and the servers stay closed', async () => {
    const m = await manager();
    await m.connectServer('a');
    await m.shutdown();
    for (const operation of [
      () => m.disableServer('a'),
      () => m.enableServer('a'),
      () => m.disconnectServer('a'),
      () => m.removeServer('a'),
      () => m.connectServer('a'),
    ])
      expect(await failure(operation())).toBe(ManagerErrorCode.MANAGER_SHUT_DOWN);
    expect((await m.getServerStatus()).a).toMatchObject({ state: 'closed', connected: false });
    expect(running()).toEqual([]);
  });
});
