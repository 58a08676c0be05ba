import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type ClientOptions, MCPError, type StdioServerConfig } from '@org/mcp-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ManagerOptions, MCPClientFactory, MCPConnectionManager } from '../src/index.js';
import { liveServers, serverTag, watchForOverlaps } from './serverProcesses.js';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
const NAMES = ['a', 'b'] as const;
// FC_SEED chooses another seed (the default keeps runs repeatable), FC_RUNS how many lists run; a failure prints
// its seed and list. FC_SHRINK=1 shrinks that list too, which with real processes takes minutes.
const seed = Number(process.env.FC_SEED ?? 1_234_567);
const numRuns = Number(process.env.FC_RUNS ?? 40);

/** A server that ignores stdin EOF and takes a moment after SIGTERM: every stop of it is slow. */
const slowStopper = (name: string): StdioServerConfig => ({
  transport: 'stdio',
  command: process.execPath,
  args: [toolServer, serverTag(name)],
  env: { SLOW_STOP: '60' },
});

type Op = 'connect' | 'disconnect' | 'enable' | 'disable' | 'remove' | 'restart' | 'kill' | 'shutdown';
/** A client method whose result a step can follow within microtasks: the narrowest races. */
type Method = 'connect' | 'getTools' | 'disconnect';
/** Issued `gap` ms after the previous step (which it waits for if that was `awaited`). */
type Timed = { gap: number; awaited: boolean };
/** Issued `ticks` microtasks after `method` of the server's client next resolves, if it ever does. */
type Triggered = { after: Method; ticks: number };
type Step = { op: Op; server: (typeof NAMES)[number] } & (Timed | Triggered);

const op = fc.oneof(
  { arbitrary: fc.constant<Op>('connect'), weight: 5 },
  { arbitrary: fc.constantFrom<Op>('disconnect', 'enable', 'disable', 'restart', 'kill'), weight: 8 },
  { arbitrary: fc.constantFrom<Op>('remove', 'shutdown'), weight: 1 },
);
const server = fc.constantFrom(...NAMES);
const timed = fc.record<Timed & { op: Op; server: Step['server'] }>({
  op,
  server,
  gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
  awaited: fc.boolean(),
});
// What can go wrong right as a client's method returns: a stop, a second connect, or the process dying.
const triggered = fc.record<Triggered & { op: Op; server: Step['server'] }>({
  op: fc.constantFrom<Op>('disconnect', 'disable', 'remove', 'shutdown', 'connect', 'kill'),
  server,
  after: fc.constantFrom<Method>('connect', 'getTools', 'disconnect'),
  ticks: fc.integer({ min: 0, max: 2 }),
});
const steps = fc.array<Step>(fc.oneof(timed, triggered), { minLength: 3, maxLength: 12 });

/** One step: a manager call, or a signal to the server's processes from outside. */
function issue(m: MCPConnectionManager, { op, server }: Step): Promise<unknown> {
  const signal = (name: NodeJS.Signals) => {
    for (const pid of liveServers().get(server) ?? []) process.kill(pid, name);
    return Promise.resolve();
  };
  switch (op) {
    case 'connect':
      return m.connectServer(server);
    case 'disconnect':
      return m.disconnectServer(server);
    case 'enable':
      return m.enableServer(server);
    case 'disable':
      return m.disableServer(server);
    case 'remove':
      return m.removeServer(server);
    // Unhealthy while running: the health monitor restarts it, stopping the old process first.
    case 'restart':
      return signal('SIGHUP');
    case 'kill':
      return signal('SIGKILL');
    case 'shutdown':
      return m.shutdown();
  }
}

/** Steps waiting for a client method of their server to resolve. */
class Triggers {
  private readonly waiting: { server: string; method: Method; ticks: number; fire: () => void }[] = [];

  /** Issues a step `ticks` microtasks after `method` of a client of `server` next resolves; maybe never. */
  add(server: string, method: Method, ticks: number, issue: () => void): void {
    this.waiting.push({ server, method, ticks, fire: issue });
  }

  /** Builds clients whose methods tell the triggers when they resolve. */
  clients(): ManagerOptions['createClient'] {
    return (config, options) => {
      const client = MCPClientFactory.createClient(config, options);
      for (const method of ['connect', 'getTools', 'disconnect'] as const) {
        const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
        (client as unknown as Record<Method, unknown>)[method] = async (...args: unknown[]) => {
          const result = await original(...args);
          this.resolved(options.name ?? '', method);
          return result;
        };
      }
      return client;
    };
  }

  private resolved(server: string, method: Method): void {
    for (const waiter of this.waiting.filter((w) => w.server === server && w.method === method)) {
      this.waiting.splice(this.waiting.indexOf(waiter), 1);
      let later = Promise.resolve();
      for (let i = 0; i < waiter.ticks; i++) later = later.then(() => {});
      void later.then(waiter.fire);
    }
  }
}

/** Fails if a call does not settle in time: a hang is a bug too. */
function bounded<T>(call: Promise<T>, what: string, ms = 20_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([call, hang]).finally(() => clearTimeout(timer));
}

/** Where each server's status and its processes disagree; empty when they tell the same story. */
async function disagreements(m: MCPConnectionManager): Promise<string[]> {
  const status = await m.getServerStatus();
  const live = liveServers();
  const found: string[] = [];
  for (const name of NAMES) {
    const pids = live.get(name) ?? [];
    const state = status[name]?.state ?? 'removed';
    if (['connecting', 'reconnecting', 'closing'].includes(state)) found.push(`${name} still ${state}`);
    else if (state === 'connected') {
      const pid = ((await m.getClient(name).catch(() => undefined)) as { pid?: number } | undefined)?.pid;
      if (pid === undefined || pids.join() !== String(pid))
        found.push(`${name} connected with pid ${pid} but running ${pids.join(', ') || 'nothing'}`);
    } else if (pids.length > 0) found.push(`${name} ${state} but running ${pids.join(', ')}`);
  }
  return found;
}

/** Waits until status and processes agree (a kill or a restart takes a moment to be noticed); fails if they never do. */
async function settle(m: MCPConnectionManager): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await disagreements(m);
    if (found.length === 0) return;
    if (Date.now() > deadline) throw new Error(`status never matched the processes: ${found.join('; ')}`);
    await delay(20);
  }
}

async function runSteps(list: Step[]): Promise<void> {
  const triggers = new Triggers();
  const m = new MCPConnectionManager({
    createClient: triggers.clients(),
    backoff: { baseDelay: 10, maxDelay: 40, jitter: false },
    maxRestarts: 3,
    healthCheckInterval: 100,
    healthCheckFailures: 1,
    healthCheckTimeout: 200,
    // Ends stdin, waits this long, then SIGTERM: the fixture's slow part.
    clientOptions: { stdinEndWait: 20 } as ClientOptions,
  });
  const stopWatching = watchForOverlaps();
  let overlaps: string[] = [];
  const unexpected: string[] = [];
  try {
    await m.initialize({ mcpServers: Object.fromEntries(NAMES.map((n) => [n, slowStopper(n)])) });
    const pending: Promise<unknown>[] = [];
    const run = (step: Step, index: number) =>
      bounded(issue(m, step), `step ${index} (${step.op} ${step.server})`).catch((error) => {
        // Refusals and aborts are fine, as long as they are the stack's typed errors.
        if (!(error instanceof MCPError)) unexpected.push(`step ${index}: ${String(error)}`);
      });
    for (const [index, step] of list.entries()) {
      if ('after' in step) {
        triggers.add(step.server, step.after, step.ticks, () => pending.push(run(step, index)));
        continue;
      }
      if (step.gap > 0) await delay(step.gap);
      const call = run(step, index);
      pending.push(call);
      if (step.awaited) await call;
    }
    // A step issued while waiting adds to `pending`.
    for (let settled = 0; settled < pending.length; settled = pending.length) await Promise.all(pending);
    expect(unexpected).toEqual([]);
    await settle(m);
  } finally {
    await bounded(m.shutdown(), 'shutdown');
    overlaps = stopWatching();
  }
  expect([...liveServers().keys()], 'processes left after shutdown').toEqual([]);
  for (const [name, status] of Object.entries(await m.getServerStatus()))
    expect(status.state, `${name} after shutdown`).toBe('closed');
  expect(overlaps, 'two processes of one server at once').toEqual([]);
}

describe('operations racing on real slow-stopping servers (property)', () => {
  it('never run two processes of a server, report what is true, and leave nothing after shutdown', async () => {
    await fc.assert(
      fc.asyncProperty(steps, (list) => runSteps(list)),
      { seed, numRuns, endOnFailure: process.env.FC_SHRINK === undefined },
    );
  }, 300_000);
});
