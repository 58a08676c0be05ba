import { readFile, writeFile } from 'node:fs/promises';
import { countStatus } from './checks.js';
import { BASELINE_FILE } from './paths.js';
import { runDir, runScenario } from './runScenario.js';
import type { Suite } from './suites.js';

/**
 * SUCCESS checks a do-nothing client gets, per suite version and scenario. A scenario counts as
 * passed only with more than that: `initialize` records no check at all for a client that never
 * connects, and `auth/resource-mismatch` records a SUCCESS for one that sends nothing.
 */
export type Baseline = Record<string, Record<string, number>>;

/** Two do-nothing clients: one that exits 0 and one that exits 1 (some scenarios accept refusing). */
const DO_NOTHING = ['true', 'false'];

export async function loadBaseline(): Promise<Baseline> {
  try {
    return JSON.parse(await readFile(BASELINE_FILE, 'utf8')) as Baseline;
  } catch {
    return {};
  }
}

export async function saveBaseline(baseline: Baseline): Promise<void> {
  const sorted: Baseline = {};
  for (const version of Object.keys(baseline).sort()) sorted[version] = baseline[version]!;
  await writeFile(BASELINE_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
}

/** Probes one scenario with each do-nothing client and keeps the most SUCCESS checks either got. */
export async function probeScenario(s: Suite, scenario: string, root: string): Promise<number> {
  let most = 0;
  for (const command of DO_NOTHING) {
    const outcome = await runScenario(s, scenario, command, runDir(root, s, scenario, `probe-${command}`));
    most = Math.max(most, countStatus(outcome.checks ?? [], 'SUCCESS'));
  }
  return most;
}
