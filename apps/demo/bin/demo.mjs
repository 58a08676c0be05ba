#!/usr/bin/env node
// `pnpm demo`: builds what the demo needs, then runs it. A bin and not a root script, because pnpm prints a
// banner on stdout before every script it runs (only `--silent` stops it), and `pnpm demo -- --json` must
// print nothing but JSON there. Turbo's output goes to stderr for the same reason.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const build = spawnSync('turbo', ['run', 'build', '--filter=@org/mcp-demo...', '--output-logs=errors-only'], {
  cwd: root,
  stdio: ['ignore', process.stderr, process.stderr],
  shell: process.platform === 'win32',
});
if (build.status !== 0) {
  process.stderr.write(`the demo's build failed${build.error ? ` (${build.error.message})` : ''}\n`);
  process.exit(build.status ?? 1);
}
await import('../dist/cli.js');
