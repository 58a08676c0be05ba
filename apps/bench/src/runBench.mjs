// The harness: contenders interleaved (A B C A B C ...) in each scenario, figures summarised per contender.
import os from 'node:os';
import { startServer, stdioServer } from './servers/startServer.mjs';
import { costRatio, summarize } from './stats.mjs';

/** @typedef {import('./contenders/contender.mjs').Contender} Contender */
/** @typedef {import('./scenarios.mjs').Scenario} Scenario */
/** @typedef {import('./modes.mjs').BenchParams} BenchParams */

/**
 * @typedef {object} MetricResult
 * @property {string} key
 * @property {string} label
 * @property {'higher' | 'lower'} better
 * @property {'speed' | 'memory'} kind
 * @property {number} [goal] an upper bound of ours' median (see Metric)
 * @property {string[]} [contenders] the contenders that have this figure (see Metric)
 * @property {Record<string, { median: number, min: number, max: number, samples: number[] }>} results by contender id
 * @property {{ sdkVsBare: number, oursVsBare: number, oursVsSdk: number }} ratios cost ratios of the medians (above 1: costlier)
 */

/**
 * @typedef {object} ScenarioResult
 * @property {string} id
 * @property {string} title
 * @property {MetricResult[]} metrics
 * @property {Record<string, string>} errors why a contender has no figures, by contender id
 * @property {string[]} contenders the ids of the contenders it ran
 */

/**
 * @typedef {object} BenchResult
 * @property {{ date: string, cpus: number, cpuModel: string, memoryGiB: number, node: string, platform: string }} machine
 * @property {BenchParams} params
 * @property {string[]} contenders
 * @property {ScenarioResult[]} scenarios
 */

/** A run that takes longer than this is recorded as failed, so one hang never stalls the bench. */
const RUN_LIMIT_MS = 120_000;

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {string} what
 * @returns {Promise<T>}
 */
function bounded(promise, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${RUN_LIMIT_MS / 1000} s`)), RUN_LIMIT_MS);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, limit]).finally(() => clearTimeout(timer)));
}

/**
 * Runs every scenario with every contender and returns the summarised figures.
 * @param {{ params: BenchParams, scenarios: Scenario[], contenders: Contender[], log: (line: string) => void }} options
 * @returns {Promise<BenchResult>}
 */
export async function runBench({ params, scenarios, contenders, log }) {
  const needed = new Set(scenarios.map((s) => s.transport));
  /** @type {Partial<Record<'http' | 'sse', import('./servers/startServer.mjs').RunningServer>>} */
  const servers = {};
  /** @type {ScenarioResult[]} */
  const results = [];
  try {
    if (needed.has('http')) servers.http = await startServer('http');
    if (needed.has('sse')) servers.sse = await startServer('sse');
    for (const scenario of scenarios) {
      const server =
        scenario.transport === 'http' || scenario.transport === 'sse'
          ? servers[scenario.transport]
          : undefined;
      /** @type {import('./contenders/contender.mjs').Target} */
      const target = server
        ? { transport: /** @type {'http' | 'sse'} */ (scenario.transport), url: server.url }
        : { transport: 'stdio', ...stdioServer };
      /** @type {Record<string, Record<string, number>[]>} */
      const samples = Object.fromEntries(contenders.map((c) => [c.id, []]));
      /** @type {Record<string, string>} */
      const errors = {};
      const reps = scenario.reps ?? params.reps;
      const started = Date.now();
      for (let rep = 0; rep < reps; rep++) {
        for (const contender of contenders) {
          if (errors[contender.id] || (scenario.contenders && !scenario.contenders.includes(contender.id)))
            continue;
          globalThis.gc?.();
          try {
            const figures = await bounded(
              scenario.run(contender, target, params),
              `${scenario.id} (${contender.id})`,
            );
            samples[contender.id]?.push(figures);
          } catch (error) {
            errors[contender.id] = error instanceof Error ? error.message : String(error);
            log(`  ${scenario.id}: ${contender.id} failed: ${errors[contender.id]}`);
          }
        }
      }
      log(`${scenario.id} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      results.push(summarizeScenario(scenario, contenders, samples, errors));
    }
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.close()));
  }
  return {
    machine: {
      date: new Date().toISOString(),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    params,
    contenders: contenders.map((c) => c.id),
    scenarios: results,
  };
}

/**
 * @param {Scenario} scenario
 * @param {Contender[]} contenders
 * @param {Record<string, Record<string, number>[]>} samples
 * @param {Record<string, string>} errors
 * @returns {ScenarioResult}
 */
function summarizeScenario(scenario, contenders, samples, errors) {
  const metrics = scenario.metrics.map((metric) => {
    /** @type {MetricResult['results']} */
    const results = {};
    for (const contender of contenders) {
      const runs = samples[contender.id] ?? [];
      // A figure only some contenders have (validation off, say) is left out for the others.
      if (runs.length > 0 && runs.every((r) => typeof r[metric.key] === 'number'))
        results[contender.id] = summarize(runs.map((r) => /** @type {number} */ (r[metric.key])));
    }
    const median = (/** @type {string} */ id) => results[id]?.median ?? Number.NaN;
    return {
      ...metric,
      results,
      // The bare loop holds next to nothing, so a memory ratio to it is noise: memory compares with the SDK only.
      ratios: {
        sdkVsBare:
          metric.kind === 'memory' ? Number.NaN : costRatio(median('sdk'), median('bare'), metric.better),
        oursVsBare:
          metric.kind === 'memory' ? Number.NaN : costRatio(median('ours'), median('bare'), metric.better),
        oursVsSdk: costRatio(median('ours'), median('sdk'), metric.better),
      },
    };
  });
  const ran = contenders
    .map((c) => c.id)
    .filter((id) => !scenario.contenders || scenario.contenders.includes(id));
  return { id: scenario.id, title: scenario.title, metrics, errors, contenders: ran };
}
