import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { everythingBin } from '@org/mcp-demo-servers';
import { expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
// The official server-everything over stdio, from its installed bin.
const entry = { command: process.execPath, args: [everythingBin(), 'stdio'] };

it('--watch reloads the config file live when it is saved, and says why a bad save is refused', {
  timeout: 120_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-watch-'));
  const file = join(dir, 'mcp_servers.json');
  const save = (config: object) => {
    writeFileSync(`${file}.tmp`, JSON.stringify(config));
    renameSync(`${file}.tmp`, file);
  };
  save({ mcpServers: { one: entry } });
  const child = spawn(process.execPath, [cli, '--config', file, '--watch'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = createInterface({ input: child.stdout });
  const seen: string[] = [];
  lines.on('line', (text) => seen.push(text));
  child.stderr.on('data', (chunk: Buffer) => seen.push(`stderr: ${chunk}`));
  /** Resolves with the first line from now on that matches; a deadline (not a speed) turns a hang into a report. */
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`no line matching ${pattern}`)), 30_000);
      const onLine = (text: string) => {
        if (!pattern.test(text)) return;
        clearTimeout(deadline);
        lines.off('line', onLine);
        resolve(text);
      };
      lines.on('line', onLine);
    });
  try {
    await line(/^Watching/);
    const added = line(/config reloaded/);
    save({ mcpServers: { one: entry, two: entry } });
    expect(await added).toMatch(/config reloaded: added two; kept one/);
    const refused = line(/config change refused/);
    save({ mcpServers: { one: entry, two: { transport: 'http', url: 'not a url' } } });
    expect(await refused).toMatch(/running config stays: .*MCP config/);
    const removed = line(/config reloaded/);
    save({ mcpServers: { two: entry } });
    expect(await removed).toMatch(/config reloaded: removed one; kept two/);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${seen.join('\n')}`);
  } finally {
    child.kill('SIGINT');
  }
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
});
