// What is measured. Each run connects fresh, warms up untimed, then times only the figure it reports.
import { performance } from 'node:perf_hooks';
import { bareUrlScenario } from './bareUrlScenario.mjs';
import { coldImportScenario } from './coldImportScenario.mjs';
import { textOf } from './contenders/contender.mjs';
import { httpAuthScenario } from './httpAuthScenario.mjs';
import { reliabilityScenarios } from './managerReliability.mjs';
import { onDemandScenario } from './onDemandScenario.mjs';
import { outputSchemaScenario } from './outputSchemaScenario.mjs';
import { poolScenarios } from './pool/poolScenarios.mjs';
import { redisTokenScenario } from './redisTokenScenario.mjs';
import { percentile } from './stats.mjs';
import { telemetryScenario } from './telemetryScenario.mjs';
import { toolNamespaceScenario } from './toolNamespaceScenario.mjs';
import { toolSearchScenario } from './toolSearchScenario.mjs';
import { usersScenario } from './usersScenario.mjs';

/** @typedef {import('./contenders/contender.mjs').Contender} Contender */
/** @typedef {import('./contenders/contender.mjs').Target} Target */
/** @typedef {import('./contenders/contender.mjs').Connection} Connection */
/** @typedef {import('./modes.mjs').BenchParams} BenchParams */

/**
 * @typedef {object} Metric
 * @property {string} key
 * @property {string} label
 * @property {'higher' | 'lower'} better
 * @property {'speed' | 'memory'} kind speed figures carry the 1.5x-of-bare target, memory only "not worse than the SDK"
 * @property {number} [goal] an upper bound of ours' median, in the figure's unit: a target of its own
 * @property {string[]} [contenders] the contenders that have this figure, when not all of the scenario's (validation off)
 */

/**
 * @typedef {object} Scenario
 * @property {string} id stable name, e.g. `http.conc`
 * @property {string} title
 * @property {'stdio' | 'http' | 'sse' | 'memory'} transport 'memory': in process, no server to start (the target is unused)
 * @property {Metric[]} metrics
 * @property {number} [reps] repetitions, when not the mode's default
 * @property {string[]} [contenders] the ids of the contenders it runs, when not all (a figure only ours has)
 * @property {(contender: Contender, target: Target, params: BenchParams) => Promise<Record<string, number>>} run
 */

const MiB = 1024 * 1024;
const SMALL = { text: 'hello' };

/** @type {Metric} */ const CALLS = { key: 'callsPerSec', label: 'calls/s', better: 'higher', kind: 'speed' };
/** @type {Metric} */ const P50 = { key: 'p50us', label: 'p50 µs', better: 'lower', kind: 'speed' };
/** @type {Metric} */ const P99 = { key: 'p99us', label: 'p99 µs', better: 'lower', kind: 'speed' };
/** Client CPU per call (user + system of this process; servers run in other processes): steadier than calls/s on a small VM. */
/** @type {Metric} */ const CPU = {
  key: 'cpuUs',
  label: 'client CPU µs/call',
  better: 'lower',
  kind: 'speed',
};

/** CPU microseconds this process used since `start` (from process.cpuUsage()). */
function cpuSince(/** @type {NodeJS.CpuUsage} */ start) {
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

/**
 * @param {Connection} connection
 * @param {number} count
 */
async function warm(connection, count) {
  for (let i = 0; i < count; i++) await connection.callTool('echo', SMALL);
}

/**
 * @template T
 * @param {Contender} contender
 * @param {Target} target
 * @param {(connection: Connection) => Promise<T>} body
 * @returns {Promise<T>}
 */
async function withConnection(contender, target, body) {
  const connection = await contender.connect(target);
  try {
    return await body(connection);
  } finally {
    await connection.close();
  }
}

/** @type {Scenario['run']} */
async function connectRun(contender, target, params) {
  const times = [];
  for (let i = 0; i < params.connects; i++) {
    const start = performance.now();
    const connection = await contender.connect(target);
    times.push(performance.now() - start);
    await connection.close();
  }
  // The median, like every other figure: one connect that meets a scheduling hiccup does not set the run's figure.
  return { ms: percentile(times, 0.5) };
}

/** @type {Scenario['run']} */
function sequentialRun(contender, target, params) {
  return withConnection(contender, target, async (connection) => {
    await warm(connection, params.warmup);
    const latencies = new Array(params.sequential);
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < params.sequential; i++) {
      const t0 = performance.now();
      await connection.callTool('echo', SMALL);
      latencies[i] = performance.now() - t0;
    }
    const seconds = (performance.now() - start) / 1000;
    return {
      callsPerSec: params.sequential / seconds,
      p50us: percentile(latencies, 0.5) * 1000,
      p99us: percentile(latencies, 0.99) * 1000,
      cpuUs: cpuSince(cpu) / params.sequential,
    };
  });
}

/** @type {Scenario['run']} */
function concurrentRun(contender, target, params) {
  return withConnection(contender, target, async (connection) => {
    /**
     * @param {number} total
     * @param {number[]} latencies
     */
    const burst = async (total, latencies) => {
      let issued = 0;
      const worker = async () => {
        while (issued < total) {
          issued++;
          const t0 = performance.now();
          await connection.callTool('echo', SMALL);
          latencies.push(performance.now() - t0);
        }
      };
      await Promise.all(Array.from({ length: params.inflight }, worker));
    };
    // Warm up in flight too, so sockets are open and the concurrent path is compiled before timing.
    await burst(params.warmup, []);
    /** @type {number[]} */
    const latencies = [];
    const cpu = process.cpuUsage();
    const start = performance.now();
    await burst(params.concurrent, latencies);
    const seconds = (performance.now() - start) / 1000;
    return {
      callsPerSec: params.concurrent / seconds,
      p99us: percentile(latencies, 0.99) * 1000,
      cpuUs: cpuSince(cpu) / params.concurrent,
    };
  });
}

/**
 * @param {number} bytes
 * @returns {Scenario['run']}
 */
function payloadRun(bytes) {
  const text = 'x'.repeat(bytes);
  return (contender, target, params) =>
    withConnection(contender, target, async (connection) => {
      await warm(connection, 20);
      let total = 0;
      for (let i = 0; i < params.payloadEchoes; i++) {
        const start = performance.now();
        const result = await connection.callTool('echo', { text });
        total += performance.now() - start;
        if (textOf(result)?.length !== bytes) throw new Error(`the ${bytes}-byte echo came back altered`);
      }
      return { ms: total / params.payloadEchoes };
    });
}

/** Resident set size after a full collection (the CLI runs node with --expose-gc). */
function settledRss() {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().rss;
}

/** @type {Scenario['run']} */
async function managerRun(contender, target, params) {
  const targets = Array.from({ length: params.servers }, () => target);
  const before = settledRss();
  const start = performance.now();
  const fleet = await contender.connectMany(targets);
  const readyMs = performance.now() - start;
  const rssMiB = (settledRss() - before) / MiB;
  const closeStart = performance.now();
  await fleet.close();
  return { readyMs, rssMiB, closeMs: performance.now() - closeStart };
}

/**
 * Every scenario of the issue, titled with the counts of this mode.
 * @param {BenchParams} p
 * @returns {Scenario[]}
 */
export function scenarios(p) {
  /** @type {Scenario[]} */
  const list = [];
  const n = (/** @type {number} */ value) => value.toLocaleString('en-US');
  for (const transport of /** @type {const} */ (['stdio', 'http', 'sse'])) {
    const name = { stdio: 'stdio', http: 'Streamable HTTP', sse: 'SSE' }[transport];
    list.push(
      {
        id: `${transport}.connect`,
        title: `${name}: connect + handshake + tools/list`,
        transport,
        metrics: [{ key: 'ms', label: 'ms', better: 'lower', kind: 'speed' }],
        run: connectRun,
      },
      {
        id: `${transport}.seq`,
        title: `${name}: ${n(p.sequential)} sequential tools/call`,
        transport,
        metrics: [CALLS, P50, P99, CPU],
        run: sequentialRun,
      },
      {
        id: `${transport}.conc`,
        title: `${name}: ${n(p.concurrent)} tools/call, ${p.inflight} in flight`,
        transport,
        metrics: [CALLS, P99, CPU],
        run: concurrentRun,
      },
    );
    if (transport === 'stdio') {
      list.push(
        {
          id: 'stdio.payload1m',
          title: 'stdio: 1 MiB payload echo',
          transport,
          metrics: [{ key: 'ms', label: 'ms', better: 'lower', kind: 'speed' }],
          run: payloadRun(MiB),
        },
        {
          id: 'stdio.payload16m',
          title: `stdio: ${p.bigPayloadMiB} MiB payload echo`,
          transport,
          metrics: [{ key: 'ms', label: 'ms', better: 'lower', kind: 'speed' }],
          run: payloadRun(p.bigPayloadMiB * MiB),
        },
        {
          id: 'stdio.manager',
          title: `stdio: ${p.servers} servers connected in parallel`,
          transport,
          metrics: [
            { key: 'readyMs', label: 'all ready ms', better: 'lower', kind: 'speed' },
            { key: 'rssMiB', label: 'RSS growth MiB', better: 'lower', kind: 'memory' },
            { key: 'closeMs', label: 'close all ms', better: 'lower', kind: 'speed' },
          ],
          run: managerRun,
          reps: p.managerReps,
        },
      );
    }
  }
  list.push(
    bareUrlScenario('http'),
    bareUrlScenario('sse'),
    coldImportScenario(),
    httpAuthScenario(),
    outputSchemaScenario(p),
    toolNamespaceScenario(p),
    toolSearchScenario(p),
    telemetryScenario(p),
    ...reliabilityScenarios(p),
    ...poolScenarios(p),
    onDemandScenario(p),
    usersScenario(p),
    redisTokenScenario(p),
  );
  return list;
}
