// Issue 34: the manager against a hand-written pool of official SDK clients, row by row. In these scenarios the
// `sdk` contender is that pool and `ours` is MCPConnectionManager; each repetition is a fresh process (poolChild.mjs).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** @typedef {import('../scenarios.mjs').Scenario} Scenario */
/** @typedef {import('../modes.mjs').BenchParams} BenchParams */
/** @typedef {import('./poolChild.mjs').PoolJob} PoolJob */

const child = fileURLToPath(new URL('./poolChild.mjs', import.meta.url));

/**
 * Runs one repetition in a fresh `node --expose-gc` and returns its figures.
 * @param {PoolJob} job
 * @returns {Promise<Record<string, number>>}
 */
export async function runPoolJob(job) {
  const proc = spawn(process.execPath, ['--expose-gc', child, JSON.stringify(job)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
  });
  proc.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
  });
  const [code] = await once(proc, 'exit');
  if (code !== 0) throw new Error(`${job.kind} ${job.row} exited with ${code}: ${stderr.trim().slice(-400)}`);
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
}

/** @param {string} contender */
const kindOf = (contender) => (contender === 'ours' ? 'manager' : 'sdk');

let callsRound = 0;

/**
 * The throughput row. Ours also runs our own clients from the factory (no manager) back to back, alternating which
 * goes first, for the cost a manager call adds over a direct one (client CPU per call, the steadier figure).
 * @type {Scenario['run']}
 */
async function callsRun(contender, _target, p) {
  /** @type {PoolJob} */
  const job = {
    kind: kindOf(contender.id),
    row: 'calls',
    servers: p.poolServers,
    calls: p.poolCalls,
    inflight: p.poolInflight,
    warmup: p.poolWarmup,
  };
  if (contender.id !== 'ours') return runPoolJob(job);
  const direct = { ...job, kind: /** @type {const} */ ('client') };
  const first = callsRound++ % 2 === 0;
  const a = await runPoolJob(first ? job : direct);
  const b = await runPoolJob(first ? direct : job);
  const [manager, client] = first ? [a, b] : [b, a];
  const managerCpu = manager.cpuUs ?? Number.NaN;
  const clientCpu = client.cpuUs ?? Number.NaN;
  return {
    ...manager,
    directCallsPerSec: client.callsPerSec ?? Number.NaN,
    directCpuUs: clientCpu,
    overheadPct: (managerCpu / clientCpu - 1) * 100,
  };
}

/**
 * The manager-vs-pool rows, titled with the counts of this mode.
 * @param {BenchParams} p
 * @returns {Scenario[]}
 */
export function poolScenarios(p) {
  const n = (/** @type {number} */ value) => value.toLocaleString('en-US');
  const contenders = ['sdk', 'ours'];
  return [
    {
      id: 'pool.calls',
      title: `manager vs SDK pool: ${n(p.poolCalls)} callTool round-robin over ${p.poolServers} stdio servers, ${p.poolInflight} in flight`,
      transport: 'stdio',
      contenders,
      reps: p.poolReps,
      metrics: [
        { key: 'callsPerSec', label: 'calls/s', better: 'higher', kind: 'speed' },
        { key: 'cpuUs', label: 'client CPU µs/call', better: 'lower', kind: 'speed' },
        // The servers share the machine: how often a client wakes them decides much of the throughput.
        { key: 'serverCpuUs', label: 'servers CPU µs/call', better: 'lower', kind: 'speed' },
        {
          key: 'directCallsPerSec',
          label: 'our clients direct: calls/s',
          better: 'higher',
          kind: 'speed',
          contenders: ['ours'],
        },
        {
          key: 'directCpuUs',
          label: 'our clients direct: CPU µs/call',
          better: 'lower',
          kind: 'speed',
          contenders: ['ours'],
        },
        // The goal is on the figure itself: a manager call at most 10 % more client CPU than a direct one.
        {
          key: 'overheadPct',
          label: 'manager over direct, CPU %',
          better: 'lower',
          kind: 'speed',
          goal: 10,
          contenders: ['ours'],
        },
      ],
      run: callsRun,
    },
    {
      id: 'pool.fleet',
      title: `manager vs SDK pool: connect ${p.poolFleet} stdio servers × 10 tools, then shut them down`,
      transport: 'stdio',
      contenders,
      reps: p.poolReps,
      metrics: [
        {
          key: 'heapKiBPerServer',
          label: 'heap growth KiB/server (after gc)',
          better: 'lower',
          kind: 'memory',
        },
        { key: 'closeMs', label: 'shutdown ms', better: 'lower', kind: 'speed' },
        { key: 'readyMs', label: 'all connected ms', better: 'lower', kind: 'speed' },
      ],
      run: (contender, _target, params) =>
        runPoolJob({ kind: kindOf(contender.id), row: 'fleet', servers: params.poolFleet }),
    },
    {
      id: 'pool.rss',
      title: `manager vs SDK pool: connect ${p.poolRssServers} stdio servers × 10 tools (fresh process)`,
      transport: 'stdio',
      contenders,
      reps: p.poolReps,
      metrics: [
        { key: 'rssMiB', label: 'RSS growth MiB (after gc)', better: 'lower', kind: 'memory' },
        { key: 'heapMiB', label: 'heap growth MiB (after gc)', better: 'lower', kind: 'memory' },
        // What the process holds in all, library included: growth alone favours a library whose import left slack
        // pages for the connects to reuse.
        { key: 'rssAfterMiB', label: 'RSS after connecting MiB', better: 'lower', kind: 'memory' },
        { key: 'heapAfterMiB', label: 'heap after connecting MiB', better: 'lower', kind: 'memory' },
      ],
      run: (contender, _target, params) =>
        runPoolJob({ kind: kindOf(contender.id), row: 'rss', servers: params.poolRssServers }),
    },
    {
      id: 'pool.recover',
      // The pool never recovers (no restarts); its peer here is that pool with a hand-written restart.
      title: `manager vs SDK pool with a hand-written restart: SIGKILL of one of ${p.poolRecoverServers} servers, until a call on it succeeds (${n(p.poolRecoverDeadlineMs)} ms at most)`,
      transport: 'stdio',
      contenders,
      reps: p.poolReps,
      metrics: [
        { key: 'recoverMs', label: 'kill to a call answered ms', better: 'lower', kind: 'speed' },
        { key: 'recovered', label: 'recovered (share of kills)', better: 'higher', kind: 'speed' },
      ],
      run: (contender, _target, params) =>
        runPoolJob({
          kind: contender.id === 'ours' ? 'manager' : 'sdk-restart',
          row: 'recover',
          servers: params.poolRecoverServers,
          deadlineMs: params.poolRecoverDeadlineMs,
        }),
    },
  ];
}
