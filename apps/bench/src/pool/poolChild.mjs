#!/usr/bin/env node
// One repetition of one pool row in a fresh process (run with --expose-gc): node poolChild.mjs '<job JSON>'.
// Prints the figures as one JSON line. Fresh, as the issue measured: memory is not shared with earlier runs.
// Profile only the timed calls (or the shutdown of the fleet row): POOL_PROFILE=/tmp/x.cpuprofile node --expose-gc src/pool/poolChild.mjs '{"kind":"manager","row":"calls",...}'
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openPool, preload } from './pools.mjs';

/**
 * @typedef {object} PoolJob
 * @property {import('./pools.mjs').PoolKind} kind
 * @property {'calls' | 'fleet' | 'rss' | 'recover'} row
 * @property {number} servers
 * @property {number} [tools] tools per server (10 unless told)
 * @property {number} [calls] timed calls of the `calls` row
 * @property {number} [inflight] calls in flight in the `calls` row
 * @property {number} [warmup] untimed calls before timing
 * @property {number} [deadlineMs] how long the `recover` row keeps calling after the kill
 */

const MiB = 1024 * 1024;
const SMALL = { text: 'hello' };
const fleetServer = fileURLToPath(new URL('../servers/fleetToolServer.mjs', import.meta.url));

/** After two full collections: what is held, not what is garbage. */
function settled() {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage();
}

/**
 * Runs `work` under the CPU profiler when POOL_PROFILE names a file, so a profile holds the measured part only.
 * @template T
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
async function profiled(work) {
  const file = process.env.POOL_PROFILE;
  if (!file) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

/**
 * CPU nanoseconds the servers' processes have used (Linux `/proc/<pid>/schedstat`; 0 elsewhere): a client that
 * wakes its servers less often leaves them more of the machine.
 * @param {number[]} pids
 */
function serversCpuNs(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      total += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      return 0;
    }
  }
  return total;
}

/**
 * `total` echo calls, round-robin over the servers, `inflight` at a time.
 * @param {import('./pools.mjs').Pool} pool
 * @param {number} servers
 * @param {number} total
 * @param {number} inflight
 */
async function burst(pool, servers, total, inflight) {
  let issued = 0;
  const worker = async () => {
    while (issued < total) await pool.echo(issued++ % servers, SMALL);
  };
  await Promise.all(Array.from({ length: inflight }, worker));
}

/**
 * @param {PoolJob} job
 * @returns {Promise<Record<string, number>>}
 */
async function run(job) {
  await preload(job.kind);
  const targets = Array.from({ length: job.servers }, () => ({
    command: process.execPath,
    args: [fleetServer, String(job.tools ?? 10)],
  }));
  const before = settled();
  const started = performance.now();
  const pool = await openPool(job.kind, targets);
  const readyMs = performance.now() - started;
  if (job.row === 'fleet' || job.row === 'rss') {
    const after = settled();
    const closeStart = performance.now();
    await profiled(() => pool.close());
    const closeMs = performance.now() - closeStart;
    return job.row === 'fleet'
      ? { readyMs, heapKiBPerServer: (after.heapUsed - before.heapUsed) / 1024 / job.servers, closeMs }
      : {
          rssMiB: (after.rss - before.rss) / MiB,
          heapMiB: (after.heapUsed - before.heapUsed) / MiB,
          rssAfterMiB: after.rss / MiB,
          heapAfterMiB: after.heapUsed / MiB,
        };
  }
  try {
    if (job.row === 'calls') {
      const total = job.calls ?? 5000;
      const inflight = job.inflight ?? 32;
      await burst(pool, job.servers, job.warmup ?? 500, inflight);
      const pids = await Promise.all(Array.from({ length: job.servers }, (_, i) => pool.pid(i)));
      const serversBefore = serversCpuNs(pids);
      const cpu = process.cpuUsage();
      const start = performance.now();
      await profiled(() => burst(pool, job.servers, total, inflight));
      const seconds = (performance.now() - start) / 1000;
      const used = process.cpuUsage(cpu);
      const serverCpuUs = (serversCpuNs(pids) - serversBefore) / 1000 / total;
      return { callsPerSec: total / seconds, cpuUs: (used.user + used.system) / total, serverCpuUs };
    }
    for (let i = 0; i < 20; i++) await pool.echo(0, SMALL);
    const pid = await pool.pid(0);
    const killed = performance.now();
    process.kill(pid, 'SIGKILL');
    const deadline = killed + (job.deadlineMs ?? 5000);
    while (performance.now() < deadline) {
      try {
        await pool.echo(0, SMALL);
        return { recoverMs: performance.now() - killed, recovered: 1 };
      } catch {
        // A turn of the event loop, so failing calls never starve a restart.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return { recovered: 0 };
  } finally {
    await pool.close();
  }
}

const job = /** @type {PoolJob} */ (JSON.parse(process.argv[2] ?? '{}'));
const figures = await run(job);
// Exit once written: a pool that never recovered may leave a handle behind, and the figures are what counts.
process.stdout.write(`${JSON.stringify(figures)}\n`, () => process.exit(0));
