import { MCPConnectionError, type ToolTask, type ToolTaskStart } from '@org/mcp-core';
import { modernTaskServerScript, officialTaskServerScript } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { MCPConnectionManager } from '../src/index.js';

const managers: MCPConnectionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

/** `v1`: the official SDK 1.x tasks server (2025-11-25); `v2`: the 2026-07-28 tasks extension fixture. */
async function manager(): Promise<MCPConnectionManager> {
  const m = new MCPConnectionManager({ backoff: { baseDelay: 20, maxDelay: 100, jitter: false } });
  managers.push(m);
  await m.initialize({
    mcpServers: {
      v1: { command: process.execPath, args: [officialTaskServerScript] },
      v2: { command: process.execPath, args: [modernTaskServerScript] },
    },
  });
  expect(await m.connectAllEnabled()).toEqual({ v1: true, v2: true });
  return m;
}

function taskOf(start: ToolTaskStart): ToolTask {
  if (start.kind !== 'task') throw new Error('expected a task');
  return start.task;
}

/** A wait for the task that is surely in flight (a status round trip after it started): what it ends with. */
async function waiting(task: ToolTask): Promise<{ outcome: Promise<unknown> }> {
  const outcome = task.result().catch((e: unknown) => e);
  await task.status();
  return { outcome };
}

const pidOf = async (m: MCPConnectionManager, name: string) =>
  ((await m.getClient(name)) as unknown as { pid: number }).pid;

describe('the manager routes task calls by qualified tool name', () => {
  it('to the server that owns the tool, in either era; status, result and lists through the manager', async () => {
    const m = await manager();
    for (const server of ['v1', 'v2']) {
      const task = taskOf(await m.callToolAsTask(`${server}__gated_job`));
      expect([task.serverName, task.toolName]).toEqual([server, 'gated_job']);
      expect(await m.getTask(server, task.taskId)).toMatchObject({ taskId: task.taskId, status: 'working' });
      const result = task.result();
      await m.callTool(`${server}__release`);
      await expect(result).resolves.toMatchObject({ structuredContent: { steps: 3 } });
      await expect(m.getTaskResult(server, task.taskId)).resolves.toMatchObject({
        structuredContent: { steps: 3 },
      });
    }
    expect((await m.listTasks('v1')).length).toBe(1);
    await expect(m.callToolAsTask('v1__nope')).rejects.toMatchObject({ code: 'UNKNOWN_TOOL' });
    await expect(m.callToolAsTask('v1__plain')).rejects.toMatchObject({
      code: 'TASKS_UNSUPPORTED',
      serverName: 'v1',
    });
    const forever = taskOf(await m.callToolAsTask('v2__forever'));
    await m.cancelTask('v2', forever.taskId);
    await expect(forever.result()).rejects.toMatchObject({ code: 'TASK_CANCELLED', serverName: 'v2' });
  });
});

describe('a server that restarts, stops or is removed fails its pending task waits', () => {
  it('restart (killed from outside): TASK_INTERRUPTED naming the server; the handle then asks the new process', async () => {
    const m = await manager();
    const task = taskOf(await m.callToolAsTask('v1__forever'));
    const { outcome } = await waiting(task);
    const pid = await pidOf(m, 'v1');
    process.kill(pid, 'SIGKILL');
    const error = await outcome;
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect(error).toMatchObject({ code: 'TASK_INTERRUPTED', serverName: 'v1' });
    expect((error as Error).message).toMatch(/server "v1"/);
    // The handle follows the server: the restarted process does not know the task.
    await expect(task.status()).rejects.toMatchObject({ code: 'PROTOCOL_ERROR', rpcCode: -32602 });
    expect(await pidOf(m, 'v1')).not.toBe(pid);
  });

  it('stop (disconnectServer) and removal (removeServer), in both eras', async () => {
    const m = await manager();
    const v1 = await waiting(taskOf(await m.callToolAsTask('v1__forever')));
    const v2 = await waiting(taskOf(await m.callToolAsTask('v2__forever')));
    await m.disconnectServer('v1');
    await m.removeServer('v2');
    expect(await v1.outcome).toMatchObject({ code: 'TASK_INTERRUPTED', serverName: 'v1' });
    expect(await v2.outcome).toMatchObject({ code: 'TASK_INTERRUPTED', serverName: 'v2' });
    await expect(m.getTask('v1', 'x')).rejects.toBeInstanceOf(MCPConnectionError);
    await expect(m.getTask('v2', 'x')).rejects.toMatchObject({ code: 'UNKNOWN_SERVER' });
  });
});
