#!/usr/bin/env node
// pnpm conformance: every client scenario of both pinned suites, one scenario per suite run.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Baseline, loadBaseline, probeScenario, saveBaseline } from './baseline.js';
import { type ExpectedFailures, failureKey, loadExpectedFailures, staleEntries } from './expectedFailures.js';
import { parseOptions, type RunnerOptions, USAGE } from './options.js';
import { CLIENT_ENTRY, clientNode, suiteNode } from './paths.js';
import { inOrderPool } from './pool.js';
import { killGroupsOnExit } from './processGroups.js';
import { printSummary, type Row, rowLine } from './report.js';
import { runDir, runScenario } from './runScenario.js';
import { shellCommand } from './shellQuote.js';
import { attemptsFor, isTimingScenario, selectTasks, type Task } from './tasks.js';
import { judge, verdict } from './verdict.js';

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

/** Runs one task (timing scenarios until one attempt passes) and judges it. */
function taskRunner(command: string, root: string, baseline: Baseline, expected: ExpectedFailures) {
  return async (t: Task): Promise<Row> => {
    const expectedReason = expected[failureKey(t.suite.version, t.scenario)];
    const vacuous = baseline[t.suite.version]![t.scenario]!;
    const attempts = attemptsFor(t.scenario);
    for (let attempt = 1; ; attempt++) {
      const dir = runDir(root, t.suite, t.scenario, `client-${attempt}`);
      const outcome = await runScenario(t.suite, t.scenario, command, dir);
      const judgement = judge(outcome, vacuous);
      if (judgement.passed || attempt === attempts) {
        const v = verdict(judgement.passed, expectedReason !== undefined);
        return { ...t, verdict: v, judgement, expectedReason, outcome, attempt, attempts };
      }
    }
  };
}

function versionOf(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
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
    const node = clientNode();
    // `exec`: the suite's own timeout kills the shell it started; exec makes that the client itself.
    const command = options.command ?? shellCommand(['exec', node, CLIENT_ENTRY]);
    console.log(`suite on Node ${versionOf(suiteNode())}; client: ${command} (Node ${versionOf(node)})`);
    const run = taskRunner(command, root, baseline, expected);
    const rows: Row[] = [];
    const print = (_t: Task, row: Row) => {
      rows.push(row);
      console.log(rowLine(row, options.verbose));
    };
    // Everything else `--jobs` at a time; then the timing scenarios, each on an otherwise idle runner.
    await inOrderPool(
      tasks.filter((t) => !isTimingScenario(t.scenario)),
      options.jobs,
      run,
      print,
    );
    await inOrderPool(
      tasks.filter((t) => isTimingScenario(t.scenario)),
      1,
      run,
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
