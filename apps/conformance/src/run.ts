#!/usr/bin/env node
// pnpm conformance: every client scenario of both pinned suites, one scenario per suite run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Baseline, loadBaseline, probeScenario, saveBaseline } from './baseline.js';
import { failureKey, loadExpectedFailures, staleEntries } from './expectedFailures.js';
import { parseOptions, type RunnerOptions, USAGE } from './options.js';
import { CLIENT_ENTRY, clientNode } from './paths.js';
import { inOrderPool } from './pool.js';
import { killGroupsOnExit } from './processGroups.js';
import { printSummary, type Row, rowLine } from './report.js';
import { runDir, runScenario } from './runScenario.js';
import { shellCommand } from './shellQuote.js';
import { listClientScenarios, SUITE_VERSIONS, type Suite, suite } from './suites.js';
import { judge, verdict } from './verdict.js';

/** Scenarios that measure timing (sse-retry: reconnect 450–700 ms after the stream ends) run alone. */
const SOLO = new Set(['sse-retry']);

interface Task {
  suite: Suite;
  scenario: string;
}

function selectTasks(options: RunnerOptions): { tasks: Task[]; listed: Set<string> } {
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

/** Probes what the cache lacks (or everything, with --probe) and writes the cache back. */
async function ensureBaseline(tasks: Task[], options: RunnerOptions, root: string): Promise<Baseline> {
  const baseline = await loadBaseline();
  const missing = tasks.filter((t) => options.probe || baseline[t.suite.version]?.[t.scenario] === undefined);
  if (missing.length === 0) return baseline;
  console.log(`probing ${missing.length} scenario(s) with do-nothing clients (true, false)...`);
  await inOrderPool(
    missing,
    options.jobs,
    (t) => probeScenario(t.suite, t.scenario, root),
    (t, successes) => {
      baseline[t.suite.version] ??= {};
      baseline[t.suite.version]![t.scenario] = successes;
    },
  );
  await saveBaseline(baseline);
  return baseline;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  killGroupsOnExit();
  const started = performance.now();
  const root = options.out ?? (await mkdtemp(join(tmpdir(), 'mcp-conformance-')));
  try {
    const expected = await loadExpectedFailures();
    const { tasks, listed } = selectTasks(options);
    if (tasks.length === 0) throw new Error('no scenario matches the filters');
    const baseline = await ensureBaseline(tasks, options, root);
    const command = shellCommand([clientNode(), CLIENT_ENTRY]);
    const rows: Row[] = [];
    const runOne = async (t: Task): Promise<Row> => {
      const outcome = await runScenario(
        t.suite,
        t.scenario,
        command,
        runDir(root, t.suite, t.scenario, 'client'),
      );
      const judgement = judge(outcome, baseline[t.suite.version]![t.scenario]!);
      const expectedReason = expected[failureKey(t.suite.version, t.scenario)];
      const v = verdict(judgement.passed, expectedReason !== undefined);
      return { ...t, verdict: v, judgement, expectedReason, outcome };
    };
    const print = (_t: Task, row: Row) => {
      rows.push(row);
      console.log(rowLine(row, options.verbose));
    };
    // Everything else two at a time; then the timing scenarios, each on an otherwise idle machine.
    await inOrderPool(
      tasks.filter((t) => !SOLO.has(t.scenario)),
      options.jobs,
      runOne,
      print,
    );
    await inOrderPool(
      tasks.filter((t) => SOLO.has(t.scenario)),
      1,
      runOne,
      print,
    );
    const stale = options.suites || options.scenarios ? [] : staleEntries(expected, listed);
    return printSummary(rows, stale, performance.now() - started);
  } finally {
    if (!options.out) await rm(root, { recursive: true, force: true });
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
