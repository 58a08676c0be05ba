import { MCPTimeoutError, type Progress } from '@org/mcp-core';
import { isGroupAlive, waitUntil } from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCPStdioClient } from '../src/index.js';
import { textOf } from './support/clients.js';
import { packageBin } from './support/fixture.js';

/**
 * server-everything's trigger-long-running-operation sleeps `duration` seconds in `steps` steps and
 * reports progress after each. A 5 s operation in 0.25 s steps against a 2 s timeout: it finishes only
 * because progress restarts the timeout, with a wide margin for a loaded machine (8 steps per timeout).
 */
const OPERATION = { duration: 5, steps: 20 };

let client: MCPStdioClient;
let pid: number;

beforeAll(async () => {
  client = new MCPStdioClient(
    {
      command: process.execPath,
      args: [packageBin('@modelcontextprotocol/server-everything'), 'stdio'],
      timeout: 2000,
      maxTotalTimeout: 120_000,
    },
    { name: 'everything' },
  );
  await client.connect();
  pid = client.pid as number;
});

afterAll(async () => {
  await client.disconnect();
  await waitUntil(() => !isGroupAlive(pid), 'the server to be gone');
});

describe('a tool call that reports progress for longer than the plain timeout (server-everything)', () => {
  it('is kept alive by its progress and answered', async () => {
    const progress: Progress[] = [];
    const result = await client.callTool('trigger-long-running-operation', OPERATION, {
      onProgress: (p) => progress.push(p),
    });
    expect(textOf(result)).toContain('Long running operation completed');
    expect(progress).toHaveLength(OPERATION.steps);
    expect(progress.at(-1)).toMatchObject({ progress: 20, total: 20 });
  });

  it('is kept alive without onProgress too: the token is always sent', async () => {
    const result = await client.callTool('trigger-long-running-operation', OPERATION);
    expect(textOf(result)).toContain('Long running operation completed');
  });

  it('times out at the plain timeout when progress may not reset it, and at the ceiling otherwise', async () => {
    const plain = await client
      .callTool('trigger-long-running-operation', OPERATION, { resetTimeoutOnProgress: false })
      .catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(MCPTimeoutError);
    expect(plain).toMatchObject({ timeout: 2000 });
    const capped = await client
      .callTool('trigger-long-running-operation', OPERATION, { maxTotalTimeout: 3000 })
      .catch((e: unknown) => e);
    expect(capped).toBeInstanceOf(MCPTimeoutError);
    expect(capped).toMatchObject({ timeout: 3000 });
    // Other requests keep their plain timeout and still work after the cancelled calls.
    expect(await client.isHealthy()).toBe(true);
  });
});
