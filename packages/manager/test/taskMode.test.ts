import { modernTaskServerScript, officialTaskServerScript, startHttpServerProcess } from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCPConnectionManager } from '../src/index.js';

/**
 * Task mode through the manager, against the real task servers of @org/mcp-demo-servers: `v1` the official
 * SDK 1.x server (2025-11-25, stdio), `v2` the 2026-07-28 tasks fixture over stdio, `web` the same fixture
 * over HTTP, whose tasks outlive a client's reconnect. Plain requests time out after 1 s; tasks are followed
 * past it. The servers start once for the file.
 */
let web: Awaited<ReturnType<typeof startHttpServerProcess>>;
let m: MCPConnectionManager;
/** Resolves the next time a client sends this method (each client's observeRequest). */
const sent = new Map<string, () => void>();
const nextSent = (method: string) => new Promise<void>((resolve) => sent.set(method, resolve));

beforeAll(async () => {
  web = await startHttpServerProcess(modernTaskServerScript, ['http']);
  m = new MCPConnectionManager({
    backoff: { baseDelay: 20, maxDelay: 100, jitter: false },
    // A health round every 100 ms; one failed check reconnects a server (the HTTP test's lever).
    healthCheckInterval: 100,
    healthCheckFailures: 1,
    clientOptions: {
      requestTimeout: 1000,
      observeRequest: ({ method }) => {
        sent.get(method)?.();
        sent.delete(method);
        return undefined;
      },
    },
  });
  await m.initialize({
    mcpServers: {
      v1: { command: process.execPath, args: [officialTaskServerScript], taskTools: ['gated_*'] },
      v2: { command: process.execPath, args: [modernTaskServerScript] },
      web: { transport: 'http', url: `${web.origin}/mcp`, taskTools: ['gated_job'] },
    },
  });
  expect(await m.connectAllEnabled()).toEqual({ v1: true, v2: true, web: true });
});

afterAll(async () => {
  await m?.shutdown();
  await web?.close();
});

describe('a call in task mode', () => {
  it('with { task: true }: runs as a task in either era, followed past the request timeout to its result', async () => {
    for (const server of ['v1', 'v2']) {
      const followed = nextSent(server === 'v1' ? 'tasks/result' : 'tasks/get');
      const call = m.callTool(`${server}__gated_job`, {}, { task: true });
      await followed;
      // Longer than the 1 s request timeout: a task's wait has none.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await m.callTool(`${server}__release`);
      await expect(call).resolves.toMatchObject({ structuredContent: { steps: 3 } });
    }
    expect((await m.listTasks('v1')).length).toBeGreaterThan(0);
  });

  it("per tool from the config's taskTools, and a plain call where the tool or server has no tasks", async () => {
    const before = (await m.listTasks('v1')).length;
    const call = m.callTool('v1__gated_job');
    await expect.poll(async () => (await m.listTasks('v1')).length).toBe(before + 1);
    await m.callTool('v1__release');
    await expect(call).resolves.toMatchObject({ structuredContent: { steps: 3 } });
    await expect(m.callTool('v1__plain', {}, { task: true })).resolves.toMatchObject({
      content: expect.any(Array),
    });
    await expect(m.callTool('v2__quick', {}, { task: true })).resolves.toMatchObject({
      content: [{ type: 'text', text: 'at once' }],
    });
  });

  it('an abort stops the wait and cancels the task on the server', async () => {
    const controller = new AbortController();
    const followed = nextSent('tasks/get');
    const call = m
      .callTool('v2__forever', {}, { task: true, signal: controller.signal })
      .catch((e: unknown) => e);
    await followed;
    const cancelled = nextSent('tasks/cancel');
    controller.abort();
    expect(await call).toMatchObject({ code: 'REQUEST_ABORTED' });
    await cancelled;
  });

  it('2026-07-28 over HTTP: the wait goes on across a reconnect and ends with the result', async () => {
    const followed = nextSent('tasks/get');
    const call = m.callTool('web__gated_job');
    await followed;
    const states: string[] = [];
    const reconnected = new Promise<void>((resolve) => {
      const onState = ({ server, state }: { server: string; state: string }) => {
        if (server !== 'web') return;
        states.push(state);
        if (state !== 'connected') return;
        m.off('serverStateChanged', onState);
        resolve();
      };
      m.on('serverStateChanged', onState);
    });
    // The next health round fails (healthCheckFailures: 1): the manager reconnects the server.
    await m.callTool('web__fail_next_discover');
    await reconnected;
    expect(states).toContain('reconnecting');
    expect((await m.getServerStatus()).web?.restarts).toBe(1);
    await m.callTool('web__release');
    await expect(call).resolves.toMatchObject({ structuredContent: { steps: 3 } });
  });

  it('2025-11-25 over stdio: a restart ends the wait with TASK_INTERRUPTED (the task went with the process)', async () => {
    const followed = nextSent('tasks/result');
    const call = m.callTool('v1__gated_job').catch((e: unknown) => e);
    await followed;
    process.kill(((await m.getClient('v1')) as unknown as { pid: number }).pid, 'SIGKILL');
    expect(await call).toMatchObject({ code: 'TASK_INTERRUPTED', serverName: 'v1' });
  });
});
