import type { StdioServerConfig, ToolTask, ToolTaskStart } from '@org/mcp-core';
import { officialTaskServerScript } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { MCPConnectionManager, MemoryCatalogStore } from '../src/index.js';

const managers: MCPConnectionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

function taskOf(start: ToolTaskStart): ToolTask {
  if (start.kind !== 'task') throw new Error('expected a task');
  return start.task;
}

/** Waits for an asynchronous condition, polling; the deadline is a safety net. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting: ${what}`);
}

describe('tasks through a view on a user-scoped server', () => {
  it('start, status, result, list and cancel go to that user’s own connection; another user’s connection knows none of them', async () => {
    const m = new MCPConnectionManager({ maxRetries: 0, catalogStore: new MemoryCatalogStore() });
    managers.push(m);
    await m.initialize({
      mcpServers: {
        t: {
          command: process.execPath,
          args: [officialTaskServerScript],
          scope: 'user',
        } as StdioServerConfig,
      },
    });
    const alice = m.forUser('alice');
    const bob = m.forUser('bob');

    const task = taskOf(await alice.callToolAsTask('t__gated_job'));
    expect([task.serverName, task.toolName]).toEqual(['t', 'gated_job']);
    expect(await alice.getTask('t', task.taskId)).toMatchObject({ taskId: task.taskId, status: 'working' });
    // Bob's connection is his own process: it has no task of Alice's.
    await expect(bob.getTask('t', task.taskId)).rejects.toMatchObject({ code: 'PROTOCOL_ERROR' });
    expect(await bob.listTasks('t')).toEqual([]);
    expect((await m.getServerStatus()).t?.userConnections).toBe(2);

    // Task mode on a plain call: started on Alice's connection and followed to its end there.
    const viaCall = alice.callTool('t__gated_job', {}, { task: true });
    await until(async () => (await alice.listTasks('t')).length === 2, 'the task-mode call started');
    await bob.callTool('t__release'); // releases Bob's jobs: he has none
    expect(await alice.getTask('t', task.taskId)).toMatchObject({ status: 'working' });
    await alice.callTool('t__release');
    await expect(task.result()).resolves.toMatchObject({ structuredContent: { steps: 3 } });
    await expect(viaCall).resolves.toMatchObject({ structuredContent: { steps: 3 } });
    await expect(alice.getTaskResult('t', task.taskId)).resolves.toMatchObject({
      structuredContent: { steps: 3 },
    });

    const forever = taskOf(await bob.callToolAsTask('t__forever'));
    await bob.cancelTask('t', forever.taskId);
    await expect(forever.result()).rejects.toMatchObject({ code: 'TASK_CANCELLED', serverName: 't' });
    expect(await alice.listTasks('t')).toHaveLength(2);
  });
});
