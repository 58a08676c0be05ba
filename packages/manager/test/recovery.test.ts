import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AuthErrorCode,
  HttpErrorCode,
  ManagerErrorCode,
  MCPConnectionError,
  type MCPServerConfig,
  StdioErrorCode,
  type StdioServerConfig,
} from '@org/mcp-core';
import { isAlive, listenLoopback, waitUntil } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { type ManagerOptions, MCPConnectionManager } from '../src/index.js';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
const server = (env: Record<string, string> = {}): StdioServerConfig => ({
  transport: 'stdio',
  command: process.execPath,
  args: [toolServer],
  env,
});
const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'mcp-recovery-')), name);

const managers: MCPConnectionManager[] = [];
async function manager(
  servers: Record<string, MCPServerConfig>,
  options: ManagerOptions = {},
): Promise<MCPConnectionManager> {
  const m = new MCPConnectionManager({
    backoff: { baseDelay: 20, maxDelay: 100, jitter: false },
    ...options,
  });
  managers.push(m);
  await m.initialize({ mcpServers: servers });
  return m;
}
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

const pidOf = async (m: MCPConnectionManager, name: string) =>
  ((await m.getClient(name)) as unknown as { pid: number }).pid;

/** Resolves with what `act` returns when the server next enters `state`, `act` running inside the event. */
function onState<T>(m: MCPConnectionManager, state: string, act: () => T): Promise<T> {
  return new Promise((resolve) => {
    const listener = (event: { state: string }) => {
      if (event.state !== state) return;
      m.off('serverStateChanged', listener);
      resolve(act());
    };
    m.on('serverStateChanged', listener);
  });
}

describe('a server killed from outside', () => {
  it('fails the call in flight, never sends it again, and a call during the restart waits and goes through', async () => {
    const calls = tempFile('calls');
    const m = await manager({ s: server({ TOOLS: 'echo,hang', CALLS_FILE: calls }) });
    await m.connectServer('s');
    const pid = await pidOf(m, 's');
    const inFlight = m.callTool('s__hang').catch((error: unknown) => error);
    await m.callTool('s__echo'); // answered after `hang` was read, so `hang` has reached the server
    // Made while the restart is under way: it waits for it instead of failing.
    const duringRestart = onState(m, 'reconnecting', () => m.callTool('s__echo', { after: 'kill' }));
    process.kill(pid, 'SIGKILL');
    const error = await inFlight;
    expect(error).toBeInstanceOf(MCPConnectionError);
    const result = await duringRestart;
    const newPid = await pidOf(m, 's');
    expect(newPid).not.toBe(pid);
    expect(result.content[0]).toMatchObject({ text: `echo:{"after":"kill"}:${newPid}` });
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual([
      `hang ${pid}`,
      `echo ${pid}`,
      `echo ${newPid}`,
    ]);
    expect((await m.getServerStatus()).s).toMatchObject({ state: 'connected', restarts: 1 });
  });

  it('is given up at once when its restarts fail alike, without spending the restart budget', async () => {
    const m = await manager({ s: server({ ONCE_FILE: tempFile('started') }) }, { maxRestarts: 5 });
    await m.connectServer('s');
    const failed = onState(m, 'failed', () => undefined);
    process.kill(await pidOf(m, 's'), 'SIGKILL');
    await failed;
    const status = (await m.getServerStatus()).s;
    expect(status).toMatchObject({
      state: 'failed',
      restarts: 2,
      lastError: { code: StdioErrorCode.SERVER_EXITED },
    });
    const call = await m.callTool('s__echo').catch((e: unknown) => e);
    expect(call).toMatchObject({ code: ManagerErrorCode.SERVER_FAILED, serverName: 's' });
    expect((call as Error).cause).toMatchObject({
      exitCode: 3,
      stderrTail: expect.stringContaining('API_KEY'),
    });
  });
});

describe('a server failing its health checks', () => {
  it('is stopped when the restart budget is spent, not left running under a failed status', async () => {
    const health = { healthCheckInterval: 50, healthCheckFailures: 1, healthCheckTimeout: 500 };
    const m = await manager({ s: server() }, { maxRestarts: 0, ...health });
    await m.connectServer('s');
    const pid = await pidOf(m, 's');
    const failed = onState(m, 'failed', () => undefined);
    process.kill(pid, 'SIGHUP'); // it stops answering pings
    await failed;
    await waitUntil(() => !isAlive(pid), 'the unhealthy server stopped');
    expect((await m.getServerStatus()).s).toMatchObject({
      state: 'failed',
      lastError: { code: ManagerErrorCode.RESTARTS_EXHAUSTED },
    });
  });
});

describe('failures another attempt cannot heal', () => {
  it('a server that exits alike twice while starting is not tried a third time; one that varies is', async () => {
    const m = await manager({
      same: server({ EXIT_BEFORE_HANDSHAKE: '1' }),
      varies: server({ EXIT_DIFFERENTLY: '1' }),
    });
    expect(await m.connectAllEnabled({ maxRetries: 4 })).toEqual({ same: false, varies: false });
    const status = await m.getServerStatus();
    expect(status.same).toMatchObject({
      state: 'failed',
      attempts: 2,
      lastError: { code: StdioErrorCode.SERVER_EXITED },
    });
    expect(status.varies).toMatchObject({ state: 'failed', attempts: 5 });
  });

  it('HTTP 404, 410, 401 and 403 on the endpoint are not retried; 500 and 503 are', async () => {
    // Answers every request with the status its path starts with.
    const endpoint = await listenLoopback((req, res) => {
      req.resume();
      // Anything else (OAuth discovery's well-known paths, after the 401) is not there.
      res.statusCode = Number(req.url?.split('/')[1]) || 404;
      res.end('no');
    });
    try {
      const statuses = [404, 410, 401, 403, 500, 503];
      const m = await manager(
        Object.fromEntries(
          statuses.map((status) => [
            `s${status}`,
            { transport: 'http', url: `${endpoint.origin}/${status}/mcp` },
          ]),
        ),
      );
      await m.connectAllEnabled({ maxRetries: 2 });
      const status = await m.getServerStatus();
      for (const code of statuses) {
        expect(status[`s${code}`], String(code)).toMatchObject({
          state: 'failed',
          attempts: code >= 500 ? 3 : 1,
          // A 401 starts OAuth: no metadata anywhere means the 2025-03-26 fixed endpoints, and /register is not there.
          lastError: {
            code: code === 401 ? AuthErrorCode.AUTH_REGISTRATION_FAILED : HttpErrorCode.HTTP_STATUS,
          },
        });
      }
    } finally {
      await endpoint.close();
    }
  });
});
