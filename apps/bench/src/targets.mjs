// The targets, checked on the figures of one run (ratios of medians from the same run).

/** @typedef {import('./runBench.mjs').BenchResult} BenchResult */
/** @typedef {import('./runBench.mjs').MetricResult} MetricResult */

/** Ours may cost at most this much more than the bare loop on a speed figure. */
export const MAX_COST_VS_BARE = 1.5;
/** At 64 in flight over HTTP and SSE, ours must do at least this many times the SDK's calls/s. */
export const MIN_SPEEDUP_VS_SDK_REMOTE = 4;
/** The manager's callTool throughput over 20 stdio servers: at least this many times the SDK pool's (issue 34). */
export const MIN_SPEEDUP_VS_POOL = 1.1;
/** The 16 MiB echo may take at most this many times the 1 MiB echo. */
export const MAX_PAYLOAD_GROWTH = 20;
/** listTools() right after one server's list_changed, at 100 servers × 100 tools: at most this long, in µs. */
export const MAX_LIST_AFTER_CHANGE_US = 2000;
/** Checking tool output against outputSchema may cost at most this many times validation off (client CPU). */
export const MAX_VALIDATION_COST = 1.1;
/** An authorized call (the token cached) may cost at most this many times an unauthenticated one. */
export const MAX_AUTH_COST = 1.1;
/** A tool call with OpenTelemetry's no-op tracer may cost at most this many times one with telemetry off. */
export const MAX_TELEMETRY_COST = 1.05;
/** Qualifying 40k tools may cost at most this many times as much per tool as 10k: linear, give or take noise. */
export const MAX_QUALIFY_GROWTH = 1.5;
/** A transport package alone, imported cold, at most this share of the SDK's Client + StdioClientTransport (issue 34). */
export const MAX_TRANSPORT_IMPORT_SHARE = 0.75;

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
      const ours = metric.results.ours?.median;
      if (metric.goal !== undefined && ours !== undefined) {
        const target = `≤ ${metric.goal.toLocaleString('en-US')} (shown as a share of it)`;
        add(scenario.id, metric.label, target, ours / metric.goal, 1);
      }
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
      if (scenario.id === 'pool.calls' && metric.key === 'callsPerSec') {
        add(
          scenario.id,
          metric.label,
          `≥ ${MIN_SPEEDUP_VS_POOL}× the SDK pool's throughput`,
          metric.ratios.oursVsSdk,
          1 / MIN_SPEEDUP_VS_POOL,
        );
      }
    }
  }
  for (const [key, sdkKey, label] of /** @type {const} */ ([
    ['stdioCpuMs', 'cpuMs', 'transport-stdio import CPU'],
    ['stdioRssMiB', 'rssMiB', 'transport-stdio peak RSS'],
    ['httpCpuMs', 'cpuMs', 'transport-http import CPU'],
    ['httpRssMiB', 'rssMiB', 'transport-http peak RSS'],
    ['sseCpuMs', 'cpuMs', 'transport-sse import CPU'],
    ['sseRssMiB', 'rssMiB', 'transport-sse peak RSS'],
  ])) {
    const ours = oursMedian(result, 'import.cold', key);
    const sdk = result.scenarios.find((s) => s.id === 'import.cold')?.metrics.find((m) => m.key === sdkKey)
      ?.results.sdk?.median;
    if (ours !== undefined && sdk !== undefined)
      add(
        'import.cold',
        label,
        `≤ ${MAX_TRANSPORT_IMPORT_SHARE}× the SDK pair's`,
        ours / sdk,
        MAX_TRANSPORT_IMPORT_SHARE,
      );
  }
  const small = oursMedian(result, 'stdio.payload1m', 'ms');
  const large = oursMedian(result, 'stdio.payload16m', 'ms');
  if (small !== undefined && large !== undefined) {
    add(
      'stdio.payload16m',
      'ms',
      `≤ ${MAX_PAYLOAD_GROWTH}× the 1 MiB echo's time`,
      large / small,
      MAX_PAYLOAD_GROWTH,
    );
  }
  const onVsOff = oursMedian(result, 'stdio.outputSchema', 'onVsOff');
  if (onVsOff !== undefined)
    add(
      'stdio.outputSchema',
      'CPU on ÷ off',
      `≤ ${MAX_VALIDATION_COST}× validation off`,
      onVsOff,
      MAX_VALIDATION_COST,
    );
  const list = oursMedian(result, 'manager.tools', 'listUs');
  if (list !== undefined) {
    const target = `≤ ${MAX_LIST_AFTER_CHANGE_US.toLocaleString('en-US')} µs (shown as a share of it)`;
    add('manager.tools', 'listTools after list_changed µs', target, list / MAX_LIST_AFTER_CHANGE_US, 1);
  }
  const authRatio = oursMedian(result, 'http.auth', 'ratio');
  if (authRatio !== undefined)
    add(
      'http.auth',
      'authorized / unauthenticated',
      `≤ ${MAX_AUTH_COST}× the unauthenticated call`,
      authRatio,
      MAX_AUTH_COST,
    );
  const telemetryRatio = oursMedian(result, 'manager.telemetry', 'ratio');
  if (telemetryRatio !== undefined)
    add(
      'manager.telemetry',
      'no-op / off',
      `≤ ${MAX_TELEMETRY_COST}× telemetry off`,
      telemetryRatio,
      MAX_TELEMETRY_COST,
    );
  const perTool10k = oursMedian(result, 'manager.tools', 'qualify10k');
  const perTool40k = oursMedian(result, 'manager.tools', 'qualify40k');
  if (perTool10k !== undefined && perTool40k !== undefined) {
    const target = `≤ ${MAX_QUALIFY_GROWTH}× the time per tool at 10,000 (linear)`;
    add('manager.tools', 'qualify 40,000 tools ns/tool', target, perTool40k / perTool10k, MAX_QUALIFY_GROWTH);
  }
  return checks;
}

/**
 * Ours' median of one metric of one scenario, if it ran.
 * @param {BenchResult} result
 * @param {string} scenario
 * @param {string} key
 */
function oursMedian(result, scenario, key) {
  return result.scenarios.find((s) => s.id === scenario)?.metrics.find((m) => m.key === key)?.results.ours
    ?.median;
}
