import { isGroupAlive, officialTaskServerScript, waitUntil } from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCPStdioClient } from '../src/index.js';
import { textOf } from './support/clients.js';

/** `{ task: true }` on one client, against the official SDK 1.x task server (2025-11-25), started once. */
let client: MCPStdioClient;
let pid: number;
const sent: string[] = [];

beforeAll(async () => {
  client = new MCPStdioClient(
    { command: process.execPath, args: [officialTaskServerScript], timeout: 1000 },
    { name: 'jobs', observeRequest: ({ method }) => void sent.push(method) },
  );
  await client.connect();
  pid = client.pid as number;
});

afterAll(async () => {
  await client.disconnect();
  await waitUntil(() => !isGroupAlive(pid), 'the server to be gone');
});

describe('callTool with { task: true } on one client', () => {
  it('runs as a task and resolves with its result, past the request timeout', async () => {
    const call = client.callTool('gated_job', {}, { task: true });
    await waitUntil(() => sent.includes('tasks/result'), 'the wait to be under way');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await client.callTool('release');
    await expect(call).resolves.toMatchObject({ structuredContent: { steps: 3 } });
    expect(await client.listTasks()).toHaveLength(1);
  });

  it('is the plain call for a tool that cannot run as a task', async () => {
    expect(textOf(await client.callTool('plain', {}, { task: true }))).toBe('plain');
  });
});
