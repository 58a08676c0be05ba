import type { ToolTask, ToolTaskStart } from '@org/mcp-core';
import { officialTaskServerScript } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { type ManagerOptions, MCPConnectionManager, MemoryCatalogStore } from '../src/index.js';
import { fakeSleep } from './fakeSleep.js';
import { featureServer } from './featureServers.js';
import { serverTag } from './serverProcesses.js';

// The manager-wide `start: 'lazy'`, and first uses other than a tool call or a resource read (onDemand.test.ts).
const managers: MCPConnectionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

/** A manager whose servers are all lazy by its default, stopped after 100 ms idle on a fake clock. */
async function lazyManager(command: string[], clock: ReturnType<typeof fakeSleep>) {
  const options: ManagerOptions = {
    start: 'lazy',
    idleTimeout: 100,
    sleep: clock.sleep,
    catalogStore: new MemoryCatalogStore(),
  };
  const m = new MCPConnectionManager(options);
  managers.push(m);
  await m.initialize({ mcpServers: { s: { command: process.execPath, args: command } } });
  const parked = stateReached(m, 'lazy');
  // No catalog entry yet: it starts once to fill it, then stops when idle.
  expect(await m.connectAllEnabled()).toEqual({ s: 'lazy' });
  await clock.advance(100);
  await parked;
  return m;
}

const stateReached = (m: MCPConnectionManager, state: string) =>
  new Promise<void>((resolve) => m.on('serverStateChanged', (e) => e.state === state && resolve()));

describe('servers lazy by the manager-wide default', () => {
  it('a prompt is a first use: getPrompt starts the server', async () => {
    const clock = fakeSleep();
    const m = await lazyManager([featureServer, serverTag('first-prompt')], clock);
    const [prompt] = await m.listPrompts();
    expect(prompt).toBeDefined();
    await expect(m.getPrompt(prompt?.qualifiedName as string, {})).resolves.toHaveProperty('messages');
    expect((await m.getServerStatus()).s).toMatchObject({
      state: 'connected',
      start: 'lazy',
      lastStart: { reason: 'call' },
    });
  });

  it('a task is a first use, and a task followed holds the server against the idle stop', async () => {
    const clock = fakeSleep();
    const m = await lazyManager([officialTaskServerScript], clock);
    const start: ToolTaskStart = await m.callToolAsTask('s__gated_job');
    if (start.kind !== 'task') throw new Error('expected a task');
    const task: ToolTask = start.task;
    expect((await m.getServerStatus()).s).toMatchObject({
      state: 'connected',
      lastStart: { reason: 'call' },
    });
    const result = task.result();
    await task.status();
    await clock.advance(1_000);
    expect((await m.getServerStatus()).s?.state).toBe('connected');
    await m.callTool('s__release');
    await expect(result).resolves.toMatchObject({ structuredContent: { steps: 3 } });
    const parked = stateReached(m, 'lazy');
    await clock.advance(100);
    await parked;
  });
});
