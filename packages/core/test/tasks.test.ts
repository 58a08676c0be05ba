import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_STATUS_MESSAGE, MAX_TASK_ID_LENGTH, MCPTimeoutError, type ToolTaskStart } from '../src/index.js';
import { connectedTo, ScriptedServer } from './scriptedServer.js';

const TASK_CAPS = { tools: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } };
const at = '2025-11-25T10:30:00Z';
const task = (fields: Record<string, unknown> = {}) => ({
  taskId: 't1',
  status: 'working',
  createdAt: at,
  lastUpdatedAt: at,
  ttl: 60_000,
  pollInterval: 5000,
  ...fields,
});

/** A 2025-11-25 server with tasks whose `tools/call` creates `created`. */
function server(created: () => unknown, execution: object = { taskSupport: 'optional' }) {
  const s = new ScriptedServer();
  s.on('initialize', () => ({
    protocolVersion: '2025-11-25',
    capabilities: TASK_CAPS,
    serverInfo: { name: 'scripted', version: '1' },
  }));
  s.on('tools/list', () => ({ tools: [{ name: 'job', inputSchema: { type: 'object' }, execution }] }));
  s.on('tools/call', () => ({ task: created() }));
  return s;
}

const started = (start: ToolTaskStart) => {
  if (start.kind !== 'task') throw new Error('expected a task');
  return start.task;
};

describe('tasks, bounded and checked (2025-11-25 form, scripted server)', () => {
  it('sends the task field and its own progress token; reads ttl/pollInterval as ttlMs/pollIntervalMs', async () => {
    const s = server(() => task());
    const client = await connectedTo(s, 'jobs');
    const t = started(await client.callToolAsTask('job', { n: 1 }, { ttlMs: 1234 }));
    expect(t.created).toEqual({
      taskId: 't1',
      status: 'working',
      statusMessage: undefined,
      createdAt: at,
      lastUpdatedAt: at,
      ttlMs: 60_000,
      pollIntervalMs: 5000,
    });
    const call = s.requests('tools/call')[0];
    expect(call?.params).toMatchObject({
      name: 'job',
      arguments: { n: 1 },
      task: { ttl: 1234 },
      _meta: { progressToken: expect.stringMatching(/^task-progress-/) },
    });
    await client.disconnect();
  });

  it('a task id past the bound, or an unknown status, is INVALID_RESULT; a long status message is cut', async () => {
    let created: unknown = task({ taskId: 'x'.repeat(MAX_TASK_ID_LENGTH + 1) });
    const client = await connectedTo(
      server(() => created),
      'jobs',
    );
    await expect(client.callToolAsTask('job')).rejects.toMatchObject({
      code: 'INVALID_RESULT',
      message: expect.stringMatching(/taskId/),
    });
    created = task({ status: 'sleeping' });
    await expect(client.callToolAsTask('job')).rejects.toMatchObject({ code: 'INVALID_RESULT' });
    created = task({ statusMessage: 'm'.repeat(MAX_STATUS_MESSAGE * 2), ttl: null });
    const t = started(await client.callToolAsTask('job'));
    expect(t.created.statusMessage).toHaveLength(MAX_STATUS_MESSAGE);
    expect(t.created.ttlMs).toBeNull();
    await client.disconnect();
  });

  it('a tool without execution.taskSupport, or a server without the capability, is TASKS_UNSUPPORTED and nothing is sent', async () => {
    const s = server(() => task(), {});
    const client = await connectedTo(s, 'jobs');
    await expect(client.callToolAsTask('job')).rejects.toMatchObject({ code: 'TASKS_UNSUPPORTED' });
    expect(s.requests('tools/call')).toHaveLength(0);
    await client.disconnect();
    const plain = new ScriptedServer();
    const other = await connectedTo(plain, 'plain');
    await expect(other.callToolAsTask('job')).rejects.toMatchObject({
      code: 'TASKS_UNSUPPORTED',
      message: expect.stringMatching(/capabilities\.tasks\.requests\.tools\.call/),
    });
    await expect(other.listTasks()).rejects.toMatchObject({ code: 'TASKS_UNSUPPORTED' });
    await expect(other.cancelTask('t1')).rejects.toMatchObject({ code: 'TASKS_UNSUPPORTED' });
    await other.disconnect();
  });

  it('a server that ran the call anyway answers with the result: kind "result"', async () => {
    const s = server(() => task());
    s.on('tools/call', () => ({ content: [{ type: 'text', text: 'at once' }] }));
    const client = await connectedTo(s, 'jobs');
    await expect(client.callToolAsTask('job')).resolves.toMatchObject({
      kind: 'result',
      result: { content: [{ text: 'at once' }] },
    });
    await client.disconnect();
  });
});

describe('a wait for a task', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails with MCPTimeoutError after its timeout; the task is left running', async () => {
    const s = server(() => task());
    s.on('tasks/result', () => undefined); // blocks, as tasks/result does until the task ends
    const client = await connectedTo(s, 'jobs');
    const t = started(await client.callToolAsTask('job'));
    const waiting = t.result({ timeout: 5000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5000);
    const error = await waiting;
    expect(error).toBeInstanceOf(MCPTimeoutError);
    expect(error).toMatchObject({ method: 'tasks/result', timeout: 5000, serverName: 'jobs' });
    expect(s.requests('tasks/cancel')).toHaveLength(0);
    await client.disconnect();
  });
});
