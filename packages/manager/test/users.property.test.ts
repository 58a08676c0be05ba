import { fileURLToPath } from 'node:url';
import { type ClientOptions, MCPError, type StdioServerConfig } from '@org/mcp-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MCPConnectionManager, MemoryCatalogStore } from '../src/index.js';
import { fakeSleep } from './fakeSleep.js';
import { liveServers } from './serverProcesses.js';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
const USERS = ['p0', 'p1', 'p2', 'p3'] as const;
const CAP = 2;
const IDLE = 1_000;
// FC_SEED chooses another seed (the default keeps runs repeatable), FC_RUNS how many lists run; a failure prints
// its seed and list.
const seed = Number(process.env.FC_SEED ?? 2_929_292);
const numRuns = Number(process.env.FC_RUNS ?? 12);

type Op = 'view' | 'call' | 'idle' | 'authorize' | 'reload' | 'shutdown';
type Step = { op: Op; user: (typeof USERS)[number]; awaited: boolean };

const step = fc.record<Step>({
  op: fc.oneof(
    { arbitrary: fc.constant<Op>('call'), weight: 8 },
    { arbitrary: fc.constantFrom<Op>('view', 'idle'), weight: 3 },
    { arbitrary: fc.constantFrom<Op>('authorize', 'reload'), weight: 1 },
    { arbitrary: fc.constant<Op>('shutdown'), weight: 1 },
  ),
  user: fc.constantFrom(...USERS),
  awaited: fc.boolean(),
});
const steps = fc.array(step, { minLength: 4, maxLength: 18 });

/** A user-scoped server: each user's process is tagged with the user and answers `whoami` with the user. */
const config = (idle: number): StdioServerConfig =>
  ({
    command: process.execPath,
    args: [toolServer, `--server=pu-$\{user:ID}`],
    env: { TOOLS: 'echo,whoami', WHO: `$\{user:ID}` },
    scope: 'user',
    maxUserConnections: CAP,
    userIdleTimeout: idle,
  }) as StdioServerConfig;

/** What a call may meet on purpose: the cap with every connection busy, a reload (its server unknown for a moment) or shutdown stopping its connection; authorize on a stdio server. */
const EXPECTED = new Set([
  'USER_CONNECTION_LIMIT',
  'MANAGER_SHUT_DOWN',
  'SERVER_STOPPED',
  'SERVER_CLOSED',
  'SERVER_CLOSING',
  'REQUEST_ABORTED',
  'CLIENT_CLOSED',
  'CONNECTION_CLOSED',
  'UNKNOWN_TOOL',
  'NOT_OAUTH_SERVER',
  'UNKNOWN_SERVER',
]);

async function runSteps(list: Step[]): Promise<void> {
  const clock = fakeSleep();
  const m = new MCPConnectionManager({
    sleep: clock.sleep,
    catalogStore: new MemoryCatalogStore(),
    maxRetries: 0,
    restart: 'never',
    clientOptions: { stdinEndWait: 20 } as ClientOptions,
  });
  const failures: string[] = [];
  const answered: string[] = [];
  let most = 0;
  const sample = setInterval(() => {
    most = Math.max(most, [...liveServers().keys()].filter((n) => n.startsWith('pu-')).length);
  }, 3);
  let reloads = 0;
  let settled = 0;
  try {
    await m.initialize({ mcpServers: { us: config(IDLE) } });
    const pending: Promise<unknown>[] = [];
    for (const [index, { op, user, awaited }] of list.entries()) {
      const issued = (async () => {
        // A view is made for each step: views are cheap, and each user's are interchangeable.
        const view = m.forUser(user, { variables: { ID: user } });
        if (op === 'view') return view.getServerStatus();
        if (op === 'idle') return clock.advance(IDLE);
        if (op === 'shutdown') return m.shutdown();
        if (op === 'authorize') return view.authorize('us');
        if (op === 'reload') {
          reloads += 1;
          return m.reload({ mcpServers: { us: config(IDLE + reloads) } });
        }
        const result = await view.callTool('us__whoami');
        const who = (result.content as Array<{ text: string }>)[0]?.text;
        answered.push(who === user ? user : `${user} was answered by ${who}'s connection`);
      })()
        .catch((error: unknown) => {
          const code = error instanceof MCPError ? error.code : String(error);
          if (!EXPECTED.has(code)) failures.push(`step ${index} (${op} ${user}): ${code}`);
        })
        .finally(() => {
          settled += 1;
        });
      pending.push(issued);
      if (awaited) await issued;
    }
    await Promise.all(pending);
  } finally {
    await m.shutdown();
    clearInterval(sample);
  }
  expect(settled, 'every step settled: no call lost').toBe(list.length);
  expect(failures, 'calls that failed for a reason no step gave').toEqual([]);
  expect(
    answered.filter((a) => !USERS.includes(a as never)),
    'a connection used by two principals',
  ).toEqual([]);
  expect(most, 'more processes than maxUserConnections').toBeLessThanOrEqual(CAP);
  expect(
    [...liveServers().keys()].filter((n) => n.startsWith('pu-')),
    'processes left',
  ).toEqual([]);
}

describe('users’ views, calls, idle expiry, eviction, authorize, reload and shutdown interleaved (property)', () => {
  it('no connection serves two principals, no call is lost, the cap bounds the processes, none is left', async () => {
    await fc.assert(
      fc.asyncProperty(steps, (list) => runSteps(list)),
      { seed, numRuns, endOnFailure: process.env.FC_SHRINK === undefined },
    );
  }, 300_000);
});
