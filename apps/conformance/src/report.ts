import type { ScenarioOutcome } from './runScenario.js';
import type { Suite } from './suites.js';
import { isGreen, type Judgement, type Verdict } from './verdict.js';

export interface Row {
  suite: Suite;
  scenario: string;
  verdict: Verdict;
  judgement: Judgement;
  expectedReason: string | undefined;
  outcome: ScenarioOutcome;
  /** Which attempt this is, of how many the scenario gets (more than one only for timing scenarios). */
  attempt: number;
  attempts: number;
}

/** `suite scenario VERDICT reason`: for XFAIL the listed reason, otherwise what the run showed. */
export function rowLine(row: Row, verbose: boolean): string {
  const tries = row.attempts > 1 ? `, attempt ${row.attempt} of ${row.attempts}` : '';
  const seconds = `${(row.outcome.ms / 1000).toFixed(1)}s${tries}`;
  let reason = row.judgement.reason;
  if (row.verdict === 'XFAIL') reason = `${row.expectedReason} [${row.judgement.reason}]`;
  if (row.verdict === 'XPASS') reason = `passes (${reason}): remove it from expected-failures.json`;
  const line = `${row.suite.version} ${row.scenario} ${row.verdict} ${reason} (${seconds})`;
  if (!verbose || row.verdict === 'PASS') return line;
  return `${line}\n${indent(row.outcome.output)}`;
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `    | ${l}`)
    .join('\n');
}

/** Per-suite counts, then the closing `N passed, M failed` line; returns the exit code. */
export function printSummary(rows: readonly Row[], stale: readonly string[], ms: number): number {
  const versions = [...new Set(rows.map((r) => r.suite.version))];
  console.log('');
  for (const version of versions) {
    const of = rows.filter((r) => r.suite.version === version);
    const count = (v: Verdict) => of.filter((r) => r.verdict === v).length;
    console.log(
      `${version}: ${of.length} scenarios, ${count('PASS')} pass, ${count('XFAIL')} expected failures, ` +
        `${count('FAIL')} unexpected failures, ${count('XPASS')} unexpected passes`,
    );
  }
  for (const key of stale) console.log(`stale entry in expected-failures.json (no such scenario): ${key}`);
  const passed = rows.filter((r) => r.verdict === 'PASS').length;
  const failed = rows.filter((r) => !isGreen(r.verdict)).length + stale.length;
  const xfail = rows.filter((r) => r.verdict === 'XFAIL').length;
  console.log(
    `${xfail} expected failures (XFAIL) are not counted as failed; took ${(ms / 1000).toFixed(1)}s`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
