import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MODES } from '../src/modes.mjs';
import type { BenchResult } from '../src/runBench.mjs';
import { scenarios } from '../src/scenarios.mjs';
import { renderTable } from '../src/table.mjs';

const cli = fileURLToPath(new URL('../src/cli.mjs', import.meta.url));

/** Runs the bench CLI and returns what it printed; a non-zero exit fails the test with its stderr. */
async function bench(args: string[]): Promise<string> {
  const child = spawn(process.execPath, ['--expose-gc', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const [code] = await once(child, 'exit');
  expect(code, stderr).toBe(0);
  return stdout;
}

// A smoke check only: `pnpm bench --smoke` still runs every scenario with every contender. Speed is never asserted.
describe('pnpm bench --smoke', () => {
  it('runs every scenario with every contender and prints them as JSON and as a table', async () => {
    const result = JSON.parse(await bench(['--smoke', '--json'])) as BenchResult;

    const expected = scenarios(MODES.smoke).map((s) => s.id);
    expect(result.scenarios.map((s) => s.id)).toEqual(expected);
    expect(result.contenders).toEqual(['bare', 'sdk', 'ours']);
    for (const scenario of result.scenarios) {
      expect(scenario.errors, scenario.id).toEqual({});
      for (const metric of scenario.metrics) {
        // Every contender the scenario (or the figure) is for: a figure only ours has is run by ours alone.
        for (const contender of metric.contenders ?? scenario.contenders) {
          expect(
            Number.isFinite(metric.results[contender]?.median),
            `${scenario.id} ${metric.key} ${contender}`,
          ).toBe(true);
        }
      }
    }

    const table = renderTable(result);
    for (const scenario of scenarios(MODES.smoke)) expect(table).toContain(`| ${scenario.title} |`);
    expect(table).toMatch(/Targets: \d+ of \d+ met\./);
  });

  it('takes --only and --contenders, and the table says which contender failed and why', async () => {
    const result = JSON.parse(
      await bench(['--smoke', '--json', '--only', 'stdio.seq', '--contenders', 'bare']),
    ) as BenchResult;
    expect(result.scenarios.map((s) => s.id)).toEqual(['stdio.seq']);
    expect(result.contenders).toEqual(['bare']);

    const failed: BenchResult = {
      ...result,
      scenarios: result.scenarios.map((s) => ({ ...s, errors: { ours: 'server exited' } })),
    };
    expect(renderTable(failed)).toContain('- stdio.seq, ours: server exited');
  });
});
