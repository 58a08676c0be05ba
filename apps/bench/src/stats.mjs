/**
 * The p-th percentile (0 < p <= 1) of values, nearest-rank; sorts in place.
 * @param {number[]} values
 * @param {number} p
 */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  values.sort((a, b) => a - b);
  return /** @type {number} */ (
    values[Math.min(values.length - 1, Math.max(0, Math.ceil(p * values.length) - 1))]
  );
}

/**
 * Median, minimum and maximum of the repetitions of one figure.
 * @param {number[]} samples
 * @returns {{ median: number, min: number, max: number, samples: number[] }}
 */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (/** @type {number} */ i) => sorted[i] ?? Number.NaN;
  const median = n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  return { median, min: sorted[0] ?? Number.NaN, max: sorted[n - 1] ?? Number.NaN, samples };
}

/**
 * How much x costs compared with ref: above 1 means x is slower (or uses more) than ref.
 * @param {number} x
 * @param {number} ref
 * @param {'higher' | 'lower'} better
 */
export function costRatio(x, ref, better) {
  if (!Number.isFinite(x) || !Number.isFinite(ref) || x <= 0 || ref <= 0) return Number.NaN;
  return better === 'higher' ? ref / x : x / ref;
}
