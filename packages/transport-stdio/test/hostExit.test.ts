import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { isAlive, isGroupAlive, waitUntil } from '@org/test-utils';
import { build } from 'tsup';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './support/fixture.js';
import { pgidOf } from './support/processGroups.js';

// The host runs the package as users get it: a fresh ESM build of src (placed where @org/mcp-core resolves).
const outDir = fileURLToPath(new URL('../node_modules/.cache/host-exit-bundle/', import.meta.url));
const bundle = `${outDir}index.js`;

beforeAll(async () => {
  await build({
    entry: { index: fileURLToPath(new URL('../src/index.ts', import.meta.url)) },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    external: ['@org/mcp-core'],
    dts: false,
    config: false,
    silent: true,
  });
});

const started: { host: ChildProcess; leader?: number; grandchild?: number }[] = [];

afterEach(() => {
  for (const { host, leader } of started.splice(0)) {
    if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
    if (leader && isGroupAlive(leader)) process.kill(-leader, 'SIGKILL');
  }
});

/** Starts the host and resolves with the pids of the server tree it started. */
async function startHost(mode: string) {
  const host = spawn(process.execPath, [fixture('host.mjs'), bundle, mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry: { host: ChildProcess; leader?: number; grandchild?: number } = { host };
  started.push(entry);
  let stderr = '';
  host.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    host.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const [line] = (await Promise.race([
    once(host.stdout as NodeJS.ReadableStream, 'data'),
    exited.then(() => {
      throw new Error(`host exited before starting its server: ${stderr}`);
    }),
  ])) as [Buffer];
  const pids = JSON.parse(line.toString()) as { leader: number; grandchild: number };
  Object.assign(entry, pids);
  expect(pgidOf(pids.grandchild)).toBe(pids.leader);
  return { ...pids, host, exited, stderr: () => stderr };
}

async function expectTreeGone(leader: number, grandchild: number) {
  await waitUntil(() => !isGroupAlive(leader), `process group ${leader} gone`);
  expect(isAlive(grandchild)).toBe(false);
}

describe('a host that ends without disconnect leaves no server process behind', () => {
  it('process.exit()', async () => {
    const { leader, grandchild, exited } = await startHost('exit');
    expect(await exited).toEqual({ code: 0, signal: null });
    await expectTreeGone(leader, grandchild);
  });

  it('an uncaught exception', async () => {
    const { leader, grandchild, exited, stderr } = await startHost('throw');
    expect((await exited).code).toBe(1);
    expect(stderr()).toContain('the host crashed');
    await expectTreeGone(leader, grandchild);
  });

  it('SIGTERM with no handler of the host: the host still dies of SIGTERM', async () => {
    const { leader, grandchild, exited, host } = await startHost('signal');
    host.kill('SIGTERM');
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    await expectTreeGone(leader, grandchild);
  });

  it('SIGINT with no handler of the host: the host still dies of SIGINT', async () => {
    const { leader, grandchild, exited, host } = await startHost('signal');
    host.kill('SIGINT');
    expect(await exited).toEqual({ code: null, signal: 'SIGINT' });
    await expectTreeGone(leader, grandchild);
  });

  it("SIGTERM the host handles itself: the host's handler decides, its exit takes the servers along", async () => {
    const { leader, grandchild, exited, host } = await startHost('handled');
    host.kill('SIGTERM');
    expect(await exited).toEqual({ code: 7, signal: null });
    await expectTreeGone(leader, grandchild);
  });
});
