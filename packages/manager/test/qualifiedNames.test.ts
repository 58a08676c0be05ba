import { fileURLToPath } from 'node:url';
import { ManagerErrorCode, MCPConnectionError, type StdioServerConfig } from '@org/mcp-core';
import { waitUntil } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { type ManagerOptions, MCPConnectionManager } from '../src/index.js';
import { fakeSleep } from './fakeSleep.js';
import { serverTag } from './serverProcesses.js';

// Servers that never connected and have no catalog (no server is lazy, no store given): the manager knows none of
// their tools, so only the `server__` prefix says whose a name is.
const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));

function server(name: string, env: Record<string, string> = {}, extra: object = {}): StdioServerConfig {
  return {
    transport: 'stdio',
    command: process.execPath,
    args: [toolServer, serverTag(name)],
    env: { TOOLS: 'echo', ...env },
    ...extra,
  } as StdioServerConfig;
}

const managers: MCPConnectionManager[] = [];
async function manager(mcpServers: Record<string, StdioServerConfig>, options: ManagerOptions = {}) {
  const m = new MCPConnectionManager(options);
  managers.push(m);
  await m.initialize({ mcpServers });
  return m;
}
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

const failure = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('a qualified name names its server whatever its state (no tool of it known yet)', () => {
  it('connecting: the call waits for the connect and goes through', async () => {
    // A generous bound: the call must not give up while a loaded machine spawns the server.
    const m = await manager({ s: server('qn-connecting') }, { callWhileRestarting: 60_000 });
    const connecting = new Promise<void>((resolve) =>
      m.on('serverStateChanged', (e) => e.state === 'connecting' && resolve()),
    );
    const connected = m.connectAllEnabled();
    await connecting;
    // Issued in the same turn as the state change: the server's handshake cannot have finished.
    const call = m.callTool('s__echo', { text: 'hi' });
    expect((await m.getServerStatus()).s?.state).toBe('connecting');
    expect(await call).toMatchObject({ content: [{ type: 'text' }] });
    expect(await connected).toEqual({ s: true });
  });

  it('connecting: the wait is bounded by callWhileRestarting, then the call fails with the state and last error', async () => {
    const clock = fakeSleep();
    // Each start exits with its own reason (retried); the backoff then waits on the fake clock, so it stays connecting.
    const m = await manager(
      { s: server('qn-stuck', { EXIT_DIFFERENTLY: '1' }) },
      { sleep: clock.sleep, maxRetries: 5, callWhileRestarting: 300 },
    );
    void m.connectAllEnabled();
    await waitUntil(() => clock.pending() > 0, 'the connect to wait out its backoff');
    expect((await m.getServerStatus()).s?.state).toBe('connecting');
    const error = await failure(m.callTool('s__echo', {}));
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect(error).toMatchObject({ code: ManagerErrorCode.SERVER_CONNECTING, serverName: 's' });
    expect((error as Error).cause).toMatchObject({ message: expect.stringContaining('missing API_KEY') });
  });

  it('failed: the call fails at once with SERVER_FAILED and its last error, never UNKNOWN_TOOL', async () => {
    const m = await manager({ s: server('qn-failed', { EXIT_BEFORE_HANDSHAKE: '1' }) }, { maxRetries: 0 });
    expect(await m.connectAllEnabled()).toEqual({ s: false });
    const status = (await m.getServerStatus()).s;
    expect(status?.state).toBe('failed');
    const error = await failure(m.callTool('s__echo', {}));
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect(error).toMatchObject({ code: ManagerErrorCode.SERVER_FAILED, serverName: 's' });
    expect((error as Error).message).toContain('missing API_KEY');
    expect((error as Error).cause).toMatchObject({ code: status?.lastError?.code });
  });

  it('disabled: the call fails at once with SERVER_DISABLED, its last error (if any) the cause', async () => {
    const m = await manager(
      {
        off: server('qn-off', {}, { enabled: false }),
        s: server('qn-disabled', { EXIT_BEFORE_HANDSHAKE: '1' }),
      },
      { maxRetries: 0 },
    );
    await expect(m.callTool('off__echo', {})).rejects.toMatchObject({
      code: ManagerErrorCode.SERVER_DISABLED,
      serverName: 'off',
    });
    await m.connectAllEnabled();
    const lastError = (await m.getServerStatus()).s?.lastError;
    await m.disableServer('s');
    const error = await failure(m.callTool('s__echo', {}));
    expect(error).toMatchObject({ code: ManagerErrorCode.SERVER_DISABLED, serverName: 's' });
    expect((error as Error).cause).toMatchObject({ code: lastError?.code });
  });

  it('UNKNOWN_TOOL is for a name no configured server has', async () => {
    const m = await manager({ s: server('qn-known') });
    await m.connectAllEnabled();
    await expect(m.callTool('nobody__echo', {})).rejects.toMatchObject({
      code: ManagerErrorCode.UNKNOWN_TOOL,
    });
    await expect(m.callTool('s__nope', {})).rejects.toMatchObject({ code: ManagerErrorCode.UNKNOWN_TOOL });
    await expect(m.callTool('s__echo', { text: 'hi' })).resolves.toHaveProperty('content');
  });
});
