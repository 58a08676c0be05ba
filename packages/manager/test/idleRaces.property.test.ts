import { fileURLToPath } from 'node:url';
import { type ClientOptions, MCPError, type StdioServerConfig } from '@org/mcp-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MCPConnectionManager, MemoryCatalogStore } from '../src/index.js';
import { fakeSleep } from './fakeSleep.js';
import { liveServers, serverTag, watchForOverlaps } from './serverProcesses.js';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
const NAMES = ['ia', 'ib'] as const;
const IDLE = 1_000;
// FC_SEED chooses another seed (the default keeps runs repeatable), FC_RUNS how many lists run; a failure prints
// its seed and list.
const seed = Number(process.env.FC_SEED ?? 7_654_321);
const numRuns = Number(process.env.FC_RUNS ?? 15);

type Op = 'call' | 'idle' | 'disconnect' | 'reload' | 'shutdown';
type Step = { op: Op; server: (typeof NAMES)[number]; awaited: boolean };

const step = fc.record<Step>({
  op: fc.oneof(
    { arbitrary: fc.constant<Op>('call'), weight: 6 },
    { arbitrary: fc.constant<Op>('idle'), weight: 5 },
    { arbitrary: fc.constantFrom<Op>('disconnect', 'reload'), weight: 2 },
    { arbitrary: fc.constant<Op>('shutdown'), weight: 1 },
  ),
  server: fc.constantFrom(...NAMES),
  awaited: fc.boolean(),
});
const steps = fc.array(step, { minLength: 3, maxLength: 14 });

/** A lazy server stopped after IDLE ms idle; `idleTimeout` differs per reload so a reload restarts it. */
const config = (name: string, idleTimeout: number): StdioServerConfig =>
  ({
    transport: 'stdio',
    command: process.execPath,
    args: [toolServer, serverTag(name)],
    start: 'lazy',
    idleTimeout,
  }) as StdioServerConfig;

/**
 * The errors a call may meet when the list stopped its server on purpose (never an idle stop): a stop aborts a
 * start under way (SERVER_STOPPED, REQUEST_ABORTED while its handshake runs); a reload replaces a changed server, and
 * between the old one's removal and the new one's registration its names are unknown.
 */
const STOPPED = new Set([
  'MANAGER_SHUT_DOWN',
  'SERVER_STOPPED',
  'REQUEST_ABORTED',
  'UNKNOWN_TOOL',
  'SERVER_CLOSED',
  'SERVER_CLOSING',
  'CLIENT_CLOSED',
  'UNKNOWN_SERVER',
]);

async function runSteps(list: Step[]): Promise<void> {
  const clock = fakeSleep();
  const m = new MCPConnectionManager({
    sleep: clock.sleep,
    catalogStore: new MemoryCatalogStore(),
    maxRetries: 0,
    clientOptions: { stdinEndWait: 20 } as ClientOptions,
  });
  const stopWatching = watchForOverlaps();
  const failures: string[] = [];
  const stopsOnPurpose = list.some((s) => s.op === 'disconnect' || s.op === 'reload' || s.op === 'shutdown');
  let reloads = 0;
  try {
    await m.initialize({ mcpServers: Object.fromEntries(NAMES.map((n) => [n, config(n, IDLE)])) });
    await m.connectAllEnabled();
    const pending: Promise<unknown>[] = [];
    for (const [index, { op, server, awaited }] of list.entries()) {
      const issued = (async () => {
        if (op === 'idle') return clock.advance(IDLE);
        if (op === 'disconnect') return m.disconnectServer(server);
        if (op === 'shutdown') return m.shutdown();
        if (op === 'reload') {
          reloads += 1;
          const mcpServers = Object.fromEntries(NAMES.map((n) => [n, config(n, IDLE + reloads)]));
          return m.reload({ mcpServers });
        }
        return m.callTool(`${server}__echo`, { text: `step ${index}` });
      })().catch((error: unknown) => {
        const code = error instanceof MCPError ? error.code : String(error);
        if (!stopsOnPurpose || !STOPPED.has(code)) failures.push(`step ${index} (${op} ${server}): ${code}`);
      });
      pending.push(issued);
      if (awaited) await issued;
    }
    await Promise.all(pending);
  } finally {
    await m.shutdown();
  }
  const overlaps = stopWatching();
  expect(failures, 'calls that failed for no stop asked for').toEqual([]);
  expect(overlaps, 'two processes of one server at once').toEqual([]);
  expect([...liveServers().keys()].filter((n) => NAMES.includes(n as never))).toEqual([]);
}

describe('calls racing idle stops, disconnects, reloads and shutdown on a fake clock (property)', () => {
  it('no call fails because of an idle stop; one process per server; nothing left after shutdown', async () => {
    await fc.assert(
      fc.asyncProperty(steps, (list) => runSteps(list)),
      { seed, numRuns, endOnFailure: process.env.FC_SHRINK === undefined },
    );
  }, 300_000);
});
