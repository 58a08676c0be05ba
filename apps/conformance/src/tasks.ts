import { failureKey } from './expectedFailures.js';
import type { RunnerOptions } from './options.js';
import { listClientScenarios, SUITE_VERSIONS, type Suite, suite } from './suites.js';

export interface Task {
  suite: Suite;
  scenario: string;
}

/**
 * Scenarios that measure wall-clock timing (sse-retry: reconnect 450–700 ms after the stream
 * ends, and a WARNING fails the run). They run alone, after the rest, and get up to 3 attempts:
 * under `pnpm test` every other package's tests share the 2 cores, and one late timer is load,
 * not a client bug. The attempt count is printed with the result.
 */
const TIMING_ATTEMPTS: Record<string, number> = { 'sse-retry': 3 };

export function isTimingScenario(scenario: string): boolean {
  return Object.hasOwn(TIMING_ATTEMPTS, scenario);
}

export function attemptsFor(scenario: string): number {
  return isTimingScenario(scenario) ? TIMING_ATTEMPTS[scenario]! : 1;
}

/** Every listed client scenario of the selected suites, filtered; `listed` holds all of them as keys. */
export function selectTasks(options: RunnerOptions): { tasks: Task[]; listed: Set<string> } {
  const listed = new Set<string>();
  const tasks: Task[] = [];
  for (const version of options.suites ?? SUITE_VERSIONS) {
    const s = suite(version);
    for (const scenario of listClientScenarios(s)) {
      listed.add(failureKey(version, scenario));
      if (!options.scenarios || options.scenarios.includes(scenario)) tasks.push({ suite: s, scenario });
    }
  }
  return { tasks, listed };
}
