// The targets, checked on the figures of one run (ratios of medians from the same run).

/** @typedef {import('./runBench.mjs').BenchResult} BenchResult */
/** @typedef {import('./runBench.mjs').MetricResult} MetricResult */

/** Ours may cost at most this much more than the bare loop on a speed figure. */
export const MAX_COST_VS_BARE = 1.5;
/** At 64 in flight over HTTP and SSE, ours must do at least this many times the SDK's calls/s. */
export const MIN_SPEEDUP_VS_SDK_REMOTE = 4;
/** The 16 MiB echo may take at most this many times the 1 MiB echo. */
export const MAX_PAYLOAD_GROWTH = 20;

/**
 * @typedef {object} TargetCheck
 * @property {string} scenario
 * @property {string} metric
 * @property {string} target what is required, in words
 * @property {number} value the measured ratio
 * @property {boolean} pass
 */

/**
 * Every target check of a run; a check whose figures are missing is left out (the table shows the error).
 * @param {BenchResult} result
 * @returns {TargetCheck[]}
 */
export function checkTargets(result) {
  /** @type {TargetCheck[]} */
  const checks = [];
  /**
   * @param {string} scenario
   * @param {string} metric
   * @param {string} target
   * @param {number} value
   * @param {number} limit
   */
  const add = (scenario, metric, target, value, limit) => {
    if (Number.isFinite(value)) checks.push({ scenario, metric, target, value, pass: value <= limit });
  };
  for (const scenario of result.scenarios) {
    for (const metric of scenario.metrics) {
      if (metric.kind === 'speed') {
        add(
          scenario.id,
          metric.label,
          `≤ ${MAX_COST_VS_BARE}× the bare loop's cost`,
          metric.ratios.oursVsBare,
          MAX_COST_VS_BARE,
        );
      }
      add(scenario.id, metric.label, 'never worse than the SDK', metric.ratios.oursVsSdk, 1);
      if (/^(http|sse)\.conc$/.test(scenario.id) && metric.key === 'callsPerSec') {
        add(
          scenario.id,
          metric.label,
          `≥ ${MIN_SPEEDUP_VS_SDK_REMOTE}× the SDK's throughput`,
          metric.ratios.oursVsSdk,
          1 / MIN_SPEEDUP_VS_SDK_REMOTE,
        );
      }
    }
  }
  const small = result.scenarios.find((s) => s.id === 'stdio.payload1m')?.metrics[0]?.results.ours?.median;
  const large = result.scenarios.find((s) => s.id === 'stdio.payload16m')?.metrics[0]?.results.ours?.median;
  if (small !== undefined && large !== undefined) {
    add(
      'stdio.payload16m',
      'ms',
      `≤ ${MAX_PAYLOAD_GROWTH}× the 1 MiB echo's time`,
      large / small,
      MAX_PAYLOAD_GROWTH,
    );
  }
  return checks;
}
