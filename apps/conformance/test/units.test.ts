import { describe, expect, it } from 'vitest';
import { type CheckStatus, firstProblem } from '../src/checks.js';
import { staleEntries } from '../src/expectedFailures.js';
import { inOrderPool } from '../src/pool.js';
import type { ScenarioOutcome } from '../src/runScenario.js';
import { shellCommand } from '../src/shellQuote.js';
import { judge, verdict } from '../src/verdict.js';

const outcome = (exitCode: number, statuses: CheckStatus[]): ScenarioOutcome => ({
  exitCode,
  timedOut: false,
  checks: statuses.map((status, i) => ({ id: `c${i}`, status })),
  output: '',
  ms: 1,
});

describe('the vacuous-pass guard', () => {
  it('passes only on exit 0 with more SUCCESS checks than a do-nothing client', () => {
    expect(judge(outcome(0, ['SUCCESS', 'SUCCESS']), 1).passed).toBe(true);
    expect(judge(outcome(0, ['SUCCESS']), 1)).toMatchObject({
      passed: false,
      reason: expect.stringMatching(/vacuous/),
    });
    expect(judge(outcome(0, []), 0).passed).toBe(false);
    expect(judge(outcome(1, ['SUCCESS', 'SUCCESS']), 0).passed).toBe(false);
  });

  it('names the first failing check', () => {
    expect(
      firstProblem([
        { id: 'a', status: 'SUCCESS' },
        { id: 'b', status: 'FAILURE', errorMessage: 'no' },
      ]),
    ).toBe('FAILURE b: no');
  });
});

describe('verdicts', () => {
  it('turns pass/fail and expected-to-fail into PASS, FAIL, XFAIL, XPASS', () => {
    expect([verdict(true, false), verdict(false, false), verdict(false, true), verdict(true, true)]).toEqual([
      'PASS',
      'FAIL',
      'XFAIL',
      'XPASS',
    ]);
  });

  it('reports expected failures that name no listed scenario', () => {
    expect(staleEntries({ 'v/a': 'x', 'v/gone': 'y' }, new Set(['v/a']))).toEqual(['v/gone']);
  });
});

describe('helpers', () => {
  it('quotes words for sh and refuses whitespace, which the suite would split', () => {
    expect(shellCommand(['exec', '/usr/bin/node', "/a/it's.js"])).toBe(`exec /usr/bin/node '/a/it'\\''s.js'`);
    expect(() => shellCommand(['/a b/node'])).toThrow(/whitespace/);
  });

  it('hands results over in input order whatever order they finish in', async () => {
    const seen: number[] = [];
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await inOrderPool(
      [30, 1, 10, 1],
      2,
      async (ms) => {
        await wait(ms);
        return ms;
      },
      (item) => seen.push(item),
    );
    expect(seen).toEqual([30, 1, 10, 1]);
  });
});
