import { MCPConnectionError, MCPError, MCPProtocolError, type Progress, type TaskInfo } from '@org/mcp-core';
import { eraCache } from '@org/mcp-core/internal';
import {
  modernTaskServerScript,
  officialModernServerScript,
  officialTaskServerScript,
} from '@org/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MCPStdioClient, MCPStdioClientOptions } from '../src/index.js';
import { stdioClients } from './support/clients.js';

const clients = stdioClients();
beforeEach(() => eraCache.clear());

async function connect(script: string, options: MCPStdioClientOptions = {}) {
  const { client } = await clients.connected(
    { command: process.execPath, args: [script] },
    { name: 'jobs', ...options },
  );
  return client;
}

/** The task a start made; fails the test when the server answered at once. */
function taskOf(start: Awaited<ReturnType<MCPStdioClient['callToolAsTask']>>) {
  if (start.kind !== 'task') throw new Error('expected a task');
  return start.task;
}

describe('2025-11-25 tasks, against the official SDK 1.x server (experimental tasks)', () => {
  it('task call → status → progress and status notifications → result', async () => {
    const client = await connect(officialTaskServerScript);
    expect(client.era).toBe('handshake');
    const early: Progress[] = [];
    const task = taskOf(
      await client.callToolAsTask('gated_job', {}, { ttlMs: 60_000, onProgress: (p) => early.push(p) }),
    );
    expect(task.created).toMatchObject({ status: 'working', ttlMs: 600_000, pollIntervalMs: 50 });
    expect(task.serverName).toBe('jobs');
    expect(await task.status()).toMatchObject({ taskId: task.taskId, status: 'working' });
    const progress: Progress[] = [];
    const statuses: TaskInfo[] = [];
    const result = task.result({ onProgress: (p) => progress.push(p), onStatus: (t) => statuses.push(t) });
    await expect(client.callTool('release')).resolves.toMatchObject({ content: [{ text: 'released 1' }] });
    await expect(result).resolves.toMatchObject({
      content: [{ type: 'text', text: 'done after 3 steps' }],
      structuredContent: { steps: 3 },
    });
    const steps = [1, 2, 3].map((step) => ({ progress: step, total: 3, message: `step ${step}` }));
    expect(progress).toEqual(steps);
    expect(early).toEqual(steps);
    expect(statuses.at(-1)).toMatchObject({ taskId: task.taskId, status: 'completed' });
    expect(await task.status()).toMatchObject({ status: 'completed' });
    expect((await client.listTasks()).map((t) => t.taskId)).toContain(task.taskId);
  });

  it('cancel: the task is cancelled, and a wait for it is TASK_CANCELLED', async () => {
    const client = await connect(officialTaskServerScript);
    const task = taskOf(await client.callToolAsTask('forever'));
    const waiting = task.result().catch((e: unknown) => e);
    await expect(task.cancel()).resolves.toMatchObject({ taskId: task.taskId, status: 'cancelled' });
    const error = await waiting;
    expect(error).toBeInstanceOf(MCPError);
    expect(error).toMatchObject({ code: 'TASK_CANCELLED', serverName: 'jobs' });
    await expect(client.getTaskResult(task.taskId)).rejects.toMatchObject({ code: 'TASK_CANCELLED' });
  });

  it('a tool that is never a task, or a server without tasks, is TASKS_UNSUPPORTED before anything is sent', async () => {
    const client = await connect(officialTaskServerScript);
    const error = await client.callToolAsTask('plain').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPProtocolError);
    expect(error).toMatchObject({ code: 'TASKS_UNSUPPORTED', serverName: 'jobs' });
    expect((error as Error).message).toMatch(/tool "plain".*taskSupport is "forbidden"/);
    const { client: official2 } = await clients.connected({
      command: process.execPath,
      args: [officialModernServerScript, 'stdio'],
    });
    await expect(official2.callToolAsTask('echo', { message: 'x' })).rejects.toMatchObject({
      code: 'TASKS_UNSUPPORTED',
      message: expect.stringMatching(/io\.modelcontextprotocol\/tasks/),
    });
  });

  it('a disconnect fails the waits in progress with TASK_INTERRUPTED, naming the server', async () => {
    const client = await connect(officialTaskServerScript);
    const task = taskOf(await client.callToolAsTask('forever'));
    const waiting = task.result().catch((e: unknown) => e);
    await task.status(); // the wait's tasks/result went out before this answer came back
    await client.disconnect();
    const error = await waiting;
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect(error).toMatchObject({ code: 'TASK_INTERRUPTED', serverName: 'jobs' });
    expect((error as Error).message).toMatch(/server "jobs"/);
  });
});

describe('2026-07-28 io.modelcontextprotocol/tasks extension, against a fixture written from its text', () => {
  it('task call → status → polled result, with each status reported', async () => {
    const client = await connect(modernTaskServerScript);
    expect(client.era).toBe('modern');
    const task = taskOf(await client.callToolAsTask('gated_job'));
    expect(task.created).toMatchObject({
      status: 'working',
      statusMessage: 'waiting for release',
      pollIntervalMs: 25,
    });
    expect(await task.status()).toMatchObject({ status: 'working' });
    const statuses: string[] = [];
    const result = task.result({ onStatus: (t) => statuses.push(t.status) });
    await client.callTool('release');
    await expect(result).resolves.toMatchObject({
      content: [{ text: 'done' }],
      structuredContent: { steps: 3 },
    });
    expect(statuses.at(-1)).toBe('completed');
    expect(statuses.filter((s) => s === 'completed')).toHaveLength(1);
  });

  it('the server may answer at once; a failed task is the JSON-RPC error it met; input requests go to the handlers', async () => {
    const client = await connect(modernTaskServerScript, {
      handlers: { 'elicitation/create': () => ({ action: 'accept', content: { name: 'Luca' } }) },
    });
    await expect(client.callToolAsTask('quick')).resolves.toEqual({
      kind: 'result',
      result: expect.objectContaining({ content: [{ type: 'text', text: 'at once' }] }),
    });
    const broken = taskOf(await client.callToolAsTask('broken'));
    await expect(broken.result()).rejects.toMatchObject({ code: 'PROTOCOL_ERROR', rpcCode: -32603 });
    const asking = taskOf(await client.callToolAsTask('ask_name'));
    await expect(asking.result()).resolves.toMatchObject({ content: [{ text: 'Hello, Luca!' }] });
  });

  it('cancel is acknowledged, and the wait ends TASK_CANCELLED; there is no tasks/list in this era', async () => {
    const client = await connect(modernTaskServerScript);
    const task = taskOf(await client.callToolAsTask('forever'));
    const waiting = task.result().catch((e: unknown) => e);
    await expect(task.cancel()).resolves.toBeUndefined();
    expect(await waiting).toMatchObject({ code: 'TASK_CANCELLED', serverName: 'jobs' });
    await expect(client.listTasks()).rejects.toMatchObject({ code: 'TASKS_UNSUPPORTED' });
  });

  it('a disconnect fails a polling wait with TASK_INTERRUPTED', async () => {
    const client = await connect(modernTaskServerScript);
    const task = taskOf(await client.callToolAsTask('forever'));
    const waiting = task.result().catch((e: unknown) => e);
    await client.getTask(task.taskId);
    await client.disconnect();
    expect(await waiting).toMatchObject({ code: 'TASK_INTERRUPTED', serverName: 'jobs' });
  });
});
