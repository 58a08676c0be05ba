// Servers on demand: a fleet of configured stdio servers of which only a few are used, lazy against eager in the
// same run. Startup and memory should scale with the servers used, not with the servers configured.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ourManager } from './contenders/ours.mjs';
import { percentile } from './stats.mjs';

/** @typedef {import('./scenarios.mjs').Scenario} Scenario */
/** @typedef {import('./modes.mjs').BenchParams} BenchParams */

const USED = 5;
const TOOLS = 20;
const fleetServer = fileURLToPath(new URL('./servers/fleetToolServer.mjs', import.meta.url));
const MiB = 1024 * 1024;

/** This process's live children (Linux /proc; elsewhere none are counted). */
function children() {
  try {
    return readdirSync('/proc/self/task').flatMap((task) =>
      readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** Resident memory of `pid` in bytes (0 when it is gone). */
function rssOf(/** @type {number} */ pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
  } catch {
    return 0;
  }
}

/**
 * @param {'eager' | 'lazy'} start
 * @param {number} size
 */
function fleet(start, size) {
  /** @type {Record<string, object>} */
  const mcpServers = {};
  for (let i = 0; i < size; i++)
    mcpServers[`s${i}`] = {
      command: process.execPath,
      args: [fleetServer],
      env: { TOOL_COUNT: String(TOOLS) },
      start,
    };
  return { mcpServers };
}

/**
 * One manager over the fleet: initialize + connectAllEnabled + listTools, then the first call to each used server;
 * the processes alive and memory once those calls are done.
 * @param {'eager' | 'lazy'} start
 * @param {string} catalogPath
 * @param {number} size
 */
async function measure(start, catalogPath, size) {
  const { MCPConnectionManager } = await ourManager();
  const before = process.memoryUsage().rss;
  const manager = new MCPConnectionManager({ catalogPath, connectConcurrency: 8 });
  try {
    const started = performance.now();
    await manager.initialize(/** @type {any} */ (fleet(start, size)));
    await manager.connectAllEnabled();
    const tools = await manager.listTools();
    const readyMs = performance.now() - started;
    if (tools.length !== size * TOOLS) throw new Error(`${start}: listTools gave ${tools.length} tools`);
    const firsts = [];
    for (let i = 0; i < USED; i++) {
      const call = performance.now();
      await manager.callTool(`s${Math.floor((i * size) / USED)}__echo`, { text: 'hi' });
      firsts.push(performance.now() - call);
    }
    const pids = children();
    return {
      readyMs,
      firstCallMs: percentile(firsts, 0.5),
      processes: pids.length,
      hostRssMiB: (process.memoryUsage().rss - before) / MiB,
      serversRssMiB: pids.reduce((sum, pid) => sum + rssOf(pid), 0) / MiB,
    };
  } finally {
    await manager.shutdown();
  }
}

/** @param {number} size */
async function onDemandRun(size) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-catalog-'));
  const catalogPath = join(dir, 'catalog.json');
  try {
    // A previous run on this machine filled the catalog (each lazy server started once): untimed.
    await measure('lazy', catalogPath, size);
    const lazy = await measure('lazy', catalogPath, size);
    const eager = await measure('eager', catalogPath, size);
    /** @type {Record<string, number>} */
    const figures = {};
    for (const [key, value] of Object.entries(lazy)) figures[`lazy_${key}`] = value;
    for (const [key, value] of Object.entries(eager)) figures[`eager_${key}`] = value;
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * @param {BenchParams} p
 * @returns {Scenario}
 */
export function onDemandScenario(p) {
  /** @type {[string, string, 'speed' | 'memory'][]} */
  const figures = [
    ['readyMs', 'initialize + connectAllEnabled + listTools ms', 'speed'],
    ['firstCallMs', 'first call ms (median of 5)', 'speed'],
    ['processes', 'server processes alive', 'memory'],
    ['hostRssMiB', 'host RSS growth MiB', 'memory'],
    ['serversRssMiB', 'servers RSS MiB', 'memory'],
  ];
  return {
    id: 'manager.ondemand',
    title: `manager: ${p.onDemandFleet} stdio servers × ${TOOLS} tools, ${USED} used; lazy (catalog warm) against eager`,
    transport: 'stdio',
    contenders: ['ours'],
    metrics: ['lazy', 'eager'].flatMap((mode) =>
      figures.map(([key, label, kind]) => ({
        key: `${mode}_${key}`,
        label: `${mode}: ${label}`,
        better: /** @type {const} */ ('lower'),
        kind,
      })),
    ),
    run: () => onDemandRun(p.onDemandFleet),
    reps: p.managerReps,
  };
}
