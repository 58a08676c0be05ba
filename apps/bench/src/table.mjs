// Renders a run as a Markdown table (it reads the same in a terminal and in the README).
import { checkTargets } from './targets.mjs';

/** @typedef {import('./runBench.mjs').BenchResult} BenchResult */

/**
 * @param {number} value
 * @param {string} label
 */
function figure(value, label) {
  if (!Number.isFinite(value)) return '—';
  if (label.includes('÷')) return value.toFixed(3);
  if (label === 'calls/s' || (label.includes('µs') && value >= 100))
    return Math.round(value).toLocaleString('en-US');
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

/** @param {number} ratio */
function times(ratio) {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—';
}

/**
 * The whole report: machine line, figures table (median and min–max of the repetitions,
 * cost ratios of the medians) and the targets.
 * @param {BenchResult} result
 * @returns {string}
 */
export function renderTable(result) {
  const { machine, params } = result;
  const lines = [
    `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; ${machine.date.slice(0, 10)}; mode ${params.mode}, ${params.reps} repetitions (manager ${params.managerReps}), interleaved.`,
    '',
    'Figures: median (min–max). Ratios compare medians as a cost: above 1× means slower, or more memory, than the reference.',
    '',
    '| scenario | figure | bare loop | official SDK | ours | SDK ÷ bare | ours ÷ bare | ours ÷ SDK |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const scenario of result.scenarios) {
    scenario.metrics.forEach((metric, index) => {
      const cells = result.contenders.map((id) => {
        const r = metric.results[id];
        if (!r) return scenario.errors[id] ? 'error' : '—';
        const value = figure(r.median, metric.label);
        return r.samples.length > 1
          ? `${value} (${figure(r.min, metric.label)}–${figure(r.max, metric.label)})`
          : value;
      });
      const byId = Object.fromEntries(result.contenders.map((id, i) => [id, cells[i]]));
      lines.push(
        `| ${index === 0 ? scenario.title : ''} | ${metric.label} | ${byId.bare ?? '—'} | ${byId.sdk ?? '—'} | ${byId.ours ?? '—'} | ${times(metric.ratios.sdkVsBare)} | ${times(metric.ratios.oursVsBare)} | ${times(metric.ratios.oursVsSdk)} |`,
      );
    });
  }
  const failures = result.scenarios.flatMap((s) =>
    Object.entries(s.errors).map(([id, why]) => `- ${s.id}, ${id}: ${why}`),
  );
  if (failures.length > 0) lines.push('', 'Errors:', ...failures);
  const checks = checkTargets(result);
  if (checks.length > 0) {
    const missed = checks.filter((c) => !c.pass);
    lines.push('', `Targets: ${checks.length - missed.length} of ${checks.length} met.`);
    for (const c of missed)
      lines.push(`- missed: ${c.scenario} ${c.metric}: ${times(c.value)}, wanted ${c.target}`);
  }
  return lines.join('\n');
}
