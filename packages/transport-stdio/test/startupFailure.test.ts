import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MCPConnectionError, StdioErrorCode } from '@org/mcp-core';
import { eraCache } from '@org/mcp-core/internal';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stdioClients, textOf } from './support/clients.js';
import { nodeServer } from './support/fixture.js';

const { client, groups } = stdioClients();
let dir: string;
let startsFile: string;

beforeEach(() => {
  eraCache.clear();
  dir = mkdtempSync(join(tmpdir(), 'mcp-startup-'));
  startsFile = join(dir, 'starts');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The pids the fixture recorded, one per start. */
function starts(): number[] {
  return readFileSync(startsFile, 'utf8').trim().split('\n').map(Number);
}

describe('a stdio server that fails at startup', () => {
  it('exits before writing anything: one spawn per connect, and the error says it is a startup failure', async () => {
    const failing = client(nodeServer('failingStartServer.mjs', [startsFile, '2']));
    const error = await failing.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect(error).toMatchObject({
      code: StdioErrorCode.SERVER_EXITED,
      exitCode: 2,
      signal: null,
      startup: true,
      stderrTail: 'Error: missing API_TOKEN; refusing to start',
    });
    expect((error as Error).message).toContain('before writing anything');
    expect(starts()).toHaveLength(1);
    for (const pid of starts()) groups.add(pid);
    expect(failing.state).toBe('closed');
    // The same on the next connect: what a supervisor compares to call it permanent.
    const again = await failing.connect().catch((e: unknown) => e);
    expect(again).toMatchObject({ code: StdioErrorCode.SERVER_EXITED, exitCode: 2, startup: true });
    expect(starts()).toHaveLength(2);
  });
});

describe('an old server that exits on the era probe is started again in the handshake era', () => {
  it.each([
    ['quietly', 'exits with code 0 without a word'],
    ['answering', 'answers the probe with an error and exits with code 1'],
  ])('%s: %s; started again, it connects', async (how) => {
    const old = client(nodeServer('exitOnProbeServer.mjs', [startsFile, how]));
    await old.connect();
    groups.add(old.pid);
    expect(old.era).toBe('handshake');
    expect(textOf(await old.callTool('echo', { message: 'second start' }))).toBe('second start');
    expect(starts()).toHaveLength(2);
  });
});
