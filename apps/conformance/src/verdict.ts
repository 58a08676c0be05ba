import { countStatus, firstProblem } from './checks.js';
import type { ScenarioOutcome } from './runScenario.js';

export type Verdict = 'PASS' | 'FAIL' | 'XFAIL' | 'XPASS';

export interface Judgement {
  passed: boolean;
  /** Why it did not pass, or what it recorded when it did. */
  reason: string;
}

/** Passed: the run exited 0 AND recorded more SUCCESS checks than a do-nothing client does. */
export function judge(outcome: ScenarioOutcome, vacuous: number): Judgement {
  const successes = countStatus(outcome.checks ?? [], 'SUCCESS');
  const tally = `${successes} SUCCESS (do-nothing: ${vacuous})`;
  if (outcome.timedOut) return { passed: false, reason: 'the suite run timed out and was killed' };
  if (outcome.checks === undefined)
    return { passed: false, reason: `no checks.json (exit ${outcome.exitCode})` };
  const problem = firstProblem(outcome.checks);
  if (outcome.exitCode !== 0) {
    return { passed: false, reason: `exit ${outcome.exitCode}; ${problem ?? clientError(outcome.output)}` };
  }
  if (successes <= vacuous) return { passed: false, reason: `vacuous: ${tally}` };
  return { passed: true, reason: tally };
}

/** With no failing check, the suite failed the run for the client's exit code: show what the client said. */
function clientError(output: string): string {
  const line = output
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /failed:|Error|error/.test(l) && !l.startsWith('Checks'));
  return line ? `client: ${line.slice(0, 200)}` : 'client exited non-zero';
}

export function verdict(passed: boolean, expectedToFail: boolean): Verdict {
  if (passed) return expectedToFail ? 'XPASS' : 'PASS';
  return expectedToFail ? 'XFAIL' : 'FAIL';
}

/** PASS and XFAIL keep the run green; FAIL (a regression) and XPASS (a stale entry) do not. */
export function isGreen(v: Verdict): boolean {
  return v === 'PASS' || v === 'XFAIL';
}
