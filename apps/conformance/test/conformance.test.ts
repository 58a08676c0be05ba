import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const runner = fileURLToPath(new URL('../dist/run.js', import.meta.url));

// The whole harness, as `pnpm conformance` runs it: every client scenario of both pinned suites.
// Green means every scenario passed or is an expected failure, and no expected failure passed.
describe('pnpm conformance', () => {
  // A safety net, not a speed check: alone it takes about 2 minutes, beside the other suites on 2 cores 5 or more.
  it('runs every client scenario of both suites with no unexpected result', {
    timeout: 900_000,
  }, async () => {
    const child = spawn(process.execPath, [runner], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    const [code] = await once(child, 'exit');
    console.log(output);
    expect(code, output).toBe(0);
    expect(output).toMatch(/^\d+ passed, 0 failed$/m);
  });
});
