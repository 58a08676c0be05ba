// Many users: views over two user-scoped HTTP servers, a few of them active. What an idle view and a live user
// connection cost the host, and what a call through a view costs against the manager's own call.
import { performance } from 'node:perf_hooks';
import { MCPConnectionManager } from '@org/mcp-manager';
import { startServer } from './servers/startServer.mjs';
import { summarize } from './stats.mjs';

/** @typedef {import('./scenarios.mjs').Scenario} Scenario */
/** @typedef {import('./modes.mjs').BenchParams} BenchParams */

const ROUNDS = 12;

/** Heap in use after two collections (the bench runs with --expose-gc; without it, a rough figure). */
function heap() {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

/** @param {string} url */
function config(url) {
  // Each user's connection sends that user's id: a `${user:NAME}` header.
  const user = (/** @type {string} */ name) => ({
    transport: 'http',
    url: `${url}?server=${name}`,
    headers: { 'X-User': '$' + '{user:ID}' },
    oauth: false,
    scope: 'user',
  });
  // The shared server has the idle timeout a user connection has by default: the comparison is of the view alone.
  const direct = { transport: 'http', url, oauth: false, idleTimeout: 900_000 };
  return { mcpServers: { a: user('a'), b: user('b'), direct } };
}

/** Microseconds per call over `calls` sequential calls of `call`. @param {() => Promise<unknown>} call @param {number} calls */
async function perCall(call, calls) {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await call();
  return ((performance.now() - started) * 1000) / calls;
}

/**
 * @param {number} views
 * @param {number} active
 * @param {number} calls
 */
async function usersRun(views, active, calls) {
  const server = await startServer('http');
  const manager = new MCPConnectionManager({ maxUserConnections: 2 * active, connectConcurrency: 16 });
  try {
    await manager.initialize(/** @type {any} */ (config(server.url)));
    await manager.connectAllEnabled();
    const start = heap();
    const all = Array.from({ length: views }, (_, i) =>
      manager.forUser(`user-${i}`, { variables: { ID: `u${i}` } }),
    );
    const withViews = heap();
    // The active users: each calls both servers, which opens their own two connections.
    const busy = all.slice(0, active);
    for (let i = 0; i < busy.length; i += 16)
      await Promise.all(busy.slice(i, i + 16).flatMap((v) => [v.callTool('a__echo'), v.callTool('b__echo')]));
    const withConnections = heap();
    const status = await manager.getServerStatus();
    const open = (status.a?.userConnections ?? 0) + (status.b?.userConnections ?? 0);
    if (open !== 2 * active) throw new Error(`expected ${2 * active} user connections, saw ${open}`);
    const view = busy[0];
    if (!view) throw new Error('no active view');
    const throughView = () => view.callTool('a__echo', { text: 'hi' });
    const direct = () => manager.callTool('direct__echo', { text: 'hi' });
    await perCall(throughView, calls);
    await perCall(direct, calls);
    const viewRuns = [];
    const directRuns = [];
    // Which goes first alternates: a collection or a slow tick falls on either alike.
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2 === 0) viewRuns.push(await perCall(throughView, calls));
      directRuns.push(await perCall(direct, calls));
      if (r % 2 === 1) viewRuns.push(await perCall(throughView, calls));
    }
    const viewUs = summarize(viewRuns).median;
    const directUs = summarize(directRuns).median;
    // Kept alive until measured: the views are what is weighed.
    if (all.length !== views) throw new Error('views lost');
    return {
      idleViewBytes: (withViews - start) / views,
      userConnectionKiB: (withConnections - withViews) / open / 1024,
      viewUs,
      directUs,
      ratio: viewUs / directUs,
    };
  } finally {
    await manager.shutdown();
    await server.close();
  }
}

/**
 * @param {BenchParams} p
 * @returns {Scenario}
 */
export function usersScenario(p) {
  return {
    id: 'manager.users',
    title: `manager: ${p.userViews} views over 2 user-scoped HTTP servers, ${p.activeUsers} users active; a call through a view against the manager's own`,
    transport: 'http',
    contenders: ['ours'],
    metrics: [
      { key: 'idleViewBytes', label: 'host heap per idle view, bytes', better: 'lower', kind: 'memory' },
      {
        key: 'userConnectionKiB',
        label: 'host heap per live user connection, KiB',
        better: 'lower',
        kind: 'memory',
      },
      { key: 'viewUs', label: 'call through a view µs', better: 'lower', kind: 'speed' },
      { key: 'directUs', label: "manager's own call µs", better: 'lower', kind: 'speed' },
      { key: 'ratio', label: 'view / manager (goal ≤ 1.05)', better: 'lower', kind: 'memory' },
    ],
    run: () => usersRun(p.userViews, p.activeUsers, p.userCalls),
    reps: p.managerReps,
  };
}
