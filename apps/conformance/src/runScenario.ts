import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Check, readChecks } from './checks.js';
import { suiteNode } from './paths.js';
import { trackGroup } from './processGroups.js';
import type { Suite } from './suites.js';

/** The suite's own per-client timeout, as every single-scenario run gets it. */
export const CLIENT_TIMEOUT_MS = 30_000;
/** Our bound on a whole suite run (mock start, client, checks): past it the group is killed. */
const RUN_TIMEOUT_MS = CLIENT_TIMEOUT_MS + 20_000;
const OUTPUT_TAIL = 4_000;
/** The suite loads ~1 MB of bundle and its dependencies on every run; Node 22 caches the compiled code. */
const COMPILE_CACHE = join(tmpdir(), 'mcp-conformance-compile-cache');

export interface ScenarioOutcome {
  exitCode: number | null;
  timedOut: boolean;
  /** Undefined when the suite wrote no checks.json (it died, or was killed). */
  checks: Check[] | undefined;
  /** The end of what the suite printed (it relays the client's stdout and stderr on failure). */
  output: string;
  ms: number;
}

/**
 * One scenario in single-scenario mode, where the client's exit code counts (in --suite mode it is
 * ignored). The suite leads a process group of its own; the group is killed when the run ends.
 */
export async function runScenario(
  s: Suite,
  scenario: string,
  command: string,
  outDir: string,
): Promise<ScenarioOutcome> {
  await mkdir(outDir, { recursive: true });
  const args = [s.entry, 'client', '--command', command, '--scenario', scenario];
  args.push('--timeout', String(CLIENT_TIMEOUT_MS), '-o', outDir);
  const started = performance.now();
  const child = spawn(suiteNode(), args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_COMPILE_CACHE: COMPILE_CACHE },
  });
  const release = trackGroup(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    release();
  }, RUN_TIMEOUT_MS);
  const exitCode = await new Promise<number | null>((resolve) => {
    child.on('error', (error) => {
      output += `\nspawn failed: ${error.message}`;
      resolve(null);
    });
    child.on('close', (code) => resolve(code));
  });
  clearTimeout(timer);
  release();
  return { exitCode, timedOut, checks: await readChecks(outDir), output, ms: performance.now() - started };
}

/** A folder per run, so two runs at once never share one and the nested auth/ folders stay apart. */
export function runDir(root: string, s: Suite, scenario: string, label: string): string {
  return join(root, s.version, `${scenario.replace(/\//g, '__')}.${label}`);
}
