// The manager with servers that fail: how soon connectAllEnabled returns when some servers cannot start, and how
// soon calls work again after a server is killed. Ours only: the bare loop and the SDK have no supervisor.
import { performance } from 'node:perf_hooks';
import { ourManager } from './contenders/ours.mjs';
import { brokenServer } from './servers/startServer.mjs';
import { percentile } from './stats.mjs';

/** @typedef {import('./scenarios.mjs').Scenario} Scenario */
/** @typedef {import('./modes.mjs').BenchParams} BenchParams */

const SMALL = { text: 'hello' };

/**
 * connectAllEnabled over `fleetServers` servers, `fleetBroken` of them exiting at once (spread through the list,
 * the last one last), with the manager's defaults: the time from the last healthy server connected to the return.
 * @type {Scenario['run']}
 */
async function brokenFleetRun(_contender, target, params) {
  if (target.transport !== 'stdio') throw new Error('the broken fleet runs stdio servers');
  const { MCPConnectionManager } = await ourManager();
  const every = Math.round(params.fleetServers / params.fleetBroken);
  /** @type {Record<string, import('@org/mcp-core').MCPServerConfig>} */
  const mcpServers = {};
  for (let i = 0; i < params.fleetServers; i++) {
    const broken = (i + 1) % every === 0;
    const { command, args } = broken ? brokenServer : target;
    mcpServers[`${broken ? 'broken' : 'lean'}${i}`] = { command, args };
  }
  const manager = new MCPConnectionManager();
  try {
    await manager.initialize({ mcpServers });
    let lastHealthy = Number.NaN;
    manager.on('serverStateChanged', ({ server, state }) => {
      if (state === 'connected' && server.startsWith('lean')) lastHealthy = performance.now();
    });
    const start = performance.now();
    const connected = await manager.connectAllEnabled();
    const returned = performance.now();
    const wrong = Object.entries(connected).filter(([name, ok]) => ok !== name.startsWith('lean'));
    if (wrong.length > 0)
      throw new Error(`unexpected connect results: ${JSON.stringify(Object.fromEntries(wrong))}`);
    return { afterLastMs: returned - lastHealthy, allMs: returned - start };
  } finally {
    await manager.shutdown();
  }
}

/**
 * SIGKILL of a connected stdio server, then calls until one succeeds: the time from the kill to that success.
 * Each kill on a fresh manager: it is the first restart after a crash (later ones back off, by design).
 * @type {Scenario['run']}
 */
async function recoveryRun(_contender, target, params) {
  if (target.transport !== 'stdio') throw new Error('recovery runs a stdio server');
  const { MCPConnectionManager } = await ourManager();
  const times = [];
  for (let i = 0; i < params.kills; i++) {
    const manager = new MCPConnectionManager();
    try {
      await manager.initialize({ mcpServers: { lean: { command: target.command, args: target.args } } });
      await manager.connectServer('lean');
      for (let warm = 0; warm < 20; warm++) await manager.callTool('lean__echo', SMALL);
      const { pid } = /** @type {{ pid: number }} */ (
        /** @type {unknown} */ (await manager.getClient('lean'))
      );
      const killed = performance.now();
      process.kill(pid, 'SIGKILL');
      await firstSuccess(() => manager.callTool('lean__echo', SMALL));
      times.push(performance.now() - killed);
    } finally {
      await manager.shutdown();
    }
  }
  return { recoverMs: percentile(times, 0.5) };
}

/**
 * Calls until a call succeeds: one that met the dead connection fails, the next waits for the restart.
 * @param {() => Promise<unknown>} call
 */
async function firstSuccess(call) {
  for (let failures = 0; failures < 100; failures++) {
    try {
      return await call();
    } catch {
      // A turn of the event loop, so failing calls never starve the restart.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  throw new Error('no call succeeded after 100 tries');
}

/**
 * The manager's reliability scenarios, titled with the counts of this mode.
 * @param {BenchParams} p
 * @returns {Scenario[]}
 */
export function reliabilityScenarios(p) {
  return [
    {
      id: 'manager.broken',
      title: `manager: ${p.fleetServers} stdio servers, ${p.fleetBroken} exiting at once; connectAllEnabled()`,
      transport: 'stdio',
      contenders: ['ours'],
      metrics: [
        {
          key: 'afterLastMs',
          label: 'returned after the last healthy ms',
          better: 'lower',
          kind: 'speed',
          goal: 1000,
        },
        { key: 'allMs', label: 'returned ms', better: 'lower', kind: 'speed' },
      ],
      run: brokenFleetRun,
      reps: p.managerReps,
    },
    {
      id: 'manager.recover',
      title: `manager: SIGKILL of a stdio server, until a call succeeds (median of ${p.kills})`,
      transport: 'stdio',
      contenders: ['ours'],
      metrics: [
        { key: 'recoverMs', label: 'kill to a call answered ms', better: 'lower', kind: 'speed', goal: 150 },
      ],
      run: recoveryRun,
      reps: p.managerReps,
    },
  ];
}
